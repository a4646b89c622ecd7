// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "../testutil.h"
#include "gridimport.h"
#include "importgriddialog.h"

#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace citygrid;

/// The import dialog as a user drives it: check, read the problems, import only a clean file.
class TestImportGridDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_store = m_dir.filePath(QStringLiteral("dialog.gpkg"));
        QVERIFY(GridImport::ensureStore(m_store, QStringLiteral(":/data/futian")).ok());
    }
    void badFileCannotBeImported()
    {
        const QByteArray before = testutil::fileDigest(m_store);
        ImportGridDialog dialog(m_store);
        dialog.show();
        dialog.setFile(QStringLiteral(CITYGRID_TEST_DATA "/grids/bad_overlap.geojson"));
        dialog.check();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
        QVERIFY(hasErrors(dialog.report().issues));
        auto *table = dialog.findChild<QTableWidget *>();
        QVERIFY(table && table->rowCount() >= 1);
        QVERIFY(table->item(0, 2)->text().startsWith(QStringLiteral("4403040100")));
        auto *importButton = dialog.findChild<QPushButton *>(QStringLiteral("importButton"));
        QVERIFY(!importButton->isEnabled());
        QCOMPARE(testutil::fileDigest(m_store), before);
    }
    void cleanFileIsImported()
    {
        ImportGridDialog dialog(m_store);
        dialog.show();
        dialog.setFile(QStringLiteral(CITYGRID_TEST_DATA "/grids/good_gbk.shp"));
        dialog.check();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
        QVERIFY(!hasErrors(dialog.report().issues));
        auto *importButton = dialog.findChild<QPushButton *>(QStringLiteral("importButton"));
        QVERIFY(importButton->isEnabled());
        importButton->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.imported(), 20000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestImportGridDialog)
#include "tst_importgriddialog.moc"
