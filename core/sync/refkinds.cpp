// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "sync/refkinds.h"

namespace citygrid {

const RefKind *RefKinds::find(const QString &id) const
{
    for (const RefKind &kind : m_kinds)
        if (kind.id == id)
            return &kind;
    return nullptr;
}

QString RefKinds::displayName(const QString &id) const
{
    const RefKind *kind = find(id);
    return kind && kind->displayName ? kind->displayName() : id;
}

QString RefKinds::displayNames(const QStringList &ids) const
{
    QStringList names;
    for (const QString &id : ids)
        names.append(displayName(id));
    return names.join(tr(", "));
}

Result<void> RefKinds::check(const RefRecords::Record &r) const
{
    const RefKind *kind = find(r.kind);
    if (!kind)
        return Error{QStringLiteral("sync.unknown-kind"),
                     tr("The package holds reference data of a kind this CityGrid does not know "
                        "(%1); it was made by a newer version. Update CityGrid here, then import "
                        "it again. Nothing was changed")
                         .arg(r.kind),
                     {}};
    if (kind->document)
        return Error{QStringLiteral("sync.damaged"),
                     tr("The package holds a %1 (\"%2\"), which is shared through the centre's "
                        "server and never travels in a package; ask the other site for a new "
                        "package. Nothing was changed")
                         .arg(displayName(r.kind), r.key),
                     {}};
    const QString why = kind->problem ? kind->problem(r) : QString();
    if (why.isEmpty())
        return {};
    return Error{QStringLiteral("sync.damaged"),
                 tr("The package's %1 record \"%2\" is not valid (%3); ask the other site for a "
                    "new package. Nothing was changed")
                     .arg(displayName(r.kind), r.key, why),
                 {}};
}

Result<void> RefKinds::apply(SqliteDb &db, const RefRecords::Record &record) const
{
    const RefKind *kind = find(record.kind);
    return kind && kind->apply ? kind->apply(db, record) : Result<void>();
}

Result<void> RefKinds::checkMerged(SqliteDb &db, const QSet<QString> &changed,
                                   const QString &siteId, const QString &source) const
{
    for (const RefKind &kind : m_kinds)
        if (kind.checkMerged && changed.contains(kind.id))
            if (auto r = kind.checkMerged(db, siteId, source); !r)
                return r;
    return {};
}

Result<RefKinds::Merged> RefKinds::merge(SqliteDb &db, const QString &here,
                                         const QList<RefRecords::Record> &incoming,
                                         const QString &source, const QString &sourceName,
                                         const QDateTime &now,
                                         QList<RefRecords::Conflict> *conflicts) const
{
    RefRecords records(db, here);
    QSet<QString> changed;
    Merged merged;
    for (const RefRecords::Record &record : incoming) {
        auto outcome = records.merge(record, source, now, conflicts);
        if (!outcome)
            return outcome.error();
        if (outcome.value() == RefRecords::Merge::Kept) {
            ++merged.known;
            continue;
        }
        ++merged.added;
        if (outcome.value() == RefRecords::Merge::ConflictLost)
            continue;
        if (auto r = apply(db, record); !r)
            return r.error();
        changed.insert(record.kind);
    }
    if (auto r = checkMerged(db, changed, here, sourceName); !r)
        return r.error();
    merged.changedKinds = QStringList(changed.cbegin(), changed.cend());
    merged.changedKinds.sort();
    return merged;
}

} // namespace citygrid
