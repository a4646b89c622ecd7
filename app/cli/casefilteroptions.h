// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "cases/casequery.h"

#include <QCommandLineParser>

/// The options that pick cases (by area, day reported, state, category, unit, overdue, open),
/// shared by the commands that read cases as the case list filters them.
namespace citygrid::cli {

/// --area, --from, --to, --overdue and --open; with `all`, --state, --category and --unit too
/// (commands that give those another meaning add them themselves).
void addCaseFilterOptions(QCommandLineParser &parser, bool all);
/// The filter those options set; an Error names an option whose value is not a day or a state.
Result<CaseFilter> caseFilterFrom(const QCommandLineParser &parser);
/// --at, the moment a command works at (ISO 8601), or now when it is not given.
Result<QDateTime> momentFrom(const QCommandLineParser &parser);

} // namespace citygrid::cli
