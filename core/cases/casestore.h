// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/progress.h"
#include "cases/caserules.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QHash>

namespace citygrid {

/// Case numbers handed out during a bulk load, per day from the store's last one on, without a
/// query per case. One transaction, one thread.
class CaseNumbers
{
public:
    /// `sitePrefix`: the site's case-number prefix (storeschema::keyCasePrefix).
    explicit CaseNumbers(const SqliteDb &db, QString sitePrefix = {})
        : m_db(db), m_prefix(std::move(sitePrefix))
    {
    }
    Result<QString> next(QDate day);

private:
    const SqliteDb &m_db;
    QString m_prefix;
    QHash<QDate, int> m_next;
};

/// Cases in the store: each step checked by the workflow (rules and the actor's role), appended to
/// the history and projected into the case row, in one transaction; a refused step changes
/// nothing. Deadlines come from the category and the working-time calendar. Owned by the
/// application context; one thread at a time.
class CaseStore
{
    Q_DECLARE_TR_FUNCTIONS(CaseStore)
public:
    CaseStore(Store &store, CaseWorkflow workflow, WorkingCalendar calendar,
              CategoryCatalogue categories, UnitCatalogue units)
        : m_store(store),
          m_steps(std::move(workflow), std::move(calendar), std::move(categories), std::move(units))
    {
    }

    /// An open case near a new report of the same category, offered to link the report to.
    struct Nearby
    {
        QString uuid;
        QString caseNo;
        double metres;
    };
    /// Open cases of the same category within `radiusMetres` of the report, nearest first.
    Result<QList<Nearby>> possibleDuplicates(const NewCase &input, double radiusMetres = 50) const;
    /// The unit the catalogue makes responsible for the case (gap and ambiguity are errors).
    Result<const UnitCatalogue::Unit *> suggestedUnit(const CaseRecord &record) const
    {
        return m_steps.suggestedUnit(record.categoryId, record.cellCode);
    }

    Result<CaseRecord> report(const NewCase &input, const QString &userId, const QDateTime &at);
    /// A report with its own time (an import): what reportMany() takes.
    struct DatedReport
    {
        NewCase input;
        QDateTime at;
        QString uuid; ///< the case's id if it has one already (from another system), else empty
    };
    /// Reports many cases as `userId` in one transaction through prepared statements: all are
    /// written or, at the first refusal, none ("row N: why" in the Error). A report whose uuid
    /// the store has is skipped. Returns how many were written.
    Result<qint64> reportMany(const QList<DatedReport> &reports, const QString &userId,
                              const Progress &progress = {});
    Result<CaseRecord> take(const QString &caseUuid, CaseStep step, const QString &userId,
                            const QDateTime &at, const StepInput &input = {});
    Result<CaseRecord> find(const QString &caseUuid) const;
    /// The uuid of a case given by its uuid or its case number.
    Result<QString> resolve(const QString &uuidOrNumber) const;
    /// The newest cases first, optionally in one state only.
    /// The newest cases (of one state), as many as `limit`; with `reader`, only those it may see.
    Result<QList<CaseRecord>> list(const QString &stateId = {}, int limit = 200,
                                   const Account *reader = nullptr) const;
    Result<QList<CaseEvent>> history(const QString &caseUuid) const;
    /// The case's photos and documents (thumbnails only; CaseAttachments::find gives the file).
    Result<QList<CaseAttachment>> attachments(const QString &caseUuid) const;
    const CaseWorkflow &workflow() const { return m_steps.workflow(); }
    const CaseRules &steps() const { return m_steps; }
    void setCatalogues(CategoryCatalogue categories, UnitCatalogue units)
    {
        m_steps.setCatalogues(std::move(categories), std::move(units));
    }
    Store &store() { return m_store; }

    /// The next case number of `day` (local date): the date and a four-digit sequence, as the
    /// centre reads them out, after the store's and `taken` (numbers handed out, not yet
    /// stored); refused once a day's 9,999 are used.
    static Result<QString> nextCaseNumber(const SqliteDb &db, QDate day,
                                          const QString &sitePrefix = {}, int taken = 0);

private:
    /// `version`: how many events the case had before this one (what the upstream checks).
    Result<void> write(CaseEvent event, const CaseRecord &record, QList<CaseAttachment> attachments,
                       int version);
    /// Who acts (the enabled account `userId` of the store), when and where.
    Result<StepContext> context(const QString &userId, const QDateTime &at) const;

    Store &m_store;
    CaseRules m_steps;
};

} // namespace citygrid
