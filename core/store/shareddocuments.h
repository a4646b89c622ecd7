// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "store/store.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <functional>

/// Documents a workstation's copy of the centre keeps in step with the server whole, by version
/// (a "7+1" month, a month's evidence file): after a local change, in its transaction, the
/// document goes to the server, which refuses it when another workstation wrote it since this
/// copy last had it; the version the server gave is kept in the store's meta. Other stores keep
/// their documents to themselves.
namespace citygrid::shareddocuments {

/// The store's meta key holding the version of document (`kind`, `key`) the store last had from
/// (or gave to) the centre.
QString versionKey(const QString &kind, const QString &key);

/// On a workstation's copy of the centre, sends the document `read` gives (as the caller's
/// transaction now has it) to the server and keeps the new version; refused (and so the
/// caller's write) when the server refuses or cannot be reached, or when the copy was opened
/// without it. `shown` names the document for people. On any other store: nothing.
Result<void> publish(Store &store, const QString &kind, const QString &key, const QString &shown,
                     const std::function<Result<QJsonObject>()> &read);

} // namespace citygrid::shareddocuments
