// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "casefixture.h"
#include "grid/gridimport.h"
#include "map/importgriddialog.h"
#include "testutil.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
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
        ImportGridDialog dialog(m_store, testutil::bundledRoles());
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
        ImportGridDialog dialog(m_store, testutil::bundledRoles());
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
    void replacementThatOrphansCasesIsAskedFirst()
    {
        const QString store = m_dir.filePath(QStringLiteral("cases.gpkg"));
        const auto demo = testutil::runCitygrid(
            QStringLiteral(CITYGRID_EXECUTABLE),
            {QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("200"),
             QStringLiteral("--months"), QStringLiteral("2"), QStringLiteral("--store"), store},
            m_dir.path());
        QVERIFY2(demo.status == 0, qPrintable(demo.err));
        const QByteArray before = testutil::fileDigest(store);
        for (const bool confirm : {false, true}) {
            ImportGridDialog dialog(store, testutil::bundledRoles());
            dialog.setUser(QStringLiteral("admin01")); // the store has the demo's accounts
            dialog.show();
            dialog.setFile(QStringLiteral(CITYGRID_TEST_DATA "/grids/good_cells.geojson"));
            dialog.check();
            QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
            // the import finds, on its worker, what the new grid does to the cases, then asks
            QString question;
            QTimer answer;
            connect(&answer, &QTimer::timeout, this, [&] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                if (!box)
                    return;
                answer.stop();
                question = box->informativeText();
                for (QAbstractButton *button : box->buttons())
                    if ((box->buttonRole(button) == QMessageBox::DestructiveRole) == confirm)
                        return button->click();
            });
            answer.start(20);
            dialog.findChild<QPushButton *>(QStringLiteral("importButton"))->click();
            QTRY_VERIFY_WITH_TIMEOUT(!question.isEmpty(), 20000);
            QVERIFY2(question.contains(QStringLiteral("200")), qPrintable(question));
            if (!confirm) {
                QTRY_VERIFY(!dialog.isBusy());
                QCOMPARE(testutil::fileDigest(store), before);
                continue;
            }
            QTRY_VERIFY_WITH_TIMEOUT(dialog.imported(), 20000);
            QCOMPARE(dialog.report().grid.cells.size(), 9);
        }
    }
};

QTEST_MAIN(TestImportGridDialog)
#include "tst_importgriddialog.moc"
