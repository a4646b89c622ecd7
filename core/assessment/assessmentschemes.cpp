// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentschemes.h"

#include "assessment/assessmentkinds.h"
#include "assessment/assessmentrows.h"
#include "base/uuids.h"
#include "store/storeschema.h"
#include "sync/refrecords.h"

namespace citygrid {

Result<std::pair<int, AssessmentScheme>> AssessmentSchemes::current(const AssessmentScheme &fallback)
{
    auto current = assessmentrows::currentVersion(m_store.db());
    if (!current)
        return current.error();
    if (!current.value()) {
        // No transaction of its own: this may run inside the caller's.
        auto saved = insert(fallback, assessmentrows::builtinSaver(), tr("Default scheme"),
                            QDateTime::currentDateTime());
        if (!saved)
            return saved.error();
        return std::pair{saved.value(), fallback};
    }
    auto scheme = this->scheme(*current.value());
    if (!scheme)
        return scheme.error();
    return std::pair{*current.value(), std::move(scheme).value()};
}

Result<AssessmentScheme> AssessmentSchemes::scheme(int version) const
{
    auto q = Statement::prepare(m_store.db(),
                                QStringLiteral("SELECT scheme FROM %1 WHERE version = ?1")
                                    .arg(storeschema::assessmentSchemesTable()));
    if (!q)
        return q.error();
    q.value().bind(1, qint64(version));
    auto row = q.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return Error{QStringLiteral("assessment.no-scheme"),
                     tr("Version %1 of the assessment scheme is not in this store").arg(version),
                     {}};
    return AssessmentScheme::fromJson(q.value().text(0).toUtf8());
}

Result<QList<AssessmentSchemes::Version>> AssessmentSchemes::versions() const
{
    auto q = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT version, saved_at, saved_by, note FROM %1 ORDER BY version DESC")
            .arg(storeschema::assessmentSchemesTable()));
    if (!q)
        return q.error();
    QList<Version> list;
    auto r = q.value().forEachRow([&](const Statement &s) {
        list.append({int(s.integer(0)), QDateTime::fromString(s.text(1), Qt::ISODateWithMs),
                     s.text(2), s.text(3)});
    });
    if (!r)
        return r.error();
    return list;
}

Result<int> AssessmentSchemes::save(const AssessmentScheme &scheme, const ActingUser &who,
                                    const QString &note, const QDateTime &at)
{
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    if (auto account = who.check(m_store.db(), Right::DecideAssessment); !account)
        return account.error();
    auto version = insert(scheme, who.name, note, at);
    if (!version)
        return version;
    if (auto r = tx.commit(); !r)
        return r.error();
    return version;
}

Result<int> AssessmentSchemes::insert(const AssessmentScheme &scheme, const QString &who,
                                      const QString &note, const QDateTime &at)
{
    if (auto v = scheme.validate(); !v)
        return v.error();
    const assessmentrows::SchemeRow row{uuids::next(), scheme.toJson(),
                                        at.toString(Qt::ISODateWithMs), who, note};
    auto version = assessmentrows::insertScheme(m_store.db(), row);
    if (!version)
        return version;
    if (who != assessmentrows::builtinSaver()) { // a person's version travels to the other sites
        RefRecords records(m_store.db(), m_store.meta(storeschema::keySiteId()),
                           m_store.upstream());
        if (auto r = records.put(assessmentkinds::scheme(), row.uuid,
                                 assessmentkinds::schemeValue(row), who, at);
            !r)
            return r.error();
    }
    return version;
}

} // namespace citygrid
