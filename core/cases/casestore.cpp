// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/casestore.h"

#include "audit/recordchain.h"

#include "accounts/accounts.h"

#include "base/geodesy.h"
#include "base/uuids.h"
#include "cases/casequery.h"
#include "cases/caserows.h"
#include "store/storeschema.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace citygrid {

namespace {

QString newUuid()
{
    return uuids::next();
}

/// A page cache of about 1 KiB per case for the length of a bulk load of many cases (1 GiB for
/// a million), the store's usual size after it.
class BulkCache
{
public:
    BulkCache(SqliteDb &db, qsizetype cases) : m_db(db), m_grown(cases > 100000)
    {
        if (m_grown)
            (void)m_db.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(cases));
    }
    ~BulkCache()
    {
        if (m_grown)
            (void)m_db.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(Store::cacheKiB));
    }
    BulkCache(const BulkCache &) = delete;
    BulkCache &operator=(const BulkCache &) = delete;

private:
    SqliteDb &m_db;
    bool m_grown;
};

Error notFound(const QString &uuid)
{
    return {QStringLiteral("case.not-found"), CaseStore::tr("There is no case %1").arg(uuid), {}};
}

} // namespace

Result<StepContext> CaseStore::context(const QString &userId, const QDateTime &at) const
{
    const QString site = m_store.meta(storeschema::keySiteId());
    auto actor = Accounts(m_store.db(), m_steps.workflow().roles(), site).actor(userId);
    if (!actor)
        return actor.error();
    return StepContext{std::move(actor).value(), at, site, newUuid()};
}

Result<QString> CaseStore::nextCaseNumber(const SqliteDb &db, QDate day, const QString &sitePrefix,
                                          int taken)
{
    const QString prefix = sitePrefix + day.toString(QStringLiteral("yyyyMMdd"));
    auto query = Statement::prepare(
        // A range on the unique index (LIKE would read every case): ':' sorts right after '9'.
        db, QStringLiteral("SELECT max(case_no) FROM %1 WHERE case_no > ?1 AND case_no < ?1 || ':'"
                           " AND length(case_no) = length(?1) + 4")
                .arg(storeschema::casesTable()));
    if (!query)
        return query.error();
    query.value().bind(1, prefix);
    if (auto row = query.value().step(); !row)
        return row.error();
    const int last = std::max(taken, query.value().text(0).mid(prefix.size()).toInt());
    if (last >= 9999)
        return Error{QStringLiteral("case.numbers-used-up"),
                     tr("Case numbers of %1 are used up: a day has at most 9,999 cases at one "
                        "site. Report it with the next day's time")
                         .arg(day.toString(QStringLiteral("yyyy-MM-dd"))),
                     {}};
    return prefix + QStringLiteral("%1").arg(last + 1, 4, 10, QLatin1Char('0'));
}

Result<void> CaseStore::write(CaseEvent event, const CaseRecord &record,
                              QList<CaseAttachment> attachments, int version)
{
    for (const CaseAttachment &a : std::as_const(attachments))
        if (auto r = CaseAttachments::check(a); !r)
            return r;
    auto writer = CaseRowWriter::prepare(m_store.db());
    if (!writer)
        return writer.error();
    // The event names its attachments, so the history says what came with each step.
    QJsonArray names;
    for (CaseAttachment &a : attachments) {
        a.uuid = a.uuid.isEmpty() ? newUuid() : a.uuid;
        a.caseUuid = record.uuid;
        a.eventUuid = event.uuid;
        names.append(
            QJsonObject{{QStringLiteral("uuid"), a.uuid}, {QStringLiteral("name"), a.name}});
        if (auto r = CaseAttachments::add(m_store.db(), a); !r)
            return r;
    }
    if (!names.isEmpty())
        event.payload.insert(QStringLiteral("attachments"), names);
    if (auto r = writer.value().appendEvent(event); !r)
        return r.error();
    const qint64 eventId = m_store.db().lastInsertId();
    if (auto r = writer.value().saveRow(record); !r)
        return r;
    if (auto r = RecordChain(m_store.db()).sealRows(recordstreams::cases(), eventId, eventId); !r)
        return r;
    // last: the step counts once the centre took it; a refusal rolls the local write back
    if (StoreUpstream *upstream = m_store.upstream())
        return upstream->publishStep(event, record, version, attachments);
    return {};
}

Result<QList<CaseAttachment>> CaseStore::attachments(const QString &caseUuid) const
{
    return CaseAttachments::list(m_store.db(), caseUuid);
}

Result<CaseRecord> CaseStore::report(const NewCase &input, const QString &userId,
                                     const QDateTime &at)
{
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    const QDate day = at.toOffsetFromUtc(8 * 3600).date();
    auto caseNo = m_store.upstream() ? m_store.upstream()->nextCaseNumber(day)
                                     : nextCaseNumber(m_store.db(), day,
                                                      m_store.meta(storeschema::keyCasePrefix()));
    if (!caseNo)
        return caseNo.error();
    auto acting = context(userId, at);
    if (!acting)
        return acting.error();
    auto event = m_steps.report(input, caseNo.value(), newUuid(), acting.value());
    if (!event)
        return event.error();
    const CaseRecord record = CaseRecord::project({event.value()});
    if (auto r = write(event.value(), record, input.attachments, 0); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return record;
}

Result<QString> CaseNumbers::next(QDate day)
{
    if (!m_next.contains(day)) {
        auto first = CaseStore::nextCaseNumber(m_db, day, m_prefix);
        if (!first)
            return first.error();
        m_next.insert(day, first.value().right(4).toInt());
    }
    if (m_next[day] > 9999)
        return CaseStore::nextCaseNumber(m_db, day, m_prefix, 9999); // the same refusal
    return m_prefix + day.toString(QStringLiteral("yyyyMMdd")) +
           QStringLiteral("%1").arg(m_next[day]++, 4, 10, QLatin1Char('0'));
}

Result<qint64> CaseStore::reportMany(const QList<DatedReport> &reports, const QString &userId,
                                     const Progress &progress)
{
    if (m_store.upstream())
        return Error{QStringLiteral("centre.bulk"),
                     tr("This store is a workstation's copy of the centre's: reports are taken "
                        "one at a time, each settled by the centre's server, and a bulk load is "
                        "not offered; nothing was loaded"),
                     {}};
    // A large load touches every page of the tables it grows; with too small a cache SQLite
    // spills them to the log and writes each again and again before the commit.
    const BulkCache bulkCache(m_store.db(), reports.size());
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    auto writer = CaseBulkWriter::begin(m_store.db());
    if (!writer)
        return writer.error();
    auto acting = context(userId, QDateTime());
    if (!acting)
        return acting.error();
    StepContext reporting = acting.value();
    CaseNumbers numbers(m_store.db(), m_store.meta(storeschema::keyCasePrefix()));
    // In time order, so case numbers run with the report times and every index grows at its end.
    QList<qsizetype> order(reports.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return reports[a].at < reports[b].at; });
    auto known = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT 1 FROM %1 WHERE uuid = ?1").arg(storeschema::casesTable()));
    if (!known)
        return known.error();
    qint64 written = 0;
    for (qsizetype n = 0; n < order.size(); ++n) {
        const qsizetype i = order[n];
        const DatedReport &report = reports[i];
        if (!report.uuid.isEmpty()) {
            known.value().bind(1, report.uuid);
            auto here = known.value().step();
            known.value().reset();
            if (!here)
                return here.error();
            if (here.value())
                continue;
        }
        const auto caseNo = numbers.next(report.at.toOffsetFromUtc(8 * 3600).date());
        if (!caseNo)
            return caseNo.error();
        reporting.at = report.at;
        reporting.eventUuid = newUuid();
        auto event = m_steps.report(report.input, caseNo.value(),
                                    report.uuid.isEmpty() ? newUuid() : report.uuid, reporting);
        if (!event)
            return Error{event.error().code,
                         tr("Report %1: %2").arg(i + 1).arg(event.error().message),
                         event.error().detail};
        if (auto r = writer.value().appendEvent(event.value()); !r)
            return r.error();
        if (auto r = writer.value().saveRow(CaseRecord::project({event.value()})); !r)
            return r.error();
        ++written;
        if (n % 2000 == 0 && !progress.report(tr("Writing cases"), double(n) / reports.size()))
            return Error{QStringLiteral("case.cancelled"),
                         tr("Cancelled; the store was left as it was"),
                         {}};
    }
    if (auto r = writer.value().finish(); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return written;
}

Result<CaseRecord> CaseStore::take(const QString &caseUuid, CaseStep step, const QString &userId,
                                   const QDateTime &at, const StepInput &input)
{
    // The history is read inside the write transaction: a step another workstation took a
    // moment ago is part of what this one is checked against.
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    auto events = history(caseUuid);
    if (!events)
        return events.error();
    auto acting = context(userId, at);
    if (!acting)
        return acting.error();
    auto event = m_steps.step(events.value(), step, acting.value(), input);
    if (!event)
        return event.error();
    const int version = int(events.value().size());
    events.value().append(event.value());
    const CaseRecord record = CaseRecord::project(events.value());
    if (auto r = write(event.value(), record, input.attachments, version); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return record;
}

Result<QList<CaseEvent>> CaseStore::history(const QString &caseUuid) const
{
    auto read = caserows::readHistory(m_store.db(), caseUuid);
    if (!read)
        return read.error();
    const QList<CaseEvent> &events = read.value();
    if (events.isEmpty())
        return notFound(caseUuid);
    return events;
}

Result<CaseRecord> CaseStore::find(const QString &caseUuid) const
{
    auto events = history(caseUuid);
    if (!events)
        return events.error();
    return CaseRecord::project(events.value());
}

Result<QList<CaseStore::Nearby>> CaseStore::possibleDuplicates(const NewCase &input,
                                                               double radiusMetres) const
{
    auto query = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT uuid, case_no, geom FROM %1 WHERE category_id = ?1 AND "
                       "state NOT IN ('closed', 'voided')")
            .arg(storeschema::casesTable()));
    if (!query)
        return query.error();
    query.value().bind(1, input.categoryId);
    QList<Nearby> nearby;
    const auto read = query.value().forEachRow([&](const Statement &q) {
        const auto point = caserows::pointFromGpkg(q.blob(2));
        if (!point)
            return;
        const double metres = sphericalDistance(input.lonLat, *point);
        if (metres <= radiusMetres)
            nearby.append({q.text(0), q.text(1), metres});
    });
    if (!read)
        return read.error();
    std::sort(nearby.begin(), nearby.end(),
              [](const Nearby &a, const Nearby &b) { return a.metres < b.metres; });
    return nearby;
}

Result<QString> CaseStore::resolve(const QString &uuidOrNumber) const
{
    auto query = Statement::prepare(
        m_store.db(), QStringLiteral("SELECT uuid FROM %1 WHERE uuid = ?1 OR case_no = ?1")
                          .arg(storeschema::casesTable()));
    if (!query)
        return query.error();
    query.value().bind(1, uuidOrNumber.trimmed());
    auto row = query.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return notFound(uuidOrNumber);
    return query.value().text(0);
}

Result<QList<CaseRecord>> CaseStore::list(const QString &stateId, int limit,
                                          const Account *reader) const
{
    CaseFilter filter;
    if (!stateId.isEmpty())
        filter.states = {stateId};
    if (reader)
        filter = filter.within(*reader);
    return CaseQuery(m_store.db(), filter, QDateTime::currentDateTime())
        .page(CaseQuery::Sort::Reported, false, 0, limit);
}

} // namespace citygrid
