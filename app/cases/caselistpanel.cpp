// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/caselistpanel.h"

#include "cases/caselistmodel.h"
#include "services/casesession.h"
#include "services/language.h"
#include "widgets/filtercombos.h"
#include "widgets/tablefit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace citygrid {

namespace {

enum Window { AnyTime, Today, Week, Month, Year, Custom };

} // namespace

CaseListPanel::CaseListPanel(CaseSession &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new CaseListModel(session, this)),
      m_view(new QTableView(this)), m_text(new QLineEdit(this)), m_state(new QComboBox(this)),
      m_overdue(new QToolButton(this)), m_window(new QComboBox(this)), m_area(new QComboBox(this)),
      m_group(new QComboBox(this)), m_unit(new QComboBox(this)), m_total(new QLabel(this))
{
    setObjectName(QStringLiteral("caseListPanel"));
    m_window->setObjectName(QStringLiteral("periodFilter"));
    m_text->setPlaceholderText(tr("Case no., description, reporter"));
    m_text->setClearButtonEnabled(true);
    m_overdue->setText(tr("Overdue"));
    m_overdue->setCheckable(true);
    m_overdue->setToolTip(tr("Only cases past their deadline now, whenever they were reported"));
    m_overdue->setStyleSheet(QStringLiteral(
        "QToolButton { padding: 2px 8px; border: 1px solid #c9c9c9; border-radius: 10px; }"
        "QToolButton:checked { background: #c62828; color: white; border-color: #c62828; }"));
    fillCombos();

    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_text, 2);
    filters->addWidget(m_state, 1);
    filters->addWidget(m_overdue);
    filters->addWidget(m_window, 1);
    auto *filters2 = new QHBoxLayout;
    filters2->setContentsMargins(0, 0, 0, 0);
    filters2->addWidget(m_area, 1);
    filters2->addWidget(m_group, 1);
    filters2->addWidget(m_unit, 1);
    filters2->addWidget(m_total);

    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CaseListModel::Reported, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_view->setWordWrap(false);
    TableFit::install(m_view, m_view->horizontalHeader(), CaseListModel::Category);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(filters);
    layout->addLayout(filters2);
    layout->addWidget(m_view);

    // Typing waits for a pause; the other controls apply at once.
    auto *typing = new QTimer(this);
    typing->setSingleShot(true);
    typing->setInterval(250);
    connect(typing, &QTimer::timeout, this, &CaseListPanel::applyFilter);
    connect(m_text, &QLineEdit::textChanged, typing, qOverload<>(&QTimer::start));
    for (QComboBox *box : {m_state, m_window, m_area, m_group, m_unit})
        connect(box, &QComboBox::currentIndexChanged, this, &CaseListPanel::applyFilter);
    connect(m_overdue, &QToolButton::toggled, this, &CaseListPanel::overdueToggled);
    connect(m_model, &CaseListModel::totalChanged, this,
            [this](qint64 total) { m_total->setText(tr("%n case(s)", nullptr, int(total))); });
    m_total->setText(tr("%n case(s)", nullptr, int(m_model->totalCount())));
    applyFilter();
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit caseActivated(index.data(CaseListModel::UuidRole).toString());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) {
                if (index.isValid())
                    emit caseSelected(index.data(CaseListModel::UuidRole).toString());
            });
    connect(&m_session, &CaseSession::caseChanged, m_model, &CaseListModel::refresh);
}

void CaseListPanel::fillCombos()
{
    filtercombos::addStates(m_state);

    m_window->addItem(tr("Any time"), AnyTime);
    m_window->addItem(tr("Today"), Today);
    m_window->addItem(tr("Last 7 days"), Week);
    m_window->addItem(tr("Last 30 days"), Month);
    m_window->addItem(tr("Last 12 months"), Year);

    filtercombos::addSubdistricts(m_area, m_session);
    filtercombos::addCategoryGroups(m_group, m_session);

    filtercombos::addUnits(m_unit, m_session);
    // The last 30 days by default: today's work and what led up to it.
    m_window->setCurrentIndex(m_window->findData(Month));
    for (QComboBox *box : {m_state, m_window, m_area, m_group, m_unit})
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
}

CaseFilter CaseListPanel::filter() const
{
    CaseFilter f;
    const QString state = m_state->currentData().toString();
    if (state == filtercombos::openStates())
        f.openOnly = true;
    else if (!state.isEmpty())
        f.states = {state};
    f.overdueOnly = m_overdue->isChecked();
    const QDateTime now = m_session.now().toOffsetFromUtc(8 * 3600);
    switch (m_window->currentData().toInt()) {
    case Today:
        f.reportedFrom = QDateTime(now.date(), QTime(0, 0), now.timeSpec(), now.offsetFromUtc());
        break;
    case Week:
        f.reportedFrom = now.addDays(-7);
        break;
    case Month:
        f.reportedFrom = now.addDays(-30);
        break;
    case Year:
        f.reportedFrom = now.addMonths(-12);
        break;
    case Custom:
        f.reportedFrom = QDateTime(m_customFrom, QTime(0, 0), Qt::OffsetFromUTC, 8 * 3600);
        f.reportedTo = QDateTime(m_customTo, QTime(0, 0), Qt::OffsetFromUTC, 8 * 3600);
        break;
    default:
        break;
    }
    f.areaCode = m_area->currentData().toString();
    f.categoryPrefix = m_group->currentData().toString();
    f.unitId = m_unit->currentData().toString();
    f.text = m_text->text().trimmed();
    return f;
}

void CaseListPanel::applyFilter()
{
    m_model->setFilter(filter());
}

void CaseListPanel::setArea(const QString &code)
{
    int index = m_area->findData(code);
    if (index < 0 && !code.isEmpty()) {
        // A community or a cell: add it for as long as it is chosen.
        m_area->addItem(m_session.grid().displayName(code, language::isEnglish()), code);
        index = m_area->count() - 1;
    }
    m_area->setCurrentIndex(std::max(0, index));
}

void CaseListPanel::setReportedDays(const QDate &from, const QDate &to, const QString &label)
{
    m_customFrom = from;
    m_customTo = to;
    const int at = m_window->findData(Custom);
    if (at >= 0)
        m_window->removeItem(at);
    m_window->addItem(label, Custom);
    m_window->setCurrentIndex(m_window->count() - 1);
    applyFilter(); // the same entry chosen again signals nothing
}

void CaseListPanel::setOverdueOnly(bool on)
{
    m_overdue->setChecked(on);
}

void CaseListPanel::overdueToggled(bool on)
{
    // Overdue means overdue now: the period shows "Any time" while the chip is on (so the count
    // matches the wall display's) and goes back to what it was when it is turned off, unless the
    // user chose another period meanwhile.
    const QSignalBlocker quiet(m_window);
    if (on) {
        m_periodBeforeOverdue = m_window->currentIndex();
        m_window->setCurrentIndex(m_window->findData(AnyTime));
    } else if (m_periodBeforeOverdue >= 0 && m_window->currentData().toInt() == AnyTime) {
        m_window->setCurrentIndex(m_periodBeforeOverdue);
    }
    m_periodBeforeOverdue = on ? m_periodBeforeOverdue : -1;
    applyFilter();
}

void CaseListPanel::setStateFilter(const QString &stateIdOrOpen)
{
    m_state->setCurrentIndex(std::max(0, m_state->findData(stateIdOrOpen)));
}

void CaseListPanel::setText(const QString &text)
{
    m_text->setText(text);
    applyFilter();
}

} // namespace citygrid
