// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "supervision/rankingpanel.h"

#include "assessment/indicatorranking.h"
#include "io/tableexport.h"
#include "services/casefactssource.h"
#include "services/casesession.h"
#include "services/cataloguenames.h"
#include "services/language.h"
#include "services/numbertext.h"
#include "shell/errordialog.h"
#include "widgets/tablefit.h"
#include "widgets/writtenfile.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace citygrid {

using namespace numbertext;

namespace {

enum Period { ThisMonth, LastMonth, Days30, Months12 };

/// A table cell that sorts by its number, not its text.
class NumberItem : public QTableWidgetItem
{
public:
    NumberItem(double value, const QString &text) : QTableWidgetItem(text), m_value(value)
    {
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        const auto *o = dynamic_cast<const NumberItem *>(&other);
        if (!o)
            return QTableWidgetItem::operator<(other);
        // no value (NaN) sorts below every number
        if (std::isnan(m_value) || std::isnan(o->m_value))
            return std::isnan(m_value) && !std::isnan(o->m_value);
        return m_value < o->m_value;
    }

private:
    double m_value;
};

} // namespace

RankingPanel::RankingPanel(CaseSession &session, CaseFactsSource &facts, QWidget *parent)
    : QWidget(parent), m_session(session), m_source(facts), m_level(new QComboBox(this)),
      m_period(new QComboBox(this)), m_status(new QLabel(this)), m_table(new QTableWidget(this))
{
    m_level->addItem(tr("Subdistricts"), int(IndicatorKey::Subdistrict));
    m_level->addItem(tr("Communities"), int(IndicatorKey::Community));
    m_level->addItem(tr("Units"), int(IndicatorKey::Unit));
    m_level->addItem(tr("Posts"), int(IndicatorKey::Post));
    m_level->setToolTip(tr("Posts: each case counts for the person who gave its feedback, else "
                           "who dispatched it, else who filed it"));
    m_period->addItem(tr("This month"), ThisMonth);
    m_period->addItem(tr("Last month"), LastMonth);
    m_period->addItem(tr("Last 30 days"), Days30);
    m_period->addItem(tr("Last 12 months"), Months12);
    m_table->setColumnCount(ColumnCount);
    const QList<std::pair<QString, QString>> headers{
        {tr("Rank"), {}},
        {tr("Name"), {}},
        {tr("Score"), tr("Composite score 0–100: the weighted mean of the rates "
                         "(weights in indicators.json)")},
        {tr("Change"), tr("Change of the score from the period before, in points (blank when "
                          "fewer than five cases fell due then)")},
        {tr("Filed"), tr("Cases reported in the period and filed (立案数)")},
        {tr("Due"), tr("Cases falling due in the period: the earlier of deadline and closure "
                       "(应结案数)")},
        {tr("Closed"), tr("Of the due, closed by the end of the period")},
        {tr("Closure rate"), tr("Closed / due (结案率)")},
        {tr("On time"), tr("Closed on time / due (按期结案率)")},
        {tr("On time excl. deferred"),
         tr("The on-time rate with deferred cases taken out of both counts")},
        {tr("Rework"), tr("Failed verification at least once / handled (返工率)")},
        {tr("Extension"), tr("Given an extension / due (延期率)")},
        {tr("Avg h"), tr("Average handling time, dispatch to feedback, in working hours")},
        {tr("P90 h"), tr("90th percentile of the handling time, in working hours")},
        {tr("Overdue now"), tr("Open past their deadline now, whatever the period")},
        {tr("Top category"), tr("The minor category with most cases filed (高发)")},
    };
    for (int c = 0; c < ColumnCount; ++c) {
        auto *item = new QTableWidgetItem(headers[c].first);
        item->setToolTip(headers[c].second);
        m_table->setHorizontalHeaderItem(c, item);
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    TableFit::install(m_table, m_table->horizontalHeader(), Name);
    m_table->setSortingEnabled(true);
    m_status->setWordWrap(true);

    auto *exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the table as an Excel workbook or a CSV file"));
    connect(exportButton, &QPushButton::clicked, this, &RankingPanel::exportAsked);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_level);
    controls->addWidget(m_period);
    controls->addStretch(1);
    controls->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);

    connect(m_level, &QComboBox::currentIndexChanged, this, &RankingPanel::update);
    connect(m_period, &QComboBox::currentIndexChanged, this, &RankingPanel::update);
    connect(&m_source, &CaseFactsSource::loaded, this, &RankingPanel::update);
    connect(&m_source, &CaseFactsSource::failed, m_status, &QLabel::setText);
    connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int) {
        const QString code = m_table->item(row, Name)->data(Qt::UserRole).toString();
        const auto level = IndicatorKey(m_level->currentData().toInt());
        if (level != IndicatorKey::Unit && level != IndicatorKey::Post && !code.isEmpty())
            emit areaActivated(code);
    });
}

void RankingPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // read the cases only once someone looks
    m_source.requestAfterLayout(this, [this] { return isVisible(); });
    update();
}

Result<void> RankingPanel::exportTo(const QString &path) const
{
    QStringList header;
    for (int c = 0; c < ColumnCount; ++c) {
        header << m_table->horizontalHeaderItem(c)->text();
        if (c == Name)
            header << tr("Code");
    }
    return TableExport::write(path, m_period->currentText(), header, m_export);
}

QString RankingPanel::defaultFileName() const
{
    // level, period and language, so this month's English subdistricts never replace another
    static const char *const levels[] = {"subdistricts", "communities", "units", "posts"};
    const FactFilter period = periods().first;
    const QDate from = QDate::fromJulianDay(period.fromDay);
    const QDate last = QDate::fromJulianDay(period.toDay - 1);
    const bool wholeMonth = from.day() == 1 && last.addDays(1).day() == 1;
    const QString span =
        wholeMonth ? from.toString(QStringLiteral("yyyy-MM"))
                   : from.toString(Qt::ISODate) + QLatin1Char('_') + last.toString(Qt::ISODate);
    const int level = std::clamp(m_level->currentIndex(), 0, 3);
    return writtenfile::defaultName(QStringLiteral("citygrid-ranking-") +
                                        QLatin1String(levels[level]),
                                    span, QStringLiteral("xlsx"));
}

void RankingPanel::exportAsked()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the ranking"), defaultFileName(),
                                     tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"));
    if (path.isEmpty())
        return;
    if (auto r = exportTo(path); !r)
        showError(this, r.error());
}

std::pair<FactFilter, FactFilter> RankingPanel::periods() const
{
    const QDate today = m_session.now().toOffsetFromUtc(8 * 3600).date();
    const QDate monthStart(today.year(), today.month(), 1);
    QDate from, to; // [from, to)
    switch (m_period->currentData().toInt()) {
    case ThisMonth:
        from = monthStart;
        to = today.addDays(1);
        break;
    case LastMonth:
        from = monthStart.addMonths(-1);
        to = monthStart;
        break;
    case Days30:
        from = today.addDays(-29);
        to = today.addDays(1);
        break;
    default:
        from = today.addDays(-364);
        to = today.addDays(1);
        break;
    }
    FactFilter current, previous;
    current.fromDay = from.toJulianDay();
    current.toDay = to.toJulianDay();
    // the period before: the month before for months, as many days before otherwise
    const int period = m_period->currentData().toInt();
    if (period == ThisMonth || period == LastMonth) {
        previous.fromDay = from.addMonths(-1).toJulianDay();
        previous.toDay =
            std::min(from.toJulianDay(), from.addMonths(-1).addDays(from.daysTo(to)).toJulianDay());
    } else {
        previous.fromDay = current.fromDay - (current.toDay - current.fromDay);
        previous.toDay = current.fromDay;
    }
    return {current, previous};
}

void RankingPanel::update()
{
    if (!isVisible())
        return;
    const CaseFacts *facts = m_source.facts();
    if (!facts) {
        m_status->setText(tr("Reading the cases…"));
        return;
    }
    const auto [current, previous] = periods();
    const auto level = IndicatorKey(m_level->currentData().toInt());
    // every area of the level, even one without cases; units and posts with cases
    QStringList keys;
    if (level == IndicatorKey::Subdistrict || level == IndicatorKey::Community) {
        const GridLevel grid =
            level == IndicatorKey::Community ? GridLevel::Community : GridLevel::Subdistrict;
        for (const GridUnit &u : m_session.grid().units())
            if (u.level == grid)
                keys << u.code;
    }
    const QList<RankedIndicators> rows =
        rankIndicators(facts->indicators(current, level), facts->indicators(previous, level),
                       m_session.context().assessmentDefaults().indicators, keys);

    m_export.clear();
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const RankedIndicators &row = rows[r];
        const Indicators &v = row.values;
        const QString name =
            cataloguenames::ofKey(m_session.catalogues(), m_session.grid(), level, row.key);
        auto *nameItem = new QTableWidgetItem(name);
        nameItem->setData(Qt::UserRole, row.key);
        nameItem->setToolTip(row.key);
        const auto top = v.topCategories(1);
        const QString topName = top.isEmpty() ? QString()
                                              : QStringLiteral("%1 (%2)")
                                                    .arg(m_session.categoryName(top[0].first))
                                                    .arg(top[0].second);
        const QList<std::pair<double, QString>> cells{
            {r + 1, QString::number(r + 1)},
            {qQNaN(), name},
            {row.score, oneDecimal(row.score)},
            {row.change, signedDecimal(row.change)},
            {v.filed, QString::number(v.filed)},
            {v.due, QString::number(v.due)},
            {v.closed, QString::number(v.closed)},
            {v.closureRate(), percent(v.closureRate())},
            {v.onTimeRate(), percent(v.onTimeRate())},
            {v.onTimeRateExcludingDeferred(), percent(v.onTimeRateExcludingDeferred())},
            {v.reworkRate(), percent(v.reworkRate())},
            {v.extensionRate(), percent(v.extensionRate())},
            {v.averageHandlingHours(), oneDecimal(v.averageHandlingHours())},
            {v.p90HandlingHours(), oneDecimal(v.p90HandlingHours())},
            {v.overdueNow, QString::number(v.overdueNow)},
            {qQNaN(), topName},
        };
        QVariantList exported;
        for (int c = 0; c < ColumnCount; ++c) {
            if (c == Name) {
                m_table->setItem(r, c, nameItem);
                exported << name << row.key;
                continue;
            }
            if (c == TopCategory) {
                m_table->setItem(r, c, new QTableWidgetItem(topName));
                exported << topName;
                continue;
            }
            auto *item = new NumberItem(cells[c].first, cells[c].second);
            if (c == Change && !std::isnan(row.change) && std::abs(row.change) >= 0.05)
                item->setForeground(row.change > 0 ? QColor(0x1b, 0x7f, 0x3b)
                                                   : QColor(0xc6, 0x28, 0x28));
            m_table->setItem(r, c, item);
            exported << (std::isnan(cells[c].first) ? QVariant() : QVariant(cells[c].first));
        }
        m_export.append(exported);
    }
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Rank, Qt::AscendingOrder);
    m_status->setText(tr("%1, ranked by the composite score; change from the period before.")
                          .arg(m_period->currentText()));
}

} // namespace citygrid
