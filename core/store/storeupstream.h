// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QDate>
#include <QJsonObject>
#include <QList>

namespace citygrid {

struct CaseAttachment;
struct CaseEvent;
struct CaseRecord;

/// Where a store's case steps are settled before they count: the centre's server, for a
/// workstation whose store is a replica of it. A step is written locally in a transaction that
/// commits only once the upstream took it; a refusal (the case moved on at another workstation,
/// the server cannot be reached, the account may not) rolls the local write back and is what
/// the user is told. Implemented by core/centre; used by CaseStore from the store's thread.
class StoreUpstream
{
public:
    virtual ~StoreUpstream() = default;
    /// Takes `event` with the case as it stands after it (`after`), taken on version `version`
    /// of the case (how many events it had; 0 for a report).
    virtual Result<void> publishStep(const CaseEvent &event, const CaseRecord &after, int version,
                                     const QList<CaseAttachment> &attachments) = 0;
    /// The next case number of `day` (district date), handed out by the upstream so two
    /// workstations never give the same one.
    virtual Result<QString> nextCaseNumber(QDate day) = 0;
    /// Takes local edits of reference data (RefRecords::Record::toJson), all or none: refused
    /// when the account may not write a record's kind or another edit of one came first.
    /// `shown` names the edit for people.
    virtual Result<void> publishRecords(const QList<QJsonObject> &records,
                                        const QString &shown) = 0;
    /// Takes document (`kind`, `key`) whole as this store now holds it, made on version
    /// `seenVersion` of it (0: new), and returns the version it now is; refused when the account
    /// may not write it or another store wrote it since. `shown` names it for people.
    virtual Result<int> publishDocument(const QString &kind, const QString &key, int seenVersion,
                                        const QJsonObject &document, const QString &shown) = 0;
    /// Takes what a sync package brought in: each case it touched as it now stands (`cases`),
    /// with all its events and files, and the package's reference records (toJson). Refused when
    /// a case was stepped upstream since this store last caught up.
    virtual Result<void> publishPackage(const QList<CaseEvent> &events,
                                        const QList<CaseRecord> &cases,
                                        const QList<CaseAttachment> &attachments,
                                        const QList<QJsonObject> &records) = 0;
};

} // namespace citygrid
