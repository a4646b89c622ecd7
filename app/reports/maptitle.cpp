// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "reports/maptitle.h"

#include "services/language.h"

#include <QCoreApplication>

namespace citygrid::maptitle {

QString forGrid(const GridCatalogue &catalogue)
{
    return QCoreApplication::translate("maptitle", "%1 grid")
        .arg(catalogue.districtName(language::isEnglish()));
}

} // namespace citygrid::maptitle
