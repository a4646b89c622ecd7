// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentevidence.h"

#include "accounts/actinguser.h"

#include "assessment/assessmentstore.h"
#include "base/uuids.h"
#include "store/storeschema.h"

namespace citygrid {

Result<void> AssessmentEvidence::add(QDate month, const File &file, const RoleCatalogue &roles,
                                     const QDateTime &at)
{
    if (auto account = ActingUser{file.addedBy, &roles}.check(m_store.db(), Right::ScoreAssessment);
        !account)
        return account.error();
    if (file.data.isEmpty() || file.name.isEmpty())
        return Error{QStringLiteral("assessment.bad-evidence"),
                     tr("The evidence file is empty; choose the photo or document again"),
                     {}};
    auto q = Statement::prepare(
        m_store.db(),
        QStringLiteral("INSERT INTO %1 (uuid, month, subdistrict_code, point_id, name, mime, "
                       "data, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
            .arg(storeschema::assessmentEvidenceTable()));
    if (!q)
        return q.error();
    q.value()
        .bind(1, uuids::next())
        .bind(2, AssessmentStore::monthKey(month))
        .bind(3, file.subdistrict)
        .bind(4, file.point)
        .bind(5, file.name)
        .bind(6, file.mime)
        .bindBlob(7, file.data)
        .bind(8, file.addedBy)
        .bind(9, at.toString(Qt::ISODateWithMs));
    return q.value().run();
}

Result<QList<AssessmentEvidence::File>> AssessmentEvidence::of(QDate month,
                                                              const QString &subdistrict) const
{
    auto q = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT uuid, subdistrict_code, point_id, name, mime, data, added_by, "
                       "added_at FROM %1 WHERE month = ?1 AND (?2 = '' OR subdistrict_code = ?2) "
                       "ORDER BY id")
            .arg(storeschema::assessmentEvidenceTable()));
    if (!q)
        return q.error();
    q.value().bind(1, AssessmentStore::monthKey(month)).bind(2, subdistrict);
    QList<File> list;
    auto r = q.value().forEachRow([&](const Statement &s) {
        list.append({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.blob(5), s.text(6),
                     QDateTime::fromString(s.text(7), Qt::ISODateWithMs)});
    });
    if (!r)
        return r.error();
    return list;
}

} // namespace citygrid
