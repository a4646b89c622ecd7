// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "open311/open311server.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QUrlQuery>
#include <QXmlStreamWriter>

namespace citygrid {

namespace {

void writeXmlValue(QXmlStreamWriter &xml, const QString &name, const QJsonValue &value)
{
    xml.writeStartElement(name);
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            writeXmlValue(xml, it.key(), it.value());
    } else if (value.isArray()) {
        // attributes -> attribute, the one nested list GeoReport has
        const QString item = name.endsWith(u's') ? name.chopped(1) : name;
        for (const QJsonValue &v : value.toArray())
            writeXmlValue(xml, item, v);
    } else if (value.isBool()) {
        xml.writeCharacters(value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    } else if (value.isDouble()) {
        xml.writeCharacters(QString::number(value.toDouble(), 'g', 12));
    } else if (value.isString()) {
        xml.writeCharacters(value.toString());
    }
    xml.writeEndElement();
}

QByteArray toXml(const Open311Reply &reply)
{
    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.writeStartDocument();
    xml.writeStartElement(reply.listName);
    for (const QJsonValue &v : reply.body)
        writeXmlValue(xml, reply.itemName, v);
    xml.writeEndElement();
    xml.writeEndDocument();
    return bytes;
}

/// Form fields of a POST: application/x-www-form-urlencoded as GeoReport posts them, or a JSON
/// object. The first of a repeated field counts.
Result<QHash<QString, QString>> formFields(const QHttpServerRequest &request)
{
    const QByteArray type = request.value("Content-Type").toLower();
    QHash<QString, QString> fields;
    if (type.startsWith("application/json")) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
        if (!doc.isObject())
            return Error{QStringLiteral("open311.body"),
                         Open311Service::tr("The body is not a JSON object (%1)")
                             .arg(parseError.errorString()),
                         {}};
        const QJsonObject o = doc.object();
        for (auto it = o.begin(); it != o.end(); ++it)
            fields.insert(it.key(), it.value().isDouble()
                                        ? QString::number(it.value().toDouble(), 'g', 17)
                                        : it.value().toString());
        return fields;
    }
    if (!type.isEmpty() && !type.startsWith("application/x-www-form-urlencoded"))
        return Error{QStringLiteral("open311.body"),
                     Open311Service::tr("Post the fields as application/x-www-form-urlencoded "
                                        "(or a JSON object), not %1")
                         .arg(QString::fromLatin1(type.split(';').first().trimmed())),
                     {}};
    QByteArray body = request.body();
    body.replace('+', "%20");
    const QUrlQuery query(QString::fromLatin1(body));
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        if (!fields.contains(key))
            fields.insert(key, value);
    return fields;
}

QHash<QString, QString> queryFields(const QHttpServerRequest &request)
{
    QHash<QString, QString> fields;
    for (const auto &[key, value] : request.query().queryItems(QUrl::FullyDecoded))
        if (!fields.contains(key))
            fields.insert(key, value);
    return fields;
}

} // namespace

Open311Server::Open311Server(Open311Service &service, QString keysPath, QObject *parent)
    : QObject(parent), m_service(service), m_keysPath(std::move(keysPath))
{
    m_http.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            QElapsedTimer timer;
            timer.start();
            const bool xml = request.url().path().endsWith(QLatin1String(".xml"));
            QString clientName;
            const Open311Reply reply = answer(request, clientName);
            const QByteArray body =
                xml ? toXml(reply) : QJsonDocument(reply.body).toJson(QJsonDocument::Compact);
            responder.write(body,
                            xml ? QByteArrayLiteral("application/xml; charset=utf-8")
                                : QByteArrayLiteral("application/json; charset=utf-8"),
                            QHttpServerResponder::StatusCode(reply.status));
            if (m_log)
                m_log(QStringLiteral("%1 %2 %3 %4 %5 ms%6")
                          .arg(request.remoteAddress().toString(),
                               QString::fromLatin1(QMetaEnum::fromType<QHttpServerRequest::Method>()
                                                       .valueToKey(int(request.method())))
                                   .toUpper(),
                               request.url().path())
                          .arg(reply.status)
                          .arg(timer.elapsed())
                          .arg(clientName.isEmpty() ? QString() : u' ' + clientName));
        });
}

Result<quint16> Open311Server::listen(const QHostAddress &address, quint16 port)
{
    const quint16 bound = m_http.listen(address, port);
    if (bound == 0)
        return Error{QStringLiteral("open311.listen"),
                     tr("Could not listen on %1 port %2; is another service using it?")
                         .arg(address.toString())
                         .arg(port),
                     {}};
    return bound;
}

Open311Reply Open311Server::answer(const QHttpServerRequest &request, QString &clientName)
{
    QString path = request.url().path();
    if (!path.startsWith(basePath()))
        return Open311Reply::error(404, Open311Service::tr("Nothing here: the service is under "
                                                           "%1")
                                            .arg(basePath()));
    path = path.mid(basePath().size());
    for (const char *suffix : {".json", ".xml"})
        if (path.endsWith(QLatin1String(suffix)))
            path.chop(int(qstrlen(suffix)));
    if (request.body().size() > maxBody)
        return Open311Reply::error(413, Open311Service::tr("The request is %1 bytes long; at "
                                                           "most %2 are taken")
                                            .arg(request.body().size())
                                            .arg(maxBody));
    const bool isPost = request.method() == QHttpServerRequest::Method::Post;
    if (!isPost && request.method() != QHttpServerRequest::Method::Get)
        return Open311Reply::error(405, Open311Service::tr("Only GET and POST are served"));
    if (m_refresh)
        if (auto r = m_refresh(); !r)
            return Open311Reply::error(503, Open311Service::tr("The service cannot read the "
                                                               "centre just now (%1); try again "
                                                               "in a minute")
                                                .arg(r.error().message));
    if (path == QLatin1String("requests"))
        return isPost ? post(request, clientName)
                      : m_service.requests(queryFields(request), QDateTime::currentDateTime());
    if (isPost)
        return Open311Reply::error(405, Open311Service::tr("Only requests take a POST"));
    if (path == QLatin1String("services"))
        return m_service.services();
    if (path.startsWith(QLatin1String("services/")))
        return m_service.service(path.mid(9));
    if (path.startsWith(QLatin1String("requests/")))
        return m_service.request(path.mid(9));
    return Open311Reply::error(404, Open311Service::tr("Nothing here: ask for services or "
                                                       "requests"));
}

Open311Reply Open311Server::post(const QHttpServerRequest &request, QString &clientName)
{
    auto fields = formFields(request);
    if (!fields)
        return Open311Reply::error(400, fields.error().message);
    const QString key = fields.value().value(QStringLiteral("api_key"));
    if (key.isEmpty())
        return Open311Reply::error(403, Open311Service::tr("api_key is missing: a request is "
                                                           "taken only with the key the district "
                                                           "gave the sending system"));
    QString problem;
    const Open311Keys::Client *client = this->client(key, problem);
    if (!client)
        return problem.isEmpty()
                   ? Open311Reply::error(403, Open311Service::tr("The api_key is not valid; ask "
                                                                 "the district for the sending "
                                                                 "system's key"))
                   : Open311Reply::error(503, problem);
    clientName = client->name;
    return m_service.post(fields.value(), *client);
}

const Open311Keys::Client *Open311Server::client(const QString &key, QString &problem)
{
    const QFileInfo info(m_keysPath);
    const QDateTime modified = info.exists() ? info.lastModified() : QDateTime();
    const qint64 size = info.exists() ? info.size() : -1;
    if (modified != m_keysModified || size != m_keysSize) {
        auto keys = Open311Keys::load(m_keysPath);
        if (!keys) {
            problem = keys.error().message;
            return nullptr;
        }
        m_keys = keys.value();
        m_keysModified = modified;
        m_keysSize = size;
    }
    return m_keys.match(key);
}

} // namespace citygrid
