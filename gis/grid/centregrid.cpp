// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/centregrid.h"

#include "centre/centreschema.h"
#include "grid/cellcode.h"
#include "grid/storewriter.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid {

namespace {

/// A feature's parent's code: a layer read from a file may leave it to the code (440304001001
/// → 440304001).
QString parentOf(const SourceFeature &f)
{
    if (!f.parentCode.isEmpty())
        return f.parentCode;
    if (auto code = CellCode::parse(f.code))
        return code.value().parentCode();
    return {};
}

Result<void> writeLayer(PgConnection &conn, const QString &table, const QString &parentColumn,
                        const QList<SourceFeature> &features, bool attributes)
{
    const QString staging = QStringLiteral("staged_") + table;
    if (auto r = conn.run(QStringLiteral("CREATE TEMP TABLE %1 (code text, parent text, name "
                                         "text, name_en text, area_km2 double precision, "
                                         "attributes jsonb, wkb bytea) ON COMMIT DROP")
                              .arg(staging));
        !r)
        return r;
    QByteArray rows;
    for (const SourceFeature &f : features) {
        const QString parentCode = parentOf(f);
        const QVariant json = attributes && !f.attributes.isEmpty()
                                  ? QVariant(QString::fromUtf8(
                                        QJsonDocument(QJsonObject::fromVariantMap(f.attributes))
                                            .toJson(QJsonDocument::Compact)))
                                  : QVariant();
        const QVariantList fields{
            f.code,
            parentCode.isEmpty() ? QVariant() : QVariant(parentCode),
            f.name,
            f.nameEn.isEmpty() ? QVariant() : QVariant(f.nameEn),
            f.areaKm2,
            json,
            QString(QStringLiteral("\\x") + QString::fromLatin1(f.wkb.toHex()))};
        for (qsizetype i = 0; i < fields.size(); ++i)
            rows += (i ? "\t" : "") + PgConnection::copyField(fields[i]);
        rows += '\n';
    }
    if (auto r = conn.copyIn(QStringLiteral("COPY %1 FROM STDIN").arg(staging), rows); !r)
        return r;
    const QString parent = parentColumn.isEmpty() ? QString() : parentColumn + QStringLiteral(", ");
    const QString parentValue = parentColumn.isEmpty() ? QString() : QStringLiteral("parent, ");
    const QString extra = attributes ? QStringLiteral("attributes, ") : QString();
    const auto inserted = conn.exec(
        QStringLiteral("INSERT INTO citygrid.%1 (code, %2name, name_en, area_km2, %3geom) SELECT "
                       "code, %4name, name_en, area_km2, %3ST_Multi(ST_SetSRID(ST_GeomFromWKB("
                       "wkb), 4326)) FROM %5")
            .arg(table, parent, extra, parentValue, staging));
    if (!inserted)
        return inserted.error();
    return {};
}

Result<QList<SourceFeature>> readLayer(PgConnection &conn, const QString &table,
                                       const QString &parentColumn, bool attributes)
{
    auto rows = conn.exec(
        QStringLiteral("SELECT code, %1, name, coalesce(name_en, ''), "
                       "coalesce(area_km2, 0), %2, ST_AsBinary(geom) FROM "
                       "citygrid.%3 ORDER BY code")
            .arg(parentColumn.isEmpty() ? QStringLiteral("''") : parentColumn,
                 attributes ? QStringLiteral("attributes::text") : QStringLiteral("NULL"), table));
    if (!rows)
        return rows.error();
    QList<SourceFeature> features;
    const PgResult &r = rows.value();
    for (int i = 0; i < r.rows(); ++i) {
        SourceFeature f;
        f.fid = i + 1;
        f.code = r.text(i, 0);
        f.parentCode = r.text(i, 1);
        f.name = r.text(i, 2);
        f.nameEn = r.text(i, 3);
        f.areaKm2 = r.text(i, 4).toDouble();
        if (!r.isNull(i, 5))
            f.attributes = QJsonDocument::fromJson(r.text(i, 5).toUtf8()).object().toVariantMap();
        // bytea arrives as \x and hex in text format
        f.wkb = QByteArray::fromHex(r.text(i, 6).mid(2).toLatin1());
        features.append(f);
    }
    return features;
}

/// A layer's features as replace_grid takes them.
QJsonArray layerJson(const QList<SourceFeature> &features)
{
    QJsonArray list;
    for (const SourceFeature &f : features) {
        QJsonObject o{{QStringLiteral("code"), f.code},
                      {QStringLiteral("parent"), parentOf(f)},
                      {QStringLiteral("name"), f.name},
                      {QStringLiteral("name_en"), f.nameEn},
                      {QStringLiteral("area_km2"), f.areaKm2},
                      {QStringLiteral("wkb"), QString::fromLatin1(f.wkb.toHex())}};
        if (!f.attributes.isEmpty())
            o.insert(QStringLiteral("attributes"), QJsonObject::fromVariantMap(f.attributes));
        list.append(o);
    }
    return list;
}

} // namespace

Result<GridSource> CentreGrid::read(PgConnection &conn)
{
    GridSource grid;
    auto meta = CentreSchema::meta(conn);
    if (!meta)
        return meta.error();
    grid.districtCode = meta.value().value(QStringLiteral("district_code"));
    grid.districtName = meta.value().value(QStringLiteral("district_name"));
    grid.districtNameEn = meta.value().value(QStringLiteral("district_name_en"));
    grid.description = QStringLiteral("centre %1 on %2").arg(conn.database(), conn.endpoint());
    auto subdistricts = readLayer(conn, QStringLiteral("subdistricts"), {}, false);
    if (!subdistricts)
        return subdistricts.error();
    auto communities =
        readLayer(conn, QStringLiteral("communities"), QStringLiteral("subdistrict_code"), false);
    if (!communities)
        return communities.error();
    auto cells = readLayer(conn, QStringLiteral("cells"), QStringLiteral("community_code"), true);
    if (!cells)
        return cells.error();
    grid.subdistricts = std::move(subdistricts).value();
    grid.communities = std::move(communities).value();
    grid.cells = std::move(cells).value();
    return grid;
}

Result<void> CentreGrid::write(PgConnection &conn, const GridSource &grid)
{
    if (auto r = writeLayer(conn, QStringLiteral("subdistricts"), {}, grid.subdistricts, false); !r)
        return r;
    if (auto r = writeLayer(conn, QStringLiteral("communities"), QStringLiteral("subdistrict_code"),
                            grid.communities, false);
        !r)
        return r;
    return writeLayer(conn, QStringLiteral("cells"), QStringLiteral("community_code"), grid.cells,
                      true);
}

Result<int> CentreGrid::replace(PgConnection &conn, const GridSource &grid, const QString &source)
{
    const QJsonObject body{{QStringLiteral("code"), grid.districtCode},
                           {QStringLiteral("name"), grid.districtName},
                           {QStringLiteral("name_en"), grid.districtNameEn},
                           {QStringLiteral("source"), source},
                           {QStringLiteral("subdistricts"), layerJson(grid.subdistricts)},
                           {QStringLiteral("communities"), layerJson(grid.communities)},
                           {QStringLiteral("cells"), layerJson(grid.cells)}};
    auto moved = conn.exec(QStringLiteral("SELECT citygrid.replace_grid($1)"),
                           {QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact))});
    if (!moved)
        return moved.error();
    return int(moved.value().integer(0, 0));
}

Result<bool> CentreGrid::catchUp(PgConnection &conn, SqliteDb &db, const QString &replacedAt)
{
    if (replacedAt.isEmpty() || replacedAt == Store::meta(db, keyGridAt()))
        return false;
    auto grid = read(conn);
    if (!grid)
        return grid.error();
    Transaction tx(db);
    if (auto r = tx.begin(); !r)
        return r.error();
    if (auto r = StoreWriter::replaceGrid(db, grid.value()); !r)
        return r.error();
    if (auto r = Store::setMeta(db, keyGridAt(), replacedAt); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return true;
}

} // namespace citygrid
