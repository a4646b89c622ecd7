// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>

namespace citygrid::centreaddress {

/// Whether a store named on the command line, in settings or File ▸ Open is the centre's
/// server (postgresql://…) rather than a file.
bool isCentre(const QString &store);
/// Why `uri` is no centre address CityGrid can use (no host, a port out of range, no
/// database), or nothing.
QString problem(const QString &uri);
/// The account a centre URI names (postgresql://op01@host:port/db → op01), empty if none.
QString account(const QString &uri);
/// The URI the account signs in to the server with: its login role, no password.
QString accountUri(const QString &uri, const QString &account);
/// This workstation's copy of the centre for `account`: one per account, in the user's data
/// directory, so a unit's account never opens a copy another account filled.
QString replicaPath(const QString &uri, const QString &account);
/// "127.0.0.1:55432/citygrid", for messages and the window's title.
QString shown(const QString &uri);

} // namespace citygrid::centreaddress
