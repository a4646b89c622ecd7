// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "open311/open311keys.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QPointF>

#include <functional>
#include <optional>

namespace citygrid {

class AppContext;

/// What the Open311 service answers: an HTTP status and a JSON body (an array, as GeoReport's
/// lists and errors are), with the element names its XML form takes.
struct Open311Reply
{
    int status = 200;
    QJsonArray body;
    QString listName; ///< XML root: "services", "service_requests", "errors"
    QString itemName; ///< XML element of each entry: "service", "request", "error"

    /// GeoReport's error body: [{"code": status, "description": …}].
    static Open311Reply error(int status, const QString &description);
};

/// Open311 GeoReport v2 over the store: the minor categories as services, a posted request
/// reported as a case (validated as any report is, by the same rules, as the service's account),
/// cases as requests with their status. A city platform's request keeps its own id (the
/// attribute city_case_no): it is stored with the case, finds it again, and a request posted
/// twice is one case. HTTP-free, so the rules are tested without a socket. One thread (the
/// store's).
class Open311Service
{
    Q_DECLARE_TR_FUNCTIONS(Open311Service)
public:
    using CellAt = std::function<QString(QPointF lonLat)>;

    /// `actor`: the account the service reports as; `reader`, if set, bounds what it shows.
    Open311Service(AppContext &app, QString actor, std::optional<Account> reader, CellAt cellAt,
                   bool english);

    Open311Reply services() const;
    Open311Reply service(const QString &code) const;
    /// A new request from `client` (form fields as posted).
    Open311Reply post(const QHash<QString, QString> &fields, const Open311Keys::Client &client);
    /// Requests by the filters of GeoReport: service_request_id, service_code, start_date,
    /// end_date, status; by default those of the last 90 days, at most 1,000.
    Open311Reply requests(const QHash<QString, QString> &filters, const QDateTime &now) const;
    Open311Reply request(const QString &id) const;

    /// The attribute a city platform gives its own case number in.
    static QString externalIdField() { return QStringLiteral("attribute[city_case_no]"); }

private:
    /// The uuid of the case `id` names: a case number, or a city platform's own id.
    QString resolve(const QString &id) const;
    /// The case `client` reported under its own id `externalId`, if any.
    QString reportedAs(const QString &client, const QString &externalId) const;
    QJsonObject requestOf(const QString &uuid, bool withNotes) const;
    Open311Reply storeError(const Error &error) const;

    AppContext &m_app;
    QString m_actor;
    std::optional<Account> m_reader;
    CellAt m_cellAt;
    bool m_english;
};

} // namespace citygrid
