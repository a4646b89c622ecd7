// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "open311/open311service.h"

#include "accounts/accountscope.h"
#include "cases/casequery.h"
#include "cases/casetext.h"
#include "cases/casevocabulary.h"
#include "crs/gcj02.h"
#include "io/open311request.h"
#include "services/appcontext.h"

#include <QTimeZone>

#include <cmath>

namespace citygrid {

namespace {

constexpr int maxRequests = 1000;
constexpr int defaultDays = 90;

/// A W3C date-time (ISO 8601 with an offset, or UTC with Z; a date alone is midnight in the
/// district), or invalid.
QDateTime w3cTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid() && text.size() == 10) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            t = QDateTime(day, QTime(0, 0), QTimeZone(8 * 3600));
    }
    return t;
}

} // namespace

Open311Reply Open311Reply::error(int status, const QString &description)
{
    return {status,
            {QJsonObject{{QStringLiteral("code"), status},
                         {QStringLiteral("description"), description}}},
            QStringLiteral("errors"),
            QStringLiteral("error")};
}

Open311Service::Open311Service(AppContext &app, QString actor, std::optional<Account> reader,
                               CellAt cellAt, bool english)
    : m_app(app), m_actor(std::move(actor)), m_reader(std::move(reader)),
      m_cellAt(std::move(cellAt)), m_english(english)
{
}

Open311Reply Open311Service::services() const
{
    Open311Reply reply{200, {}, QStringLiteral("services"), QStringLiteral("service")};
    const CategoryCatalogue &categories = m_app.catalogues().categories;
    for (const auto &c : categories.categories()) {
        const auto *g = categories.group(c.kind, c.major);
        const auto name = [this](const QString &zh, const QString &en) {
            return m_english && !en.isEmpty() ? en : zh;
        };
        reply.body.append(QJsonObject{
            {QStringLiteral("service_code"), c.id},
            {QStringLiteral("service_name"), name(c.name, c.nameEn)},
            {QStringLiteral("description"), c.filingStandard},
            {QStringLiteral("metadata"), true},
            {QStringLiteral("type"), QStringLiteral("realtime")},
            {QStringLiteral("keywords"), c.initials},
            {QStringLiteral("group"), g ? name(g->name, g->nameEn) : QString()},
        });
    }
    return reply;
}

Open311Reply Open311Service::service(const QString &code) const
{
    if (!m_app.catalogues().categories.find(code))
        return Open311Reply::error(404, tr("There is no service \"%1\"; GET services.json lists "
                                           "them")
                                            .arg(code));
    // One optional attribute: the city platform's own number of the case, which the request
    // keeps and can be found by.
    const QJsonObject attribute{
        {QStringLiteral("variable"), true},
        {QStringLiteral("code"), QStringLiteral("city_case_no")},
        {QStringLiteral("datatype"), QStringLiteral("string")},
        {QStringLiteral("required"), false},
        {QStringLiteral("datatype_description"),
         tr("The case number in the sending system, up to 64 characters")},
        {QStringLiteral("order"), 1},
        {QStringLiteral("description"), tr("Case number in the sending system")},
    };
    return {200,
            {QJsonObject{{QStringLiteral("service_code"), code},
                         {QStringLiteral("attributes"), QJsonArray{attribute}}}},
            QStringLiteral("service_definition"),
            QStringLiteral("definition")};
}

Open311Reply Open311Service::post(const QHash<QString, QString> &fields,
                                  const Open311Keys::Client &client)
{
    const QString code = fields.value(QStringLiteral("service_code"));
    if (code.isEmpty())
        return Open311Reply::error(400, tr("service_code is missing: say which service the "
                                           "request is for (GET services.json lists them)"));
    if (!m_app.catalogues().categories.find(code))
        return Open311Reply::error(400, tr("service_code \"%1\" is not a service of this "
                                           "district; GET services.json lists them")
                                            .arg(code));
    if (!fields.contains(QStringLiteral("lat")) || !fields.contains(QStringLiteral("long")))
        return Open311Reply::error(400, tr("lat and long are missing: give the place as WGS 84 "
                                           "degrees (an address_string alone is not placed)"));
    bool okLat = false, okLon = false;
    QPointF lonLat(fields.value(QStringLiteral("long")).toDouble(&okLon),
                   fields.value(QStringLiteral("lat")).toDouble(&okLat));
    if (!okLat || !okLon || !std::isfinite(lonLat.x()) || !std::isfinite(lonLat.y()) ||
        std::abs(lonLat.x()) > 180 || std::abs(lonLat.y()) > 90)
        return Open311Reply::error(400, tr("lat and long must be decimal degrees, e.g. "
                                           "lat=22.5431&long=114.0579"));
    if (client.gcj02)
        lonLat = gcj02::toWgs84(lonLat);
    const QString cell = m_cellAt(lonLat);
    if (cell.isEmpty())
        return Open311Reply::error(400, tr("The point lat %1, long %2 lies outside the district's "
                                           "grid; check the coordinates and their datum")
                                            .arg(lonLat.y(), 0, 'f', 6)
                                            .arg(lonLat.x(), 0, 'f', 6));
    const QString description = fields.value(QStringLiteral("description")).trimmed();
    if (description.isEmpty())
        return Open311Reply::error(400, tr("description is missing: say what the problem is"));
    const QString externalId = fields.value(externalIdField()).trimmed();
    if (const QString why = CaseText::problem(externalId, 64); !why.isEmpty())
        return Open311Reply::error(400, tr("attribute[city_case_no] %1").arg(why));

    if (!externalId.isEmpty()) {
        if (const QString uuid = reportedAs(client.name, externalId); !uuid.isEmpty()) {
            // Posted again (a retry after a lost answer): the same case, not a second one.
            QJsonObject existing = requestOf(uuid, false);
            return {200,
                    {QJsonObject{
                        {QStringLiteral("service_request_id"),
                         existing.value(QStringLiteral("service_request_id"))},
                        {QStringLiteral("service_notice"), tr("Received before as this case")}}},
                    QStringLiteral("service_requests"),
                    QStringLiteral("request")};
        }
    }

    QStringList reporter;
    for (const char *key : {"first_name", "last_name", "phone", "email"})
        if (const QString v = fields.value(QLatin1String(key)).trimmed(); !v.isEmpty())
            reporter.append(v);
    NewCase input{code, lonLat, cell, client.channel, description, reporter.join(u' ')};
    input.origin = {{QStringLiteral("client"), client.name}};
    if (!externalId.isEmpty())
        input.origin.insert(QStringLiteral("id"), externalId);
    if (const QString media = fields.value(QStringLiteral("media_url")).trimmed();
        !media.isEmpty()) {
        if (const QString why = CaseText::problem(media, 2000); !why.isEmpty())
            return Open311Reply::error(400, tr("media_url %1").arg(why));
        input.origin.insert(QStringLiteral("media_url"), media);
    }
    auto record = m_app.cases().report(input, m_actor, QDateTime::currentDateTime());
    if (!record)
        return storeError(record.error());
    return {201,
            {QJsonObject{
                {QStringLiteral("service_request_id"), record.value().caseNo},
                {QStringLiteral("service_notice"),
                 tr("Received as case %1; the command centre checks it and sends it to the unit "
                    "responsible")
                     .arg(record.value().caseNo)},
                {QStringLiteral("account_id"), QJsonValue::Null},
            }},
            QStringLiteral("service_requests"),
            QStringLiteral("request")};
}

Open311Reply Open311Service::requests(const QHash<QString, QString> &filters,
                                      const QDateTime &now) const
{
    Open311Reply reply{200, {}, QStringLiteral("service_requests"), QStringLiteral("request")};
    if (const QString ids = filters.value(QStringLiteral("service_request_id")); !ids.isEmpty()) {
        // GeoReport: the ids given override every other filter.
        const QStringList list = ids.split(u',', Qt::SkipEmptyParts);
        if (list.size() > maxRequests)
            return Open311Reply::error(400, tr("%1 ids asked for at once; ask for at most %2")
                                                .arg(list.size())
                                                .arg(maxRequests));
        for (const QString &id : list) {
            if (const QString uuid = resolve(id.trimmed()); !uuid.isEmpty())
                if (const QJsonObject r = requestOf(uuid, false); !r.isEmpty())
                    reply.body.append(r);
        }
        return reply;
    }
    CaseFilter filter;
    if (const QString code = filters.value(QStringLiteral("service_code")); !code.isEmpty()) {
        if (!m_app.catalogues().categories.find(code))
            return Open311Reply::error(400, tr("service_code \"%1\" is not a service of this "
                                               "district; GET services.json lists them")
                                                .arg(code));
        filter.categoryPrefix = code;
    }
    for (const char *key : {"start_date", "end_date"}) {
        const QString text = filters.value(QLatin1String(key));
        if (text.isEmpty())
            continue;
        const QDateTime t = w3cTime(text);
        if (!t.isValid())
            return Open311Reply::error(400, tr("%1 \"%2\" is not a W3C date-time; write e.g. "
                                               "2026-12-04T08:00:00+08:00")
                                                .arg(QLatin1String(key), text));
        (qstrcmp(key, "start_date") == 0 ? filter.reportedFrom : filter.reportedTo) = t;
    }
    if (!filter.reportedFrom.isValid())
        filter.reportedFrom =
            (filter.reportedTo.isValid() ? filter.reportedTo : now).addDays(-defaultDays);
    if (const QString status = filters.value(QStringLiteral("status")); !status.isEmpty()) {
        if (status == QLatin1String("open"))
            filter.openOnly = true;
        else if (status == QLatin1String("closed"))
            filter.states = {CaseVocabulary::id(CaseState::Closed),
                             CaseVocabulary::id(CaseState::Voided)};
        else
            return Open311Reply::error(400,
                                       tr("status \"%1\" is neither open nor closed").arg(status));
    }
    if (m_reader)
        filter = filter.within(*m_reader);
    auto page = m_app.caseQuery(filter, now).page(CaseQuery::Sort::Reported, false, 0, maxRequests);
    if (!page)
        return storeError(page.error());
    for (const CaseRecord &r : std::as_const(page.value())) {
        QJsonObject o = open311::request(r, m_app.catalogues(), m_app.catalogue(), m_english);
        o.insert(QStringLiteral("status_notes"), CaseVocabulary::displayName(r.status.state));
        reply.body.append(o);
    }
    return reply;
}

Open311Reply Open311Service::request(const QString &id) const
{
    const QString uuid = resolve(id);
    const QJsonObject r = uuid.isEmpty() ? QJsonObject() : requestOf(uuid, true);
    if (r.isEmpty())
        return Open311Reply::error(404, tr("There is no request \"%1\"").arg(id));
    return {200, {r}, QStringLiteral("service_requests"), QStringLiteral("request")};
}

QString Open311Service::resolve(const QString &id) const
{
    if (id.isEmpty())
        return {};
    if (auto uuid = m_app.cases().resolve(id))
        return uuid.value();
    return reportedAs({}, id);
}

QString Open311Service::reportedAs(const QString &client, const QString &externalId) const
{
    auto statement = Statement::prepare(
        m_app.cases().store().db(),
        QStringLiteral("SELECT case_uuid FROM case_events WHERE step = 'report'"
                       " AND json_extract(payload, '$.origin.id') = ?1"
                       " AND (?2 = '' OR json_extract(payload, '$.origin.client') = ?2)"
                       " ORDER BY id LIMIT 1"));
    if (!statement)
        return {};
    statement.value().bind(1, externalId).bind(2, client);
    auto row = statement.value().step();
    return row && row.value() ? statement.value().text(0) : QString();
}

QJsonObject Open311Service::requestOf(const QString &uuid, bool withNotes) const
{
    auto record = m_app.cases().find(uuid);
    if (!record)
        return {};
    const CaseRecord &r = record.value();
    if (m_reader && !AccountScope::reaches(*m_reader, r.unitId, r.cellCode))
        return {};
    QJsonObject o = open311::request(r, m_app.catalogues(), m_app.catalogue(), m_english);
    QString notes = CaseVocabulary::displayName(r.status.state);
    if (withNotes) {
        // What the last step said, as the city platform shows it to the citizen.
        if (auto history = m_app.cases().history(uuid); history && !history.value().isEmpty()) {
            const CaseEvent &last = history.value().constLast();
            if (!last.note.isEmpty())
                notes += QStringLiteral(": ") + last.note;
            if (const QJsonObject origin =
                    history.value().constFirst().payload.value(QStringLiteral("origin")).toObject();
                !origin.isEmpty()) {
                if (origin.contains(QStringLiteral("id")))
                    o.insert(QStringLiteral("city_case_no"), origin.value(QStringLiteral("id")));
                if (origin.contains(QStringLiteral("media_url")))
                    o.insert(QStringLiteral("media_url"),
                             origin.value(QStringLiteral("media_url")));
            }
        }
    }
    o.insert(QStringLiteral("status_notes"), notes);
    return o;
}

Open311Reply Open311Service::storeError(const Error &error) const
{
    const bool theirs = error.code.startsWith(QLatin1String("case."));
    const bool away = error.code == QLatin1String("centre.offline") ||
                      error.code == QLatin1String("centre.unreachable") ||
                      error.code == QLatin1String("centre.connection-lost") ||
                      error.code == QLatin1String("store.busy");
    if (theirs)
        return Open311Reply::error(400, error.message);
    if (away)
        return Open311Reply::error(503, tr("The service cannot take requests just now (%1); try "
                                           "again in a minute")
                                            .arg(error.message));
    return Open311Reply::error(
        500, tr("The request could not be stored (%1); it was not taken").arg(error.message));
}

} // namespace citygrid
