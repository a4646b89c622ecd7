// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/viewhistory.h"

namespace citygrid {

void ViewHistory::push(const MapView &view)
{
    if (m_index >= 0 && m_views[m_index] == view)
        return;
    m_views.resize(m_index + 1); // a new view drops the forward branch
    m_views.append(view);
    constexpr qsizetype limit = 100;
    if (m_views.size() > limit)
        m_views.remove(0, m_views.size() - limit);
    m_index = m_views.size() - 1;
}

MapView ViewHistory::back()
{
    if (canGoBack())
        --m_index;
    return m_views.value(m_index);
}

MapView ViewHistory::forward()
{
    if (canGoForward())
        ++m_index;
    return m_views.value(m_index);
}

void ViewHistory::clear()
{
    m_views.clear();
    m_index = -1;
}

} // namespace citygrid
