// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// The grid reader: any bytes as a GeoJSON file GDAL opens from memory, read into a grid (codes,
// levels, names, CRS, geometries) and validated as an import would.
#include "grid/gridreader.h"
#include "grid/gridvalidator.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    GDALAllRegister();
    CPLSetConfigOption("CPL_LOG", "/dev/null");
    CPLSetErrorHandler(CPLQuietErrorHandler);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace citygrid;
    const char *path = "/vsimem/fuzz.geojson";
    VSILFILE *file =
        VSIFileFromMemBuffer(path, const_cast<GByte *>(data), vsi_l_offset(size), FALSE);
    if (!file)
        return 0;
    VSIFCloseL(file);
    ImportIssues issues;
    auto source = GridReader::read(QString::fromLatin1(path), {}, issues);
    if (source)
        (void)GridValidator::validate(source.value());
    VSIUnlink(path);
    return 0;
}
