// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentranking.h"
#include "assessment/assessmentscheme.h"

#include <QWidget>

class QChartView;
class QComboBox;
class QLabel;
class QTableWidget;

namespace citygrid {

class MapCanvas;
struct GridMap;

/// A month's "7+1" ranking: the table (rank, change, raw score, coefficient, adjusted score and
/// each first-level indicator), the subdistricts coloured by rank on a map, and each team's rank
/// over the year. A published month offers its earlier revisions. GUI thread.
class AssessmentRankingView : public QWidget
{
    Q_OBJECT
public:
    AssessmentRankingView(const GridMap &map, QWidget *parent = nullptr);

    struct Month
    {
        QDate month;
        QList<AssessmentRank> rows;
    };
    /// Shows `rows` (provisional when the month is not published), `revisions` the month has,
    /// and the published months of the year for the trend.
    void show(const AssessmentScheme &scheme, const QList<AssessmentRank> &rows,
              const QHash<QString, QString> &names, const QString &caption, int revisions,
              int revision, const QList<Month> &year, bool english);

    QTableWidget *table() const { return m_table; }
    MapCanvas *canvas() const { return m_canvas; }
    QChartView *trend() const { return m_trend; }
    QComboBox *revisionBox() const { return m_revision; }

signals:
    /// The user picked another revision of the published ranking (0: the newest).
    void revisionChosen(int revision);

private:
    void fillTrend(const QList<Month> &year, const QHash<QString, QString> &names);

    QLabel *m_caption;
    QComboBox *m_revision;
    QTableWidget *m_table;
    MapCanvas *m_canvas;
    QChartView *m_trend;
    const GridMap &m_map;
};

} // namespace citygrid
