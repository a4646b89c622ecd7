// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QDate>
#include <QWidget>

class QComboBox;
class QChart;
class QChartView;

namespace citygrid {

class CaseFactsSource;
class CaseSession;

/// Cases over time: reported per month (the last 12) or per week (the last 26) in the district
/// or one subdistrict, components and events stacked, with the on-time closure rate of each
/// period's cases as a line on its own axis. Clicking a bar asks for that period's cases
/// (periodActivated), which the main window shows in the case list and so on the map. GUI
/// thread.
class TrendPanel : public QWidget
{
    Q_OBJECT
public:
    TrendPanel(CaseSession &session, CaseFactsSource &facts, QWidget *parent = nullptr);

    QChart *chart() const;
    QComboBox *areaBox() const { return m_area; }
    QComboBox *stepBox() const { return m_step; }
    /// The periods the bars stand for: [starts[i], starts[i + 1]).
    QList<QDate> periodStarts() const { return m_starts; }
    /// As if bar `index` had been clicked.
    void activate(int index);

signals:
    /// Show the cases reported from `from` up to (not including) `to` in `areaCode`.
    void periodActivated(const QDate &from, const QDate &to, const QString &areaCode,
                         const QString &label);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void update();

    CaseSession &m_session;
    CaseFactsSource &m_source;
    QComboBox *m_area;
    QComboBox *m_step;
    QChartView *m_view;
    QList<QDate> m_starts;
    QStringList m_labels;
};

} // namespace citygrid
