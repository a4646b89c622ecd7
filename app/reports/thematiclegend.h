// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/mapscene.h"
#include "render/thematicmap.h"
#include "supervision/thematicmeasure.h"

#include <QCoreApplication>

#include <optional>

namespace citygrid {

/// What each class of a thematic map means, in words: the bounds of a classed measure ("12 – 30",
/// "> 50.0 – 75.0%"), the confidence of a hot or cold spot, the kind of a LISA cluster, then "no
/// data" where areas lack a value. The panel's legend, the exported map's and the report's.
class ThematicLegend
{
    Q_DECLARE_TR_FUNCTIONS(ThematicLegend)
public:
    static QList<LegendEntry> entries(ThematicMeasure measure, const ThematicMap &map);

    /// Every measure, in the order of ThematicMeasure.
    static QList<ThematicMeasure> measures();
    /// The measure's name for people ("Cases per km²"), translated.
    static QString measureName(ThematicMeasure measure);
    /// The measure's name on the command line ("cases", "per-km2", ..., "hotspots").
    static QString measureId(ThematicMeasure measure);
    static std::optional<ThematicMeasure> measureFromId(const QString &id);
    /// All of those names, for a usage message.
    static QStringList measureIds();
};

} // namespace citygrid
