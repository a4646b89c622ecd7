// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/caserules.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace citygrid {

class AttachmentStrip;
class CaseSession;
class CategoryPicker;

/// A new case: where (a click on the map, typed coordinates, or a cell code; the cell, community
/// and subdistrict follow by point-in-polygon), what (the category picker), how it came in
/// (channel, reporter), the description and photos. On OK a possible duplicate (same category,
/// open, within 50 m) is offered for linking first. GUI thread.
class NewCaseDialog : public QDialog
{
    Q_OBJECT
public:
    /// The cell at a WGS84 point (empty outside the grid), and a point inside a cell.
    using CellAt = std::function<QString(QPointF lonLat)>;
    using PointIn = std::function<std::optional<QPointF>(const QString &cellCode)>;

    NewCaseDialog(CaseSession &session, CellAt cellAt, PointIn pointIn, QWidget *parent = nullptr);

    void setPosition(QPointF lonLat);
    NewCase input() const;
    /// The case created when the dialog was accepted.
    QString createdCase() const { return m_created; }
    CategoryPicker *categoryPicker() const { return m_category; }
    QPlainTextEdit *descriptionEdit() const { return m_description; }
    AttachmentStrip *photos() const { return m_photos; }
    /// Answers the duplicate question without asking (tests): true links, false files anew.
    void setDuplicateAnswer(std::optional<bool> link) { m_duplicateAnswer = link; }

    void accept() override;

private:
    void locate();
    void pickCell();
    void showProblem(const QString &text);

    CaseSession &m_session;
    CellAt m_cellAt;
    PointIn m_pointIn;
    QDoubleSpinBox *m_lon;
    QDoubleSpinBox *m_lat;
    QLineEdit *m_cell;
    QLabel *m_place;
    CategoryPicker *m_category;
    QComboBox *m_channel;
    QLineEdit *m_reporter;
    QPlainTextEdit *m_description;
    AttachmentStrip *m_photos;
    QLabel *m_problem;
    QString m_cellCode;
    QString m_created;
    std::optional<bool> m_duplicateAnswer;
};

} // namespace citygrid
