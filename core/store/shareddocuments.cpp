// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "store/shareddocuments.h"

#include "store/storeschema.h"

namespace citygrid::shareddocuments {

namespace {

/// lupdate files tr() in this namespace under its name, so that is the context looked up.
QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::shareddocuments", text);
}

} // namespace

QString versionKey(const QString &kind, const QString &key)
{
    return QStringLiteral("centre_document:") + kind + u':' + key;
}

Result<void> publish(Store &store, const QString &kind, const QString &key, const QString &shown,
                     const std::function<Result<QJsonObject>()> &read)
{
    const QString centre = store.meta(storeschema::keyCentre());
    if (centre.isEmpty())
        return {};
    StoreUpstream *upstream = store.upstream();
    if (!upstream)
        return Error{QStringLiteral("centre.local-write"),
                     tr("This is a workstation's copy of the centre (%1), opened without the "
                        "server: the change would stay on this workstation alone, so it is not "
                        "taken; nothing was changed")
                         .arg(centre),
                     {}};
    auto document = read();
    if (!document)
        return document.error();
    const QString versionAt = versionKey(kind, key);
    auto version = upstream->publishDocument(kind, key, store.meta(versionAt).toInt(),
                                             document.value(), shown);
    if (!version)
        return version.error();
    return store.setMeta(versionAt, QString::number(version.value()));
}

} // namespace citygrid::shareddocuments
