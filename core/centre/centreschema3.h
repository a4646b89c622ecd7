// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

/// What schema 3 of the centre adds to schema 2, run by CentreSchema when it makes a centre and
/// when it upgrades one: citygrid.receive_package, through which the centre's package desk (a
/// workstation that exchanges sync packages with the field offices) puts what an office sent
/// on the server for every workstation.
namespace citygrid::centreschema3 {

extern const char *const sql;

} // namespace citygrid::centreschema3
