// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "casequery.h"
#include "mapoverlay.h"

#include <QHash>

namespace citygrid {

class CaseSession;
struct GridMap;

/// The cases on the map: the cases of the list's filter, a symbol each when zoomed in (circle for
/// an event, square for a component; colour by state; a red ring when overdue), and at smaller
/// scales a count per cell or per community, red when any there is overdue, so a year of cases
/// stays readable. Clicking a symbol opens the case. GUI thread.
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
    /// Re-reads the cases (after a step).
    void reload();

    /// How the layer draws at a scale (metres per pixel).
    enum class Mode { Points, PerCell, PerCommunity };
    static Mode modeAt(double metresPerPixel);
    /// How it draws `view`: by scale, and per cell where symbols would crowd (over 5,000).
    Mode modeIn(const MapView &view) const;
    qsizetype caseCount() const { return m_points.size(); }
    /// The case whose symbol is at a widget position, empty if none (only where symbols are
    /// drawn).
    QString caseAt(QPointF widgetPos, const MapView &view) const;
    /// The map position of a case (map CRS), if it is on the layer.
    std::optional<QPointF> positionOf(const QString &caseUuid) const;
    void setHighlight(const QString &caseUuid);

    void paint(QPainter &painter, const MapView &view) const override;
    bool click(QPointF widgetPos, const MapView &view) override;

    static QColor stateColour(CaseState state);

signals:
    void caseClicked(const QString &caseUuid);

private:
    struct Placed
    {
        CasePoint point;
        QPointF map; // in the map CRS
    };
    void paintCounts(QPainter &painter, const MapView &view, int codeLength) const;

    CaseSession &m_session;
    CaseFilter m_filter;
    QString m_crs;
    double m_metresPerUnit = 1;
    QHash<QString, QPointF> m_labelPoints; // cell and community code -> map position
    QList<Placed> m_points;
    struct Tally
    {
        int total = 0;
        int overdue = 0;
    };
    // counts per cell (15-digit code) and per community (12), made once per reload
    QHash<QString, Tally> m_perCell;
    QHash<QString, Tally> m_perCommunity;
    QString m_highlight;
    bool m_visible = true;
};

} // namespace citygrid
