// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// `citygrid bench --only centre`: simulated workstations of one centre on loopback, each with
// its own copy, its own connections and its own listener, taking a centre's mix of steps and
// reads for a while; what a step costs, how soon the others have it, and that every step the
// server acknowledged is there once.
#include "bench/benchutil.h"
#include "centre/centreaccounts.h"
#include "centre/centrelistener.h"
#include "centre/centreschema.h"
#include "centre/pgconnection.h"
#include "services/centreaddress.h"
#include "services/centresetup.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <unistd.h>

namespace citygrid::cli {

namespace {

const QString benchPassword = QStringLiteral("Bench-centre-2026x");

enum class Seat { Operator, Dispatcher, Unit, Inspector, Wall };

struct Place
{
    QString cell, category;
    QPointF lonLat;
};

/// What every simulated workstation records, under one lock.
struct Tally
{
    QMutex mutex;
    QElapsedTimer clock;
    QList<double> stepMs, readMs;
    QHash<QString, qint64> ackedAt;         ///< event id → when its step returned
    QList<std::pair<QString, qint64>> seen; ///< event id, when another copy had it
    int settled = 0;                        ///< steps the server gave to another workstation first
    int refusedHere = 0; ///< steps the copy's own rules refused (it had moved on)
    QStringList failures;
    int copies = 0, copiesMatching = 0;
    std::atomic<int> ready{0};   ///< workstations open and listening
    std::atomic<bool> go{false}; ///< all are: the mix starts
    std::atomic<bool> stopping{false};
    std::atomic<int> stopped{0};
    std::atomic<bool> quiet{false};
};

struct Plan
{
    QString uri; ///< the centre, no account
    QList<Place> places;
    int paceMs = 4000;
};

QString lastEventOf(AppContext &c, const QString &caseUuid)
{
    auto q = Statement::prepare(c.store().db(),
                                QStringLiteral("SELECT uuid FROM case_events WHERE case_uuid = ?1 "
                                               "ORDER BY id DESC LIMIT 1"));
    if (!q)
        return {};
    q.value().bind(1, caseUuid);
    auto row = q.value().step();
    return row && row.value() ? q.value().text(0) : QString();
}

/// One step on a case of `state` (picked among the newest, so workstations meet sometimes).
void stepOn(AppContext &c, Tally &tally, QRandomGenerator &rng, const QString &account,
            const QString &state, CaseStep step)
{
    auto list = c.cases().list(state, 12);
    if (!list || list.value().isEmpty())
        return;
    const CaseRecord &pick = list.value()[int(rng.bounded(list.value().size()))];
    StepInput input;
    if (step == CaseStep::Dispatch) {
        auto unit = c.cases().suggestedUnit(pick);
        if (!unit)
            return;
        input.unitId = unit.value()->id;
    }
    QElapsedTimer t;
    t.start();
    auto done = c.cases().take(pick.uuid, step, account, QDateTime::currentDateTime(), input);
    const double ms = double(t.nsecsElapsed()) / 1e6;
    const qint64 ack = tally.clock.nsecsElapsed();
    const QString event = done ? lastEventOf(c, pick.uuid) : QString();
    QMutexLocker lock(&tally.mutex);
    if (done) {
        tally.stepMs.append(ms);
        tally.ackedAt.insert(event, ack);
    } else if (done.error().code == QLatin1String("centre.stale")) {
        ++tally.settled;
    } else if (done.error().code.startsWith(QLatin1String("workflow."))) {
        ++tally.refusedHere;
    } else if (tally.failures.size() < 5) {
        tally.failures.append(done.error().toText());
    }
}

void report(AppContext &c, Tally &tally, QRandomGenerator &rng, const Plan &plan,
            const QString &account)
{
    const Place &p = plan.places[int(rng.bounded(plan.places.size()))];
    NewCase input{p.category, p.lonLat, p.cell, QStringLiteral("hotline"), QStringLiteral("bench"),
                  {},         {}};
    QElapsedTimer t;
    t.start();
    auto done = c.cases().report(input, account, QDateTime::currentDateTime());
    const double ms = double(t.nsecsElapsed()) / 1e6;
    const qint64 ack = tally.clock.nsecsElapsed();
    const QString event = done ? lastEventOf(c, done.value().uuid) : QString();
    QMutexLocker lock(&tally.mutex);
    if (done) {
        tally.stepMs.append(ms);
        tally.ackedAt.insert(event, ack);
    } else if (tally.failures.size() < 5) {
        tally.failures.append(done.error().toText());
    }
}

void act(AppContext &c, Tally &tally, QRandomGenerator &rng, const Plan &plan, Seat seat,
         const QString &account)
{
    {
        // every workstation reads its list, as the screen does after each change
        QElapsedTimer t;
        t.start();
        auto list = c.cases().list({}, 200);
        const double ms = double(t.nsecsElapsed()) / 1e6;
        QMutexLocker lock(&tally.mutex);
        if (list)
            tally.readMs.append(ms);
    }
    switch (seat) {
    case Seat::Operator: {
        const auto r = rng.bounded(10);
        if (r < 5)
            report(c, tally, rng, plan, account);
        else if (r < 8)
            stepOn(c, tally, rng, account, QStringLiteral("reported"), CaseStep::File);
        else
            stepOn(c, tally, rng, account, QStringLiteral("verified"), CaseStep::Close);
        break;
    }
    case Seat::Dispatcher:
        stepOn(c, tally, rng, account, QStringLiteral("filed"), CaseStep::Dispatch);
        break;
    case Seat::Unit:
        stepOn(c, tally, rng, account, QStringLiteral("dispatched"), CaseStep::Feedback);
        break;
    case Seat::Inspector:
        stepOn(c, tally, rng, account, QStringLiteral("handled"), CaseStep::VerifyPass);
        break;
    case Seat::Wall: { // the wall display: today's figures from the facts
        QElapsedTimer t;
        t.start();
        auto facts = c.facts(QDateTime::currentDateTime());
        const double ms = double(t.nsecsElapsed()) / 1e6;
        QMutexLocker lock(&tally.mutex);
        if (facts)
            tally.readMs.append(ms);
        break;
    }
    }
}

/// One workstation, on its own thread with its own event loop, until the tally says stop; then,
/// once every workstation has stopped, a last catch-up and a count against the server.
void workstation(Tally &tally, const Plan &plan, Seat seat, const QString &account, quint64 seed)
{
    auto opened = AppContext::openCentre(plan.uri, account, benchPassword);
    if (!opened) {
        QMutexLocker lock(&tally.mutex);
        tally.failures.append(opened.error().toText());
        ++tally.ready;
        ++tally.stopped;
        return;
    }
    AppContext &c = *opened.value();
    const auto pull = [&] {
        auto pulled = c.pullCentre();
        const qint64 now = tally.clock.nsecsElapsed();
        if (!pulled)
            return;
        QMutexLocker lock(&tally.mutex);
        for (const QString &id : pulled.value().eventIds)
            tally.seen.append({id, now});
    };
    auto listener = c.centre()->listener();
    QObject::connect(listener.get(), &CentreListener::changed, listener.get(), pull);
    listener->start();
    ++tally.ready;
    while (!tally.go)
        QThread::msleep(20);
    QRandomGenerator rng(seed);
    QEventLoop loop;
    QTimer tick;
    tick.setSingleShot(true);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (tally.stopping) {
            loop.quit();
            return;
        }
        act(c, tally, rng, plan, seat, account);
        tick.start(plan.paceMs / 2 + int(rng.bounded(plan.paceMs)));
    });
    tick.start(int(rng.bounded(plan.paceMs)));
    loop.exec();
    ++tally.stopped;
    while (!tally.quiet)
        QThread::msleep(50);
    pull();
    // the copy holds what the server lets this account see, all of it
    auto server =
        c.centre()->connection()->exec(QStringLiteral("SELECT count(*) FROM citygrid.case_events"));
    auto local =
        Statement::prepare(c.store().db(), QStringLiteral("SELECT count(*) FROM case_events"));
    const bool same = server && local && local.value().step() &&
                      server.value().integer(0, 0) == local.value().integer(0);
    QMutexLocker lock(&tally.mutex);
    ++tally.copies;
    tally.copiesMatching += same ? 1 : 0;
}

/// CPU seconds the server's processes (every session and the postmaster) have used so far, or -1
/// when they are not on this machine.
double serverCpuSeconds(PgConnection &owner)
{
    auto pids = owner.exec(QStringLiteral("SELECT pid FROM pg_stat_activity"));
    if (!pids)
        return -1;
    const auto stat = [](qint64 pid) -> QStringList {
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QString text = QString::fromLatin1(f.readAll());
        return text.mid(text.lastIndexOf(u')') + 2).split(u' ');
    };
    QSet<qint64> all;
    for (int i = 0; i < pids.value().rows(); ++i) {
        const qint64 pid = pids.value().integer(i, 0);
        all.insert(pid);
        const QStringList s = stat(pid);
        if (s.size() > 1)
            all.insert(s[1].toLongLong()); // the postmaster, parent of every session
    }
    double ticks = 0;
    bool any = false;
    for (const qint64 pid : all) {
        const QStringList s = stat(pid);
        if (s.size() < 13)
            continue;
        any = true;
        ticks += s[11].toDouble() + s[12].toDouble(); // utime, stime
    }
    return any ? ticks / double(sysconf(_SC_CLK_TCK)) : -1;
}

Result<void> runCentre(const QString &clusterUri, int workstations, int seconds, bool quick)
{
    // a database of its own, made and loaded as `citygrid centre init` does
    const QString database =
        QStringLiteral("cgbench_%1_%2").arg(QCoreApplication::applicationPid()).arg(workstations);
    auto owner = PgConnection::open(clusterUri);
    if (!owner)
        return owner.error();
    if (auto r =
            owner.value().run(QStringLiteral("CREATE DATABASE %1").arg(pgIdentifier(database)));
        !r)
        return r;
    QUrl url(clusterUri);
    url.setPath(u'/' + database);
    const auto dropAfter = qScopeGuard([&] {
        (void)owner.value().run(
            QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(pgIdentifier(database)));
        auto roles = owner.value().exec(
            QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY rolname "
                           "= $2"),
            {database + QStringLiteral(".%"), CentreSchema::staffRole(database)});
        for (int i = 0; roles && i < roles.value().rows(); ++i)
            (void)owner.value().run(
                QStringLiteral("DROP ROLE %1").arg(pgIdentifier(roles.value().text(i, 0))));
    });
    auto db = PgConnection::open(url.toString());
    if (!db)
        return db.error();
    if (auto made = centresetup::init(
            db.value(), {QStringLiteral("chief"), QStringLiteral("chief"), QStringLiteral("admin")},
            benchPassword);
        !made)
        return made.error();

    // where reports are made: a point in each cell, for categories whose unit has staff here
    Plan plan;
    plan.paceMs = quick ? 1500 : 4000;
    QUrl centre = url;
    centre.setUserName({});
    centre.setPassword({});
    plan.uri = centre.toString();
    auto admin = AppContext::openCentre(plan.uri, QStringLiteral("chief"), benchPassword);
    if (!admin)
        return admin.error();
    auto cells = db.value().exec(QStringLiteral(
        "SELECT code, ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) FROM "
        "citygrid.cells ORDER BY code"));
    if (!cells)
        return cells.error();
    QList<Seat> seats;
    for (int i = 0; i < workstations; ++i) {
        const int share = (i * 20) / workstations; // 40 % operators, 20 % dispatchers, …
        seats.append(i == 0       ? Seat::Wall
                     : share < 8  ? Seat::Operator
                     : share < 12 ? Seat::Dispatcher
                     : share < 17 ? Seat::Unit
                                  : Seat::Inspector);
    }
    const int unitSeats = int(std::count(seats.begin(), seats.end(), Seat::Unit));
    QStringList units;
    const QStringList categories{QStringLiteral("E0102"), QStringLiteral("C0101")};
    for (int i = 0; i < cells.value().rows(); ++i)
        for (const QString &category : categories) {
            CaseRecord probe;
            probe.categoryId = category;
            probe.cellCode = cells.value().text(i, 0);
            auto unit = admin.value()->cases().suggestedUnit(probe);
            if (!unit)
                continue;
            const QString id = unit.value()->id;
            if (!units.contains(id) && units.size() < std::max(1, unitSeats))
                units.append(id);
            if (units.contains(id))
                plan.places.append({probe.cellCode, category,
                                    QPointF(cells.value().text(i, 1).toDouble(),
                                            cells.value().text(i, 2).toDouble())});
        }
    if (plan.places.isEmpty())
        return Error{QStringLiteral("bench.places"), tr("No category has a unit here"), {}};
    QList<Account> people;
    QStringList names;
    int unitIndex = 0;
    for (int i = 0; i < workstations; ++i) {
        static const char *const roleOf[] = {"operator", "dispatcher", "unit_staff", "inspector",
                                             "leader"};
        const QString name = QStringLiteral("ws%1").arg(i + 1, 3, 10, QLatin1Char('0'));
        Account a{name, name, QString::fromLatin1(roleOf[int(seats[i])])};
        if (seats[i] == Seat::Unit)
            a.unitId = units[unitIndex++ % units.size()];
        people.append(a);
        names.append(name);
    }
    {
        auto chief = PgConnection::open(
            centreaddress::accountUri(plan.uri, QStringLiteral("chief")), benchPassword);
        if (!chief)
            return chief.error();
        // one hash for all: the bench measures steps, not Argon2
        for (const Account &a : people)
            if (auto r =
                    CentreAccounts(chief.value(), admin.value()->catalogues().roles)
                        .create(a, benchPassword, QStringLiteral("bench"),
                                QDateTime::currentDateTime(), &admin.value()->catalogues().units);
                !r)
                return r;
    }

    Tally tally;
    tally.clock.start();
    QList<QThread *> threads;
    for (int i = 0; i < workstations; ++i) {
        QThread *thread = QThread::create([&tally, &plan, seat = seats[i], name = names[i], i] {
            workstation(tally, plan, seat, name, quint64(i + 1) * 7919);
        });
        thread->start();
        threads.append(thread);
    }
    // every workstation open and listening before the mix starts and the clocks run
    while (tally.ready < workstations)
        QThread::msleep(50);
    const double cpuBefore = serverCpuSeconds(owner.value());
    const qint64 started = tally.clock.nsecsElapsed();
    tally.go = true;
    QThread::sleep(seconds);
    const double cpuAfter = serverCpuSeconds(owner.value());
    const double wall = double(tally.clock.nsecsElapsed() - started) / 1e9;
    tally.stopping = true;
    while (tally.stopped < workstations)
        QThread::msleep(50);
    QThread::msleep(1000); // the last notifications arrive
    tally.quiet = true;
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }

    // every acknowledged step on the server, once; versions without gaps
    QStringList acked = tally.ackedAt.keys();
    auto found = db.value().exec(
        QStringLiteral("SELECT count(*), count(DISTINCT uuid), count(*) FILTER (WHERE uuid = "
                       "ANY($1::text[])), (SELECT count(*) FROM (SELECT case_uuid FROM "
                       "citygrid.case_events GROUP BY case_uuid HAVING max(case_version) <> "
                       "count(*)) gaps) FROM citygrid.case_events"),
        {u'{' + acked.join(u',') + u'}'});
    if (!found)
        return found.error();
    QList<double> seenMs;
    int seenUnacked = 0;
    for (const auto &[id, at] : std::as_const(tally.seen)) {
        const auto ack = tally.ackedAt.constFind(id);
        if (ack == tally.ackedAt.cend()) {
            ++seenUnacked;
            continue;
        }
        seenMs.append(double(std::max<qint64>(0, at - ack.value())) / 1e6);
    }
    const QString label = tr("%1 workstations, %2 s").arg(workstations).arg(seconds);
    row(tr("Centre (%1): steps acknowledged").arg(label), tally.stepMs.size(), tr("steps"));
    row(tr("Centre (%1): step, median").arg(label), percentile(tally.stepMs, 0.5),
        QStringLiteral("ms"));
    row(tr("Centre (%1): step, 99th percentile").arg(label), percentile(tally.stepMs, 0.99),
        QStringLiteral("ms"));
    row(tr("Centre (%1): list or wall read, median").arg(label), percentile(tally.readMs, 0.5),
        QStringLiteral("ms"));
    row(tr("Centre (%1): until another copy has it, median").arg(label), percentile(seenMs, 0.5),
        QStringLiteral("ms"), tr("target under 1000 ms"));
    row(tr("Centre (%1): until another copy has it, 99th pct.").arg(label),
        percentile(seenMs, 0.99), QStringLiteral("ms"), tr("target under 1000 ms"));
    row(tr("Centre (%1): steps settled against (another came first)").arg(label), tally.settled,
        tr("steps"));
    const PgResult &f = found.value();
    row(tr("Centre (%1): events acknowledged / on the server").arg(label), acked.size(),
        QStringLiteral("/ %1").arg(f.integer(0, 0)));
    row(tr("Centre (%1): acknowledged and not found (lost)").arg(label),
        double(acked.size() - f.integer(0, 2)), tr("events"), tr("must be 0"));
    row(tr("Centre (%1): events twice or versions skipped").arg(label),
        double(f.integer(0, 0) - f.integer(0, 1) + f.integer(0, 3)), tr("events"), tr("must be 0"));
    row(tr("Centre (%1): copies equal to the server's view").arg(label), tally.copiesMatching,
        QStringLiteral("/ %1").arg(tally.copies));
    if (cpuBefore >= 0 && cpuAfter >= 0)
        row(tr("Centre (%1): server CPU (one core = 100)").arg(label),
            100.0 * (cpuAfter - cpuBefore) / wall, QStringLiteral("%"));
    for (const QString &failure : std::as_const(tally.failures))
        out() << tr("  failure: %1").arg(failure) << Qt::endl;
    Q_UNUSED(seenUnacked)
    return {};
}

} // namespace

Result<void> benchCentre(const QString &clusterUri, bool quick)
{
    if (clusterUri.isEmpty()) {
        out() << tr("Centre: skipped (give the URI scripts/centre start prints with --centre URI, "
                    "or CITYGRID_BENCH_CENTRE)")
              << Qt::endl;
        return {};
    }
    // the workstations' copies in a folder of the bench's, not the user's data
    QTemporaryDir copies;
    const QByteArray dataHome = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", copies.path().toUtf8());
    const auto restore = qScopeGuard([&] {
        if (dataHome.isEmpty())
            qunsetenv("XDG_DATA_HOME");
        else
            qputenv("XDG_DATA_HOME", dataHome);
    });
    const QList<int> sizes = quick ? QList<int>{4} : QList<int>{20, 100};
    for (const int n : sizes)
        if (auto r = runCentre(clusterUri, n, quick ? 15 : 120, quick); !r)
            return r;
    return {};
}

} // namespace citygrid::cli
