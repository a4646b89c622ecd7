// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "map/caselayer.h"

#include "services/casesession.h"
#include "services/threadpools.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace citygrid {

namespace {

using Loaded = Result<std::shared_ptr<CaseMarks>>;

} // namespace

CaseLayer::CaseLayer(CaseSession &session, QObject *parent) : MapOverlay(parent), m_session(session)
{
    connect(&m_session, &CaseSession::caseChanged, this, &CaseLayer::reload);
    connect(&m_session, &CaseSession::userChanged, this, &CaseLayer::reload);
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
    m_map = map;
    m_anchors = CaseMarks::anchorsOf(map);
    reload();
}

void CaseLayer::setVisible(bool visible)
{
    m_visible = visible;
    emit changed();
}

void CaseLayer::setHighlight(const QString &caseUuid)
{
    if (caseUuid == m_marks->highlight())
        return;
    m_marks = m_marks->withHighlight(caseUuid);
    emit changed();
}

void CaseLayer::reload()
{
    const int generation = ++m_generation;
    if (m_map.crs.isEmpty()) {
        m_marks = std::make_shared<CaseMarks>();
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
        Loaded marks = watcher->result();
        // a store that cannot be read shows no cases; the list says why
        m_marks = marks ? marks.value()->withHighlight(m_marks->highlight())
                        : std::make_shared<CaseMarks>();
        m_loading = false;
        emit changed();
        emit loaded();
    });
    watcher->setFuture(
        QtConcurrent::run(threadpools::load(), &CaseMarks::load, m_session.context().storePath(),
                          m_session.narrowed(m_filter), m_session.now(), m_map, m_anchors));
}

MarkLayerPtr CaseLayer::marks() const
{
    return m_visible ? m_marks : nullptr;
}

QString CaseLayer::caseAt(QPointF widgetPos, const MapView &view) const
{
    return m_visible ? m_marks->caseAt(widgetPos, view) : QString();
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
