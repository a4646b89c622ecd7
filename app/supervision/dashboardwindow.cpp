// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/dashboardwindow.h"

#include "calendar/districttime.h"
#include "cases/casealerts.h"
#include "cases/casequery.h"
#include "map/mapcanvas.h"
#include "reports/thematiclegend.h"
#include "services/casefactssource.h"
#include "services/casesession.h"
#include "services/language.h"
#include "services/numbertext.h"
#include "widgets/tablefit.h"

#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace citygrid {

using numbertext::percent;

namespace {

constexpr int overdueRows = 8;
constexpr int hotRows = 6;
constexpr int windowDays = 30;

QTableWidget *wallTable(const QStringList &header, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(header.size()), parent);
    table->setHorizontalHeaderLabels(header);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->setShowGrid(false);
    TableFit::install(table, table->horizontalHeader(), 1);
    return table;
}

} // namespace

DashboardWindow::DashboardWindow(CaseSession &session, CaseFactsSource &facts, const GridMap &map,
                                 QWidget *parent)
    : QWidget(parent, Qt::Window), m_session(session), m_facts(facts),
      m_canvas(new MapCanvas(this)), m_clock(new QLabel(this)),
      m_overdue(wallTable({tr("Case"), tr("Category"), tr("Community"), tr("Days over")}, this)),
      m_hot(wallTable({tr("No."), tr("Hot spot cell"), tr("Cases, 30 days")}, this)),
      m_minute(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboard"));
    setWindowTitle(tr("CityGrid wall display"));
    // dark, high-contrast: read from across the room
    setStyleSheet(QStringLiteral(
        "#dashboard { background: #0e1a2a; }"
        "QLabel { color: #dce6f0; }"
        "QLabel#title { font-size: 28px; font-weight: bold; color: #ffffff; }"
        "QLabel#clock { font-size: 24px; color: #9fb6cc; }"
        "QLabel#section { font-size: 18px; font-weight: bold; color: #9fc4ea; }"
        "QFrame#tile { background: #15283f; border-radius: 8px; }"
        "QLabel#tileValue { font-size: 40px; font-weight: bold; color: #ffffff; }"
        "QLabel#tileValue[alert=\"true\"] { color: #ff8a65; }"
        "QLabel#tileCaption { font-size: 15px; color: #9fb6cc; }"
        "QTableWidget { background: #15283f; color: #e8eef5; border: none; font-size: 16px; }"
        "QHeaderView::section { background: #1c3350; color: #9fc4ea; border: none;"
        " padding: 4px; font-size: 14px; }"));
    m_canvas->setGridMap(map);
    m_canvas->setMinimumSize(400, 300);

    auto *title = new QLabel(tr("%1 city management command centre")
                                 .arg(session.grid().districtName(language::isEnglish())),
                             this);
    title->setObjectName(QStringLiteral("title"));
    m_clock->setObjectName(QStringLiteral("clock"));
    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addStretch(1);
    top->addWidget(m_clock);

    auto *tiles = new QGridLayout;
    tiles->addWidget(makeTile(NewToday, tr("New today")), 0, 0);
    tiles->addWidget(makeTile(Open, tr("Open")), 0, 1);
    tiles->addWidget(makeTile(Overdue, tr("Overdue now")), 0, 2);
    tiles->addWidget(makeTile(Warnings, tr("Deadline warnings")), 0, 3);
    tiles->addWidget(makeTile(ClosedToday, tr("Closed today")), 1, 0);
    tiles->addWidget(makeTile(OnTimeToday, tr("On time, today's closures")), 1, 1);
    tiles->addWidget(makeTile(OnTime30Days, tr("On-time rate, 30 days")), 1, 2);
    tiles->addWidget(makeTile(Unacknowledged, tr("Not yet acknowledged")), 1, 3);

    const auto section = [this](const QString &text) {
        auto *label = new QLabel(text, this);
        label->setObjectName(QStringLiteral("section"));
        return label;
    };
    auto *right = new QVBoxLayout;
    right->addLayout(tiles);
    right->addSpacing(8);
    right->addWidget(section(tr("Longest overdue")));
    right->addWidget(m_overdue, 3);
    right->addWidget(section(tr("Hot spots of the last 30 days")));
    right->addWidget(m_hot, 2);

    auto *body = new QHBoxLayout;
    body->addWidget(m_canvas, 3); // with the classes' legend drawn on it
    body->addLayout(right, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addLayout(top);
    layout->addLayout(body, 1);

    connect(&m_facts, &CaseFactsSource::loaded, this, &DashboardWindow::refresh);
    m_minute->setInterval(60 * 1000);
    connect(m_minute, &QTimer::timeout, this, [this] {
        m_facts.reloadSoon(); // overdue-ness moves with the clock
        refresh();
    });
}

QWidget *DashboardWindow::makeTile(Tile tile, const QString &caption)
{
    auto *frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("tile"));
    auto *value = new QLabel(QStringLiteral("–"), frame);
    value->setObjectName(QStringLiteral("tileValue"));
    auto *label = new QLabel(caption, frame);
    label->setObjectName(QStringLiteral("tileCaption"));
    auto *layout = new QVBoxLayout(frame);
    layout->addWidget(value);
    layout->addWidget(label);
    m_tiles[tile] = value;
    return frame;
}

QString DashboardWindow::tileText(Tile tile) const
{
    return m_tiles[tile]->text();
}

bool DashboardWindow::isReady() const
{
    return m_ready && !m_canvas->isRendering() && !m_canvas->renderedImage().isNull();
}

void DashboardWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_minute->start();
    m_facts.request();
    refresh();
}

void DashboardWindow::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

void DashboardWindow::refresh()
{
    const QDateTime now = m_session.now();
    const QDateTime local = districttime::local(now);
    m_clock->setText(
        QStringLiteral("%1  %2").arg(QLocale().toString(local.date(), QLocale::LongFormat),
                                     local.time().toString(QStringLiteral("HH:mm"))));
    const CaseFacts *facts = m_facts.facts();
    if (!facts || !isVisible())
        return;
    const qint64 today = now.toOffsetFromUtc(8 * 3600).date().toJulianDay();
    FactFilter day, month, all;
    day.fromDay = today;
    day.toDay = today + 1;
    month.fromDay = today - windowDays + 1;
    month.toDay = today + 1;
    const AreaTally total = facts->total(all);
    const AreaTally closedToday = facts->closedIn(day);
    const Indicators last30 = facts->indicators(month, IndicatorKey::Total).value(QString());
    const QLocale locale;
    m_tiles[NewToday]->setText(locale.toString(facts->total(day).cases));
    m_tiles[Open]->setText(locale.toString(total.open));
    m_tiles[Overdue]->setText(locale.toString(total.overdue));
    m_tiles[Overdue]->setProperty("alert", total.overdue > 0);
    m_tiles[Overdue]->style()->polish(m_tiles[Overdue]);
    m_tiles[ClosedToday]->setText(locale.toString(closedToday.cases));
    m_tiles[OnTimeToday]->setText(percent(
        closedToday.cases ? 100.0 * closedToday.closedOnTime / closedToday.cases : qQNaN()));
    m_tiles[OnTime30Days]->setText(percent(last30.onTimeRate()));
    // what the notifications say, counted: the same rules (alerts.json) as every workstation's
    const CaseAlerts alerts(m_session.store().store().db(), m_session.catalogues().calendar,
                            m_session.catalogues().alerts);
    if (auto counts = alerts.counts(now, m_session.user())) {
        m_tiles[Warnings]->setText(locale.toString(counts.value().warnings));
        m_tiles[Warnings]->setProperty("alert", counts.value().warnings > 0);
        m_tiles[Warnings]->style()->polish(m_tiles[Warnings]);
        m_tiles[Unacknowledged]->setText(locale.toString(counts.value().unacknowledged));
    }
    fillOverdue();

    // the hot spots of the last 30 days, on the map and as a list
    const GridMap &map = m_canvas->gridMap();
    if (map.cells) {
        QHash<QString, double> counts;
        const auto perCell = facts->perArea(month, GridLevel::Cell);
        for (auto it = perCell.cbegin(); it != perCell.cend(); ++it)
            counts.insert(it.key(), it.value().cases);
        const ThematicMap hot = thematicmap::hotSpots(map.cells, counts, false, true);
        const QList<LegendEntry> legend = ThematicLegend::entries(ThematicMeasure::HotSpots, hot);
        m_canvas->setThematic(LayerPass{hot.layer, hot.style, tr("Hot spots, 30 days"), legend});
        QList<std::pair<QString, int>> cells;
        for (qsizetype i = 0; i < hot.classOf.size(); ++i)
            if (hot.classOf[i] >= 5) { // hot at 95 % or more
                const QString &code = hot.layer->features[i].code;
                cells.append({code, int(counts.value(code))});
            }
        std::sort(cells.begin(), cells.end(),
                  [](const auto &a, const auto &b) { return a.second > b.second; });
        m_hot->setRowCount(int(std::min<qsizetype>(hotRows, cells.size())));
        const bool english = language::isEnglish();
        for (int r = 0; r < m_hot->rowCount(); ++r) {
            const QString &code = cells[r].first;
            m_hot->setItem(r, 0, new QTableWidgetItem(QString::number(r + 1)));
            m_hot->setItem(r, 1,
                           new QTableWidgetItem(QStringLiteral("%1 · %2").arg(
                               m_session.grid().displayName(code.left(12), english), code)));
            auto *count = new QTableWidgetItem(QString::number(cells[r].second));
            count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_hot->setItem(r, 2, count);
        }
    }
    m_ready = true;
}

void DashboardWindow::fillOverdue()
{
    CaseFilter filter;
    filter.overdueOnly = true;
    filter.openOnly = true;
    const QDateTime now = m_session.now();
    auto page = m_session.context()
                    .caseQuery(m_session.narrowed(filter), now)
                    .page(CaseQuery::Sort::Due, true, 0, overdueRows);
    if (!page)
        return;
    m_overdue->setRowCount(int(page.value().size()));
    const bool english = language::isEnglish();
    for (int r = 0; r < page.value().size(); ++r) {
        const CaseRecord &c = page.value()[r];
        m_overdue->setItem(r, 0, new QTableWidgetItem(c.caseNo));
        m_overdue->setItem(r, 1, new QTableWidgetItem(m_session.categoryName(c.categoryId)));
        m_overdue->setItem(
            r, 2, new QTableWidgetItem(m_session.grid().displayName(c.cellCode.left(12), english)));
        auto *days = new QTableWidgetItem(QString::number(c.dueAt.daysTo(now)));
        days->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        days->setForeground(QColor(0xff, 0x8a, 0x65));
        m_overdue->setItem(r, 3, days);
    }
}

} // namespace citygrid
