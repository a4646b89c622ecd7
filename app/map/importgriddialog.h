// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "grid/gridimport.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableWidget;

namespace citygrid {

class CentreLink;

/// Import another district's grid: choose a file (and, if needed, its code field and CRS), see
/// every problem and a preview map, and replace the store's grid only when the file is clean.
/// Reading and validating run off the GUI thread. GUI thread.
class ImportGridDialog : public QDialog
{
    Q_OBJECT
public:
    /// `roles` judges who imports (setUser); the store's grid is replaced only for an account
    /// holding Right::ImportGrid, or on a store with no account yet.
    ImportGridDialog(const QString &storePath, RoleCatalogue roles, QWidget *parent = nullptr);
    /// The account that imports.
    void setUser(const QString &name) { m_user = name; }
    /// A workstation of the centre: the grid is replaced at the server (CentreGridImport), the
    /// workstation's copy following as it catches up.
    void setCentre(const CentreLink *centre) { m_centre = centre; }
    void setFile(const QString &path);
    /// Starts the check (as the Check button does).
    void check();
    /// True from the start of a check or import until its result is on screen.
    bool isBusy() const { return m_busy; }
    /// The last check's or import's report, for tests.
    const ImportReport &report() const { return m_report; }
    bool imported() const { return m_imported; }
    ~ImportGridDialog() override;

protected:
    /// While work runs, Cancel (and Esc) stops the work; the dialog stays.
    void reject() override;

private:
    GridReadOptions options() const;
    void showReport(const Result<ImportReport> &result);
    void import();
    void start(GridImport::Replace replace);
    bool confirmReplacement(const Error &refusal);
    void setBusy(bool busy, const QString &what);
    /// A Progress that shows on the bar and stops when the user cancels (safe from any thread).
    Progress progress();

    QString m_storePath;
    RoleCatalogue m_roles;
    const CentreLink *m_centre = nullptr;
    QString m_user;
    QLineEdit *m_file;
    QLineEdit *m_codeField;
    QComboBox *m_crs;
    QLabel *m_summary;
    QTableWidget *m_issues;
    QLabel *m_preview;
    QDialogButtonBox *m_buttons;
    QProgressBar *m_progressBar;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<Result<ImportReport>> m_watcher;
    ImportReport m_report;
    bool m_checkedClean = false;
    bool m_importing = false;
    bool m_busy = false;
    bool m_imported = false;
};

} // namespace citygrid
