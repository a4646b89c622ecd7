// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "supervision/casefacts.h"

#include <QVariant>
#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace citygrid {

class CaseFactsSource;
class CaseSession;

/// How the subdistricts, communities, units or posts did in a period: the indicators of
/// domain.md section 4 (filed, due, closed, closure and on-time rates, the on-time rate without
/// deferred cases, rework and extension rates, handling time in working hours, overdue now, the
/// top category), ranked by the composite score with its change from the period before.
/// Clicking an area's row selects it on the map (and so filters the area's cases). Counts come
/// from the shared CaseFacts. GUI thread.
class RankingPanel : public QWidget
{
    Q_OBJECT
public:
    RankingPanel(CaseSession &session, CaseFactsSource &facts, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QComboBox *levelBox() const { return m_level; }
    QComboBox *periodBox() const { return m_period; }
    enum Column {
        Rank,
        Name,
        Score,
        Change,
        Filed,
        Due,
        Closed,
        ClosureRate,
        OnTimeRate,
        OnTimeExDeferred,
        ReworkRate,
        ExtensionRate,
        AverageHours,
        P90Hours,
        Overdue,
        TopCategory,
        ColumnCount
    };
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
    QString defaultFileName() const;
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
