// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "casefacts.h"
#include "result.h"

#include <QVariant>
#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace citygrid {

class CaseFactsSource;
class CaseSession;

/// How the subdistricts, communities or units did in a period: cases, closed, closure rate,
/// on-time closure rate, rework rate and overdue now, ranked by on-time closure rate, with its
/// change from the period before in percentage points. Clicking an area's row selects it on the
/// map (and so filters the area's cases). Counts come from the shared CaseFacts. GUI thread.
class RankingPanel : public QWidget
{
    Q_OBJECT
public:
    RankingPanel(CaseSession &session, CaseFactsSource &facts, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QComboBox *levelBox() const { return m_level; }
    QComboBox *periodBox() const { return m_period; }
    enum Column { Rank, Name, Cases, Closed, ClosureRate, OnTimeRate, Change, ReworkRate, Overdue };
    /// Writes the table as shown to an XLSX or CSV file (numbers as numbers, with the codes).
    Result<void> exportTo(const QString &path) const;

signals:
    /// An area's row was clicked (its code).
    void areaActivated(const QString &code);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void update();
    void exportAsked();
    /// The period chosen and the one before it, as report-day windows.
    std::pair<FactFilter, FactFilter> periods() const;

    CaseSession &m_session;
    CaseFactsSource &m_source;
    QComboBox *m_level;
    QComboBox *m_period;
    QLabel *m_status;
    QTableWidget *m_table;
    QList<QVariantList> m_export; ///< the rows as written to a file, in rank order
};

} // namespace citygrid
