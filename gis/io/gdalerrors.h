// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QStringList>

/// GDAL's own messages ("ERROR 1: …") never reach the terminal: they are kept and given to the
/// user inside CityGrid's errors, in their language, with GDAL's text as the detail.
namespace citygrid::gdalerrors {

/// Stops GDAL printing to stderr, for the whole process. Call once at start.
void silence();

/// Collects the failures GDAL reports on this thread while it lives (nested collectors each
/// see their own). Not copyable.
class Collector
{
public:
    Collector();
    ~Collector();
    Collector(const Collector &) = delete;
    Collector &operator=(const Collector &) = delete;
    /// GDAL's failure messages so far, each once, in order.
    QStringList failures() const { return m_failures; }

private:
    static void collect(int errorClass, int number, const char *message);
    QStringList m_failures;
};

} // namespace citygrid::gdalerrors
