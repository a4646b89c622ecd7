// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "audit/recordchain.h"

#include "audit/sitekey.h"
#include "store/store.h"
#include "store/storeschema.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace citygrid {

namespace {

const char *const linkColumns = "site_id, stream, seq, ref, about, content, prev, hash";

ChainLink readLink(const Statement &q)
{
    return {q.text(0), q.text(1), q.integer(2), q.text(3),
            q.text(4), q.text(5), q.text(6),    q.text(7)};
}

QStringList valuesFrom(const Statement &q, int first, int count)
{
    QStringList values;
    values.reserve(count);
    for (int i = 0; i < count; ++i)
        values << q.text(first + i);
    return values;
}

} // namespace

RecordChain::RecordChain(SqliteDb &db)
    : m_db(db), m_siteId(Store::meta(db, storeschema::keySiteId()))
{
}

Result<ChainLink> RecordChain::last(const RecordStream &stream)
{
    auto q = Statement::prepare(m_db, QStringLiteral("SELECT %1 FROM record_chain WHERE site_id = "
                                                     "?1 AND stream = ?2 ORDER BY seq DESC LIMIT 1")
                                          .arg(QLatin1String(linkColumns)));
    if (!q)
        return q.error();
    q.value().bind(1, m_siteId).bind(2, stream.id);
    auto row = q.value().step();
    if (!row)
        return row.error();
    if (row.value())
        return readLink(q.value());
    return ChainLink{m_siteId, stream.id, 0, {}, {}, {}, {}, {}};
}

Result<Statement> RecordChain::prepareInsert() const
{
    return Statement::prepare(
        m_db, QStringLiteral("INSERT INTO record_chain (%1) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                             "?8)")
                  .arg(QLatin1String(linkColumns)));
}

Result<void> RecordChain::insert(Statement &q, const ChainLink &link)
{
    q.bind(1, link.siteId).bind(2, link.stream).bind(3, link.seq).bind(4, link.ref);
    q.bind(5, link.about).bind(6, link.content).bind(7, link.prev).bind(8, link.hash);
    return q.run();
}

Result<void> RecordChain::append(Statement &insertLink, ChainLink &tail, const QString &ref,
                                 const QString &about, const QStringList &values, bool keepContent)
{
    ChainLink link{m_siteId, tail.stream, tail.seq + 1, ref, about, {}, tail.hash, {}};
    if (keepContent && !values.isEmpty())
        link.content = recordstreams::contentText(values);
    link.hash = recordstreams::chainHash(link.prev, link.siteId, link.stream, link.seq, link.ref,
                                         recordstreams::canonical(values));
    if (auto r = insert(insertLink, link); !r)
        return r;
    tail = link;
    return {};
}

QByteArray RecordChain::signedByThisSite(const ChainHead &head)
{
    // the key file is read once per chain object (a bulk write seals many rows, signs once)
    if (!m_keyRead) {
        m_keyRead = true;
        if (auto key = SiteKey::ensure(m_db))
            m_key = std::move(key).value();
    }
    return m_key
               ? m_key->sign(recordstreams::headText(head.siteId, head.stream, head.seq, head.hash))
               : QByteArray();
}

Result<void> RecordChain::storeHead(const ChainHead &head)
{
    auto q = Statement::prepare(m_db, QStringLiteral("INSERT OR REPLACE INTO record_heads "
                                                     "(site_id, stream, seq, hash, signature, "
                                                     "vouch) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    if (!q)
        return q.error();
    q.value().bind(1, head.siteId).bind(2, head.stream).bind(3, head.seq).bind(4, head.hash);
    // Without the key (a copied store) a signature stays empty, and the check says so.
    const auto bindSignature = [&q](int index, const QByteArray &signature) {
        if (signature.isEmpty())
            q.value().bindNull(index);
        else
            q.value().bind(index, QString::fromLatin1(signature.toBase64()));
    };
    bindSignature(5, head.signature);
    bindSignature(6, head.vouch);
    return q.value().run();
}

Result<void> RecordChain::signHead(const ChainLink &tail)
{
    ChainHead head{tail.siteId, tail.stream, tail.seq, tail.hash, {}, {}};
    head.signature = signedByThisSite(head);
    return storeHead(head);
}

Result<int> RecordChain::sealEach(const RecordStream &stream, Statement &rows)
{
    auto tail = last(stream);
    if (!tail)
        return tail.error();
    auto insertLink = prepareInsert();
    if (!insertLink)
        return insertLink.error();
    const int count = int(stream.columns.size());
    int sealed = 0;
    for (;; ++sealed) {
        auto row = rows.step();
        if (!row)
            return row.error();
        if (!row.value())
            break;
        // a state row that is gone (sealState) has no content: its first column is never null
        const bool removed = !stream.events && rows.isNull(2);
        if (auto r = append(insertLink.value(), tail.value(), rows.text(0), rows.text(1),
                            removed ? QStringList() : valuesFrom(rows, 2, count), !stream.events);
            !r)
            return r.error();
    }
    if (sealed > 0)
        if (auto r = signHead(tail.value()); !r)
            return r.error();
    return sealed;
}

Result<void> RecordChain::sealRows(const RecordStream &stream, qint64 firstRowId, qint64 lastRowId)
{
    if (lastRowId < firstRowId)
        return {};
    Transaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r;
    auto rows = Statement::prepare(
        m_db, stream.select() + QStringLiteral(" WHERE t.id BETWEEN ?1 AND ?2 ORDER BY t.id"));
    if (!rows)
        return rows.error();
    rows.value().bind(1, firstRowId).bind(2, lastRowId);
    if (auto r = sealEach(stream, rows.value()); !r)
        return r.error();
    return tx.commit();
}

Result<void> RecordChain::sealLastRow(const RecordStream &stream)
{
    const qint64 id = m_db.lastInsertId();
    return sealRows(stream, id, id);
}

Result<void> RecordChain::sealState(const RecordStream &stream, const QString &key)
{
    Transaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r;
    // the row as it is now, or, when it is gone, its key with no content
    auto row = Statement::prepare(
        m_db, stream.select() + QStringLiteral(" WHERE %1 = ?1 UNION ALL SELECT ?1, ?1%2 WHERE "
                                               "NOT EXISTS (SELECT 1 FROM %3 t WHERE %1 = ?1)")
                                    .arg(stream.keyExpr,
                                         QStringLiteral(", NULL").repeated(stream.columns.size()),
                                         stream.table));
    if (!row)
        return row.error();
    row.value().bind(1, key);
    if (auto r = sealEach(stream, row.value()); !r)
        return r.error();
    return tx.commit();
}

Result<void> RecordChain::adoptUnsealed()
{
    Transaction tx(m_db);
    if (auto r = tx.begin(); !r)
        return r;
    for (const RecordStream &stream : recordstreams::all()) {
        auto rows = Statement::prepare(
            m_db,
            stream.select() +
                QStringLiteral(" WHERE NOT EXISTS (SELECT 1 FROM record_chain c WHERE "
                               "c.stream = ?1 AND c.ref = %1) ORDER BY %2")
                    .arg(stream.keyExpr, stream.events ? QStringLiteral("t.id") : stream.keyExpr));
        if (!rows)
            return rows.error();
        rows.value().bind(1, stream.id);
        if (auto r = sealEach(stream, rows.value()); !r)
            return r.error();
    }
    return tx.commit();
}

Result<void> RecordChain::receive(const ChainLink &link)
{
    auto q = prepareInsert();
    if (!q)
        return q.error();
    return insert(q.value(), link);
}

Result<void> RecordChain::receiveHead(const ChainHead &head)
{
    // this site vouches for what it accepted (from a signed package of a registered peer)
    ChainHead vouched = head;
    vouched.vouch = signedByThisSite(head);
    return storeHead(vouched);
}

Result<void> RecordChain::vouchForeignHeads()
{
    QList<ChainHead> heads;
    auto q = Statement::prepare(m_db, QStringLiteral("SELECT site_id, stream, seq, hash, "
                                                     "signature FROM record_heads WHERE site_id "
                                                     "<> ?1"));
    if (!q)
        return q.error();
    q.value().bind(1, m_siteId);
    if (auto r = q.value().forEachRow([&](const Statement &s) {
            heads.append({s.text(0), s.text(1), s.integer(2), s.text(3),
                          QByteArray::fromBase64(s.text(4).toLatin1())});
        });
        !r)
        return r;
    for (const ChainHead &head : std::as_const(heads))
        if (auto r = receiveHead(head); !r)
            return r;
    return {};
}

Result<QList<ChainLink>> RecordChain::links(const SqliteDb &db, const QString &siteId,
                                            const QString &stream, qint64 fromSeq)
{
    auto q = Statement::prepare(db, QStringLiteral("SELECT %1 FROM record_chain WHERE site_id = "
                                                   "?1 AND stream = ?2 AND seq >= ?3 ORDER BY seq")
                                        .arg(QLatin1String(linkColumns)));
    if (!q)
        return q.error();
    q.value().bind(1, siteId).bind(2, stream).bind(3, fromSeq);
    QList<ChainLink> list;
    if (auto r = q.value().forEachRow([&](const Statement &s) { list.append(readLink(s)); }); !r)
        return r.error();
    return list;
}

Result<std::optional<ChainHead>> RecordChain::head(const SqliteDb &db, const QString &siteId,
                                                   const QString &stream)
{
    auto q = Statement::prepare(db, QStringLiteral("SELECT seq, hash, signature, vouch FROM "
                                                   "record_heads WHERE site_id = ?1 AND stream = "
                                                   "?2"));
    if (!q)
        return q.error();
    q.value().bind(1, siteId).bind(2, stream);
    auto row = q.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<ChainHead>();
    return std::optional<ChainHead>(
        ChainHead{siteId, stream, q.value().integer(0), q.value().text(1),
                  QByteArray::fromBase64(q.value().text(2).toLatin1()),
                  QByteArray::fromBase64(q.value().text(3).toLatin1())});
}

Result<std::optional<ChainLink>> RecordChain::linkOf(const SqliteDb &db, const QString &stream,
                                                     const QString &ref)
{
    auto q = Statement::prepare(db, QStringLiteral("SELECT %1 FROM record_chain WHERE stream = ?1 "
                                                   "AND ref = ?2 ORDER BY seq DESC LIMIT 1")
                                        .arg(QLatin1String(linkColumns)));
    if (!q)
        return q.error();
    q.value().bind(1, stream).bind(2, ref);
    auto row = q.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<ChainLink>();
    return std::optional<ChainLink>(readLink(q.value()));
}

} // namespace citygrid
