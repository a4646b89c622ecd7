// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/caseattachment.h"

#include "store/storeschema.h"

namespace citygrid {

Result<void> CaseAttachments::check(const CaseAttachment &a)
{
    if (a.name.trimmed().isEmpty())
        return Error{QStringLiteral("attachment.name"), tr("An attachment needs a file name"), {}};
    if (a.data.isEmpty())
        return Error{QStringLiteral("attachment.empty"),
                     tr("\"%1\" is empty; choose another file").arg(a.name),
                     {}};
    if (a.data.size() > maxBytes)
        return Error{QStringLiteral("attachment.size"),
                     tr("\"%1\" is %2 MB; attachments may be at most %3 MB. Reduce the photo's "
                        "size and attach it again")
                         .arg(a.name)
                         .arg(double(a.data.size()) / 1048576, 0, 'f', 1)
                         .arg(maxBytes / 1048576),
                     {}};
    return {};
}

Result<void> CaseAttachments::add(const SqliteDb &db, const CaseAttachment &a)
{
    if (auto r = check(a); !r)
        return r;
    auto insert = Statement::prepare(
        db, QStringLiteral("INSERT INTO %1 (uuid, case_uuid, event_uuid, name, mime, data, "
                           "thumbnail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .arg(storeschema::caseAttachmentsTable()));
    if (!insert)
        return insert.error();
    insert.value()
        .bind(1, a.uuid)
        .bind(2, a.caseUuid)
        .bind(3, a.eventUuid)
        .bind(4, a.name)
        .bind(5, a.mime)
        .bindBlob(6, a.data)
        .bindBlob(7, a.thumbnail);
    return insert.value().run();
}

namespace {

Result<QList<CaseAttachment>> select(const SqliteDb &db, const QString &where, const QString &value,
                                     bool withData)
{
    auto query = Statement::prepare(
        db, QStringLiteral("SELECT uuid, case_uuid, event_uuid, name, mime, %1, thumbnail FROM "
                           "%2 WHERE %3 = ?1 ORDER BY id")
                .arg(withData ? QStringLiteral("data") : QStringLiteral("NULL"),
                     storeschema::caseAttachmentsTable(), where));
    if (!query)
        return query.error();
    query.value().bind(1, value);
    QList<CaseAttachment> out;
    const auto read = query.value().forEachRow([&](const Statement &q) {
        out.append({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.blob(5), q.blob(6)});
    });
    if (!read)
        return read.error();
    return out;
}

} // namespace

Result<QList<CaseAttachment>> CaseAttachments::list(const SqliteDb &db, const QString &caseUuid,
                                                    bool withData)
{
    return select(db, QStringLiteral("case_uuid"), caseUuid, withData);
}

Result<CaseAttachment> CaseAttachments::find(const SqliteDb &db, const QString &uuid)
{
    auto found = select(db, QStringLiteral("uuid"), uuid, true);
    if (!found)
        return found.error();
    if (found.value().isEmpty())
        return Error{QStringLiteral("attachment.not-found"),
                     tr("The attachment is no longer in the store"),
                     {}};
    return found.value().first();
}

} // namespace citygrid
