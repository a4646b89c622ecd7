// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "store/sqlitedb.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace citygrid;

/// Several citygrid processes writing one store at once, as the workstations of a centre do: a
/// large case import, operators reporting, filing and dispatching, and a sync package from an
/// office arriving meanwhile. Afterwards every write a process acknowledged (printed) is in the
/// store and SQLite's integrity check passes. Bounded: each process has a deadline.
class TestStoreConcurrency : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    testutil::CitygridRun run(const QStringList &arguments)
    {
        return testutil::runCitygrid(QStringLiteral(CITYGRID_EXECUTABLE), arguments, m_dir.path());
    }
    std::unique_ptr<QProcess> start(const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("CITYGRID_PASSWORD"), testutil::demoPassword());
        process->setProcessEnvironment(env);
        process->start(QStringLiteral(CITYGRID_EXECUTABLE), arguments);
        return process;
    }

    /// A CSV of `copies` times the cases of a small demo store (the same rows again and again, as
    /// a district's yearly file would be large).
    QString bigCsv(int copies)
    {
        const QString demo = path(QStringLiteral("source.gpkg"));
        const QString csv = path(QStringLiteral("source.csv"));
        if (run({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("2000"),
                 QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--store"), demo})
                .status != 0)
            return {};
        if (run({QStringLiteral("cases"), QStringLiteral("export"), QStringLiteral("--format"),
                 QStringLiteral("csv"), QStringLiteral("--out"), csv, QStringLiteral("--store"),
                 demo})
                .status != 0)
            return {};
        QFile in(csv);
        if (!in.open(QIODevice::ReadOnly))
            return {};
        const QByteArray header = in.readLine();
        // without their uuids, so every copy is a new report
        QByteArray rows = in.readAll();
        rows = QString::fromUtf8(rows)
                   .replace(QRegularExpression(QStringLiteral("^(\"[^\"]*\"),[0-9a-f-]{36},"),
                                               QRegularExpression::MultilineOption),
                            QStringLiteral("\\1,,"))
                   .toUtf8();
        const QString big = path(QStringLiteral("big.csv"));
        QFile out(big);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(header);
        for (int i = 0; i < copies; ++i)
            out.write(rows);
        return big;
    }

    /// A package from a field office with `count` cases reported there, for `centre`.
    QString officePackage(const QString &centre, int count, QStringList &numbers)
    {
        const QString office = path(QStringLiteral("office.gpkg"));
        const auto ok = [&](const QStringList &arguments) {
            const auto r = run(arguments);
            if (r.status != 0)
                qWarning() << arguments << r.err;
            return r.status == 0;
        };
        const QString store = QStringLiteral("--store");
        const QString user = QStringLiteral("--user");
        const QString op = QStringLiteral("op01");
        if (!ok({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("0"), store,
                 office}) ||
            !ok({QStringLiteral("sync"), QStringLiteral("setup"), QStringLiteral("--name"),
                 QStringLiteral("centre"), store, centre, user, op}) ||
            !ok({QStringLiteral("sync"), QStringLiteral("setup"), QStringLiteral("--name"),
                 QStringLiteral("office"), QStringLiteral("--prefix"), QStringLiteral("YL"), store,
                 office, user, op}) ||
            !ok({QStringLiteral("sync"), QStringLiteral("card"), QStringLiteral("--out"),
                 path(QStringLiteral("centre.card")), store, centre}) ||
            !ok({QStringLiteral("sync"), QStringLiteral("card"), QStringLiteral("--out"),
                 path(QStringLiteral("office.card")), store, office}) ||
            !ok({QStringLiteral("sync"), QStringLiteral("peer-add"),
                 path(QStringLiteral("office.card")), store, centre, user, op}) ||
            !ok({QStringLiteral("sync"), QStringLiteral("peer-add"),
                 path(QStringLiteral("centre.card")), store, office, user, op}))
            return {};
        for (int i = 0; i < count; ++i) {
            const auto r = run({QStringLiteral("cases"), QStringLiteral("report"),
                                QStringLiteral("--category"), QStringLiteral("E0102"),
                                QStringLiteral("--lon"), QStringLiteral("114.06"),
                                QStringLiteral("--lat"), QStringLiteral("22.55"),
                                QStringLiteral("--user"), QStringLiteral("op01"),
                                QStringLiteral("--json"), store, office});
            if (r.status != 0)
                return {};
            numbers.append(QJsonDocument::fromJson(r.out.toUtf8())
                               .object()[QLatin1String("case_no")]
                               .toString());
        }
        const QString package = path(QStringLiteral("office.cgsync"));
        if (!ok({QStringLiteral("sync"), QStringLiteral("export"), QStringLiteral("--to"),
                 QStringLiteral("centre"), QStringLiteral("--out"), package, store, office, user,
                 op}))
            return {};
        return package;
    }

    /// One operator's shell loop: report a case, file it, dispatch it; `acknowledged` gets the
    /// state each case reached by a step whose command said it succeeded.
    static QString workerScript(const QString &store, int cases)
    {
        return QStringLiteral(
                   "for i in $(seq %2); do\n"
                   "  out=$(\"%1\" cases report --category E0102 --lon 114.05 --lat 22.54 "
                   "--user op01 --json --store \"%3\" 2>>err) || { echo busy; continue; }\n"
                   "  no=$(printf '%s' \"$out\" | sed -n 's/.*\"case_no\":\"\\([^\"]*\\)\".*/\\1/p')\n"
                   "  echo \"$no reported\"\n"
                   "  \"%1\" cases step \"$no\" file --user op01 --store \"%3\" >/dev/null "
                   "2>>err && echo \"$no filed\"\n"
                   "  \"%1\" cases step \"$no\" dispatch --user op01 --store \"%3\" >/dev/null "
                   "2>>err && echo \"$no dispatched\"\n"
                   "done\n")
            .arg(QStringLiteral(CITYGRID_EXECUTABLE))
            .arg(cases)
            .arg(store);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void concurrentWritersLoseNothing()
    {
        const QString store = path(QStringLiteral("centre.gpkg"));
        QCOMPARE(run({QStringLiteral("demo"), QStringLiteral("--cases"), QStringLiteral("0"),
                      QStringLiteral("--store"), store})
                     .status,
                 0);
        const QString csv = bigCsv(20); // 40,000 rows: the import holds the writer's lock a while
        QVERIFY(!csv.isEmpty());
        QStringList officeNumbers;
        const QString package = officePackage(store, 10, officeNumbers);
        QVERIFY(!package.isEmpty());
        QCOMPARE(officeNumbers.size(), 10);

        QElapsedTimer clock;
        clock.start();
        auto import = start({QStringLiteral("cases"), QStringLiteral("import"), csv,
                             QStringLiteral("--user"), QStringLiteral("op01"),
                             QStringLiteral("--lang"), QStringLiteral("en"),
                             QStringLiteral("--store"), store});
        std::vector<std::unique_ptr<QProcess>> workers;
        for (int w = 0; w < 3; ++w) {
            auto worker = std::make_unique<QProcess>();
            worker->setWorkingDirectory(m_dir.path());
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
            env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
            env.insert(QStringLiteral("CITYGRID_PASSWORD"), testutil::demoPassword());
            worker->setProcessEnvironment(env);
            worker->start(QStringLiteral("bash"),
                          {QStringLiteral("-c"), workerScript(store, 6)});
            workers.push_back(std::move(worker));
        }
        QTest::qWait(300);
        auto syncImport =
            start({QStringLiteral("sync"), QStringLiteral("import"), package,
                   QStringLiteral("--user"), QStringLiteral("op01"), QStringLiteral("--lang"),
                   QStringLiteral("en"), QStringLiteral("--store"), store});

        QVERIFY(import->waitForFinished(180000));
        QVERIFY(syncImport->waitForFinished(180000));
        QHash<QString, QString> acknowledged; // case number -> last state a step reported done
        int busy = 0;
        for (auto &worker : workers) {
            QVERIFY(worker->waitForFinished(180000));
            const QStringList lines =
                QString::fromUtf8(worker->readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
            for (const QString &line : lines) {
                if (line == QLatin1String("busy")) {
                    ++busy;
                    continue;
                }
                const QStringList parts = line.split(u' ');
                QCOMPARE(parts.size(), 2);
                acknowledged[parts[0]] = parts[1];
            }
        }
        qInfo("writers done in %lld ms; %lld reports acknowledged, %d refused as busy",
              qint64(clock.elapsed()), qint64(acknowledged.size()), busy);

        const QString importOut = QString::fromUtf8(import->readAllStandardOutput());
        const QString importErr = QString::fromUtf8(import->readAllStandardError());
        QVERIFY2(import->exitCode() == 0 || importErr.contains(QStringLiteral("busy")),
                 qPrintable(importErr));
        const QString syncErr = QString::fromUtf8(syncImport->readAllStandardError());
        QVERIFY2(syncImport->exitCode() == 0 || syncErr.contains(QStringLiteral("busy")),
                 qPrintable(syncErr));
        QVERIFY(!acknowledged.isEmpty());

        auto db = SqliteDb::open(store, SqliteDb::Mode::ReadOnly);
        QVERIFY(db);
        auto check = Statement::prepare(*db.value(), QStringLiteral("PRAGMA integrity_check"));
        QVERIFY(check);
        QVERIFY(check.value().step().value());
        QCOMPARE(check.value().text(0), QStringLiteral("ok"));

        auto state = Statement::prepare(
            *db.value(), QStringLiteral("SELECT state FROM cases WHERE case_no = ?1"));
        QVERIFY(state);
        for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
            state.value().reset();
            state.value().bind(1, it.key());
            QVERIFY2(state.value().step().value(), qPrintable(it.key() + QStringLiteral(" lost")));
            QCOMPARE(state.value().text(0), it.value());
        }
        const auto count = [&](const QString &sql) {
            auto q = Statement::prepare(*db.value(), sql);
            return q && q.value().step().value() ? q.value().integer(0) : -1;
        };
        if (import->exitCode() == 0) {
            QVERIFY2(importOut.contains(QStringLiteral("40000")), qPrintable(importOut));
            QCOMPARE(count(QStringLiteral("SELECT count(*) FROM cases WHERE description LIKE "
                                          "'%（演示案件）'")),
                     40000);
        }
        if (syncImport->exitCode() == 0)
            for (const QString &number : std::as_const(officeNumbers)) {
                state.value().reset();
                state.value().bind(1, number);
                QVERIFY2(state.value().step().value(), qPrintable(number + QStringLiteral(" lost")));
            }
        // every case row is the projection of events that are there
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 "
                                      "FROM case_events e WHERE e.case_uuid = c.uuid)")),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestStoreConcurrency)
#include "tst_storeconcurrency.moc"
