// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "catalogues/rolecatalogue.h"
#include "sync/refrecords.h"

#include <QCoreApplication>
#include <QSet>

#include <functional>

namespace citygrid {

/// A kind of reference record that sync carries, as the feature that owns it describes it:
/// what a valid one looks like and how one that arrives is put into the store.
struct RefKind
{
    QString id;
    /// The kind's name for people, translated ("population").
    std::function<QString()> displayName;
    /// Why a record of this kind is not well formed, translated; empty: it is.
    std::function<QString(const RefRecords::Record &)> problem;
    /// Puts a record that won a merge into the tables that hold its kind, in the import's
    /// transaction; unset: the kind is read from its records.
    std::function<Result<void>(SqliteDb &, const RefRecords::Record &)> apply;
    /// Checks the store once every record of a package is in (an entry's whole catalogue);
    /// `source`: the sending site's name, for the message. Unset: nothing to check.
    std::function<Result<void>(SqliteDb &, const QString &siteId, const QString &source)>
        checkMerged;
    /// The right an account needs to write a record of this kind (checked again when a package
    /// brings one written at the sending site).
    std::optional<Right> right;
    /// A document a workstation's copy of the centre shares whole, by version, through the
    /// server (shareddocuments: a "7+1" month): never a record of ref_records nor carried in a
    /// sync package; `problem` and `apply` get it as a record's value, keyed as the record.
    bool document = false;
};

/// The kinds of reference record this CityGrid knows, each registered by its feature
/// (assessment, catalogues, grid); sync goes through them and names none.
class RefKinds
{
    Q_DECLARE_TR_FUNCTIONS(RefKinds)
public:
    void add(RefKind kind) { m_kinds.append(std::move(kind)); }
    const RefKind *find(const QString &id) const;
    const QList<RefKind> &all() const { return m_kinds; }

    /// The kind's name for people, translated (the id for a kind not known).
    QString displayName(const QString &id) const;
    /// "population, responsible unit" (in the user's language).
    QString displayNames(const QStringList &ids) const;

    /// Refuses a record that is not of a known kind or not well formed, saying which and why.
    Result<void> check(const RefRecords::Record &record) const;
    /// Puts a record that won a merge into the tables that hold its kind.
    Result<void> apply(SqliteDb &db, const RefRecords::Record &record) const;
    /// Runs the whole-store checks of the kinds in `changed`.
    Result<void> checkMerged(SqliteDb &db, const QSet<QString> &changed, const QString &siteId,
                             const QString &source) const;

    struct Merged
    {
        int added = 0, known = 0; ///< records new here, records here already
        QStringList changedKinds; ///< kinds whose data changed, sorted
    };
    /// Merges records `source` (named `sourceName` for people) sent, each checked by check()
    /// first, puts those that won into the tables of their kind and runs the whole-store checks
    /// of the kinds that changed; conflicts go to `conflicts`. In the caller's transaction.
    Result<Merged> merge(SqliteDb &db, const QString &here,
                         const QList<RefRecords::Record> &incoming, const QString &source,
                         const QString &sourceName, const QDateTime &now,
                         QList<RefRecords::Conflict> *conflicts = nullptr) const;

private:
    QList<RefKind> m_kinds;
};

} // namespace citygrid
