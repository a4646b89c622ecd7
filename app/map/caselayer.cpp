// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/caselayer.h"

#include "crs/crstransform.h"
#include "render/maplayerdata.h"
#include "services/casesession.h"
#include "services/threadpools.h"
#include "store/sqlitedb.h"

#include <QFontMetricsF>
#include <QFutureWatcher>
#include <QPainter>
#include <QPainterPath>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace citygrid {

namespace {

constexpr double hitRadius = 8;
constexpr qsizetype maxSymbols = 5000;

} // namespace

CaseLayer::CaseLayer(CaseSession &session, QObject *parent) : MapOverlay(parent), m_session(session)
{
    connect(&m_session, &CaseSession::caseChanged, this, &CaseLayer::reload);
}

QColor CaseLayer::stateColour(CaseState state)
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

CaseLayer::Mode CaseLayer::modeAt(double metresPerPixel)
{
    if (metresPerPixel > 6)
        return Mode::PerCommunity;
    if (metresPerPixel > 2.5)
        return Mode::PerCell;
    return Mode::Points;
}

CaseLayer::Mode CaseLayer::modeIn(const MapView &view) const
{
    const Mode byScale = modeAt(view.unitsPerPixel * m_metresPerUnit);
    if (byScale != Mode::Points)
        return byScale;
    // Too many symbols to read (a dense year at street scale): counts per cell instead.
    const QRectF visible = view.extent();
    qsizetype inView = 0;
    for (const Placed &p : m_loaded.points)
        if (visible.contains(p.map) && ++inView > maxSymbols)
            return Mode::PerCell;
    return Mode::Points;
}

void CaseLayer::setFilter(const CaseFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    reload();
}

void CaseLayer::setGridMap(const GridMap &map)
{
    m_crs = map.crs;
    m_metresPerUnit = map.metresPerUnit;
    m_labelPoints.clear();
    for (const MapLayerPtr &layer : {map.cells, map.communities})
        if (layer)
            for (const MapFeature &f : layer->features)
                m_labelPoints.insert(f.code, f.labelPoint);
    reload();
}

void CaseLayer::setVisible(bool visible)
{
    m_visible = visible;
    emit changed();
}

void CaseLayer::setHighlight(const QString &caseUuid)
{
    m_highlight = caseUuid;
    emit changed();
}

CaseLayer::Loaded CaseLayer::load(const QString &storePath, const CaseFilter &filter,
                                  const QDateTime &now, const QString &crs)
{
    // A connection of its own: the GUI thread's stays free while a million points are read.
    Loaded loaded;
    auto db = SqliteDb::open(storePath, SqliteDb::Mode::ReadOnly);
    if (!db)
        return loaded;
    auto points = CaseQuery(*db.value(), filter, now).points();
    auto transform = CrsTransform::create(QStringLiteral("EPSG:4326"), crs);
    if (!points || !transform)
        return loaded;
    loaded.points.reserve(points.value().size());
    for (const CasePoint &p : std::as_const(points.value())) {
        loaded.points.append({p, transform.value().apply(p.lonLat)});
        for (auto *tallies : {&loaded.perCell, &loaded.perCommunity}) {
            Tally &t = (*tallies)[p.cellCode.left(tallies == &loaded.perCell ? 15 : 12)];
            ++t.total;
            t.overdue += p.overdue;
        }
    }
    return loaded;
}

void CaseLayer::reload()
{
    const int generation = ++m_generation;
    if (m_crs.isEmpty()) {
        m_loaded = {};
        m_loading = false;
        emit changed();
        return;
    }
    // Read on a worker; the map keeps showing the last cases until the new ones are in, and a
    // reload that a newer one overtook is dropped.
    m_loading = true;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_loaded = watcher->result();
        m_loading = false;
        emit changed();
        emit loaded();
    });
    watcher->setFuture(QtConcurrent::run(threadpools::load(), &CaseLayer::load,
                                         m_session.context().storePath(), m_filter, m_session.now(),
                                         m_crs));
}

QList<QPointF> CaseLayer::mapPositions() const
{
    QList<QPointF> positions;
    positions.reserve(m_loaded.points.size());
    for (const Placed &p : m_loaded.points)
        positions << p.map;
    return positions;
}

std::optional<QPointF> CaseLayer::positionOf(const QString &caseUuid) const
{
    for (const Placed &p : m_loaded.points)
        if (p.point.uuid == caseUuid)
            return p.map;
    return std::nullopt;
}

bool CaseLayer::belowLabels(const MapView &view) const
{
    return modeIn(view) != Mode::Points; // counts yield to names; single cases stay clickable
}

void CaseLayer::paint(QPainter &painter, const MapView &view, const QList<QRectF> &labels) const
{
    if (!m_visible || m_loaded.points.isEmpty())
        return;
    const Mode mode = modeIn(view);
    if (mode != Mode::Points) {
        paintCounts(painter, view, mode == Mode::PerCell ? 15 : 12, labels);
        return;
    }
    const QRectF visible = view.extent();
    const double r = 5.5;
    painter.save();
    for (const Placed &p : m_loaded.points) {
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
            painter.setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 2.5));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(s, r + 3.5, r + 3.5);
        }
        if (p.point.uuid == m_highlight) {
            painter.setPen(QPen(QColor(0xff, 0x8f, 0x00), 3));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(s, r + 7, r + 7);
        }
    }
    painter.restore();
}

namespace {

/// The screen area a count bubble of `radius` at `centre` covers, with its badge.
QRectF bubbleArea(QPointF centre, double radius)
{
    return QRectF(centre.x() - radius, centre.y() - radius - 9, 2 * radius + 14, 2 * radius + 9);
}

} // namespace

QPointF CaseLayer::clearOf(QPointF at, double radius, const QList<QRectF> &labels)
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

void CaseLayer::paintCounts(QPainter &painter, const MapView &view, int codeLength,
                            const QList<QRectF> &labels) const
{
    const QHash<QString, Tally> &tallies =
        codeLength == 15 ? m_loaded.perCell : m_loaded.perCommunity;
    const QRectF visible = view.extent();
    int largest = 1;
    for (const Tally &t : std::as_const(tallies))
        largest = std::max(largest, t.total);
    painter.save();
    QFont font = painter.font();
    font.setPixelSize(11);
    font.setBold(true);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    // Bubbles sized by area (radius by the square root of the count), the overdue ones counted in
    // a red badge, so the eye finds both where cases cluster and where they are late.
    for (auto it = tallies.cbegin(); it != tallies.cend(); ++it) {
        const auto at = m_labelPoints.constFind(it.key());
        if (at == m_labelPoints.cend() || !visible.contains(*at))
            continue;
        const double radius = 8 + 18 * std::sqrt(double(it->total) / largest);
        const QPointF s = clearOf(view.toScreen(*at), radius, labels);
        painter.setPen(QPen(Qt::white, 1.5));
        painter.setBrush(QColor(0x1f, 0x6f, 0xd1, 190));
        painter.drawEllipse(s, radius, radius);
        painter.setPen(Qt::white);
        painter.drawText(QRectF(s.x() - radius, s.y() - radius, 2 * radius, 2 * radius),
                         Qt::AlignCenter, QString::number(it->total));
        if (it->overdue > 0) {
            const QString late = QString::number(it->overdue);
            const double w = std::max(16.0, metrics.horizontalAdvance(late) + 8);
            const QRectF badge(s.x() + radius * 0.55, s.y() - radius * 0.95 - 8, w, 16);
            painter.setPen(QPen(Qt::white, 1.2));
            painter.setBrush(QColor(0xd3, 0x2f, 0x2f));
            painter.drawRoundedRect(badge, 8, 8);
            painter.setPen(Qt::white);
            painter.drawText(badge, Qt::AlignCenter, late);
        }
    }
    painter.restore();
}

QString CaseLayer::caseAt(QPointF widgetPos, const MapView &view) const
{
    if (!m_visible || modeIn(view) != Mode::Points)
        return {};
    QString best;
    double bestDistance = hitRadius * hitRadius;
    for (const Placed &p : m_loaded.points) {
        const QPointF d = view.toScreen(p.map) - widgetPos;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = p.point.uuid;
        }
    }
    return best;
}

bool CaseLayer::click(QPointF widgetPos, const MapView &view)
{
    const QString uuid = caseAt(widgetPos, view);
    if (uuid.isEmpty())
        return false;
    emit caseClicked(uuid);
    return true;
}

} // namespace citygrid
