// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/populationview.h"

#include "assessment/assessmentpopulation.h"
#include "services/numbertext.h"
#include "shell/errordialog.h"
#include "widgets/tablefit.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace citygrid {

using namespace numbertext;

PopulationView::PopulationView(QWidget *parent)
    : QWidget(parent), m_year(new QSpinBox(this)), m_rule(new QLabel(this)),
      m_table(new QTableWidget(0, 5, this))
{
    m_year->setRange(2000, 2100);
    m_table->setHorizontalHeaderLabels({tr("Subdistrict"), tr("Registered"), tr("Non-registered"),
                                        tr("Non-registered share"), tr("Coefficient")});
    m_table->verticalHeader()->hide();
    TableFit::install(m_table, m_table->horizontalHeader(), 0);
    m_rule->setWordWrap(true);
    m_save = new QPushButton(tr("Save population"), this);
    auto *save = m_save;
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Year"), this));
    top->addWidget(m_year);
    top->addStretch(1);
    top->addWidget(save);
    layout->addLayout(top);
    layout->addWidget(m_rule);
    layout->addWidget(m_table, 1);
    connect(m_year, &QSpinBox::valueChanged, this, &PopulationView::fill);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            updateCoefficients();
    });
    connect(save, &QPushButton::clicked, this, [this] {
        if (auto r = this->save(); !r)
            showError(this, r.error());
    });
}

void PopulationView::setActor(const QString &userId, const QString &refusal)
{
    m_actor = userId;
    m_save->setEnabled(refusal.isEmpty());
    m_save->setToolTip(refusal);
    // figures nobody may save are not offered for typing either
    m_table->setEditTriggers(refusal.isEmpty() ? QAbstractItemView::DoubleClicked |
                                                     QAbstractItemView::EditKeyPressed |
                                                     QAbstractItemView::AnyKeyPressed
                                               : QAbstractItemView::NoEditTriggers);
}

void PopulationView::show(AssessmentStore *store, const AssessmentScheme &scheme,
                          const QHash<QString, QString> &names, const QStringList &subdistricts,
                          int year)
{
    m_store = store;
    m_scheme = scheme;
    m_names = names;
    m_subdistricts = subdistricts;
    const auto &d = scheme.difficulty();
    m_rule->setText(tr("Difficulty coefficient: %1 at a non-registered share of %2% or less, %3 "
                       "at %4% or more, linear between. Figures not entered for a year are "
                       "the grid's.")
                        .arg(decimals(d.coefficientLow, 2), oneDecimal(d.shareLow * 100),
                             decimals(d.coefficientHigh, 2), oneDecimal(d.shareHigh * 100)));
    if (m_year->value() != year)
        m_year->setValue(year); // fills
    else
        fill();
}

void PopulationView::fill()
{
    if (!m_store)
        return;
    auto population = AssessmentPopulation(m_store->store()).of(m_year->value());
    if (!population)
        return showError(this, population.error());
    m_filling = true;
    m_table->setRowCount(int(m_subdistricts.size()));
    for (int i = 0; i < m_subdistricts.size(); ++i) {
        const Population p = population.value().value(m_subdistricts[i]);
        auto *name = new QTableWidgetItem(m_names.value(m_subdistricts[i]));
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(i, 0, name);
        for (int c = 1; c <= 2; ++c) {
            auto *item =
                new QTableWidgetItem(QString::number(c == 1 ? p.registered : p.nonRegistered));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(i, c, item);
        }
        for (int c = 3; c <= 4; ++c) {
            auto *item = new QTableWidgetItem;
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(i, c, item);
        }
    }
    m_filling = false;
    updateCoefficients();
}

void PopulationView::updateCoefficients()
{
    m_filling = true;
    for (int i = 0; i < m_table->rowCount(); ++i) {
        const qint64 registered = m_table->item(i, 1)->text().toLongLong();
        const qint64 other = m_table->item(i, 2)->text().toLongLong();
        const qint64 all = registered + other;
        m_table->item(i, 3)->setText(all > 0 ? percent(100.0 * double(other) / double(all))
                                             : QStringLiteral("–"));
        m_table->item(i, 4)->setText(
            decimals(m_scheme.difficulty().coefficient(registered, other), 3));
    }
    m_filling = false;
}

Result<void> PopulationView::save()
{
    QHash<QString, Population> rows;
    for (int i = 0; i < m_table->rowCount(); ++i) {
        bool okA = false, okB = false;
        const Population p{m_table->item(i, 1)->text().trimmed().toLongLong(&okA),
                           m_table->item(i, 2)->text().trimmed().toLongLong(&okB)};
        if (!okA || !okB || p.registered < 0 || p.nonRegistered < 0 ||
            p.registered + p.nonRegistered == 0)
            return Error{QStringLiteral("assessment.bad-population"),
                         tr("%1: enter the registered and non-registered residents as whole "
                            "numbers, not both zero")
                             .arg(m_names.value(m_subdistricts.value(i))),
                         {}};
        rows.insert(m_subdistricts.value(i), p);
    }
    if (auto r = AssessmentPopulation(m_store->store())
                     .set(m_year->value(), rows, ActingUser{m_actor, &m_store->roles()});
        !r)
        return r;
    emit saved();
    return {};
}

} // namespace citygrid
