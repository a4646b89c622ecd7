// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentstore.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace citygrid {

class AssessmentGridModel;
class AssessmentRankingView;
class CaseFactsSource;
class CaseSession;
class PopulationView;
class ScoreCardView;
struct GridMap;

/// The "7+1" assessment workspace (Assessment > 7+1 assessment): pick a month; score it in the
/// grid of points × subdistricts, which shows what is still missing; submit it for review,
/// return it or publish it (the leader); see the ranking with its map and the year's trend, each
/// team's score card, the population behind the coefficients and the month's history; write the
/// bulletin. Scorers are the supervisors, shift leaders and the leader; deciding (publishing,
/// returning, correcting, changing the scheme) is the leader's. GUI thread.
class AssessmentWindow : public QWidget
{
    Q_OBJECT
public:
    AssessmentWindow(CaseSession &session, CaseFactsSource &facts, const GridMap &map,
                     QWidget *parent = nullptr);
    ~AssessmentWindow() override;

    enum Tab { Scoring, Ranking, Cards, PopulationTab, History };
    QComboBox *monthBox() const { return m_month; }
    QDate month() const;
    void setMonth(QDate month);
    AssessmentStore::Month state() const { return m_state; }
    AssessmentGridModel *gridModel() const { return m_model; }
    QTableView *grid() const { return m_grid; }
    QTabWidget *tabs() const { return m_tabs; }
    AssessmentRankingView *rankingView() const { return m_ranking; }
    ScoreCardView *scoreCards() const { return m_cards; }
    PopulationView *populationView() const { return m_population; }
    QTableWidget *historyTable() const { return m_history; }
    QProgressBar *progress() const { return m_progress; }
    QPushButton *button(const QString &name) const;

    /// What the buttons do, without the questions they ask (tests, scripts).
    Result<void> submit();
    Result<void> returnToDraft(const QString &reason);
    Result<void> publish();
    Result<void> writeBulletin(const QString &path);
    /// Opens the entry dialog of a grid cell (checklist, survey, or a correction).
    void editCell(const QModelIndex &index);
    /// Re-reads the month from the store.
    void refresh();
    /// The case figures are in and the ranking's map is drawn (screenshots wait for it).
    bool isReady() const;
    /// Shows the tab called `name` (scoring, ranking, cards, population, history); false if
    /// unknown.
    bool showTab(const QString &name);

signals:
    /// Scores, the state or the scheme changed.
    void changed();

private:
    bool canScore() const;
    bool canDecide() const;
    void fillMonths();
    void fillHistory();
    void updateButtons();
    void act(const Result<void> &result);
    void chooseBulletin();
    void editScheme();
    QString actorName(const QString &id) const;

    CaseSession &m_session;
    CaseFactsSource &m_facts;
    const GridMap &m_map;
    std::unique_ptr<AssessmentStore> m_store;
    AssessmentStore::Month m_state;
    AssessmentSheet m_sheet;
    QHash<QString, QString> m_names;
    int m_revision = 0; ///< of the ranking shown; 0: the newest
    QComboBox *m_month;
    QLabel *m_stateLabel;
    QProgressBar *m_progress;
    QTabWidget *m_tabs;
    AssessmentGridModel *m_model;
    QTableView *m_grid;
    AssessmentRankingView *m_ranking;
    ScoreCardView *m_cards;
    PopulationView *m_population;
    QTableWidget *m_history;
    QHash<QString, QPushButton *> m_buttons;
};

} // namespace citygrid
