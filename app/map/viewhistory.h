// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/mapview.h"

#include <QList>

namespace citygrid {

/// The views the user went through, for back and forward, like a browser's history.
class ViewHistory
{
public:
    void push(const MapView &view);
    bool canGoBack() const { return m_index > 0; }
    bool canGoForward() const { return m_index + 1 < m_views.size(); }
    MapView back();
    MapView forward();
    void clear();

private:
    QList<MapView> m_views;
    qsizetype m_index = -1;
};

} // namespace citygrid
