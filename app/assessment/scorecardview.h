// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentsheet.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace citygrid {

/// One team's score card for a month: raw score, coefficient, adjusted score and rank; each
/// first-level indicator against its weight; every scoring point by the marks it lost, the
/// weakest highlighted, so a subdistrict sees what to work on. GUI thread.
class ScoreCardView : public QWidget
{
    Q_OBJECT
public:
    explicit ScoreCardView(QWidget *parent = nullptr);
    /// How many of the weakest points are highlighted.
    static constexpr int weakest = 5;

    void show(const AssessmentSheet &sheet, const QHash<QString, QString> &names,
              const QHash<QString, int> &ranks, bool english);
    QComboBox *subdistrictBox() const { return m_subdistrict; }
    QTableWidget *indicatorTable() const { return m_first; }
    QTableWidget *pointTable() const { return m_points; }
    QLabel *summary() const { return m_summary; }

private:
    void fill();

    QComboBox *m_subdistrict;
    QLabel *m_summary;
    QTableWidget *m_first;
    QTableWidget *m_points;
    AssessmentSheet m_sheet;
    QHash<QString, int> m_ranks;
    bool m_english = false;
};

} // namespace citygrid
