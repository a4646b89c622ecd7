// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentwindow.h"

#include "assessment/assessmentgridmodel.h"
#include "assessment/assessmentrankings.h"
#include "assessment/assessmentrankingview.h"
#include "assessment/populationview.h"
#include "assessment/schemeeditor.h"
#include "assessment/scorecardview.h"
#include "assessment/scoreentrydialog.h"
#include "calendar/districttime.h"
#include "map/mapcanvas.h"
#include "render/maplayerdata.h"
#include "reports/assessmentbulletin.h"
#include "reports/assessmentsource.h"
#include "reports/monthlyreport.h"
#include "services/appcontext.h"
#include "services/casefactssource.h"
#include "services/casesession.h"
#include "services/language.h"
#include "services/monthtext.h"
#include "shell/errordialog.h"
#include "widgets/screenfit.h"
#include "widgets/tablefit.h"
#include "widgets/writtenfile.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace citygrid {

AssessmentWindow::AssessmentWindow(CaseSession &session, CaseFactsSource &facts, const GridMap &map,
                                   QWidget *parent)
    : QWidget(parent, Qt::Window), m_session(session), m_facts(facts), m_map(map),
      m_store(std::make_unique<AssessmentStore>(session.context().store(),
                                                session.context().catalogues().roles)),
      m_month(new QComboBox(this)), m_stateLabel(new QLabel(this)),
      m_progress(new QProgressBar(this)), m_tabs(new QTabWidget(this)),
      m_model(new AssessmentGridModel(this)), m_grid(new QTableView(this)),
      m_ranking(new AssessmentRankingView(map, this)), m_cards(new ScoreCardView(this)),
      m_population(new PopulationView(this)), m_history(new QTableWidget(0, 5, this))
{
    setWindowTitle(tr("\"7+1\" assessment of the subdistrict enforcement teams"));
    setObjectName(QStringLiteral("assessmentWindow"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Month"), this));
    top->addWidget(m_month);
    m_stateLabel->setTextFormat(Qt::RichText);
    top->addWidget(m_stateLabel);
    m_progress->setFormat(tr("%v of %m scores in"));
    // wide enough for its words with four-digit counts, in either language
    m_progress->setMinimumWidth(
        fontMetrics().horizontalAdvance(m_progress->format()
                                            .replace(QLatin1String("%v"), QLatin1String("9999"))
                                            .replace(QLatin1String("%m"), QLatin1String("9999"))) +
        48);
    top->addWidget(m_progress);
    top->addStretch(1);
    const auto addButton = [&](const char *name, const QString &text, auto slot) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(QLatin1String(name));
        connect(b, &QPushButton::clicked, this, slot);
        top->addWidget(b);
        m_buttons.insert(QLatin1String(name), b);
    };
    addButton("submit", tr("Submit for review"), [this] { act(submit()); });
    addButton("return", tr("Return to draft…"), [this] {
        bool ok = false;
        const QString reason = QInputDialog::getText(this, tr("Return to draft"),
                                                     tr("Why does the month go back to draft?"),
                                                     QLineEdit::Normal, {}, &ok);
        if (ok)
            act(returnToDraft(reason));
    });
    addButton("publish", tr("Publish"), [this] {
        if (QMessageBox::question(this, tr("Publish the month"),
                                  tr("Publishing ranks the teams and locks %1; later changes "
                                     "are corrections on record. Publish?")
                                      .arg(MonthText::name(month()))) == QMessageBox::Yes)
            act(publish());
    });
    addButton("bulletin", tr("Bulletin…"), [this] { chooseBulletin(); });
    addButton("scheme", tr("Scheme…"), [this] { editScheme(); });
    layout->addLayout(top);

    m_grid->setModel(m_model);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_grid->setWordWrap(false);
    connect(m_grid, &QTableView::doubleClicked, this, &AssessmentWindow::editCell);
    auto *scoring = new QWidget(this);
    auto *scoringLayout = new QVBoxLayout(scoring);
    auto *legend = new QLabel(tr("Double-click a cell to enter a score (a published month: a "
                                 "correction). Red: still missing; amber: below 60% of the "
                                 "point's marks; italics: computed from the cases or from "
                                 "surveys."),
                              scoring);
    legend->setWordWrap(true);
    legend->setStyleSheet(QStringLiteral("color: #5b6570;"));
    scoringLayout->addWidget(legend);
    scoringLayout->addWidget(m_grid, 1);
    m_tabs->addTab(scoring, tr("Scoring"));
    m_tabs->addTab(m_ranking, tr("Ranking"));
    m_tabs->addTab(m_cards, tr("Score cards"));
    m_tabs->addTab(m_population, tr("Population and coefficients"));
    m_history->setHorizontalHeaderLabels(
        {tr("When"), tr("Who"), tr("What"), tr("Why"), tr("Details")});
    TableFit::install(m_history, m_history->horizontalHeader(), 4);
    m_history->verticalHeader()->hide();
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tabs->addTab(m_history, tr("History"));
    layout->addWidget(m_tabs, 1);

    connect(m_ranking, &AssessmentRankingView::revisionChosen, this, [this](int revision) {
        m_revision = revision;
        refresh();
    });
    connect(m_population, &PopulationView::saved, this, [this] {
        emit m_session.populationChanged();
        refresh();
        emit changed();
    });
    connect(&m_facts, &CaseFactsSource::loaded, this, &AssessmentWindow::refresh);
    // another workstation of the centre scored, decided or added evidence: shown at once
    connect(&m_session, &CaseSession::assessmentChanged, this, &AssessmentWindow::refresh);
    connect(&m_session, &CaseSession::userChanged, this, &AssessmentWindow::updateButtons);
    connect(m_month, &QComboBox::activated, this, [this] {
        m_revision = 0;
        refresh();
    });
    for (const GridUnit *u : session.grid().children({}))
        m_names.insert(u->code, session.grid().displayName(u->code, language::isEnglish()));
    fillMonths();
    m_facts.request();
    refresh();
    screenfit::resize(this, QSize(1400, 860));
}

AssessmentWindow::~AssessmentWindow() = default;

bool AssessmentWindow::isReady() const
{
    const MapCanvas *canvas = m_ranking->canvas();
    return m_facts.facts() && !canvas->isRendering() && !canvas->renderedImage().isNull();
}

bool AssessmentWindow::showTab(const QString &name)
{
    const QStringList names{QStringLiteral("scoring"), QStringLiteral("ranking"),
                            QStringLiteral("cards"), QStringLiteral("population"),
                            QStringLiteral("history")};
    const int index = int(names.indexOf(name));
    if (index < 0)
        return false;
    m_tabs->setCurrentIndex(index);
    return true;
}

QPushButton *AssessmentWindow::button(const QString &name) const
{
    return m_buttons.value(name);
}

QDate AssessmentWindow::month() const
{
    return m_month->currentData().toDate();
}

void AssessmentWindow::setMonth(QDate month)
{
    const QDate first(month.year(), month.month(), 1);
    int index = m_month->findData(first);
    if (index < 0) {
        m_month->addItem(MonthText::name(first), first);
        index = m_month->count() - 1;
    }
    m_month->setCurrentIndex(index);
    m_revision = 0;
    refresh();
}

void AssessmentWindow::fillMonths()
{
    const QDate today = m_session.now().date();
    const QDate current(today.year(), today.month(), 1);
    QList<QDate> months;
    for (int back = 0; back < 12; ++back)
        months.append(current.addMonths(-back));
    if (auto stored = m_store->months())
        for (const AssessmentStore::Month &m : stored.value())
            if (!months.contains(m.month))
                months.append(m.month);
    std::sort(months.begin(), months.end(), std::greater<>());
    m_month->clear();
    for (QDate m : months)
        m_month->addItem(MonthText::name(m), m);
    m_month->setCurrentIndex(0);
}

bool AssessmentWindow::canScore() const
{
    return m_session.may(Right::ScoreAssessment);
}

bool AssessmentWindow::canDecide() const
{
    return m_session.may(Right::DecideAssessment);
}

void AssessmentWindow::refresh()
{
    const bool english = language::isEnglish();
    const AssessmentScheme &bundled = m_session.context().assessmentDefaults().scheme;
    auto state = m_store->month(month(), bundled);
    auto sheet = state ? assessmentsource::sheet(m_session.context(), m_facts.facts(), month())
                       : Result<AssessmentSheet>(state.error());
    if (!sheet) {
        showError(this, sheet.error());
        return;
    }
    m_state = state.value();
    m_sheet = std::move(sheet).value();
    m_model->setSheet(m_sheet, m_names, english);
    m_grid->resizeRowsToContents();
    const auto [done, all] = m_sheet.progress();
    m_progress->setRange(0, all);
    m_progress->setValue(done);

    const bool published = m_state.state == AssessmentStore::State::Published;
    QList<AssessmentRank> rows;
    QString caption;
    if (published) {
        auto ranked = AssessmentRankings(m_store->store()).of(month(), m_revision);
        if (ranked)
            rows = ranked.value();
        caption = tr("Published ranking of %1.").arg(MonthText::name(month()));
    } else {
        const auto previous = AssessmentRankings(m_store->store()).previousRanks(month());
        rows =
            rankAssessment(m_sheet.scores(), previous ? previous.value() : QHash<QString, int>());
        caption = tr("Provisional ranking of %1 (%2): scores still missing count as zero.")
                      .arg(MonthText::name(month()), AssessmentStore::stateName(m_state.state));
    }
    QList<AssessmentRankingView::Month> year;
    for (int back = 11; back >= 0; --back) {
        const QDate m = month().addMonths(-back);
        auto s = m_store->month(m, bundled);
        if (!s || s.value().state != AssessmentStore::State::Published)
            continue;
        if (auto r = AssessmentRankings(m_store->store()).of(m))
            year.append({m, r.value()});
    }
    m_ranking->show(m_sheet.scheme, rows, m_names, caption, published ? m_state.revision : 0,
                    m_revision > 0 ? m_revision : m_state.revision, year, english);
    QHash<QString, int> ranks;
    for (const AssessmentRank &r : rows)
        ranks.insert(r.subdistrict, r.rank);
    m_cards->show(m_sheet, m_names, ranks, english);
    m_population->setActor(m_session.userId(),
                           canDecide() ? QString() : m_session.onlyWho(Right::DecideAssessment));
    m_population->show(m_store.get(), m_sheet.scheme, m_names, m_sheet.subdistricts,
                       month().year());
    fillHistory();

    const QString colour = published ? QStringLiteral("#1b7a3d")
                           : m_state.state == AssessmentStore::State::Review
                               ? QStringLiteral("#1f5f9e")
                               : QStringLiteral("#8a5a00");
    m_stateLabel->setText(
        QStringLiteral("<span style='color:white; background:%1; padding:2px 8px;'>&nbsp;%2%3"
                       "&nbsp;</span> <span style='color:#5b6570'>%4</span>")
            .arg(colour, AssessmentStore::stateName(m_state.state),
                 published ? tr(", revision %1").arg(m_state.revision) : QString(),
                 tr("scheme version %1").arg(m_state.schemeVersion)));
    updateButtons();
}

void AssessmentWindow::updateButtons()
{
    using State = AssessmentStore::State;
    const auto set = [this](const char *name, bool enabled, const QString &why) {
        QPushButton *b = m_buttons.value(QLatin1String(name));
        b->setEnabled(enabled);
        b->setToolTip(why);
    };
    // disabled with the reason: the role first (the table of roles), then the month's state
    const QString leaderOnly = m_session.onlyWho(Right::DecideAssessment);
    const QString state = AssessmentStore::stateName(m_state.state);
    const QString notScoring =
        tr("Only a month being scored is handed in; this month is %1").arg(state);
    const QString notInReview = tr("Only a month in review is returned or published; this month "
                                   "is %1")
                                    .arg(state);
    set("submit", m_state.state == State::Draft && canScore(),
        !canScore()                     ? m_session.onlyWho(Right::ScoreAssessment)
        : m_state.state != State::Draft ? notScoring
                                        : tr("Hand the complete month to the leader for review"));
    set("return", m_state.state == State::Review && canDecide(),
        !canDecide() ? leaderOnly
        : m_state.state != State::Review
            ? notInReview
            : tr("Send the month back to the scorers, with the reason"));
    set("publish", m_state.state == State::Review && canDecide(),
        !canDecide()                     ? leaderOnly
        : m_state.state != State::Review ? notInReview
                                         : tr("Rank the teams and lock the month"));
    set("scheme", canDecide(),
        canDecide() ? tr("Indicators, weights, formulas and coefficients") : leaderOnly);
    set("bulletin", true, tr("The month's bulletin as PDF or XLSX"));
}

QString AssessmentWindow::actorName(const QString &id) const
{
    const Account *account = m_session.catalogues().roles.account(id);
    return account ? account->displayName : id;
}

void AssessmentWindow::fillHistory()
{
    auto events = m_store->events(month());
    m_history->setRowCount(0);
    if (!events)
        return;
    for (const AssessmentStore::Event &e : events.value()) {
        const int row = m_history->rowCount();
        m_history->insertRow(row);
        QString what = e.action;
        if (e.action == QLatin1String("submitted"))
            what = tr("submitted for review");
        else if (e.action == QLatin1String("returned"))
            what = tr("returned to draft");
        else if (e.action == QLatin1String("published"))
            what = tr("published");
        else if (e.action == QLatin1String("corrected"))
            what = tr("corrected (revision %1)").arg(e.payload[QStringLiteral("revision")].toInt());
        QString details;
        if (e.payload[QStringLiteral("kind")].toString() == QLatin1String("score"))
            details = tr("%1, point %2, %3: %4 → %5")
                          .arg(m_names.value(e.payload[QStringLiteral("subdistrict")].toString()),
                               e.payload[QStringLiteral("point")].toString(),
                               e.payload[QStringLiteral("evaluator")].toString())
                          .arg(e.payload[QStringLiteral("before")].toDouble())
                          .arg(e.payload[QStringLiteral("after")].toDouble());
        else if (e.payload[QStringLiteral("kind")].toString() == QLatin1String("survey"))
            details = tr("%1, survey %2")
                          .arg(m_names.value(e.payload[QStringLiteral("subdistrict")].toString()),
                               e.payload[QStringLiteral("survey")].toString());
        const QStringList cells{districttime::text(e.at), actorName(e.actor), what, e.reason,
                                details};
        for (int c = 0; c < cells.size(); ++c)
            m_history->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
}

void AssessmentWindow::act(const Result<void> &result)
{
    if (!result && result.error().code == QLatin1String("centre.stale")) {
        // another workstation changed the month first: the copy catches up before it is shown
        AppContext &context = m_session.context();
        if (context.centre() && context.pullCentre())
            emit m_session.assessmentChanged();
    }
    if (!result)
        showError(this, result.error());
    refresh();
    emit changed();
}

Result<void> AssessmentWindow::submit()
{
    if (!canScore())
        return Error{
            QStringLiteral("assessment.role"), m_session.onlyWho(Right::ScoreAssessment), {}};
    return m_store->submit(month(), m_sheet, m_session.userId(), m_session.now());
}

Result<void> AssessmentWindow::returnToDraft(const QString &reason)
{
    if (!canDecide())
        return Error{
            QStringLiteral("assessment.role"), m_session.onlyWho(Right::DecideAssessment), {}};
    return m_store->returnToDraft(month(), m_session.userId(), reason, m_session.now());
}

Result<void> AssessmentWindow::publish()
{
    if (!canDecide())
        return Error{
            QStringLiteral("assessment.role"), m_session.onlyWho(Right::DecideAssessment), {}};
    return m_store->publish(month(), m_sheet, m_session.userId(), m_session.now());
}

Result<void> AssessmentWindow::writeBulletin(const QString &path)
{
    auto content =
        AssessmentBulletin::gather(m_session.context(), m_facts.facts(), &m_map, month());
    if (!content)
        return content.error();
    return AssessmentBulletin::write(content.value(), path);
}

void AssessmentWindow::chooseBulletin()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Write the bulletin"),
        writtenfile::defaultName(QStringLiteral("citygrid-7+1"), AssessmentStore::monthKey(month()),
                                 QStringLiteral("pdf")),
        tr("PDF (*.pdf);;Excel workbook (*.xlsx)"));
    if (path.isEmpty())
        return;
    if (auto r = writeBulletin(path); !r)
        showError(this, r.error());
}

void AssessmentWindow::editCell(const QModelIndex &index)
{
    const AssessmentScheme::Point *point = m_model->pointAt(index.row());
    if (!point)
        return;
    const bool published = m_state.state == AssessmentStore::State::Published;
    if (point->method == AssessmentScheme::Method::Computed) {
        QMessageBox::information(this, tr("Computed from the cases"),
                                 m_model->data(index, Qt::ToolTipRole).toString());
        return;
    }
    if (m_state.state == AssessmentStore::State::Review) {
        showError(this, {QStringLiteral("assessment.locked"),
                         tr("The month is under review; the leader returns it to draft for "
                            "changes"),
                         {}});
        return;
    }
    if (published ? !canDecide() : !canScore()) {
        showError(this, {QStringLiteral("assessment.role"),
                         published ? m_session.onlyWho(Right::DecideAssessment)
                                   : m_session.onlyWho(Right::ScoreAssessment),
                         {}});
        return;
    }
    const QString code = m_model->subdistrictAt(index.column());
    ScoreEntryDialog dialog(*m_store, m_sheet,
                            {month(), m_state.state, code, m_names.value(code), *point,
                             m_sheet.subdistricts, m_session.userId(), m_session.now()},
                            this);
    if (dialog.exec() == QDialog::Accepted) {
        refresh();
        emit changed();
    }
}

void AssessmentWindow::editScheme()
{
    SchemeEditor editor(*m_store, m_sheet.scheme, m_session.context().assessmentDefaults().scheme,
                        m_session.userId(), this);
    if (editor.exec() == QDialog::Accepted) {
        refresh();
        emit changed();
    }
}

} // namespace citygrid
