// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "grid/gridcatalogue.h"
#include "map/mapcanvas.h"

#include <QTextBrowser>

namespace citygrid {

/// The context panel for the selected area: code, name, parents, area, neighbours or children, each
/// parent and neighbour a link that selects it. GUI thread.
class IdentifyPanel : public QTextBrowser
{
    Q_OBJECT
public:
    explicit IdentifyPanel(QWidget *parent = nullptr);
    /// Shows `item` (or a hint when nothing is selected). `map` gives the neighbours.
    void showItem(const MapItem &item, const GridCatalogue &catalogue, const GridMap &map,
                  bool english);

signals:
    void codeActivated(const QString &code);
};

} // namespace citygrid
