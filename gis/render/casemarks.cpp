// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/casemarks.h"

#include "crs/crstransform.h"
#include "store/sqlitedb.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace citygrid {

namespace {

constexpr double hitRadius = 8;
constexpr qsizetype maxSymbols = 5000;
constexpr double symbolRadius = 5.5;
const QColor countColour(0x1f, 0x6f, 0xd1, 190);
const QColor overdueColour(0xd3, 0x2f, 0x2f);
const QColor highlightColour(0xff, 0x8f, 0x00);

/// The screen area a count bubble of `radius` at `centre` covers, with its badge.
QRectF bubbleArea(QPointF centre, double radius)
{
    return QRectF(centre.x() - radius, centre.y() - radius - 9, 2 * radius + 14, 2 * radius + 9);
}

} // namespace

QColor CaseMarks::stateColour(CaseState state)
{
    switch (state) {
    case CaseState::Reported:
        return QColor(0x75, 0x75, 0x75);
    case CaseState::Filed:
        return QColor(0x8e, 0x44, 0xad);
    case CaseState::Dispatched:
        return QColor(0x1f, 0x6f, 0xd1);
    case CaseState::Handled:
        return QColor(0x00, 0x89, 0x7b);
    case CaseState::Verified:
        return QColor(0x43, 0xa0, 0x47);
    case CaseState::Closed:
        return QColor(0x9e, 0x9e, 0x9e);
    case CaseState::Voided:
        return QColor(0xbd, 0xbd, 0xbd);
    case CaseState::Deferred:
        return QColor(0xf5, 0x9e, 0x0b);
    }
    return Qt::gray;
}

CaseMarks::Anchors CaseMarks::anchorsOf(const GridMap &map)
{
    auto anchors = std::make_shared<QHash<QString, QPointF>>();
    for (const MapLayerPtr &layer : {map.cells, map.communities})
        if (layer)
            for (const MapFeature &f : layer->features)
                anchors->insert(f.code, f.labelPoint);
    return anchors;
}

Result<std::shared_ptr<CaseMarks>> CaseMarks::load(const QString &storePath,
                                                   const CaseFilter &filter, const QDateTime &now,
                                                   const GridMap &map, Anchors anchors)
{
    // A connection of its own: the GUI thread's stays free while a million points are read.
    auto db = SqliteDb::open(storePath, SqliteDb::Mode::ReadOnly);
    if (!db)
        return db.error();
    auto points = CaseQuery(*db.value(), filter, now).points();
    if (!points)
        return points.error();
    auto transform = CrsTransform::create(QStringLiteral("EPSG:4326"), map.crs);
    if (!transform)
        return transform.error();
    QList<Placed> placed;
    placed.reserve(points.value().size());
    for (const CasePoint &p : std::as_const(points.value()))
        placed.append({p, transform.value().apply(p.lonLat)});
    if (!anchors)
        anchors = anchorsOf(map);
    return std::make_shared<CaseMarks>(std::move(placed), anchors, map.metresPerUnit);
}

CaseMarks::CaseMarks(QList<Placed> points, const Anchors &anchors, double metresPerUnit)
    : m_points(std::move(points)), m_metresPerUnit(metresPerUnit)
{
    if (!anchors)
        return;
    m_perCell = countBy(m_points, 15, *anchors);
    m_perCommunity = countBy(m_points, 12, *anchors);
}

QList<CaseMarks::Count> CaseMarks::countBy(const QList<Placed> &points, int codeLength,
                                           const QHash<QString, QPointF> &anchors)
{
    QHash<QString, Count> byCode;
    for (const Placed &p : points) {
        Count &c = byCode[p.point.cellCode.left(codeLength)];
        ++c.total;
        c.overdue += p.point.overdue;
    }
    QList<Count> counts;
    counts.reserve(byCode.size());
    for (auto it = byCode.begin(); it != byCode.end(); ++it)
        if (const auto at = anchors.constFind(it.key()); at != anchors.cend()) {
            it->at = *at;
            counts.append(*it);
        }
    // the same order on every run, so overlapping bubbles stack alike on screen and paper
    std::sort(counts.begin(), counts.end(), [](const Count &a, const Count &b) {
        return std::pair(a.at.y(), a.at.x()) > std::pair(b.at.y(), b.at.x());
    });
    return counts;
}

CaseMarks::Mode CaseMarks::modeAt(double metresPerPixel)
{
    if (metresPerPixel > 6)
        return Mode::PerCommunity;
    if (metresPerPixel > 2.5)
        return Mode::PerCell;
    return Mode::Points;
}

CaseMarks::Mode CaseMarks::modeIn(const MapView &view) const
{
    const Mode byScale = modeAt(view.unitsPerPixel * m_metresPerUnit);
    if (byScale != Mode::Points)
        return byScale;
    // Too many symbols to read (a dense year at street scale): counts per cell instead.
    const QRectF visible = view.extent();
    qsizetype inView = 0;
    for (const Placed &p : m_points)
        if (visible.contains(p.map) && ++inView > maxSymbols)
            return Mode::PerCell;
    return Mode::Points;
}

QList<QPointF> CaseMarks::mapPositions() const
{
    QList<QPointF> positions;
    positions.reserve(m_points.size());
    for (const Placed &p : m_points)
        positions << p.map;
    return positions;
}

std::optional<QPointF> CaseMarks::positionOf(const QString &caseUuid) const
{
    for (const Placed &p : m_points)
        if (p.point.uuid == caseUuid)
            return p.map;
    return std::nullopt;
}

std::shared_ptr<CaseMarks> CaseMarks::withHighlight(const QString &caseUuid) const
{
    auto marks = std::make_shared<CaseMarks>(*this);
    marks->m_highlight = caseUuid;
    return marks;
}

QString CaseMarks::caseAt(QPointF widgetPos, const MapView &view) const
{
    if (modeIn(view) != Mode::Points)
        return {};
    QString best;
    double bestDistance = hitRadius * hitRadius;
    for (const Placed &p : m_points) {
        const QPointF d = view.toScreen(p.map) - widgetPos;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = p.point.uuid;
        }
    }
    return best;
}

bool CaseMarks::belowLabels(const MapView &view) const
{
    return modeIn(view) != Mode::Points; // counts yield to names; single cases stay clickable
}

void CaseMarks::paint(QPainter &painter, const MapView &view, const QList<QRectF> &labels) const
{
    if (m_points.isEmpty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    switch (modeIn(view)) {
    case Mode::Points:
        paintSymbols(painter, view);
        break;
    case Mode::PerCell:
        paintCounts(painter, m_perCell, view, labels);
        break;
    case Mode::PerCommunity:
        paintCounts(painter, m_perCommunity, view, labels);
        break;
    }
    painter.restore();
}

void CaseMarks::paintSymbols(QPainter &painter, const MapView &view) const
{
    const QRectF visible = view.extent();
    const double r = symbolRadius;
    for (const Placed &p : m_points) {
        if (!visible.contains(p.map))
            continue;
        const QPointF s = view.toScreen(p.map);
        painter.setPen(QPen(Qt::white, 1.5));
        painter.setBrush(stateColour(p.point.state));
        if (p.point.component)
            painter.drawRect(QRectF(s.x() - r, s.y() - r, 2 * r, 2 * r));
        else
            painter.drawEllipse(s, r, r);
        if (p.point.overdue) {
            painter.setPen(QPen(overdueColour, 2.5));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(s, r + 3.5, r + 3.5);
        }
        if (!m_highlight.isEmpty() && p.point.uuid == m_highlight) {
            painter.setPen(QPen(highlightColour, 3));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(s, r + 7, r + 7);
        }
    }
}

QPointF CaseMarks::clearOf(QPointF at, double radius, const QList<QRectF> &labels)
{
    const auto covered = [&](QPointF centre) {
        const QRectF area = bubbleArea(centre, radius);
        return std::find_if(labels.cbegin(), labels.cend(),
                            [&](const QRectF &l) { return l.intersects(area); });
    };
    const auto hit = covered(at);
    if (hit == labels.cend())
        return at;
    const QPointF below(at.x(), hit->bottom() + radius + 10);
    if (covered(below) == labels.cend())
        return below;
    const QPointF above(at.x(), hit->top() - radius - 2);
    if (covered(above) == labels.cend())
        return above;
    return below; // crowded: below its own label at least
}

void CaseMarks::paintCounts(QPainter &painter, const QList<Count> &counts, const MapView &view,
                            const QList<QRectF> &labels) const
{
    const QRectF visible = view.extent();
    int largest = 1;
    for (const Count &c : counts)
        largest = std::max(largest, c.total);
    QFont font = painter.font();
    font.setPixelSize(11);
    font.setBold(true);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    // Bubbles sized by area (radius by the square root of the count), the overdue ones counted in
    // a red badge, so the eye finds both where cases cluster and where they are late.
    for (const Count &c : counts) {
        if (!visible.contains(c.at))
            continue;
        const double radius = 8 + 18 * std::sqrt(double(c.total) / largest);
        const QPointF s = clearOf(view.toScreen(c.at), radius, labels);
        painter.setPen(QPen(Qt::white, 1.5));
        painter.setBrush(countColour);
        painter.drawEllipse(s, radius, radius);
        painter.setPen(Qt::white);
        painter.drawText(QRectF(s.x() - radius, s.y() - radius, 2 * radius, 2 * radius),
                         Qt::AlignCenter, QString::number(c.total));
        if (c.overdue > 0) {
            const QString late = QString::number(c.overdue);
            const double w = std::max(16.0, metrics.horizontalAdvance(late) + 8);
            const QRectF badge(s.x() + radius * 0.55, s.y() - radius * 0.95 - 8, w, 16);
            painter.setPen(QPen(Qt::white, 1.2));
            painter.setBrush(overdueColour);
            painter.drawRoundedRect(badge, 8, 8);
            painter.setPen(Qt::white);
            painter.drawText(badge, Qt::AlignCenter, late);
        }
    }
}

MarkLegend CaseMarks::legend(const MapView &view) const
{
    if (m_points.isEmpty())
        return {};
    // what the map shows: the cases in view
    const QRectF visible = view.extent();
    int total = 0, overdue = 0;
    QHash<int, int> byState;
    for (const Placed &p : m_points) {
        if (!visible.contains(p.map))
            continue;
        ++total;
        overdue += p.point.overdue;
        ++byState[int(p.point.state)];
    }
    if (total == 0)
        return {};
    MarkLegend legend;
    const Mode mode = modeIn(view);
    if (mode == Mode::Points) {
        legend.title = tr("Cases (%1)").arg(total);
        for (CaseState state : CaseVocabulary::states())
            if (const int n = byState.value(int(state)))
                legend.entries.append({stateColour(state), CaseVocabulary::displayName(state), n});
    } else {
        legend.title = mode == Mode::PerCell ? tr("Cases per cell (%1 in all)").arg(total)
                                             : tr("Cases per community (%1 in all)").arg(total);
        legend.entries.append({countColour, tr("Cases, the bubble sized by their number"), -1});
    }
    if (overdue > 0)
        legend.entries.append({overdueColour, tr("Overdue"), overdue});
    return legend;
}

} // namespace citygrid
