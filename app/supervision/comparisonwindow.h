// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "render/thematicmap.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;

namespace citygrid {

class CaseSession;
class MapCanvas;
class ThematicPanel;
struct GridMap;

/// Two months of the thematic map side by side: the panel's measure, level, filters and
/// classification, one month on each side, classed on bounds computed over both months so one
/// legend reads both; panning or zooming one map moves the other. Follows the panel's settings.
class ComparisonWindow : public QWidget
{
    Q_OBJECT
public:
    enum Side { Left, Right };
    ComparisonWindow(ThematicPanel &panel, CaseSession &session, const GridMap &map,
                     QWidget *parent = nullptr);

    QComboBox *monthBox(Side side) const { return m_month[side]; }
    MapCanvas *canvas(Side side) const { return m_canvas[side]; }
    const std::optional<ThematicMap> &map(Side side) const { return m_map[side]; }
    void refresh();
    /// Both maps are drawn in their classes.
    bool isReady() const;

private:
    ThematicPanel &m_panel;
    QComboBox *m_month[2];
    MapCanvas *m_canvas[2];
    QLabel *m_caption[2];
    QLabel *m_legend;
    std::optional<ThematicMap> m_map[2];
    bool m_syncing = false;
};

} // namespace citygrid
