// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace citygrid {

class CaseFactsSource;
class CaseSession;
struct GridMap;

/// Reports > Monthly report…: the month (the last 24, last month first), the whole district or
/// one subdistrict, and the PDF to write; Write makes it (as `citygrid report` does) and opens it.
class ReportDialog : public QDialog
{
    Q_OBJECT
public:
    ReportDialog(CaseSession &session, CaseFactsSource &facts, const GridMap &map,
                 QWidget *parent = nullptr);

    QComboBox *monthBox() const { return m_month; }
    QComboBox *areaBox() const { return m_area; }
    void setPath(const QString &path);
    QString path() const;
    /// Writes the report as chosen; the message says what was written or what went wrong.
    Result<void> write();

private:
    void writeAsked();

    CaseSession &m_session;
    CaseFactsSource &m_facts;
    const GridMap &m_map;
    QComboBox *m_month;
    QComboBox *m_area;
    QLineEdit *m_path;
    QLabel *m_message;
};

} // namespace citygrid
