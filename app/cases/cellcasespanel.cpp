// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/cellcasespanel.h"

#include "cases/casequery.h"
#include "services/casesession.h"
#include "services/language.h"
#include "widgets/tablefit.h"

#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace citygrid {

namespace {

constexpr int uuidRole = Qt::UserRole + 1;
constexpr int stateRole = Qt::UserRole + 2;

} // namespace

CellCasesPanel::CellCasesPanel(CaseSession &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_title(new QLabel(this)), m_list(new QTreeWidget(this)),
      m_dispatch(new QPushButton(this))
{
    setObjectName(QStringLiteral("cellCasesPanel"));
    m_title->setWordWrap(true);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Case"), tr("State"), tr("Deadline")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    TableFit::install(m_list, m_list->header(), 0);
    m_dispatch->setText(tr("Dispatch ticked cases"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_dispatch);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        emit caseActivated(item->data(0, uuidRole).toString());
    });
    connect(m_list, &QTreeWidget::itemChanged, this, &CellCasesPanel::updateButton);
    connect(m_dispatch, &QPushButton::clicked, this, [this] {
        const QString summary = dispatchChecked();
        if (!summary.isEmpty())
            QMessageBox::information(this, tr("Dispatch"), summary);
    });
    connect(&m_session, &CaseSession::caseChanged, this, &CellCasesPanel::reload);
    connect(&m_session, &CaseSession::userChanged, this, &CellCasesPanel::updateButton);
    reload();
}

void CellCasesPanel::setArea(const QString &code)
{
    m_code = code;
    reload();
}

void CellCasesPanel::reload()
{
    QSignalBlocker block(m_list);
    m_list->clear();
    if (m_code.isEmpty()) {
        m_title->setText(tr("Select a cell on the map to see its cases."));
        updateButton();
        return;
    }
    CaseFilter open;
    open.areaCode = m_code;
    open.openOnly = true;
    CaseFilter recent;
    recent.areaCode = m_code;
    recent.states = {QStringLiteral("closed"), QStringLiteral("voided")};
    recent.reportedFrom = m_session.now().addDays(-30);
    int openCount = 0;
    for (const CaseFilter &f : {open, recent}) {
        auto page = m_session.caseQuery(f).page(CaseQuery::Sort::Reported, false, 0, 300);
        if (!page)
            continue;
        for (const CaseRecord &r : page.value()) {
            const bool isOpen = f.openOnly;
            openCount += isOpen;
            auto *item = new QTreeWidgetItem(
                m_list,
                {QStringLiteral("%1 %2").arg(r.caseNo, m_session.categoryName(r.categoryId)),
                 CaseVocabulary::displayName(r.status.state),
                 r.status.state == CaseState::Closed
                     ? (r.onTime.value_or(true) ? tr("on time") : tr("late"))
                     : m_session.timingText(r)});
            item->setData(0, uuidRole, r.uuid);
            item->setData(0, stateRole, CaseVocabulary::id(r.status.state));
            if (r.status.state == CaseState::Filed)
                item->setCheckState(0, Qt::Unchecked);
            if (m_session.timing(r) == CaseTiming::Level::Overdue)
                item->setForeground(2, QColor(0xb7, 0x1c, 0x1c));
            if (!isOpen)
                for (int c = 0; c < 3; ++c)
                    item->setForeground(c, QColor(0x88, 0x88, 0x88));
        }
    }
    m_list->resizeColumnToContents(0);
    m_title->setText(tr("<b>%1</b><br>%2 open, %3 closed or voided in the last 30 days")
                         .arg(m_session.grid().displayName(m_code, language::isEnglish()))
                         .arg(openCount)
                         .arg(m_list->topLevelItemCount() - openCount));
    updateButton();
}

void CellCasesPanel::updateButton()
{
    int ticked = 0;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        ticked += m_list->topLevelItem(i)->checkState(0) == Qt::Checked;
    const bool may = m_session.may(CaseStep::Dispatch);
    m_dispatch->setEnabled(may && ticked > 0);
    // short: the panel is narrow; what to do, or who may, in the tooltip
    m_dispatch->setToolTip(!may         ? m_session.onlyWho(CaseStep::Dispatch)
                           : ticked > 0 ? QString()
                                        : tr("Tick filed cases to dispatch them"));
    m_dispatch->setText(ticked > 0 ? tr("Dispatch %n ticked case(s)", nullptr, ticked)
                                   : tr("Dispatch ticked cases"));
}

void CellCasesPanel::setChecked(const QString &caseUuid, bool checked)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(0, uuidRole).toString() == caseUuid &&
            item->data(0, stateRole).toString() == QLatin1String("filed"))
            item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
    }
}

QString CellCasesPanel::dispatchChecked()
{
    QStringList uuids;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (m_list->topLevelItem(i)->checkState(0) == Qt::Checked)
            uuids << m_list->topLevelItem(i)->data(0, uuidRole).toString();
    int sent = 0;
    QStringList problems;
    for (const QString &uuid : std::as_const(uuids)) {
        auto record = m_session.store().find(uuid);
        if (!record)
            continue;
        // Each case to the unit the catalogue names; a gap or ambiguity is left for the case view.
        auto unit = m_session.store().suggestedUnit(record.value());
        if (!unit) {
            problems << QStringLiteral("%1: %2").arg(record.value().caseNo, unit.error().message);
            continue;
        }
        StepInput input;
        input.unitId = unit.value()->id;
        if (auto r = m_session.take(uuid, CaseStep::Dispatch, input); r)
            ++sent;
        else
            problems << QStringLiteral("%1: %2").arg(record.value().caseNo, r.error().message);
    }
    QString summary = tr("%n case(s) dispatched.", nullptr, sent);
    if (!problems.isEmpty())
        summary += QLatin1Char('\n') + tr("Not dispatched:") + QLatin1Char('\n') +
                   problems.join(QLatin1Char('\n'));
    return summary;
}

} // namespace citygrid
