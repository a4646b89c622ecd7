// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridkind.h"

#include <QJsonObject>

namespace citygrid::gridkind {

namespace {

/// lupdate files tr() in this namespace under its name, so that is the context looked up.
QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::gridkind", text);
}

} // namespace

void addTo(RefKinds &kinds)
{
    kinds.add({id(),
               [] { return tr("grid"); },
               [](const RefRecords::Record &r) {
                   const QJsonObject o = r.value.toObject();
                   if (!r.value.isNull() && (o[QLatin1String("gpkg")].toString().isEmpty() ||
                                             o[QLatin1String("source")].toString().isEmpty()))
                       return tr("it holds no grid");
                   return QString(); // checked like any import when it is put in place
               },
               {},
               {},
               Right::ImportGrid});
}

} // namespace citygrid::gridkind
