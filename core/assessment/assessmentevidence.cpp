// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentevidence.h"

#include "accounts/actinguser.h"

#include "assessment/assessmentstore.h"
#include "base/uuids.h"
#include "store/shareddocuments.h"
#include "store/storeschema.h"

namespace citygrid {

namespace {

const char *const insertSql = "INSERT OR IGNORE INTO %1 (uuid, month, subdistrict_code, point_id, "
                              "name, mime, data, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                              "?6, ?7, ?8, ?9)";

QJsonObject documentOf(const QString &month, const AssessmentEvidence::File &file,
                       const QString &at)
{
    return {{QStringLiteral("month"), month},
            {QStringLiteral("subdistrict"), file.subdistrict},
            {QStringLiteral("point"), file.point},
            {QStringLiteral("name"), file.name},
            {QStringLiteral("mime"), file.mime},
            {QStringLiteral("data"), QString::fromLatin1(file.data.toBase64())},
            {QStringLiteral("added_by"), file.addedBy},
            {QStringLiteral("added_at"), at}};
}

} // namespace

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
    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    const QString uuid = uuids::next();
    const QJsonObject document =
        documentOf(AssessmentStore::monthKey(month), file, at.toString(Qt::ISODateWithMs));
    if (auto r = writeDocument(m_store.db(), uuid, document); !r)
        return r;
    if (auto r = shareddocuments::publish(m_store, documentKind(), uuid,
                                          tr("Evidence %1").arg(file.name),
                                          [&] { return Result<QJsonObject>(document); });
        !r)
        return r;
    return tx.commit();
}

Result<void> AssessmentEvidence::writeDocument(SqliteDb &db, const QString &uuid,
                                               const QJsonObject &file)
{
    auto q = Statement::prepare(
        db, QString::fromLatin1(insertSql).arg(storeschema::assessmentEvidenceTable()));
    if (!q)
        return q.error();
    const auto text = [&](const char *key) { return file[QLatin1String(key)].toString(); };
    q.value()
        .bind(1, uuid)
        .bind(2, text("month"))
        .bind(3, text("subdistrict"))
        .bind(4, text("point"))
        .bind(5, text("name"))
        .bind(6, text("mime"))
        .bindBlob(7, QByteArray::fromBase64(text("data").toLatin1()))
        .bind(8, text("added_by"))
        .bind(9, text("added_at"));
    return q.value().run();
}

QString AssessmentEvidence::documentProblem(const QString &uuid, const QJsonObject &file)
{
    if (uuid.isEmpty())
        return tr("the evidence has no id");
    for (const char *key :
         {"month", "subdistrict", "point", "name", "mime", "data", "added_by", "added_at"})
        if (file[QLatin1String(key)].toString().isEmpty())
            return tr("the evidence says nothing of its %1").arg(QLatin1String(key));
    if (!QByteArray::fromBase64Encoding(file[QLatin1String("data")].toString().toLatin1(),
                                        QByteArray::AbortOnBase64DecodingErrors))
        return tr("the evidence's file is not base64");
    return {};
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
