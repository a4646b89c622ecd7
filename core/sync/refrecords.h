// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "store/sqlitedb.h"
#include "store/storeupstream.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonValue>

#include <optional>

namespace citygrid {

/// Reference data a site edits and sync carries (table ref_records): one record per (kind, key),
/// e.g. ("unit", "U027"), ("population", "2026/440304001"), ("scheme", uuid). Each record keeps
/// the last value written (null: removed), when and where it was written, and a version clock (how
/// many edits each site has made to it). Merging two copies of a record:
///
/// - one clock covers the other: the newer copy is kept (it was written after seeing the other);
/// - neither covers the other (two sites edited it without seeing each other's edit): the copy
///   written last wins, the site id breaking a tie, and the losing value is recorded in
///   ref_conflicts. A local edit is always stamped later than the copy it replaces, so "written
///   last" never contradicts "written after seeing", and every site that has seen the same copies
///   keeps the same one, in any order.
///
/// Every change (local edit or merged copy) takes the next number of this store's reference
/// sequence, which is what sync packages and acknowledgements count. No transactions of its own:
/// the caller's write and the record go together. One thread.
class RefRecords
{
    Q_DECLARE_TR_FUNCTIONS(RefRecords)
public:
    struct Record
    {
        QString kind, key;
        QJsonValue value; ///< null when removed
        QString at;       ///< UTC, "yyyy-MM-ddTHH:mm:ss.zzzZ"
        QString siteId, actor;
        QHash<QString, qint64> clock;
        qint64 seq = 0;

        QJsonObject toJson() const;
        static std::optional<Record> fromJson(const QJsonObject &o);
    };
    enum class Merge { Added, Kept, Replaced, ConflictWon, ConflictLost };
    struct Conflict
    {
        QString kind, key, keptSite, keptAt, lostSite, lostAt;
        QJsonValue keptValue, lostValue;
        QString packageSource, recordedAt;
    };

    /// `upstream`: where a local edit is settled before it counts (a workstation's copy of the
    /// centre: the server); without one, a copy of the centre takes no edit.
    RefRecords(SqliteDb &db, QString siteId, StoreUpstream *upstream = nullptr)
        : m_db(db), m_siteId(std::move(siteId)), m_upstream(upstream)
    {
    }

    static QString stamp(const QDateTime &at);

    /// Records a local edit (settled by the upstream first, when there is one).
    Result<Record> put(const QString &kind, const QString &key, const QJsonValue &value,
                       const QString &actor, const QDateTime &now);
    /// From now on put() keeps its edits for the upstream until publishHeld() (an edit of
    /// several records that stands or falls whole: a year's population).
    void holdEdits() { m_holding = true; }
    /// Settles the held edits with the upstream in one go (`shown` names them for people): all
    /// taken, or none and the refusal.
    Result<void> publishHeld(const QString &shown);
    /// Merges a copy from another site; on a conflict the loser goes to ref_conflicts (and to
    /// `recorded`, when given).
    Result<Merge> merge(const Record &incoming, const QString &packageSource, const QDateTime &now,
                        QList<Conflict> *recorded = nullptr);
    Result<std::optional<Record>> find(const QString &kind, const QString &key) const;
    /// When the record was written (its `at`), empty if there is none: cheaper than find() for a
    /// large value (a grid) that is only compared by its time.
    Result<QString> writtenAt(const QString &kind, const QString &key) const;
    Result<QList<Record>> list(const QString &kind) const;
    /// Records numbered after `seq`, in order.
    Result<QList<Record>> changedSince(qint64 seq) const;
    Result<QList<Conflict>> conflicts() const;

private:
    /// The records matching `where` (with ?1 bound to `value`).
    template <typename Value>
    Result<QList<Record>> select(const QString &where, const Value &value) const;
    Result<void> write(const Record &record);
    Result<qint64> nextSeq() const;

    SqliteDb &m_db;
    QString m_siteId;
    StoreUpstream *m_upstream;
    bool m_holding = false;
    QList<QJsonObject> m_held;
};

} // namespace citygrid
