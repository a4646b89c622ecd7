// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>

class QComboBox;

namespace citygrid {

class CaseSession;

/// The choices every case filter offers the same way (the case list, the thematic map, the
/// trend chart), so their wording and codes cannot drift apart. GUI thread.
namespace filtercombos {

/// "Whole district" (empty code), then each subdistrict by name with its code as data.
void addSubdistricts(QComboBox *box, const CaseSession &session);
/// "All categories" (empty prefix), then each group as "E01 name" with its prefix as data.
void addCategoryGroups(QComboBox *box, const CaseSession &session);
/// "All states" (empty), "Open" (openStates()), then each state with its id as data.
void addStates(QComboBox *box);
/// The data of the "Open" entry: neither closed nor voided.
QString openStates();
/// "All units" (empty id), then each unit of the catalogue by name with its id as data.
void addUnits(QComboBox *box, const CaseSession &session);

} // namespace filtercombos

} // namespace citygrid
