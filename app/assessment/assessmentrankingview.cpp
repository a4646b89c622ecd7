// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentrankingview.h"

#include "map/mapcanvas.h"
#include "reports/assessmentmap.h"
#include "services/numbertext.h"
#include "widgets/tablefit.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace citygrid {

using namespace numbertext;

AssessmentRankingView::AssessmentRankingView(const GridMap &map, QWidget *parent)
    : QWidget(parent), m_caption(new QLabel(this)), m_revision(new QComboBox(this)),
      m_table(new QTableWidget(this)), m_canvas(new MapCanvas(this)), m_trend(new QChartView(this)),
      m_map(map)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_caption->setWordWrap(true);
    top->addWidget(m_caption, 1);
    top->addWidget(new QLabel(tr("Revision"), this));
    top->addWidget(m_revision);
    layout->addLayout(top);
    connect(m_revision, &QComboBox::activated, this,
            [this] { emit revisionChosen(m_revision->currentData().toInt()); });

    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    TableFit::install(m_table, m_table->horizontalHeader(), 2);
    m_canvas->setGridMap(map);
    m_canvas->setMinimumSize(320, 260);
    m_trend->setRenderHint(QPainter::Antialiasing);
    m_trend->setMinimumHeight(220);

    auto *upper = new QSplitter(Qt::Horizontal, this);
    upper->addWidget(m_table);
    upper->addWidget(m_canvas);
    upper->setStretchFactor(0, 5);
    upper->setStretchFactor(1, 3);
    upper->setSizes({1000, 600});
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(upper);
    split->addWidget(m_trend);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
}

void AssessmentRankingView::show(const AssessmentScheme &scheme, const QList<AssessmentRank> &rows,
                                 const QHash<QString, QString> &names, const QString &caption,
                                 int revisions, int revision, const QList<Month> &year,
                                 bool english)
{
    m_caption->setText(caption);
    m_revision->clear();
    for (int r = revisions; r >= 1; --r)
        m_revision->addItem(r == revisions ? tr("%1 (current)").arg(r) : QString::number(r), r);
    m_revision->setCurrentIndex(std::max(0, m_revision->findData(revision)));
    m_revision->setEnabled(revisions > 1);

    QStringList header{tr("Rank"),      tr("Change"),      tr("Subdistrict"),
                       tr("Raw score"), tr("Coefficient"), tr("Adjusted score")};
    for (const auto &f : scheme.indicators())
        header.append(QStringLiteral("%1 (%2)").arg(f.shortName(english)).arg(f.weight));
    m_table->clear();
    m_table->setColumnCount(int(header.size()));
    m_table->setHorizontalHeaderLabels(header);
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const AssessmentRank &r = rows[i];
        const auto number = [](const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            return item;
        };
        m_table->setItem(i, 0, number(QString::number(r.rank)));
        auto *change = number(r.previousRank == 0 ? QStringLiteral("–")
                              : r.change() == 0   ? QStringLiteral("=")
                              : r.change() > 0    ? QStringLiteral("▲%1").arg(r.change())
                                                  : QStringLiteral("▼%1").arg(-r.change()));
        if (r.change() != 0)
            change->setForeground(r.change() > 0 ? QColor(0x1b, 0x7a, 0x3d)
                                                 : QColor(0xb0, 0x3a, 0x2e));
        m_table->setItem(i, 1, change);
        m_table->setItem(i, 2, new QTableWidgetItem(names.value(r.subdistrict)));
        m_table->item(i, 2)->setData(Qt::UserRole, r.subdistrict);
        m_table->setItem(i, 3, number(decimals(r.raw, 2)));
        m_table->setItem(i, 4, number(decimals(r.coefficient, 3)));
        auto *adjusted = number(decimals(r.adjusted, 2));
        QFont bold = adjusted->font();
        bold.setBold(true);
        adjusted->setFont(bold);
        m_table->setItem(i, 5, adjusted);
        for (int f = 0; f < r.perFirst.size(); ++f)
            m_table->setItem(i, 6 + f, number(oneDecimal(r.perFirst[f])));
    }

    const LayerPass pass = AssessmentMap::rankPass(m_map, rows);
    m_canvas->setThematic(pass.layer ? std::optional<LayerPass>(pass) : std::nullopt);
    fillTrend(year, names);
}

void AssessmentRankingView::fillTrend(const QList<Month> &year,
                                      const QHash<QString, QString> &names)
{
    auto *chart = new QChart;
    chart->setTitle(tr("Rank by month (1 = best)"));
    // beside the plot, in a smaller face: ten whole names in the height a 1366×768 screen leaves
    chart->legend()->setAlignment(Qt::AlignRight);
    QFont small = chart->legend()->font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    chart->legend()->setFont(small);
    chart->setMargins(QMargins(4, 0, 4, 0));
    auto *x = new QCategoryAxis;
    auto *y = new QValueAxis;
    int most = 1;
    QHash<QString, QLineSeries *> series;
    x->setStartValue(-0.5);
    for (int m = 0; m < year.size(); ++m) {
        x->append(year[m].month.toString(QStringLiteral("yyyy-MM")), m);
        for (const AssessmentRank &r : year[m].rows) {
            QLineSeries *&s = series[r.subdistrict];
            if (!s) {
                s = new QLineSeries;
                s->setName(names.value(r.subdistrict));
                s->setPointsVisible(true);
            }
            s->append(m, r.rank);
            most = std::max(most, r.rank);
        }
    }
    QStringList codes = series.keys();
    std::sort(codes.begin(), codes.end());
    // ten teams need ten colours that stay apart (Tableau 10)
    static const QRgb palette[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                   0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0x6b6b6b};
    for (int i = 0; i < codes.size(); ++i) {
        QLineSeries *s = series[codes[i]];
        s->setPen(QPen(QColor(palette[i % 10]), 2));
        s->setColor(QColor(palette[i % 10]));
        chart->addSeries(s);
    }
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setRange(-0.3, std::max<qsizetype>(1, year.size()) - 0.7);
    // rank 1 at the top
    y->setReverse(true);
    y->setRange(1, most);
    y->setLabelFormat(QStringLiteral("%d"));
    // a label for every rank where the plot is tall enough, else every second or third: never
    // labels squeezed to "…"
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(1);
    y->setTickInterval(1);
    connect(chart, &QChart::plotAreaChanged, y, [y, most](const QRectF &area) {
        const double line = QFontMetricsF(y->labelsFont()).height() * 1.3;
        const int fit = std::max(2, int(area.height() / line));
        y->setTickInterval(std::max(1, int(std::ceil(double(most - 1) / (fit - 1)))));
    });
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    QChart *old = m_trend->chart();
    m_trend->setChart(chart);
    delete old;
}

} // namespace citygrid
