// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/casequery.h"
#include "map/mapoverlay.h"

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
    /// Re-reads the cases (after a step) on a worker thread; changed() and loaded() follow.
    void reload();
    /// True from a reload() until its cases are on the layer.
    bool isLoading() const { return m_loading; }

    /// How the layer draws at a scale (metres per pixel).
    enum class Mode { Points, PerCell, PerCommunity };
    static Mode modeAt(double metresPerPixel);
    /// How it draws `view`: by scale, and per cell where symbols would crowd (over 5,000).
    Mode modeIn(const MapView &view) const;
    qsizetype caseCount() const { return m_loaded.points.size(); }
    /// Where the cases on the layer are, in the map CRS.
    QList<QPointF> mapPositions() const;
    /// The case whose symbol is at a widget position, empty if none (only where symbols are
    /// drawn).
    QString caseAt(QPointF widgetPos, const MapView &view) const;
    /// The map position of a case (map CRS), if it is on the layer.
    std::optional<QPointF> positionOf(const QString &caseUuid) const;
    void setHighlight(const QString &caseUuid);

    void paint(QPainter &painter, const MapView &view, const QList<QRectF> &labels) const override;
    bool belowLabels(const MapView &view) const override;
    /// Where a count bubble of `radius` (its overdue badge above right included) is drawn for a
    /// feature at screen point `at`: there, or moved just below or above the label it would
    /// cover, so labels stay readable.
    static QPointF clearOf(QPointF at, double radius, const QList<QRectF> &labels);
    bool click(QPointF widgetPos, const MapView &view) override;

    static QColor stateColour(CaseState state);

signals:
    void caseClicked(const QString &caseUuid);
    /// The cases of the last reload() are on the layer.
    void loaded();

private:
    struct Placed
    {
        CasePoint point;
        QPointF map; // in the map CRS
    };
    void paintCounts(QPainter &painter, const MapView &view, int codeLength,
                     const QList<QRectF> &labels) const;

    struct Tally
    {
        int total = 0;
        int overdue = 0;
    };
    /// What a reload reads: the points in the map CRS, and their counts per cell (15-digit
    /// code) and per community (12).
    struct Loaded
    {
        QList<Placed> points;
        QHash<QString, Tally> perCell;
        QHash<QString, Tally> perCommunity;
    };
    static Loaded load(const QString &storePath, const CaseFilter &filter, const QDateTime &now,
                       const QString &crs);

    CaseSession &m_session;
    CaseFilter m_filter;
    QString m_crs;
    double m_metresPerUnit = 1;
    QHash<QString, QPointF> m_labelPoints; // cell and community code -> map position
    Loaded m_loaded;
    int m_generation = 0;
    bool m_loading = false;
    QString m_highlight;
    bool m_visible = true;
};

} // namespace citygrid
