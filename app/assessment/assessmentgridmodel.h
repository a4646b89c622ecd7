// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentsheet.h"

#include <QAbstractTableModel>

namespace citygrid {

/// The scoring workspace as a table: one row per scoring point (grouped under its first-level
/// indicator), one column per subdistrict, each cell the point's value for that team (0..max) or
/// empty where something is still missing, shaded so the gaps stand out. Computed and survey
/// cells explain themselves in their tool tips. Read-only; the window edits through dialogs.
/// GUI thread.
class AssessmentGridModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role { PointIdRole = Qt::UserRole + 1, SubdistrictRole, MissingRole };

    explicit AssessmentGridModel(QObject *parent = nullptr);
    /// Shows `sheet`; `names` are the subdistricts' display names by code.
    void setSheet(const AssessmentSheet &sheet, const QHash<QString, QString> &names, bool english);
    const AssessmentSheet &sheet() const { return m_sheet; }
    const AssessmentScheme::Point *pointAt(int row) const;
    QString subdistrictAt(int column) const { return m_sheet.subdistricts.value(column); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString toolTip(const AssessmentScheme::Point &point, const QString &subdistrict,
                    double value) const;

    AssessmentSheet m_sheet;
    QList<std::pair<int, const AssessmentScheme::Point *>> m_points;
    QList<QHash<QString, double>> m_values; ///< by column: point id → value
    QHash<QString, QString> m_names;
    bool m_english = false;
};

} // namespace citygrid
