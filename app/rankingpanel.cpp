// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "rankingpanel.h"

#include "casefactssource.h"
#include "casesession.h"
#include "errordialog.h"
#include "language.h"
#include "tableexport.h"
#include "thematicmeasure.h"

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

namespace {

enum Level { Subdistricts, Communities, Units };
constexpr int minimumToCompare = 5; ///< closed cases in the period before
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

QString percent(double value)
{
    return std::isnan(value) ? QStringLiteral("–")
                             : QLocale().toString(value, 'f', 1) + QStringLiteral("%");
}

} // namespace

RankingPanel::RankingPanel(CaseSession &session, CaseFactsSource &facts, QWidget *parent)
    : QWidget(parent), m_session(session), m_source(facts), m_level(new QComboBox(this)),
      m_period(new QComboBox(this)), m_status(new QLabel(this)), m_table(new QTableWidget(this))
{
    m_level->addItem(tr("Subdistricts"), Subdistricts);
    m_level->addItem(tr("Communities"), Communities);
    m_level->addItem(tr("Units"), Units);
    m_period->addItem(tr("This month"), ThisMonth);
    m_period->addItem(tr("Last month"), LastMonth);
    m_period->addItem(tr("Last 30 days"), Days30);
    m_period->addItem(tr("Last 12 months"), Months12);
    m_table->setColumnCount(9);
    m_table->setHorizontalHeaderLabels({tr("Rank"), tr("Name"), tr("Cases"), tr("Closed"),
                                        tr("Closure rate"), tr("On time"), tr("Change"),
                                        tr("Rework"), tr("Overdue now")});
    m_table->horizontalHeaderItem(Change)->setToolTip(
        tr("Change of the on-time closure rate from the period before, in percentage points "
           "(blank when fewer than five cases closed then)"));
    m_table->horizontalHeaderItem(OnTimeRate)
        ->setToolTip(tr("Closed on time / closed, in the period"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
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
        if (m_level->currentData().toInt() != Units && !code.isEmpty())
            emit areaActivated(code);
    });
}

void RankingPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // read the cases only once someone looks
    m_source.request();
    update();
}

Result<void> RankingPanel::exportTo(const QString &path) const
{
    const QStringList header{tr("Rank"),        tr("Name"),
                             tr("Code"),        tr("Cases"),
                             tr("Closed"),      tr("Closure rate (%)"),
                             tr("On time (%)"), tr("Change (points)"),
                             tr("Rework (%)"),  tr("Overdue now")};
    return TableExport::write(path, m_period->currentText(), header, m_export);
}

void RankingPanel::exportAsked()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the ranking"), tr("ranking.xlsx"),
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
    const int level = m_level->currentData().toInt();
    const auto tallies = [&](const FactFilter &f) {
        return level == Units         ? facts->perUnit(f)
               : level == Communities ? facts->perArea(f, GridLevel::Community)
                                      : facts->perArea(f, GridLevel::Subdistrict);
    };
    const QHash<QString, AreaTally> now = tallies(current), before = tallies(previous);

    // every area of the level, even one without cases; units with cases in either period
    QStringList codes;
    if (level == Units) {
        codes = now.keys() + before.keys();
        codes.removeDuplicates();
    } else {
        const GridLevel grid = level == Communities ? GridLevel::Community : GridLevel::Subdistrict;
        for (const GridUnit &u : m_session.grid().units())
            if (u.level == grid)
                codes << u.code;
    }
    struct Row
    {
        QString code;
        AreaTally tally;
        double onTime, change;
    };
    QList<Row> rows;
    for (const QString &code : std::as_const(codes)) {
        const AreaTally t = now.value(code);
        const double onTime = thematicValue(ThematicMeasure::OnTimeRate, t, {});
        // a rate of a handful of closures says nothing: compare only from five up
        const AreaTally then = before.value(code);
        const double was = then.closed >= minimumToCompare
                               ? thematicValue(ThematicMeasure::OnTimeRate, then, {})
                               : qQNaN();
        rows.append({code, t, onTime, onTime - was});
    }
    // best first: on-time closure rate, then more cases closed; none (NaN) last
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        if (std::isnan(a.onTime) != std::isnan(b.onTime))
            return !std::isnan(a.onTime);
        if (a.onTime != b.onTime && !std::isnan(a.onTime))
            return a.onTime > b.onTime;
        return a.tally.closed > b.tally.closed;
    });

    const bool english = language::isEnglish();
    m_export.clear();
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const Row &row = rows[r];
        const AreaTally &t = row.tally;
        const QString name = level == Units ? m_session.unitName(row.code)
                                            : m_session.grid().displayName(row.code, english);
        auto *nameItem = new QTableWidgetItem(name);
        nameItem->setData(Qt::UserRole, row.code);
        nameItem->setToolTip(row.code);
        m_table->setItem(r, Rank, new NumberItem(r + 1, QString::number(r + 1)));
        m_table->setItem(r, Name, nameItem);
        m_table->setItem(r, Cases, new NumberItem(t.cases, QString::number(t.cases)));
        m_table->setItem(r, Closed, new NumberItem(t.closed, QString::number(t.closed)));
        const double closure = thematicValue(ThematicMeasure::ClosureRate, t, {});
        m_table->setItem(r, ClosureRate, new NumberItem(closure, percent(closure)));
        m_table->setItem(r, OnTimeRate, new NumberItem(row.onTime, percent(row.onTime)));
        auto *change = new NumberItem(
            row.change,
            std::isnan(row.change)
                ? QStringLiteral("–")
                : QStringLiteral("%1%2").arg(row.change > 0 ? QStringLiteral("+") : QString(),
                                             QLocale().toString(row.change, 'f', 1)));
        if (!std::isnan(row.change) && std::abs(row.change) >= 0.05)
            change->setForeground(row.change > 0 ? QColor(0x1b, 0x7f, 0x3b)
                                                 : QColor(0xc6, 0x28, 0x28));
        m_table->setItem(r, Change, change);
        const double rework = thematicValue(ThematicMeasure::ReworkRate, t, {});
        m_table->setItem(r, ReworkRate, new NumberItem(rework, percent(rework)));
        m_table->setItem(r, Overdue, new NumberItem(t.overdue, QString::number(t.overdue)));
        m_export.append({r + 1, name, row.code, t.cases, t.closed, closure, row.onTime, row.change,
                         rework, t.overdue});
    }
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Rank, Qt::AscendingOrder);
    m_status->setText(tr("%1, ranked by on-time closure rate; change from the period before.")
                          .arg(m_period->currentText()));
}

} // namespace citygrid
