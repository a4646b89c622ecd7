// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/scorecardview.h"

#include "services/numbertext.h"
#include "widgets/tablefit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace citygrid {

using namespace numbertext;

namespace {

QTableWidgetItem *number(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidget *makeTable(QWidget *parent, const QStringList &header)
{
    auto *table = new QTableWidget(0, int(header.size()), parent);
    table->setHorizontalHeaderLabels(header);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    return table;
}

/// Draws a share (Qt::UserRole, 0..1) as a bar behind its text: weak aspects (under 70 %) red.
class ShareBar : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const double share = std::clamp(index.data(Qt::UserRole).toDouble(), 0.0, 1.0);
        QRectF bar = QRectF(option.rect).adjusted(2, 3, -2, -3);
        bar.setWidth(bar.width() * share);
        painter->fillRect(bar, share < 0.7 ? QColor(0xf3, 0xc0, 0xb8) : QColor(0xc6, 0xdb, 0xef));
        QStyledItemDelegate::paint(painter, option, index);
    }
};

} // namespace

ScoreCardView::ScoreCardView(QWidget *parent)
    : QWidget(parent), m_subdistrict(new QComboBox(this)), m_summary(new QLabel(this))
{
    m_first = makeTable(this, {tr("Indicator"), tr("Score"), tr("Of"), tr("Share")});
    m_points = makeTable(
        this, {tr("Point"), tr("Scoring point"), tr("Value"), tr("Max"), tr("Marks lost")});
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Subdistrict"), this));
    top->addWidget(m_subdistrict);
    top->addWidget(m_summary, 1);
    layout->addLayout(top);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_first);
    split->addWidget(m_points);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);
    m_summary->setTextFormat(Qt::RichText);
    m_first->setItemDelegateForColumn(3, new ShareBar(m_first));
    TableFit::install(m_first, m_first->horizontalHeader(), 3);
    TableFit::install(m_points, m_points->horizontalHeader(), 1);
    connect(m_subdistrict, &QComboBox::currentIndexChanged, this, &ScoreCardView::fill);
}

void ScoreCardView::show(const AssessmentSheet &sheet, const QHash<QString, QString> &names,
                         const QHash<QString, int> &ranks, bool english)
{
    m_sheet = sheet;
    m_ranks = ranks;
    m_english = english;
    const QString current = m_subdistrict->currentData().toString();
    QSignalBlocker block(m_subdistrict);
    m_subdistrict->clear();
    for (const QString &code : sheet.subdistricts)
        m_subdistrict->addItem(names.value(code), code);
    m_subdistrict->setCurrentIndex(std::max(0, m_subdistrict->findData(current)));
    fill();
}

void ScoreCardView::fill()
{
    const QString code = m_subdistrict->currentData().toString();
    if (code.isEmpty())
        return;
    const AssessmentScore score = m_sheet.score(code);
    const int rank = m_ranks.value(code, 0);
    m_summary->setText(tr("Raw <b>%1</b> × coefficient %2 = adjusted <b>%3</b>%4%5")
                           .arg(decimals(score.raw, 2), decimals(score.coefficient, 3),
                                decimals(score.adjusted, 2))
                           .arg(rank > 0 ? tr(", rank <b>%1</b>").arg(rank) : QString())
                           .arg(score.missing > 0
                                    ? tr(" — %n point(s) not scored yet", nullptr, score.missing)
                                    : QString()));

    const auto &first = m_sheet.scheme.indicators();
    m_first->setRowCount(int(first.size()));
    for (int i = 0; i < first.size(); ++i) {
        const double share = 100.0 * score.perFirst.value(i) / first[i].weight;
        m_first->setItem(i, 0, new QTableWidgetItem(first[i].displayName(m_english)));
        m_first->setItem(i, 1, number(oneDecimal(score.perFirst.value(i))));
        m_first->setItem(i, 2, number(QString::number(first[i].weight)));
        auto *shareItem = new QTableWidgetItem(percent(share));
        shareItem->setData(Qt::UserRole, share / 100.0);
        m_first->setItem(i, 3, shareItem);
    }

    struct Lost
    {
        const AssessmentScheme::Point *point;
        double value, lost;
    };
    QList<Lost> points;
    for (const auto &[f, p] : m_sheet.scheme.points()) {
        const double v = score.points.value(p->id, qQNaN());
        points.append({p, v, std::isnan(v) ? p->weight : p->weight * (1 - v / p->max)});
    }
    std::stable_sort(points.begin(), points.end(),
                     [](const Lost &a, const Lost &b) { return a.lost > b.lost; });
    m_points->setRowCount(int(points.size()));
    for (int i = 0; i < points.size(); ++i) {
        const Lost &l = points[i];
        m_points->setItem(i, 0, new QTableWidgetItem(l.point->id));
        m_points->setItem(i, 1, new QTableWidgetItem(l.point->displayName(m_english)));
        m_points->setItem(i, 2, number(std::isnan(l.value) ? tr("missing") : oneDecimal(l.value)));
        m_points->setItem(i, 3, number(QString::number(l.point->max)));
        m_points->setItem(i, 4, number(decimals(l.lost, 2)));
        if (i < weakest && l.lost > 0)
            for (int c = 0; c < m_points->columnCount(); ++c)
                m_points->item(i, c)->setBackground(QColor(0xfb, 0xe4, 0xe1));
    }
}

} // namespace citygrid
