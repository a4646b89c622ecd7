// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/syntheticgrid.h"

#include "io/ogrutil.h"

#include <QRandomGenerator>

#include <cmath>
#include <vector>

namespace citygrid {

GridSource syntheticCityGrid(int columns, int rows, QPointF southWest, double cellMetres,
                             const QString &districtCode, quint32 seed)
{
    QRandomGenerator random(seed);
    const double degLat = cellMetres / 111320.0;
    const double degLon = cellMetres / (111320.0 * std::cos(southWest.y() * M_PI / 180));
    // Jitter inner vertices by up to 30 % of a cell; the outer boundary stays straight.
    std::vector<QPointF> vertices(size_t(columns + 1) * size_t(rows + 1));
    for (int r = 0; r <= rows; ++r) {
        for (int c = 0; c <= columns; ++c) {
            const bool inner = r > 0 && r < rows && c > 0 && c < columns;
            const double jx = inner ? (random.generateDouble() - 0.5) * 0.6 : 0;
            const double jy = inner ? (random.generateDouble() - 0.5) * 0.6 : 0;
            vertices[size_t(r) * size_t(columns + 1) + size_t(c)] =
                QPointF(southWest.x() + (c + jx) * degLon, southWest.y() + (r + jy) * degLat);
        }
    }
    const auto vertex = [&](int c, int r) {
        return vertices[size_t(r) * size_t(columns + 1) + size_t(c)];
    };
    GridSource grid;
    grid.districtCode = districtCode;
    grid.districtName = QStringLiteral("Synthetic city %1").arg(districtCode);
    grid.description = QStringLiteral("synthetic %1 x %2").arg(columns).arg(rows);
    grid.cells.reserve(qsizetype(columns) * rows);
    const int blocksAcross = (columns + 19) / 20;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            const int north = rows - 1 - r; // numbered from the north-west corner
            const int community = (north / 20) * blocksAcross + c / 20;
            const int subdistrict = community / 25;
            const int sequence = (north % 20) * 20 + c % 20 + 1;
            SourceFeature cell;
            cell.fid = qint64(r) * columns + c;
            cell.code = districtCode + QStringLiteral("%1%2%3")
                                           .arg(subdistrict + 1, 3, 10, QLatin1Char('0'))
                                           .arg(community % 25 + 1, 3, 10, QLatin1Char('0'))
                                           .arg(sequence, 3, 10, QLatin1Char('0'));
            OGRLinearRing ring;
            for (QPointF p : {vertex(c, r), vertex(c + 1, r), vertex(c + 1, r + 1),
                              vertex(c, r + 1), vertex(c, r)})
                ring.addPoint(p.x(), p.y());
            OGRPolygon polygon;
            polygon.addRing(&ring);
            OGRMultiPolygon multi;
            multi.addGeometry(&polygon);
            cell.wkb = ogrutil::toWkb(multi);
            cell.areaKm2 = cellMetres * cellMetres / 1e6;
            grid.cells.append(cell);
        }
    }
    return grid;
}

} // namespace citygrid
