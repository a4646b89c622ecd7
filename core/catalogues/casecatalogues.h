// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentscheme.h"
#include "assessment/indicators.h"
#include "calendar/workingcalendar.h"
#include "catalogues/categorycatalogue.h"
#include "catalogues/rolecatalogue.h"
#include "catalogues/unitcatalogue.h"

#include <QCoreApplication>

namespace citygrid {

/// The catalogues the case loop reads, loaded together from one folder (the compiled-in
/// ":/catalogues", or a district's own). Value type.
struct CaseCatalogues
{
    Q_DECLARE_TR_FUNCTIONS(CaseCatalogues)
public:
    RoleCatalogue roles;
    WorkingCalendar calendar;
    CategoryCatalogue categories;
    UnitCatalogue units;
    IndicatorWeights indicators;
    AssessmentScheme assessment; ///< the default "7+1" scheme (the store keeps edited versions)

    /// Reads calendar.json, categories.json, units.json, roles.json, indicators.json and
    /// assessment-scheme.json from `dir` (a folder without the last two gets the compiled-in
    /// ones); the first file that is missing or wrong is named in the Error.
    static Result<CaseCatalogues> load(const QString &dir);
    /// Entries of a catalogue file replaced, or added, by id: {"units.json": {"U027": {...}}}.
    /// A null entry leaves the file's own.
    using Edits = QHash<QString, QHash<QString, QJsonValue>>;
    /// load() with a store's edits of units.json and categories.json applied; an edit that
    /// makes a catalogue wrong is refused like a wrong file.
    static Result<CaseCatalogues> load(const QString &dir, const Edits &edits);
    /// The array of entries each editable catalogue keeps its entries in.
    static QString entriesKey(const QString &file);
};

} // namespace citygrid
