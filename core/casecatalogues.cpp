// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "casecatalogues.h"

#include <QFile>

namespace citygrid {

namespace {

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("catalogue.missing"),
                     CaseCatalogues::tr("The catalogue %1 cannot be read").arg(path),
                     file.errorString()};
    return file.readAll();
}

/// Loads one catalogue and says which file it was if it is wrong.
template <typename T> Result<T> loadOne(const QString &dir, const char *name)
{
    const QString path = dir + u'/' + QLatin1String(name);
    auto bytes = readFile(path);
    if (!bytes)
        return bytes.error();
    auto parsed = T::fromJson(bytes.value());
    if (!parsed) {
        Error error = parsed.error();
        error.message = CaseCatalogues::tr("%1: %2").arg(path, error.message);
        return error;
    }
    return std::move(parsed).value();
}

/// The folder to read a catalogue from: the district's own where it has one, else the one
/// compiled in (catalogues added after a district set up its folder).
QString ownOrBuiltin(const QString &dir, const char *name)
{
    return QFile::exists(dir + u'/' + QLatin1String(name)) ? dir : QStringLiteral(":/catalogues");
}

} // namespace

Result<CaseCatalogues> CaseCatalogues::load(const QString &dir)
{
    auto roles = loadOne<RoleCatalog>(dir, "roles.json");
    if (!roles)
        return roles.error();
    auto calendar = loadOne<WorkingCalendar>(dir, "calendar.json");
    if (!calendar)
        return calendar.error();
    auto categories = loadOne<CategoryCatalog>(dir, "categories.json");
    if (!categories)
        return categories.error();
    auto units = loadOne<UnitCatalog>(dir, "units.json");
    if (!units)
        return units.error();
    auto indicators =
        loadOne<IndicatorWeights>(ownOrBuiltin(dir, "indicators.json"), "indicators.json");
    if (!indicators)
        return indicators.error();
    auto assessment = loadOne<AssessmentScheme>(ownOrBuiltin(dir, "assessment-scheme.json"),
                                                "assessment-scheme.json");
    if (!assessment)
        return assessment.error();
    return CaseCatalogues{roles.value(), calendar.value(),   categories.value(),
                          units.value(), indicators.value(), assessment.value()};
}

} // namespace citygrid
