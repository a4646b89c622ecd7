// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QPushButton;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace citygrid {

/// File ▸ Open: another store, a GeoPackage file or the centre's server
/// (postgresql://ACCOUNT@HOST:PORT/DATABASE), checked as it is typed; it opens in a window of its
/// own, which signs in to it, and may be kept as the store to open at start. Settings ▸ Store
/// at start: the same choice, kept and not opened now (or back to this computer's own file).
/// GUI thread.
class OpenStoreDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose { Open, AtStart };
    explicit OpenStoreDialog(QWidget *parent = nullptr, Purpose purpose = Purpose::Open);

    /// What to open: the file's path or the centre's address (empty: this computer's own file,
    /// when Store at start was reset).
    QString target() const;
    /// Why the entry cannot be opened, in the user's language; empty when it can.
    QString problem() const;
    QLineEdit *fileEdit() const { return m_file; }
    QLineEdit *centreEdit() const { return m_centre; }
    QRadioButton *centreChoice() const { return m_useCentre; }
    QCheckBox *atStartBox() const { return m_atStart; }
    /// Whether the choice is to be opened at start from now on (empty target(): the default
    /// file again).
    bool keepAtStart() const { return m_keep; }

private:
    void check();

    QRadioButton *m_useFile;
    QRadioButton *m_useCentre;
    QLineEdit *m_file;
    QLineEdit *m_centre;
    QLabel *m_problem;
    QCheckBox *m_atStart;
    QDialogButtonBox *m_buttons;
    QPushButton *m_accept;
    bool m_keep = false;
    bool m_ownFile = false; ///< Store at start: back to this computer's own file
};

} // namespace citygrid
