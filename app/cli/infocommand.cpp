// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/cli.h"
#include "cli/signin.h"
#include "crs/crstransform.h"
#include "grid/gridmaploader.h"
#include "services/appcontext.h"
#include "store/storeschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace citygrid::cli {

int info(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("cli",
                                                                 "Describes a store: schema "
                                                                 "version, CRS, layers, extent."));
    addCommonOptions(parser);
    addSignInOptions(parser);
    parser.addOption({QStringLiteral("json"), QCoreApplication::translate("cli", "Print JSON.")});
    if (!parse(parser, arguments))
        return parser.isSet(QStringLiteral("help")) ? Ok : Usage;
    auto context = openStore(parser);
    if (!context)
        return fail(context.error());
    if (!mayRead(*context.value(), parser))
        return Failed;
    Store &store = context.value()->store();
    auto counts = store.layerCounts();
    if (!counts)
        return fail(counts.error());
    const QString storageCrs = QStringLiteral("EPSG:%1").arg(storeschema::storageSrid);
    auto map = GridMapLoader::loadLayer(store.path(), storeschema::cellsTable(), storageCrs);
    if (!map)
        return fail(map.error());
    const QRectF extent = map.value()->extent;
    const GridCatalogue &catalogue = context.value()->catalogue();

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject layers;
        for (const auto &[table, count] : counts.value())
            layers.insert(table, count);
        const QJsonObject json{
            {QStringLiteral("store"), store.path()},
            {QStringLiteral("schema_version"), store.schemaVersion()},
            {QStringLiteral("crs"), storageCrs},
            {QStringLiteral("district_code"), catalogue.districtCode()},
            {QStringLiteral("district_name"), catalogue.districtName()},
            {QStringLiteral("layers"), layers},
            {QStringLiteral("extent"),
             QJsonArray{extent.left(), extent.top(), extent.right(), extent.bottom()}},
        };
        out() << QJsonDocument(json).toJson(QJsonDocument::Indented);
        return Ok;
    }
    out() << tr("Store:          %1").arg(store.path()) << Qt::endl;
    out() << tr("Schema version: %1").arg(store.schemaVersion()) << Qt::endl;
    out() << tr("District:       %1 %2").arg(catalogue.districtCode(), catalogue.districtName())
          << Qt::endl;
    out() << tr("CRS:            %1 (%2)").arg(storageCrs, CrsTransform::describe(storageCrs))
          << Qt::endl;
    for (const auto &[table, count] : counts.value())
        out() << tr("Layer %1: %2 features").arg(table, -14).arg(count) << Qt::endl;
    out() << tr("Extent:         %1, %2 - %3, %4 (lon/lat)")
                 .arg(extent.left(), 0, 'f', 5)
                 .arg(extent.top(), 0, 'f', 5)
                 .arg(extent.right(), 0, 'f', 5)
                 .arg(extent.bottom(), 0, 'f', 5)
          << Qt::endl;
    return Ok;
}

} // namespace citygrid::cli
