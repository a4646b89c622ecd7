// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "calendar/workingcalendar.h"
#include "catalogues/alertrules.h"
#include "catalogues/categorycatalogue.h"
#include "catalogues/rolecatalogue.h"
#include "catalogues/unitcatalogue.h"

#include <QHash>
#include <QJsonValue>

namespace citygrid {

/// The catalogues the case loop reads, loaded together from one folder (the compiled-in
/// ":/catalogues", or a district's own). Value type.
struct CaseCatalogues
{
    RoleCatalogue roles;
    WorkingCalendar calendar;
    CategoryCatalogue categories;
    UnitCatalogue units;
    AlertRules alerts;

    /// Reads calendar.json, categories.json, units.json, roles.json and alerts.json (the
    /// compiled-in one if `dir` has none) from `dir`; the first file that is missing or wrong is
    /// named in the Error, as is an alert sent to a role the role catalogue does not have.
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
