// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QStringList>

namespace citygrid::cli {

/// `citygrid bench`: times start-up, the map frame, case queries and sync on this machine and
/// prints the figures the README records. Returns the process exit status.
int bench(const QStringList &arguments);

} // namespace citygrid::cli
