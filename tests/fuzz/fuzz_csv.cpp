// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// The CSV reader of case imports (UTF-8 or GBK, quoted fields, any line ends).
#include "base/csvtable.h"

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto table = citygrid::CsvTable::fromBytes(
        QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (table) // every record split, as the importer does
        for (qsizetype r = 0; r < table.value().size(); ++r)
            (void)table.value().record(r);
    return 0;
}
