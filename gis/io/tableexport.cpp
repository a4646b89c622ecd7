// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "io/tableexport.h"

#include "base/partialfile.h"
#include "io/ogrutil.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QFileInfo>

#include <cmath>

namespace citygrid {

namespace {

bool isNumber(const QVariant &v)
{
    return v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong ||
           v.typeId() == QMetaType::Double;
}

} // namespace

QString TableExport::formatOf(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("xlsx") || suffix == QLatin1String("csv") ? suffix : QString();
}

Result<void> TableExport::write(const QString &path, const QString &sheet,
                                const QStringList &header, const QList<QVariantList> &rows)
{
    const QString format = formatOf(path);
    const QString name = QFileInfo(path).fileName();
    if (format.isEmpty())
        return Error{QStringLiteral("table.format"),
                     tr("%1: a table is written as .xlsx or .csv").arg(name),
                     {}};
    GDALAllRegister();
    GDALDriver *driver =
        GetGDALDriverManager()->GetDriverByName(format == QLatin1String("xlsx") ? "XLSX" : "CSV");
    const auto failed = [&](const QString &detail) {
        return Error{
            QStringLiteral("table.write"),
            tr("Could not write %1; check the folder exists and you may write to it").arg(name),
            detail};
    };
    if (!driver)
        return failed(QStringLiteral("no GDAL driver"));
    PartialFile partial(path);
    {
        GDALDatasetUniquePtr dataset(
            driver->Create(partial.path().toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!dataset)
            return failed(ogrutil::lastError());
        char **options = nullptr;
        if (format == QLatin1String("csv"))
            options = CSLSetNameValue(options, "WRITE_BOM", "YES");
        OGRLayer *layer =
            dataset->CreateLayer(sheet.toUtf8().constData(), nullptr, wkbNone, options);
        CSLDestroy(options);
        if (!layer)
            return failed(ogrutil::lastError());
        for (qsizetype c = 0; c < header.size(); ++c) {
            bool numeric = true, integral = true;
            for (const QVariantList &row : rows) {
                const QVariant v = row.value(c);
                if (v.isNull())
                    continue;
                numeric = numeric && isNumber(v);
                integral = integral && v.typeId() != QMetaType::Double;
            }
            OGRFieldDefn field(header[c].toUtf8().constData(),
                               numeric ? (integral ? OFTInteger64 : OFTReal) : OFTString);
            if (layer->CreateField(&field) != OGRERR_NONE)
                return failed(ogrutil::lastError());
        }
        for (const QVariantList &row : rows) {
            OGRFeature feature(layer->GetLayerDefn());
            for (int c = 0; c < header.size(); ++c) {
                const QVariant v = row.value(c);
                if (v.isNull() || (v.typeId() == QMetaType::Double && std::isnan(v.toDouble())))
                    continue;
                if (v.typeId() == QMetaType::Double)
                    feature.SetField(c, v.toDouble());
                else if (isNumber(v))
                    feature.SetField(c, GIntBig(v.toLongLong()));
                else
                    feature.SetField(c, v.toString().toUtf8().constData());
            }
            if (layer->CreateFeature(&feature) != OGRERR_NONE)
                return failed(ogrutil::lastError());
        }
    }
    if (!partial.commit())
        return failed(QStringLiteral("rename failed"));
    return {};
}

} // namespace citygrid
