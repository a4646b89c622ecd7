// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "app/demowindow.h"
#include "backups/backupsdialog.h"
#include "services/dailybackups.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace citygrid;
using namespace Qt::Literals::StringLiterals;

/// File ▸ Backups…: daily backups kept and rotated, and a restore that checks before it replaces.
class TestBackupsDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    CaseSession &session() { return m_window->cases()->session(); }
    qint64 cases()
    {
        auto q =
            Statement::prepare(session().context().store().db(), u"SELECT count(*) FROM cases"_s);
        return q && q.value().step() ? q.value().integer(0) : -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString path = m_dir.filePath(u"kept.gpkg"_s);
        const QDateTime now(QDate(2026, 12, 5), QTime(10, 0), QTimeZone(8 * 3600));
        QVERIFY(testutil::demoStore(path, 120, 5, now));
        auto context = AppContext::open(path);
        QVERIFY(context);
        m_window = std::make_unique<MainWindow>(std::move(context).value());
        session().setClock([now] { return now; });
    }

    void onlyTheBackupRightChangesAnything()
    {
        session().setUserId(u"op01"_s);
        BackupsDialog dialog(session());
        QVERIFY(!dialog.keepBox()->isEnabled());
        QVERIFY(!dialog.restoreButton()->isEnabled());
        QVERIFY(dialog.statusLabel()->text().contains(u"Administrator"_s));
        // and the core says the same whoever asks
        auto refused =
            DailyBackups::setKeep(session().context().store().db(), session().acting(), 3);
        QCOMPARE(refused.error().code, QStringLiteral("permission.right"));
        QCOMPARE(DailyBackups::keep(session().context().store().db()), DailyBackups::defaultKeep);
    }

    void backupsAreKeptAndRotated()
    {
        session().setUserId(u"admin01"_s);
        BackupsDialog dialog(session());
        dialog.backUpNow();
        dialog.waitForWork();
        QCOMPARE(dialog.table()->rowCount(), 1);
        QCOMPARE(dialog.table()->item(0, BackupsDialog::Day)->text(), u"2026-12-05"_s);
        const QString written =
            dialog.table()->item(0, BackupsDialog::Day)->data(Qt::UserRole).toString();
        QVERIFY(!(QFile::permissions(written) & (QFile::ReadGroup | QFile::ReadOther)));
        QVERIFY(!(QFile::permissions(DailyBackups::folderFor(session().context().storePath())) &
                  (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther)));
        dialog.keepBox()->setValue(2);
        dialog.saveKeep();
        QCOMPARE(DailyBackups::keep(session().context().store().db()), 2);
        // three days of backups earlier than today's: the oldest go
        for (int days : {3, 2, 1})
            QVERIFY(DailyBackups::ensure(session().context().store().db(),
                                         QDate(2026, 12, 5).addDays(-days)));
        const auto kept = DailyBackups::list(session().context().storePath());
        QCOMPARE(kept.size(), 2);
        QCOMPARE(kept[0].day, QDate(2026, 12, 5));
        QCOMPARE(kept[1].day, QDate(2026, 12, 4));
        // the same day again writes nothing new
        QCOMPARE(DailyBackups::ensure(session().context().store().db(), QDate(2026, 12, 5)).value(),
                 QString());
    }

    void restoreBringsTheBackupBack()
    {
        session().setUserId(u"admin01"_s);
        const qint64 atBackup = cases();
        session().setUserId(u"op01"_s);
        NewCase input;
        input.categoryId = u"E0102"_s;
        input.lonLat = QPointF(114.05, 22.54);
        input.channel = u"hotline"_s;
        {
            auto cell = Statement::prepare(session().context().store().db(),
                                           u"SELECT code FROM cells ORDER BY code LIMIT 1"_s);
            QVERIFY(cell.value().step().value());
            input.cellCode = cell.value().text(0);
        }
        auto reported = session().report(input);
        QVERIFY2(reported, qPrintable(reported ? QString() : reported.error().toText()));
        QCOMPARE(cases(), atBackup + 1);
        session().setUserId(u"admin01"_s);
        BackupsDialog dialog(session());
        QSignalSpy restored(&dialog, &BackupsDialog::restored);
        dialog.table()->selectRow(0);
        dialog.restoreSelected(true);
        dialog.waitForWork();
        QVERIFY2(restored.count() == 1, qPrintable(dialog.statusLabel()->text()));
        QCOMPARE(cases(), atBackup);
        QVERIFY2(dialog.statusLabel()->text().contains(u"is in place"_s),
                 qPrintable(dialog.statusLabel()->text()));
        // an edited backup is refused, naming what was changed, and the store stays
        const QString path =
            dialog.table()->item(0, BackupsDialog::Day)->data(Qt::UserRole).toString();
        {
            auto db = SqliteDb::open(path);
            QVERIFY(db.value()->exec(u"UPDATE case_events SET actor = 'ld01' WHERE id = 5"_s));
        }
        dialog.restoreSelected(true);
        dialog.waitForWork();
        QCOMPARE(restored.count(), 1);
        QVERIFY2(dialog.statusLabel()->text().contains(u"Changed after it was written"_s),
                 qPrintable(dialog.statusLabel()->text()));
        QCOMPARE(cases(), atBackup);
    }
};

QTEST_MAIN(TestBackupsDialog)
#include "tst_backupsdialog.moc"
