// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/trendpanel.h"

#include "services/casefactssource.h"
#include "services/casesession.h"
#include "supervision/thematicmeasure.h"
#include "widgets/filtercombos.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace citygrid {

namespace {

enum Step { Months, Weeks };

} // namespace

TrendPanel::TrendPanel(CaseSession &session, CaseFactsSource &facts, QWidget *parent)
    : QWidget(parent), m_session(session), m_source(facts), m_area(new QComboBox(this)),
      m_step(new QComboBox(this)), m_view(new QChartView(this))
{
    filtercombos::addSubdistricts(m_area, m_session);
    m_step->addItem(tr("Per month, last 12 months"), Months);
    m_step->addItem(tr("Per week, last 26 weeks"), Weeks);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180); // below that the axes crowd out the bars
    m_view->setToolTip(tr("Bars: the cases reported in each period, components and events; line: "
                          "the on-time closure rate. Click a bar to list that period's cases."));

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_area);
    controls->addWidget(m_step);
    controls->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);

    connect(m_area, &QComboBox::currentIndexChanged, this, &TrendPanel::update);
    connect(m_step, &QComboBox::currentIndexChanged, this, &TrendPanel::update);
    connect(&m_source, &CaseFactsSource::loaded, this, &TrendPanel::update);
}

QChart *TrendPanel::chart() const
{
    return m_view->chart();
}

void TrendPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_source.requestAfterLayout(this, [this] { return isVisible(); });
    update();
}

void TrendPanel::activate(int index)
{
    if (index < 0 || index + 1 >= m_starts.size())
        return;
    emit periodActivated(m_starts[index], m_starts[index + 1], m_area->currentData().toString(),
                         m_labels.value(index));
}

void TrendPanel::update()
{
    const CaseFacts *facts = m_source.facts();
    if (!isVisible() || !facts)
        return;
    // whole periods, ending with the one today is in
    const QDate today = m_session.now().toOffsetFromUtc(8 * 3600).date();
    const bool months = m_step->currentData().toInt() == Months;
    m_starts.clear();
    m_labels.clear();
    QDate start = months ? QDate(today.year(), today.month(), 1).addMonths(-11)
                         : today.addDays(1 - today.dayOfWeek()).addDays(-7 * 25);
    for (int i = 0; i <= (months ? 12 : 26); ++i) {
        m_starts << start;
        if (i < (months ? 12 : 26))
            m_labels << (months ? QLocale().toString(start, QStringLiteral("yyyy-MM"))
                                : QLocale().toString(start, QStringLiteral("MM-dd")));
        start = months ? start.addMonths(1) : start.addDays(7);
    }
    QList<qint64> days;
    for (const QDate &d : std::as_const(m_starts))
        days << d.toJulianDay();

    FactFilter filter;
    filter.areaCode = m_area->currentData().toString();
    auto *bars = new QStackedBarSeries;
    // every category is a component or an event: the two add up to all cases
    QList<AreaTally> all(m_labels.size());
    for (const auto &[prefix, name, colour] :
         {std::tuple{"C", tr("Components reported"), QColor(0x31, 0x68, 0x8e)},
          std::tuple{"E", tr("Events reported"), QColor(0xfd, 0x8d, 0x3c)}}) {
        filter.categoryPrefix = QString::fromLatin1(prefix);
        const QList<AreaTally> tallies = facts->perPeriod(filter, days);
        auto *set = new QBarSet(name);
        set->setColor(colour);
        set->setBorderColor(colour);
        for (qsizetype i = 0; i < tallies.size(); ++i) {
            *set << tallies[i].cases;
            all[i] += tallies[i];
        }
        connect(set, &QBarSet::clicked, this, &TrendPanel::activate);
        bars->append(set);
    }
    double highest = 1;
    for (const AreaTally &t : std::as_const(all))
        highest = std::max(highest, double(t.cases));
    auto *onTime = new QLineSeries;
    onTime->setName(tr("On-time closure rate (%)"));
    onTime->setColor(QColor(0x1b, 0x7f, 0x3b));
    for (qsizetype i = 0; i < all.size(); ++i) {
        const double rate = thematicValue(ThematicMeasure::OnTimeRate, all[i], {});
        if (!std::isnan(rate))
            onTime->append(double(i), rate);
    }

    auto *chart = new QChart;
    chart->addSeries(bars);
    chart->addSeries(onTime);
    auto *x = new QBarCategoryAxis;
    x->append(m_labels);
    x->setLabelsAngle(months ? 0 : -60);
    auto *count = new QValueAxis;
    count->setRange(0, std::ceil(highest * 1.1));
    count->setLabelFormat(QStringLiteral("%d"));
    count->applyNiceNumbers();
    count->setTitleText(tr("Cases reported"));
    // a panel too short for the rotated title shows none rather than a cut one: the legend and
    // the view's tooltip say what the bars count
    connect(chart, &QChart::plotAreaChanged, count, [count](const QRectF &area) {
        const QFontMetricsF metrics(count->titleFont());
        count->setTitleVisible(metrics.horizontalAdvance(count->titleText()) <= area.height());
    });
    auto *percent = new QValueAxis;
    percent->setRange(0, 100);
    percent->setLabelFormat(QStringLiteral("%d%%"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(count, Qt::AlignLeft);
    chart->addAxis(percent, Qt::AlignRight);
    bars->attachAxis(x);
    bars->attachAxis(count);
    onTime->attachAxis(x);
    onTime->attachAxis(percent);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setMargins(QMargins(4, 4, 4, 4));
    QChart *old = m_view->chart();
    m_view->setChart(chart);
    delete old;
}

} // namespace citygrid
