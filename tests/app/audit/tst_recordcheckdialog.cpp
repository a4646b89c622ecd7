// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "audit/recordcheckdialog.h"
#include "audit/sitekey.h"
#include "casefixture.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>

using namespace citygrid;
using namespace Qt::Literals::StringLiterals;

/// Help ▸ Verify records…: what the operator reads after the check.
class TestRecordCheckDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(u"checked.gpkg"_s);
        QVERIFY(testutil::demoStore(
            m_path, 150, 3, QDateTime(QDate(2026, 12, 4), QTime(9, 0), QTimeZone(8 * 3600))));
    }

    void anIntactStoreSaysSo()
    {
        RecordCheckDialog dialog(m_path);
        dialog.show();
        dialog.waitForResult();
        QVERIFY2(dialog.verdictLabel()->text().contains(u"The record is intact."_s),
                 qPrintable(dialog.verdictLabel()->text()));
        QVERIFY(dialog.findingsList()->isHidden());
    }

    void anEditedStepIsNamed()
    {
        const QString path = m_dir.filePath(u"edited.gpkg"_s);
        QVERIFY(QFile::copy(m_path, path));
        QVERIFY(QFile::copy(SiteKey::fileFor(m_path), SiteKey::fileFor(path)));
        QString caseNo;
        {
            auto db = SqliteDb::open(path);
            QVERIFY(db.value()->exec(u"UPDATE case_events SET note = 'fixed' WHERE id = 30;"
                                     "DELETE FROM case_events WHERE id = 200"_s));
            auto q = Statement::prepare(*db.value(), u"SELECT case_no FROM cases WHERE uuid = "
                                                     "(SELECT case_uuid FROM case_events WHERE id "
                                                     "= 30)"_s);
            QVERIFY(q.value().step().value());
            caseNo = q.value().text(0);
        }
        RecordCheckDialog dialog(path);
        dialog.show();
        dialog.waitForResult();
        QVERIFY(dialog.verdictLabel()->text().contains(u"altered past CityGrid"_s));
        QVERIFY(dialog.verdictLabel()->text().contains(caseNo));
        QTreeWidget *list = dialog.findingsList();
        QVERIFY(list->isVisible());
        QCOMPARE(list->topLevelItemCount(), 2); // in the chain's order
        QCOMPARE(list->topLevelItem(0)->text(0), u"Edited"_s);
        QVERIFY(list->topLevelItem(0)->text(1).contains(caseNo));
        QCOMPARE(list->topLevelItem(1)->text(0), u"Deleted"_s);
    }
};

QTEST_MAIN(TestRecordCheckDialog)
#include "tst_recordcheckdialog.moc"
