// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/casequery.h"
#include "map/mapoverlay.h"
#include "render/casemarks.h"

namespace citygrid {

class CaseSession;

/// The cases of the case list's filter on the map: reads them on a worker whenever the filter or
/// a case changes and hands the canvas their CaseMarks (symbols, counts; see there). Clicking a
/// symbol opens the case. GUI thread.
class CaseLayer : public MapOverlay
{
    Q_OBJECT
public:
    CaseLayer(CaseSession &session, QObject *parent = nullptr);

    void setFilter(const CaseFilter &filter);
    /// The grid the map shows, for the map CRS and the places of the counts.
    void setGridMap(const GridMap &map);
    void setVisible(bool visible);
    bool isVisible() const { return m_visible; }
    /// Re-reads the cases (after a step) on a worker thread; changed() and loaded() follow.
    void reload();
    /// True from a reload() until its cases are on the layer.
    bool isLoading() const { return m_loading; }

    qsizetype caseCount() const { return m_marks->size(); }
    /// Where the cases on the layer are, in the map CRS.
    QList<QPointF> mapPositions() const { return m_marks->mapPositions(); }
    /// The case whose symbol is at a widget position, empty if none (only where symbols are
    /// drawn).
    QString caseAt(QPointF widgetPos, const MapView &view) const;
    /// The map position of a case (map CRS), if it is on the layer.
    std::optional<QPointF> positionOf(const QString &caseUuid) const
    {
        return m_marks->positionOf(caseUuid);
    }
    void setHighlight(const QString &caseUuid);

    MarkLayerPtr marks() const override;
    bool click(QPointF widgetPos, const MapView &view) override;

signals:
    void caseClicked(const QString &caseUuid);
    /// The cases of the last reload() are on the layer.
    void loaded();

private:
    CaseSession &m_session;
    CaseFilter m_filter;
    GridMap m_map;
    CaseMarks::Anchors m_anchors;
    std::shared_ptr<const CaseMarks> m_marks = std::make_shared<CaseMarks>();
    int m_generation = 0;
    bool m_loading = false;
    bool m_visible = true;
};

} // namespace citygrid
