// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QList>
#include <QPointF>
#include <QPolygonF>
#include <QString>

#include <memory>

namespace citygrid {

/// A coordinate transformation between two CRSs, built on PROJ, plus GCJ-02 which PROJ does not
/// know
/// ("gcj02" as either side). Coordinates are always x = easting/longitude, y = northing/latitude.
/// Creating one asks PROJ's database and costs milliseconds, so each thread keeps the ones it made
/// and create() hands out the kept one again. A CrsTransform must stay on the thread that created
/// it (render threads never need one: data is reprojected once, when a layer loads).
class CrsTransform
{
    Q_DECLARE_TR_FUNCTIONS(CrsTransform)
public:
    /// `from` and `to` are anything PROJ accepts ("EPSG:4547", a WKT, a PROJ string) or "gcj02".
    static Result<CrsTransform> create(const QString &from, const QString &to);
    /// True if PROJ (or CityGrid, for gcj02) knows the CRS.
    static bool isKnown(const QString &crs);
    /// The CRS's name in the user's language for the ones a map offers (mapChoices()), else
    /// PROJ's name ("CGCS2000 / 3-degree Gauss-Kruger CM 114E"), else the input.
    static QString describe(const QString &crs);
    /// The CRSs the map can be shown in, with their names in the user's language.
    static QList<std::pair<QString, QString>> mapChoices();
    static bool isGcj02(const QString &crs);
    /// True if the CRS has angular units (lon/lat).
    static bool isGeographic(const QString &crs);

    CrsTransform(const CrsTransform &) = default;
    CrsTransform &operator=(const CrsTransform &) = default;
    CrsTransform(CrsTransform &&) noexcept = default;
    CrsTransform &operator=(CrsTransform &&) noexcept = default;
    ~CrsTransform() = default;

    QPointF apply(QPointF p) const;
    QPointF applyInverse(QPointF p) const;
    /// Transforms all points in place; false if any point failed (it is then left as NaN).
    bool apply(QPolygonF &points) const;

private:
    struct Impl;
    explicit CrsTransform(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}
    std::shared_ptr<const Impl> m_impl;
};

} // namespace citygrid
