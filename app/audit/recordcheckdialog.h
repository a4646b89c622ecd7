// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "audit/recordaudit.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace citygrid {

/// Help ▸ Verify records…: checks the store's record against its hash chains on a worker thread
/// (its own read-only connection), then says whether every record is as it was written, or which
/// were edited, deleted, added or moved past CityGrid, first one first. GUI thread.
class RecordCheckDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RecordCheckDialog(const QString &storePath, QWidget *parent = nullptr);
    ~RecordCheckDialog() override;

    QLabel *verdictLabel() const { return m_verdict; }
    QTreeWidget *findingsList() const { return m_findings; }
    bool isDone() const { return m_watcher.isFinished(); }
    /// Blocks until the check is done (tests).
    void waitForResult();

signals:
    void checked(bool intact);

private:
    void showResult(const Result<AuditReport> &result);

    QLabel *m_verdict;
    QProgressBar *m_progress;
    QTreeWidget *m_findings;
    QPushButton *m_close;
    QFutureWatcher<Result<AuditReport>> m_watcher;
    std::atomic_bool m_cancel = false;
};

} // namespace citygrid
