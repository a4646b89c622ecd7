// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "cases/casequery.h"
#include "render/maplayerdata.h"
#include "render/marklayer.h"

#include <QCoreApplication>
#include <QHash>

#include <optional>

namespace citygrid {

/// The cases on a map: a symbol each when zoomed in (circle for an event, square for a
/// component; colour by state; a red ring when overdue; an orange ring round the highlighted
/// one), and at smaller scales a count per cell or per community, with the overdue ones in a red
/// badge, so a year of cases stays readable. An immutable snapshot: any thread.
class CaseMarks : public MarkLayer
{
    Q_DECLARE_TR_FUNCTIONS(CaseMarks)
public:
    struct Placed
    {
        CasePoint point;
        QPointF map; ///< in the map CRS
    };
    /// Where the counts of each cell and community stand (their label points), by code.
    using Anchors = std::shared_ptr<const QHash<QString, QPointF>>;
    static Anchors anchorsOf(const GridMap &map);

    /// Reads the cases `filter` selects at `now` on a connection of its own to the store at
    /// `storePath` (any thread) and places them on `map`; `anchors` from anchorsOf(map), or
    /// null to make them.
    static Result<std::shared_ptr<CaseMarks>> load(const QString &storePath,
                                                   const CaseFilter &filter, const QDateTime &now,
                                                   const GridMap &map, Anchors anchors = {});
    CaseMarks() = default;
    /// `points` placed on a map of `metresPerUnit` whose cells and communities stand at
    /// `anchors`; counts them per cell and community.
    CaseMarks(QList<Placed> points, const Anchors &anchors, double metresPerUnit);

    /// How the marks draw at a scale (metres per pixel).
    enum class Mode { Points, PerCell, PerCommunity };
    static Mode modeAt(double metresPerPixel);
    /// How they draw `view`: by scale, and per cell where symbols would crowd (over 5,000).
    Mode modeIn(const MapView &view) const;

    qsizetype size() const { return m_points.size(); }
    const QList<Placed> &points() const { return m_points; }
    QList<QPointF> mapPositions() const;
    /// The case whose symbol is at a widget position, empty if none (only where symbols are
    /// drawn).
    QString caseAt(QPointF widgetPos, const MapView &view) const;
    std::optional<QPointF> positionOf(const QString &caseUuid) const;
    /// The same marks with `caseUuid` ringed (the points are shared, not copied).
    std::shared_ptr<CaseMarks> withHighlight(const QString &caseUuid) const;
    const QString &highlight() const { return m_highlight; }

    void paint(QPainter &painter, const MapView &view, const QList<QRectF> &labels) const override;
    bool belowLabels(const MapView &view) const override;
    MarkLegend legend(const MapView &view) const override;

    /// Where a count bubble of `radius` (its overdue badge above right included) is drawn for a
    /// feature at screen point `at`: there, or moved just below or above the label it would
    /// cover, so labels stay readable.
    static QPointF clearOf(QPointF at, double radius, const QList<QRectF> &labels);
    static QColor stateColour(CaseState state);

private:
    struct Count
    {
        QPointF at; ///< map CRS
        int total = 0;
        int overdue = 0;
    };
    void paintSymbols(QPainter &painter, const MapView &view) const;
    void paintCounts(QPainter &painter, const QList<Count> &counts, const MapView &view,
                     const QList<QRectF> &labels) const;
    static QList<Count> countBy(const QList<Placed> &points, int codeLength,
                                const QHash<QString, QPointF> &anchors);

    QList<Placed> m_points;
    QList<Count> m_perCell;
    QList<Count> m_perCommunity;
    double m_metresPerUnit = 1;
    QString m_highlight;
};

} // namespace citygrid
