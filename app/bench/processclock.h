// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

/// Time and memory of this process as the kernel accounts them (Linux /proc), for benchmarks.
namespace citygrid::processclock {

/// Milliseconds since the kernel started this process (so dynamic loading counts too).
double msSinceProcessStart();
/// Resident set size now and at its peak, in MiB.
double residentMiB();
double peakResidentMiB();

} // namespace citygrid::processclock
