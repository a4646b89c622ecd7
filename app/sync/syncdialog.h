// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "sync/syncexchange.h"

#include <QDialog>

class QGroupBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace citygrid {

class CaseSession;

/// Sync ▸ Sync packages…: this site (its name, case-number prefix and card), its peers (register
/// one from its card, see how far each exchange has got), the exchange itself (a package for a
/// peer; a package applied, with progress, and a summary of what came in) and every conflict on
/// record. What is refused is said in the summary and nothing changes. GUI thread.
class SyncDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SyncDialog(CaseSession &session, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *prefixEdit() const { return m_prefix; }
    QTableWidget *peersTable() const { return m_peers; }
    QTableWidget *conflictsTable() const { return m_conflicts; }
    QLabel *summary() const { return m_summary; }

    /// What the buttons do once a file is chosen (tests call these directly).
    Result<void> saveSite();
    Result<void> writeCard(const QString &path);
    Result<void> addPeer(const QString &cardPath);
    /// Sends `peer` (site id or name) only the cases of `area` (empty: every case).
    Result<void> setArea(const QString &peer, const QString &area);
    Result<SyncExchange::Exported> exportFor(const QString &peer, const QString &path);
    Result<SyncExchange::Imported> importFrom(const QString &path);
    /// True once an import brought a new grid and it replaced this store's (the map must reload).
    bool gridReplaced() const { return m_gridReplaced; }

private:
    QGroupBox *siteBox();
    QGroupBox *peersBox();
    /// Asks where to write a package for the peer selected in the table, and writes it.
    void exportForSelected();
    void chooseAreaForSelected();
    /// "440304002 园岭街道", or "every case" for none.
    QString areaName(const QString &code) const;
    void refresh();
    void showResult(const QString &text, bool ok);
    Progress progressFor(const QString &title);

    CaseSession &m_session;
    QLineEdit *m_name;
    QLineEdit *m_prefix;
    QLabel *m_siteId;
    QTableWidget *m_peers;
    QTableWidget *m_conflicts;
    QLabel *m_summary;
    bool m_gridReplaced = false;
};

} // namespace citygrid
