// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/progress.h"
#include "store/sqlitedb.h"

#include <QCoreApplication>

namespace citygrid {

/// What the check of the record found wrong with one record or one chain.
struct AuditFinding
{
    enum class Kind {
        Edited,    ///< a record's content differs from what its link sealed
        Deleted,   ///< a sealed record is gone
        Inserted,  ///< a record no link seals (written past CityGrid)
        Reordered, ///< links missing or out of order: the chain is broken before this record
        Head,      ///< the chain's newest links differ from its signed head
        Unsigned,  ///< the head is not signed by the site's key, or its signature is false
    };
    Kind kind;
    QString stream, siteId;
    qint64 seq = 0;
    QString ref;
    QString message; ///< for the user: which record (case number, step, time) and what happened
};

/// The result of checking every chain of a store.
struct AuditReport
{
    qint64 records = 0; ///< links checked
    int chains = 0;
    int unverifiedHeads = 0;      ///< other sites' heads whose key this store does not know
    qint64 withheld = 0;          ///< links of other areas' events their site held back (ChainLink)
    /// What each chain shows, in its order (up to 20 a chain), then records added past it.
    QList<AuditFinding> findings;
    bool intact() const { return findings.isEmpty(); }
};

/// Checks the store's record against its hash chains (RecordChain): every link's hash, the order
/// of the links, every sealed record present and unchanged, no record without a link, every
/// state row as last sealed, and each chain's head signed by its site. Reads only; one thread.
class RecordAudit
{
    Q_DECLARE_TR_FUNCTIONS(RecordAudit)
public:
    static Result<AuditReport> verify(const SqliteDb &db, const Progress &progress = {});
    /// "case YL202611270001, dispatch of 2026-11-27 09:30" from a link's `about`.
    static QString describe(const QString &stream, const QString &about);
};

} // namespace citygrid
