// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

/// What schema 2 of the centre adds to schema 1, run by CentreSchema when it makes a centre and
/// when it upgrades one: the kinds of reference record and the right each needs
/// (citygrid.ref_kinds), citygrid.put_record (an edit of units, categories, the "7+1" population
/// or schemes, settled on the server: the right, and no edit saved meanwhile by another) and
/// citygrid.change_account (enable, disable, a new password).
namespace citygrid::centreschema2 {

extern const char *const sql;

} // namespace citygrid::centreschema2
