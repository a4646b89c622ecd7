// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

namespace citygrid {

/// Starts CityGrid: a headless command when the first argument names one (info, render,
/// import-grid, bench), the main window otherwise. Returns the process exit status.
int runApplication(int argc, char *argv[]);

} // namespace citygrid
