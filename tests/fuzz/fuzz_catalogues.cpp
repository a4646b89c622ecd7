// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// The loaders of the catalogues a district edits and sync carries: roles, categories, units, the
// working calendar and the 7+1 scheme, each given the same bytes.
#include "assessment/assessmentscheme.h"
#include "calendar/workingcalendar.h"
#include "catalogues/categorycatalogue.h"
#include "catalogues/rolecatalogue.h"
#include "catalogues/unitcatalogue.h"

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace citygrid;
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)RoleCatalogue::fromJson(json);
    (void)CategoryCatalogue::fromJson(json);
    (void)UnitCatalogue::fromJson(json);
    (void)WorkingCalendar::fromJson(json);
    (void)AssessmentScheme::fromJson(json);
    return 0;
}
