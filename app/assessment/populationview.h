// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentstore.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace citygrid {

/// The population behind the difficulty coefficients, per subdistrict and year: registered and
/// non-registered residents (editable), the non-registered share and the coefficient the scheme
/// gives. Saving checks every row first and writes all or nothing. GUI thread.
class PopulationView : public QWidget
{
    Q_OBJECT
public:
    explicit PopulationView(QWidget *parent = nullptr);
    void show(AssessmentStore *store, const AssessmentScheme &scheme,
              const QHash<QString, QString> &names, const QStringList &subdistricts, int year);
    QTableWidget *table() const { return m_table; }
    /// Who saves (recorded with the edit), and why they may not (empty when they may): the save
    /// button is then off, saying why.
    void setActor(const QString &userId, const QString &refusal);
    QSpinBox *yearBox() const { return m_year; }
    QPushButton *saveButton() const { return m_save; }
    /// Writes the table's figures for the year.
    Result<void> save();

signals:
    void saved();

private:
    void fill();
    void updateCoefficients();

    AssessmentStore *m_store = nullptr;
    AssessmentScheme m_scheme;
    QHash<QString, QString> m_names;
    QStringList m_subdistricts;
    QSpinBox *m_year;
    QLabel *m_rule;
    QTableWidget *m_table;
    bool m_filling = false;
    QString m_actor;
    QPushButton *m_save = nullptr;
};

} // namespace citygrid
