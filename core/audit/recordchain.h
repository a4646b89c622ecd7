// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "audit/recordstreams.h"
#include "audit/sitekey.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>

#include <optional>

namespace citygrid {

/// One link of a site's chain: record `ref` of `stream` is number `seq` of `siteId`'s chain,
/// `hash` covering `prev` and the record's content (kept here for state rows, read from the
/// record's table for events); `about` names the record in reports (tab-separated).
struct ChainLink
{
    QString siteId, stream;
    qint64 seq = 0;
    QString ref, about, content, prev, hash;

    /// The content of a link of an event its site held back from this store (a case of another
    /// area than a field office's): its hash alone, so the chain reads unbroken.
    static QString withheldMark() { return QStringLiteral("withheld"); }
    bool isWithheld() const { return content == withheldMark(); }
};

/// The newest link of a site's chain of one kind and, when the site's key was at hand, its
/// Ed25519 signature: a rewritten chain cannot be signed again without the key.
struct ChainHead
{
    QString siteId, stream;
    qint64 seq = 0;
    QString hash;
    QByteArray signature;
    QByteArray vouch; ///< another site's head signed by this site on arrival
};

/// Seals what this site writes into its hash chains (table record_chain) and signs each chain's
/// head with the site's key (record_heads). Every writer calls it inside the transaction that
/// writes the records, so a record and its link are stored together or not at all. One
/// connection, one thread.
class RecordChain
{
    Q_DECLARE_TR_FUNCTIONS(RecordChain)
public:
    explicit RecordChain(SqliteDb &db);

    /// Seals the events of `stream` this write added, rows `firstRowId` to `lastRowId` in order.
    Result<void> sealRows(const RecordStream &stream, qint64 firstRowId, qint64 lastRowId);
    /// Seals the event this connection inserted last.
    Result<void> sealLastRow(const RecordStream &stream);
    /// Seals the new content of state row `key` of `stream` (or its removal).
    Result<void> sealState(const RecordStream &stream, const QString &key);
    /// Seals every record of the store that has no link yet, as this site's (on upgrading a
    /// store written before the chain existed: its history is sealed as it stood then).
    Result<void> adoptUnsealed();

    /// Another site's links and head as a sync package brings them (checked by the caller).
    Result<void> receive(const ChainLink &link);
    /// Stores another site's head, signed again by this site ("vouch": it accepted it).
    Result<void> receiveHead(const ChainHead &head);
    /// Vouches for the other sites' heads the store holds (on upgrading to schema 10).
    Result<void> vouchForeignHeads();

    /// The links of `siteId`'s chain of `stream` from `fromSeq` on, and its head.
    static Result<QList<ChainLink>> links(const SqliteDb &db, const QString &siteId,
                                          const QString &stream, qint64 fromSeq);
    static Result<std::optional<ChainHead>> head(const SqliteDb &db, const QString &siteId,
                                                 const QString &stream);
    /// The link that seals record `ref` of `stream`, if any.
    static Result<std::optional<ChainLink>> linkOf(const SqliteDb &db, const QString &stream,
                                                   const QString &ref);

private:
    Result<ChainLink> last(const RecordStream &stream);
    Result<Statement> prepareInsert() const;
    static Result<void> insert(Statement &insertLink, const ChainLink &link);
    Result<void> append(Statement &insertLink, ChainLink &tail, const QString &ref,
                        const QString &about, const QStringList &values, bool keepContent);
    Result<void> signHead(const ChainLink &tail);
    QByteArray signedByThisSite(const ChainHead &head);
    Result<void> storeHead(const ChainHead &head);
    /// Seals each row `rows` yields (key, about, content...) and signs the new head.
    Result<int> sealEach(const RecordStream &stream, Statement &rows);

    SqliteDb &m_db;
    QString m_siteId;
    std::optional<SiteKey> m_key; ///< this site's, once read (none: a copy without its key)
    bool m_keyRead = false;
};

} // namespace citygrid
