// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "sync/refrecords.h"

#include "audit/recordchain.h"
#include "store/store.h"
#include "store/storeschema.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid {

namespace {

const QString columns = QStringLiteral("kind, key, value, at, site_id, actor, clock, seq");

QString valueText(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return {};
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("v"), value}}).toJson(QJsonDocument::Compact));
}

QJsonValue valueFrom(const QString &text)
{
    if (text.isEmpty())
        return QJsonValue::Null;
    return QJsonDocument::fromJson(text.toUtf8()).object()[QLatin1String("v")];
}

QJsonObject clockJson(const QHash<QString, qint64> &clock)
{
    QJsonObject o;
    for (auto it = clock.cbegin(); it != clock.cend(); ++it)
        o.insert(it.key(), double(it.value()));
    return o;
}

QHash<QString, qint64> clockFrom(const QJsonObject &o)
{
    QHash<QString, qint64> clock;
    for (auto it = o.begin(); it != o.end(); ++it)
        clock.insert(it.key(), qint64(it.value().toDouble()));
    return clock;
}

/// True when `a` has seen every edit `b` has.
bool covers(const QHash<QString, qint64> &a, const QHash<QString, qint64> &b)
{
    for (auto it = b.cbegin(); it != b.cend(); ++it)
        if (a.value(it.key()) < it.value())
            return false;
    return true;
}

QHash<QString, qint64> joined(QHash<QString, qint64> a, const QHash<QString, qint64> &b)
{
    for (auto it = b.cbegin(); it != b.cend(); ++it)
        a[it.key()] = std::max(a.value(it.key()), it.value());
    return a;
}

/// Written later, the site id breaking a tie.
bool later(const RefRecords::Record &a, const RefRecords::Record &b)
{
    return a.at != b.at ? a.at > b.at : a.siteId > b.siteId;
}

RefRecords::Record recordFrom(const Statement &s)
{
    return {s.text(0),
            s.text(1),
            valueFrom(s.text(2)),
            s.text(3),
            s.text(4),
            s.text(5),
            clockFrom(QJsonDocument::fromJson(s.text(6).toUtf8()).object()),
            s.integer(7)};
}

} // namespace

QJsonObject RefRecords::Record::toJson() const
{
    return {{QStringLiteral("kind"), kind},
            {QStringLiteral("key"), key},
            {QStringLiteral("value"), value},
            {QStringLiteral("at"), at},
            {QStringLiteral("site_id"), siteId},
            {QStringLiteral("actor"), actor},
            {QStringLiteral("clock"), clockJson(clock)}};
}

std::optional<RefRecords::Record> RefRecords::Record::fromJson(const QJsonObject &o)
{
    Record r{o[QLatin1String("kind")].toString(),
             o[QLatin1String("key")].toString(),
             o[QLatin1String("value")],
             o[QLatin1String("at")].toString(),
             o[QLatin1String("site_id")].toString(),
             o[QLatin1String("actor")].toString(),
             clockFrom(o[QLatin1String("clock")].toObject()),
             0};
    if (r.kind.isEmpty() || r.key.isEmpty() || r.siteId.isEmpty() ||
        !QDateTime::fromString(r.at, Qt::ISODateWithMs).isValid() || r.clock.isEmpty() ||
        r.value.isUndefined())
        return std::nullopt;
    for (qint64 n : std::as_const(r.clock))
        if (n <= 0)
            return std::nullopt;
    return r;
}

QString RefRecords::stamp(const QDateTime &at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

Result<RefRecords::Record> RefRecords::put(const QString &kind, const QString &key,
                                           const QJsonValue &value, const QString &actor,
                                           const QDateTime &now)
{
    auto old = find(kind, key);
    if (!old)
        return old.error();
    Record r{kind, key, value, stamp(now), m_siteId, actor, {}, 0};
    if (old.value()) {
        r.clock = old.value()->clock;
        // later than the copy it replaces, whatever this machine's clock says
        const QDateTime previous = QDateTime::fromString(old.value()->at, Qt::ISODateWithMs);
        if (r.at <= old.value()->at)
            r.at = stamp(previous.addMSecs(1));
    }
    r.clock[m_siteId] += 1;
    auto seq = nextSeq();
    if (!seq)
        return seq.error();
    r.seq = seq.value();
    if (auto w = write(r); !w)
        return w.error();
    // a workstation's copy of the centre: the server settles the edit before it counts here
    if (m_upstream) {
        if (m_holding)
            m_held.append(r.toJson());
        else if (auto sent = m_upstream->publishRecords({r.toJson()}, r.key); !sent)
            return sent.error();
    } else if (const QString centre = Store::meta(m_db, storeschema::keyCentre());
               !centre.isEmpty())
        return Error{QStringLiteral("centre.local-write"),
                     tr("This is a workstation's copy of the centre (%1), opened without the "
                        "server: an edit would stay on this workstation alone, so it is not "
                        "taken; nothing was changed")
                         .arg(centre),
                     {}};
    return r;
}

Result<void> RefRecords::publishHeld(const QString &shown)
{
    m_holding = false;
    const QList<QJsonObject> held = std::exchange(m_held, {});
    if (held.isEmpty() || !m_upstream)
        return {};
    return m_upstream->publishRecords(held, shown);
}

Result<RefRecords::Merge> RefRecords::merge(const Record &incoming, const QString &packageSource,
                                            const QDateTime &now, QList<Conflict> *recorded)
{
    auto found = find(incoming.kind, incoming.key);
    if (!found)
        return found.error();
    auto seq = nextSeq();
    if (!seq)
        return seq.error();
    Record kept = incoming;
    kept.seq = seq.value();
    if (!found.value()) {
        if (auto w = write(kept); !w)
            return w.error();
        return Merge::Added;
    }
    const Record &local = *found.value();
    if (covers(local.clock, incoming.clock))
        return Merge::Kept;
    if (covers(incoming.clock, local.clock)) {
        if (auto w = write(kept); !w)
            return w.error();
        return Merge::Replaced;
    }
    // edited at two sites without either seeing the other's edit
    const bool incomingWins = later(incoming, local);
    Record lost = incomingWins ? local : incoming;
    if (!incomingWins)
        kept = local;
    kept.clock = joined(local.clock, incoming.clock);
    kept.seq = seq.value();
    if (auto w = write(kept); !w)
        return w.error();
    if (kept.value != lost.value) {
        auto q = Statement::prepare(
            m_db, QStringLiteral("INSERT INTO ref_conflicts (kind, key, kept_site, kept_at, "
                                 "kept_value, lost_site, lost_at, lost_value, package_source, "
                                 "recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
        if (!q)
            return q.error();
        q.value()
            .bind(1, kept.kind)
            .bind(2, kept.key)
            .bind(3, kept.siteId)
            .bind(4, kept.at)
            .bind(5, valueText(kept.value))
            .bind(6, lost.siteId)
            .bind(7, lost.at)
            .bind(8, valueText(lost.value))
            .bind(9, packageSource)
            .bind(10, stamp(now));
        if (auto r = q.value().run(); !r)
            return r.error();
        if (recorded)
            recorded->append({kept.kind, kept.key, kept.siteId, kept.at, lost.siteId, lost.at,
                              kept.value, lost.value, packageSource, stamp(now)});
    }
    return incomingWins ? Merge::ConflictWon : Merge::ConflictLost;
}

Result<std::optional<RefRecords::Record>> RefRecords::find(const QString &kind,
                                                           const QString &key) const
{
    auto q = Statement::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM ref_records WHERE kind = ?1 AND key = ?2").arg(columns));
    if (!q)
        return q.error();
    q.value().bind(1, kind).bind(2, key);
    auto row = q.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<Record>{};
    return std::optional<Record>{recordFrom(q.value())};
}

Result<QString> RefRecords::writtenAt(const QString &kind, const QString &key) const
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("SELECT at FROM ref_records WHERE kind = ?1 AND key = ?2"));
    if (!q)
        return q.error();
    q.value().bind(1, kind).bind(2, key);
    auto row = q.value().step();
    if (!row)
        return row.error();
    return row.value() ? q.value().text(0) : QString();
}

template <typename Value>
Result<QList<RefRecords::Record>> RefRecords::select(const QString &where, const Value &value) const
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("SELECT %1 FROM ref_records WHERE %2").arg(columns, where));
    if (!q)
        return q.error();
    q.value().bind(1, value);
    QList<Record> records;
    if (auto r = q.value().forEachRow([&](const Statement &s) { records.append(recordFrom(s)); });
        !r)
        return r.error();
    return records;
}

Result<QList<RefRecords::Record>> RefRecords::list(const QString &kind) const
{
    return select(QStringLiteral("kind = ?1 ORDER BY key"), kind);
}

Result<QList<RefRecords::Record>> RefRecords::changedSince(qint64 seq) const
{
    return select(QStringLiteral("seq > ?1 ORDER BY seq"), seq);
}

Result<QList<RefRecords::Conflict>> RefRecords::conflicts() const
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("SELECT kind, key, kept_site, kept_at, kept_value, lost_site, "
                             "lost_at, lost_value, package_source, recorded_at FROM ref_conflicts "
                             "ORDER BY id DESC"));
    if (!q)
        return q.error();
    QList<Conflict> list;
    if (auto r = q.value().forEachRow([&](const Statement &s) {
            list.append({s.text(0), s.text(1), s.text(2), s.text(3), s.text(5), s.text(6),
                         valueFrom(s.text(4)), valueFrom(s.text(7)), s.text(8), s.text(9)});
        });
        !r)
        return r.error();
    return list;
}

Result<void> RefRecords::write(const Record &r)
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("INSERT OR REPLACE INTO ref_records (%1) VALUES (?1, ?2, ?3, ?4, ?5, "
                             "?6, ?7, ?8)")
                  .arg(columns));
    if (!q)
        return q.error();
    const QString value = valueText(r.value);
    q.value().bind(1, r.kind).bind(2, r.key);
    if (value.isEmpty())
        q.value().bindNull(3);
    else
        q.value().bind(3, value);
    q.value()
        .bind(4, r.at)
        .bind(5, r.siteId)
        .bind(6, r.actor)
        .bind(7,
              QString::fromUtf8(QJsonDocument(clockJson(r.clock)).toJson(QJsonDocument::Compact)))
        .bind(8, r.seq);
    if (auto result = q.value().run(); !result)
        return result;
    return RecordChain(m_db).sealState(recordstreams::references(), r.kind + u'/' + r.key);
}

Result<qint64> RefRecords::nextSeq() const
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("SELECT coalesce(max(seq), 0) + 1 FROM ref_records"));
    if (!q)
        return q.error();
    auto row = q.value().step();
    if (!row)
        return row.error();
    return q.value().integer(0);
}

} // namespace citygrid
