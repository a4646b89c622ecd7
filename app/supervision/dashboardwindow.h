// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QWidget>

class QLabel;
class QTableWidget;
class QTimer;

namespace citygrid {

class CaseFactsSource;
class CaseSession;
class MapCanvas;
struct GridMap;

/// The command centre's wall display, full screen: the hot spots of the last 30 days on the map,
/// today's numbers (new, open, overdue, closed today, on-time rate of today's closures and of the
/// last 30 days), the longest-overdue cases and the hottest cells. It redraws when the shared
/// facts are read again (cases changed) and each minute (the clock moves cases past their
/// deadline). Esc closes it. GUI thread.
class DashboardWindow : public QWidget
{
    Q_OBJECT
public:
    enum Tile {
        NewToday,
        Open,
        Overdue,
        Warnings,
        ClosedToday,
        OnTimeToday,
        OnTime30Days,
        Unacknowledged,
        TileCount
    };

    DashboardWindow(CaseSession &session, CaseFactsSource &facts, const GridMap &map,
                    QWidget *parent = nullptr);

    QString tileText(Tile tile) const;
    QTableWidget *overdueTable() const { return m_overdue; }
    QTableWidget *hotTable() const { return m_hot; }
    MapCanvas *canvas() const { return m_canvas; }
    /// True once the numbers, the lists and the map are drawn from the facts.
    bool isReady() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void refresh();
    void fillOverdue();
    QWidget *makeTile(Tile tile, const QString &caption);

    CaseSession &m_session;
    CaseFactsSource &m_facts;
    MapCanvas *m_canvas;
    QLabel *m_clock;
    QLabel *m_tiles[TileCount] = {};
    QTableWidget *m_overdue;
    QTableWidget *m_hot;
    QTimer *m_minute;
    bool m_ready = false;
};

} // namespace citygrid
