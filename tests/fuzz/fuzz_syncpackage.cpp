// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// The sync package reader: the file's framing, header and signature check (decode), and what an
// import reads from a body once its signature holds (events, chain links, reference records),
// fed the same bytes as a body.
#include "cases/caserows.h"
#include "sync/refrecords.h"
#include "sync/syncpackage.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace citygrid;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QByteArray someKey(32, '\x07');
    (void)SyncPackage::decode(bytes, QStringLiteral("2b6c0d1e-centre"), 9,
                              [&](const QString &) { return std::optional(someKey); });
    const QJsonObject body = QJsonDocument::fromJson(bytes).object();
    for (const QJsonValue &v : body[QLatin1String("events")].toArray())
        (void)caserows::eventValues(SyncPackage::eventFrom(v.toObject()));
    for (const QJsonValue &v : body[QLatin1String("references")].toArray())
        (void)RefRecords::Record::fromJson(v.toObject());
    (void)SyncPackage::Header::fromJson(body);
    return 0;
}
