// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

/// What schema 4 of the centre adds to schema 3, run by CentreSchema when it makes a centre and
/// when it upgrades one: documents the centre keeps whole, by version (a "7+1" month with its
/// scores, surveys, history, frozen figures and rankings; a month's evidence file), written
/// through citygrid.put_document, and the published rankings as a view for other readers (QGIS,
/// psql); and citygrid.replace_grid, through which an administrator's workstation replaces the
/// district's grid for every workstation.
namespace citygrid::centreschema4 {

extern const char *const sql;

} // namespace citygrid::centreschema4
