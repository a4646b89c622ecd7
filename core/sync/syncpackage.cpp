// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "sync/syncpackage.h"

#include <QJsonDocument>
#include <QtEndian>

namespace citygrid {

namespace {

const QByteArray magic = QByteArrayLiteral("CITYGRID-SYNC\n");

void appendBlock(QByteArray &out, const QByteArray &block)
{
    const quint32 size = qToBigEndian(quint32(block.size()));
    out.append(reinterpret_cast<const char *>(&size), sizeof size);
    out.append(block);
}

/// The next length-prefixed block at `pos`, or nothing if the file ends first.
std::optional<QByteArray> takeBlock(const QByteArray &file, qsizetype &pos)
{
    if (pos + 4 > file.size())
        return std::nullopt;
    quint32 size = 0;
    memcpy(&size, file.constData() + pos, 4);
    size = qFromBigEndian(size);
    pos += 4;
    if (pos + qsizetype(size) > file.size())
        return std::nullopt;
    const QByteArray block = file.mid(pos, size);
    pos += size;
    return block;
}

} // namespace

QJsonObject SyncPackage::Header::toJson() const
{
    return {{QStringLiteral("format"), format},
            {QStringLiteral("schema_version"), schemaVersion},
            {QStringLiteral("source"), source},
            {QStringLiteral("source_name"), sourceName},
            {QStringLiteral("target"), target},
            {QStringLiteral("from_seq"), fromSeq},
            {QStringLiteral("to_seq"), toSeq},
            {QStringLiteral("ack"), ack},
            {QStringLiteral("events"), events},
            {QStringLiteral("cases"), cases},
            {QStringLiteral("attachments"), attachments},
            {QStringLiteral("ref_from_seq"), refFromSeq},
            {QStringLiteral("ref_to_seq"), refToSeq},
            {QStringLiteral("ref_ack"), refAck},
            {QStringLiteral("references"), references},
            {QStringLiteral("area"), area},
            {QStringLiteral("created"), created.toString(Qt::ISODateWithMs)}};
}

SyncPackage::Header SyncPackage::Header::fromJson(const QJsonObject &o)
{
    Header h;
    h.format = o[QLatin1String("format")].toInt();
    h.schemaVersion = o[QLatin1String("schema_version")].toInt();
    h.source = o[QLatin1String("source")].toString();
    h.sourceName = o[QLatin1String("source_name")].toString();
    h.target = o[QLatin1String("target")].toString();
    h.fromSeq = o[QLatin1String("from_seq")].toInteger();
    h.toSeq = o[QLatin1String("to_seq")].toInteger();
    h.ack = o[QLatin1String("ack")].toInteger();
    h.events = o[QLatin1String("events")].toInt();
    h.cases = o[QLatin1String("cases")].toInt();
    h.attachments = o[QLatin1String("attachments")].toInt();
    h.refFromSeq = o[QLatin1String("ref_from_seq")].toInteger();
    h.refToSeq = o[QLatin1String("ref_to_seq")].toInteger();
    h.refAck = o[QLatin1String("ref_ack")].toInteger();
    h.references = o[QLatin1String("references")].toInt();
    h.area = o[QLatin1String("area")].toString();
    h.created = QDateTime::fromString(o[QLatin1String("created")].toString(), Qt::ISODateWithMs);
    return h;
}

QByteArray SyncPackage::encode(const SiteIdentity &signer) const
{
    QByteArray out = magic;
    appendBlock(out, QJsonDocument(header.toJson()).toJson(QJsonDocument::Compact));
    appendBlock(out, qCompress(QJsonDocument(body).toJson(QJsonDocument::Compact), 6));
    out.append(signer.sign(out));
    return out;
}

Result<SyncPackage>
SyncPackage::decode(const QByteArray &file, const QString &thisSite, int schemaVersion,
                    const std::function<std::optional<QByteArray>(const QString &)> &publicKeyOf)
{
    const auto refuse = [](const char *code, const QString &message) {
        return Error{QLatin1String(code), message, {}};
    };
    if (!file.startsWith(magic))
        return refuse("sync.not-a-package",
                      tr("This file is not a CityGrid sync package; nothing was changed"));
    qsizetype pos = magic.size();
    const auto headerBytes = takeBlock(file, pos);
    const auto bodyBytes = headerBytes ? takeBlock(file, pos) : std::nullopt;
    if (!bodyBytes || file.size() - pos != SiteIdentity::signatureBytes)
        return refuse("sync.truncated",
                      tr("The package is cut short or has bytes added (copied incompletely?); "
                         "copy it again from the other site. Nothing was changed"));
    QJsonParseError parseError;
    const QJsonDocument headerDoc = QJsonDocument::fromJson(*headerBytes, &parseError);
    if (!headerDoc.isObject())
        return refuse("sync.damaged",
                      tr("The package's header is damaged; ask the other site for a new "
                         "package. Nothing was changed"));
    SyncPackage package;
    package.header = Header::fromJson(headerDoc.object());
    const Header &h = package.header;
    if (h.format > formatVersion)
        return refuse("sync.newer-format",
                      tr("The package was written by a newer CityGrid (format %1); update "
                         "CityGrid here. Nothing was changed")
                          .arg(h.format));
    if (h.target != thisSite)
        return refuse("sync.wrong-target",
                      tr("The package from %1 is meant for another site (%2), not this one; "
                         "nothing was changed")
                          .arg(h.sourceName, h.target));
    const auto key = publicKeyOf(h.source);
    if (!key)
        return refuse("sync.unknown-source",
                      tr("The package comes from %1 (%2), which is not a registered peer of this "
                         "site; register its card first. Nothing was changed")
                          .arg(h.sourceName, h.source));
    const QByteArray signedPart = file.left(pos);
    if (!SiteIdentity::verify(*key, signedPart, file.mid(pos)))
        return refuse("sync.bad-signature",
                      tr("The package's signature does not match %1's key: it was changed after "
                         "it was written, or it is not from that site. Nothing was changed")
                          .arg(h.sourceName));
    if (h.schemaVersion != schemaVersion)
        return refuse("sync.schema",
                      tr("The package was written by a store of schema version %1, this store is "
                         "at %2; bring both sites to the same CityGrid version. Nothing was "
                         "changed")
                          .arg(h.schemaVersion)
                          .arg(schemaVersion));
    const QByteArray bodyJson = qUncompress(*bodyBytes);
    const QJsonDocument bodyDoc = QJsonDocument::fromJson(bodyJson, &parseError);
    if (!bodyDoc.isObject())
        return refuse("sync.damaged", tr("The package's contents are damaged; ask the other site "
                                         "for a new package. Nothing was changed"));
    package.body = bodyDoc.object();
    return package;
}

CaseEvent SyncPackage::eventFrom(const QJsonObject &o)
{
    return {o[QLatin1String("uuid")].toString(),
            o[QLatin1String("case_uuid")].toString(),
            o[QLatin1String("step")].toString(),
            o[QLatin1String("actor")].toString(),
            o[QLatin1String("role")].toString(),
            QDateTime::fromString(o[QLatin1String("at")].toString(), Qt::ISODateWithMs),
            o[QLatin1String("site_id")].toString(),
            o[QLatin1String("note")].toString(),
            o[QLatin1String("payload")].toObject()};
}

} // namespace citygrid
