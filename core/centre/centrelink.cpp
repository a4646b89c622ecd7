// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "centre/centrelink.h"

#include "accounts/accounts.h"
#include "cases/caseattachment.h"
#include "cases/caserecord.h"
#include "cases/caserows.h"
#include "cases/casevocabulary.h"
#include "centre/centreschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <libpq-fe.h>

namespace citygrid {

namespace {

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(caserows::storedTime(t)) : QJsonValue();
}

QJsonValue text(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject eventJson(const CaseEvent &e)
{
    return {{QStringLiteral("uuid"), e.uuid},
            {QStringLiteral("case_uuid"), e.caseUuid},
            {QStringLiteral("step"), e.step},
            {QStringLiteral("actor"), e.actor},
            {QStringLiteral("role"), e.role},
            {QStringLiteral("at"), time(e.at)},
            {QStringLiteral("site_id"), e.siteId},
            {QStringLiteral("note"), text(e.note)},
            {QStringLiteral("payload"), compact(e.payload)}};
}

QJsonObject caseJson(const CaseRecord &r)
{
    const bool placed = !qIsNaN(r.lonLat.x()) && !qIsNaN(r.lonLat.y());
    return {{QStringLiteral("uuid"), r.uuid},
            {QStringLiteral("case_no"), r.caseNo},
            {QStringLiteral("category_id"), r.categoryId},
            {QStringLiteral("cell_code"), text(r.cellCode)},
            {QStringLiteral("community_code"), text(r.cellCode.left(12))},
            {QStringLiteral("subdistrict_code"), text(r.cellCode.left(9))},
            {QStringLiteral("channel"), r.channel},
            {QStringLiteral("description"), text(r.description)},
            {QStringLiteral("reporter"), text(r.reporter)},
            {QStringLiteral("state"), CaseVocabulary::id(r.status.state)},
            {QStringLiteral("pending"), int(r.status.pending)},
            {QStringLiteral("urgent"), r.status.urgent},
            {QStringLiteral("supervised"), r.status.supervised},
            {QStringLiteral("rework_count"), r.status.reworkCount},
            {QStringLiteral("unit_id"), text(r.unitId)},
            {QStringLiteral("reported_at"), time(r.reportedAt)},
            {QStringLiteral("dispatched_at"), time(r.dispatchedAt)},
            {QStringLiteral("due_at"), time(r.dueAt)},
            {QStringLiteral("handled_at"), time(r.handledAt)},
            {QStringLiteral("closed_at"), time(r.closedAt)},
            {QStringLiteral("on_time"), r.onTime ? QJsonValue(*r.onTime) : QJsonValue()},
            {QStringLiteral("updated_at"), time(r.updatedAt)},
            {QStringLiteral("geom"), placed ? QJsonValue(QStringLiteral("SRID=4326;POINT(%1 %2)")
                                                             .arg(r.lonLat.x(), 0, 'f', 8)
                                                             .arg(r.lonLat.y(), 0, 'f', 8))
                                            : QJsonValue()}};
}

QJsonArray attachmentsJson(const QList<CaseAttachment> &attachments)
{
    QJsonArray list;
    for (const CaseAttachment &a : attachments)
        list.append(QJsonObject{
            {QStringLiteral("uuid"), a.uuid},
            {QStringLiteral("case_uuid"), a.caseUuid},
            {QStringLiteral("event_uuid"), a.eventUuid},
            {QStringLiteral("name"), a.name},
            {QStringLiteral("mime"), a.mime},
            {QStringLiteral("data"), QString::fromLatin1(a.data.toBase64())},
            {QStringLiteral("thumbnail"), QString::fromLatin1(a.thumbnail.toBase64())}});
    return list;
}

} // namespace

Result<void> CentreLink::connect()
{
    auto conn = PgConnection::open(m_uri, m_password);
    if (!conn) {
        m_conn.reset();
        return conn.error();
    }
    m_conn = std::move(conn).value();
    return {};
}

bool CentreLink::connected() const
{
    return m_conn && PQstatus(m_conn->raw()) == CONNECTION_OK;
}

QString CentreLink::endpoint() const
{
    const QUrl url(m_uri);
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(5432));
}

Result<PgResult> CentreLink::call(const QString &sql, const QVariantList &params)
{
    const auto offline = [this](const Error &why) {
        return Error{QStringLiteral("centre.offline"),
                     tr("The centre's server at %1 cannot be reached, so nothing was saved. "
                        "This workstation shows its copy as last brought up to date; take the "
                        "step again once the network is back")
                         .arg(endpoint()),
                     why.toText()};
    };
    if (!connected())
        if (auto r = connect(); !r)
            return offline(r.error());
    auto done = m_conn->exec(sql, params);
    // the network dropped since the last call: once more on a new connection (a step the server
    // took before the drop is known by its id and not taken twice)
    if (!done && done.error().code == QLatin1String("centre.connection-lost")) {
        if (auto r = connect(); !r)
            return offline(r.error());
        done = m_conn->exec(sql, params);
        if (!done && done.error().code == QLatin1String("centre.connection-lost"))
            return offline(done.error());
    }
    return done;
}

Result<void> CentreLink::publishStep(const CaseEvent &event, const CaseRecord &after, int version,
                                     const QList<CaseAttachment> &attachments)
{
    auto done =
        call(QStringLiteral("SELECT citygrid.append_step($1, $2, $3, $4)"),
             {compact(eventJson(event)), compact(caseJson(after)), version,
              QString::fromUtf8(
                  QJsonDocument(attachmentsJson(attachments)).toJson(QJsonDocument::Compact))});
    if (!done)
        return explain(done.error(), after.caseNo);
    return {};
}

Result<QString> CentreLink::nextCaseNumber(QDate day)
{
    auto number =
        call(QStringLiteral("SELECT citygrid.next_case_no($1)"), {day.toString(Qt::ISODate)});
    if (!number)
        return explain(number.error(), {});
    return number.value().text(0, 0);
}

Result<void> CentreLink::publishRecords(const QList<QJsonObject> &records, const QString &shown)
{
    // one statement, so one transaction at the server: every record or none
    QJsonArray list;
    for (const QJsonObject &record : records)
        list.append(record);
    auto done = call(QStringLiteral("SELECT count(citygrid.put_record(r)) FROM "
                                    "jsonb_array_elements($1::jsonb) AS r"),
                     {QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact))});
    if (!done)
        return explainEdit(done.error(), shown);
    return {};
}

Result<int> CentreLink::publishDocument(const QString &kind, const QString &key, int seenVersion,
                                        const QJsonObject &document, const QString &shown)
{
    auto done = call(QStringLiteral("SELECT citygrid.put_document($1, $2, $3, $4)"),
                     {kind, key, seenVersion, compact(document)});
    if (!done)
        return explainEdit(done.error(), shown);
    return int(done.value().integer(0, 0));
}

Error CentreLink::explainEdit(const Error &e, const QString &shown)
{
    if (e.code == QLatin1String("centre.stale")) {
        const QJsonObject last =
            QJsonDocument::fromJson(e.detail.section(QStringLiteral(" — "), 1).toUtf8()).object();
        const QDateTime at =
            QDateTime::fromString(last.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        return Error{e.code,
                     tr("%1 was changed at another workstation by %2 at %3, after this "
                        "workstation's copy last showed it. Nothing of yours was saved; the "
                        "latest is shown now: make your change again if it still applies")
                         .arg(shown, last.value(QStringLiteral("actor")).toString(),
                              at.toOffsetFromUtc(8 * 3600).toString(QStringLiteral("HH:mm:ss"))),
                     e.detail};
    }
    if (e.code == QLatin1String("centre.right") || e.code == QLatin1String("centre.actor"))
        return Error{e.code,
                     tr("The centre's server refused: your account may not change %1; nothing "
                        "was saved")
                         .arg(shown),
                     e.detail};
    return explain(e, {});
}

Result<void> CentreLink::publishPackage(const QList<CaseEvent> &events,
                                        const QList<CaseRecord> &cases,
                                        const QList<CaseAttachment> &attachments,
                                        const QList<QJsonObject> &records)
{
    QJsonArray eventList, caseList, recordList;
    for (const CaseEvent &e : events)
        eventList.append(eventJson(e));
    for (const CaseRecord &c : cases)
        caseList.append(caseJson(c));
    for (const QJsonObject &r : records)
        recordList.append(r);
    const auto json = [](const QJsonArray &a) {
        return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
    };
    auto done = call(
        QStringLiteral("SELECT citygrid.receive_package($1, $2, $3, $4)"),
        {json(eventList), json(caseList), json(attachmentsJson(attachments)), json(recordList)});
    if (done)
        return {};
    const Error &e = done.error();
    if (e.code == QLatin1String("centre.stale"))
        return Error{e.code,
                     tr("A case of the package was changed at a workstation while it was being "
                        "taken in; nothing of the package was kept. Take it in again: this "
                        "workstation catches up first"),
                     e.detail};
    if (e.code == QLatin1String("centre.right") || e.code == QLatin1String("centre.desk"))
        return Error{e.code,
                     tr("The centre's server refused: the centre's sync packages are taken in by "
                        "an account whose role holds the sync right and that sees the whole "
                        "district; nothing was kept"),
                     e.detail};
    return explain(e, {});
}

Result<void> CentreLink::changeAccount(const QString &name, std::optional<bool> enabled,
                                       const std::optional<QString> &password,
                                       const QString &siteId, const QDateTime &at)
{
    QVariant verifier, hash;
    if (password) {
        // the verifier is computed here, with the server's parameters: no password goes there
        if (!connected())
            if (auto r = connect(); !r)
                return r.error();
        auto v =
            m_conn->scramVerifier(CentreSchema::accountRole(m_conn->database(), name), *password);
        if (!v)
            return v.error();
        auto h = Accounts::strongHash(name, *password);
        if (!h)
            return h.error();
        verifier = v.value();
        hash = QString::fromLatin1(h.value());
    }
    auto done = call(QStringLiteral("SELECT citygrid.change_account($1, $2, $3, $4, $5, $6)"),
                     {name, enabled ? QVariant(*enabled) : QVariant(), verifier, hash, siteId,
                      at.toString(Qt::ISODateWithMs)});
    if (done)
        return {};
    const Error &e = done.error();
    if (e.code == QLatin1String("centre.unknown"))
        return Error{QStringLiteral("account.unknown"),
                     tr("There is no account \"%1\" at the centre").arg(name), e.detail};
    if (e.code == QLatin1String("centre.self"))
        return Error{QStringLiteral("account.self"),
                     tr("You cannot disable your own account; another administrator can"),
                     e.detail};
    if (e.code == QLatin1String("centre.right"))
        return Error{e.code,
                     tr("The centre's server refused: your account may not change accounts; "
                        "nothing was changed"),
                     e.detail};
    return explain(e, {});
}

Error CentreLink::explain(const Error &refusal, const QString &caseNo)
{
    const QString code = refusal.code;
    const QString detail = refusal.detail;
    if (code == QLatin1String("centre.stale")) {
        // the server's detail: {"actor": …, "step": …, "at": …} of the step that came first
        const QString json = detail.section(QStringLiteral(" — "), 1);
        const QJsonObject last = QJsonDocument::fromJson(json.toUtf8()).object();
        const QString step =
            CaseVocabulary::eventLabel(last.value(QStringLiteral("step")).toString());
        const QDateTime at =
            QDateTime::fromString(last.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        return Error{code,
                     tr("Case %1 was changed at another workstation before your step: %2 by %3 "
                        "at %4. Nothing of yours was saved; the case now shows the latest, look "
                        "at it again")
                         .arg(caseNo, step, last.value(QStringLiteral("actor")).toString(),
                              at.toOffsetFromUtc(8 * 3600).toString(QStringLiteral("HH:mm:ss"))),
                     detail};
    }
    if (code == QLatin1String("centre.scope"))
        return Error{code,
                     tr("The centre's server refused: case %1 is not within your unit's or "
                        "area's reach; nothing was saved")
                         .arg(caseNo),
                     detail};
    if (code == QLatin1String("centre.step"))
        return Error{code,
                     caseNo.isEmpty()
                         ? tr("The centre's server refused: your role may not report cases")
                         : tr("The centre's server refused: your role may not take this step on "
                              "case %1 as it stands there now; nothing was saved")
                               .arg(caseNo),
                     detail};
    if (code == QLatin1String("centre.account") || code == QLatin1String("centre.actor"))
        return Error{code,
                     tr("The centre's server knows no enabled account of that name for this "
                        "sign-in; nothing was saved. Ask an administrator"),
                     detail};
    if (code == QLatin1String("centre.state") || code == QLatin1String("centre.mismatch") ||
        code == QLatin1String("centre.exists"))
        return Error{code,
                     tr("This workstation's copy of case %1 is behind the centre's; nothing was "
                        "saved. The case now shows the latest: look at it again")
                         .arg(caseNo),
                     detail};
    if (code == QLatin1String("centre.sql.42883")) // a function this release calls is missing
        return Error{QStringLiteral("centre.schema"),
                     tr("The centre's server has an older schema than this CityGrid needs for "
                        "this; nothing was saved. The role that owns the centre upgrades it with "
                        "citygrid centre upgrade"),
                     detail};
    if (code == QLatin1String("centre.numbers"))
        return Error{code, tr("All 9,999 case numbers of the day are used"), detail};
    return refusal;
}

} // namespace citygrid
