// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace citygrid {

/// File ▸ Open: another store, a GeoPackage file or the centre's server
/// (postgresql://ACCOUNT@HOST:PORT/DATABASE), checked as it is typed; it opens in a window of its
/// own, which signs in to it. GUI thread.
class OpenStoreDialog : public QDialog
{
    Q_OBJECT
public:
    explicit OpenStoreDialog(QWidget *parent = nullptr);

    /// What to open: the file's path or the centre's address.
    QString target() const;
    /// Why the entry cannot be opened, in the user's language; empty when it can.
    QString problem() const;
    QLineEdit *fileEdit() const { return m_file; }
    QLineEdit *centreEdit() const { return m_centre; }
    QRadioButton *centreChoice() const { return m_useCentre; }

private:
    void check();

    QRadioButton *m_useFile;
    QRadioButton *m_useCentre;
    QLineEdit *m_file;
    QLineEdit *m_centre;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace citygrid
