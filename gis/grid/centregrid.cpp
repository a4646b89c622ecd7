// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/centregrid.h"

#include "grid/cellcode.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid {

namespace {

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
        // a layer read from a file may leave the parent to the code (440304001001 → 440304001)
        QString parentCode = f.parentCode;
        if (parentCode.isEmpty())
            if (auto code = CellCode::parse(f.code))
                parentCode = code.value().parentCode();
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

} // namespace

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

} // namespace citygrid
