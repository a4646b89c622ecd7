// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QVariantMap>

namespace citygrid {

/// One area as read from a file, before it is validated and stored.
struct SourceFeature
{
    qint64 fid = -1; ///< the feature's id in its source file, for messages
    QString code;
    QString name;
    QString nameEn;
    QString parentCode;
    QByteArray wkb; ///< (multi)polygon, WGS84 lon/lat, ISO WKB
    double areaKm2 = 0;
    QVariantMap attributes; ///< source attributes a cell keeps; population figures of a subdistrict
};

/// A district's grid in WGS84 as read from a file or the bundled data: what the validator checks
/// and the store writer writes. Communities and subdistricts may be empty until dissolved from
/// cells.
struct GridSource
{
    QString districtCode;
    QString districtName;
    QString districtNameEn;
    QString description; ///< where it came from, recorded in the store
    QList<SourceFeature> subdistricts;
    QList<SourceFeature> communities;
    QList<SourceFeature> cells;
    /// community and subdistrict names by code, as cells carry them, for dissolved parents
    QHash<QString, QString> parentNames;
};

} // namespace citygrid
