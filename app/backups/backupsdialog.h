// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QDialog>
#include <QFutureWatcher>

#include <functional>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace citygrid {

class CaseSession;
class SqliteDb;

/// File ▸ Backups…: the daily backups the window keeps beside the store (day, size), how many it
/// keeps, a backup now, and the restore of the one selected — checked (integrity, its record
/// against the hash chains, this site's) before it replaces the store, the store as it was kept
/// aside. Changing the count, backing up and restoring need the role table's `backup` right.
/// GUI thread; the backup and the restore run on a worker with their own connection.
class BackupsDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { Day, Size, File };
    explicit BackupsDialog(CaseSession &session, QWidget *parent = nullptr);
    ~BackupsDialog() override;

    QTableWidget *table() const { return m_table; }
    QSpinBox *keepBox() const { return m_keep; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *restoreButton() const { return m_restore; }
    /// Blocks until a backup or restore under way is done (tests).
    void waitForWork();

public slots:
    void backUpNow();
    void saveKeep();
    /// Restores the selected backup; `confirmed` skips the question (tests).
    void restoreSelected(bool confirmed = false);

signals:
    /// The store now holds what the backup held: whatever shows it must read it again.
    void restored();

private:
    void fill();
    void runInBackground(const QString &busy, std::function<Result<QString>(SqliteDb &)> work,
                         bool restoring = false);
    void workDone();
    void say(const QString &text, bool error);

    CaseSession &m_session;
    QTableWidget *m_table;
    QSpinBox *m_keep;
    QPushButton *m_saveKeep, *m_backUp, *m_restore;
    QLabel *m_status;
    QFutureWatcher<Result<QString>> m_work;
    bool m_restoring = false;
};

} // namespace citygrid
