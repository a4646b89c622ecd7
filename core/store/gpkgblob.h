// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <vector>

struct sqlite3;

/// The GeoPackage geometry blob ("GP" header, optional envelope, then WKB), read and written
/// without GDAL, so the store's feature tables go through the store's own SQLite connection only:
/// a second way into the file (GDAL opening it) would drop SQLite's POSIX locks when it closes.
/// Pure functions; any thread.
namespace citygrid::gpkgblob {

struct Envelope
{
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
};

/// The WKB part of a blob, without a copy (a view into `blob`, valid while it is); empty if `blob`
/// is not a GeoPackage geometry.
QByteArrayView wkbIn(const QByteArray &blob);

/// The points of a geometry, part by part: each ring of a polygon, each line, each point.
struct Parts
{
    quint32 type = 0; ///< the geometry's WKB type without dimensions: 3 polygon, 6 multipolygon…
    std::vector<double> xy;     ///< every point's x and y, in order; NaN for an empty point
    std::vector<quint32> sizes; ///< how many points each part has, in order
};
/// Reads WKB (ISO or extended, either byte order; Z and M dropped) into `parts`, reusing its
/// memory; false if `wkb` cannot be read. A reader of many rows keeps one Parts for all of them.
bool readParts(QByteArrayView wkb, Parts &parts);
/// A blob of little-endian ISO WKB `wkb` with its 2D envelope in the header (empty geometries
/// are flagged as such and carry no envelope).
QByteArray fromWkb(const QByteArray &wkb, qint32 srid);
/// The 2D envelope, from the header when it carries one, else from the WKB; nullopt for an empty
/// geometry or a blob that cannot be read.
std::optional<Envelope> envelope(const QByteArray &blob);
/// Whether the blob holds an empty geometry (or none that can be read).
bool isEmpty(const QByteArray &blob);

/// Registers the SQL functions the GeoPackage R-tree triggers call (ST_IsEmpty, ST_MinX, ST_MaxX,
/// ST_MinY, ST_MaxY) on a connection, so rows of the grid tables can be written through SQLite.
void registerSqlFunctions(sqlite3 *db);

} // namespace citygrid::gpkgblob
