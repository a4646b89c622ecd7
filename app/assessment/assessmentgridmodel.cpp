// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentgridmodel.h"

#include "assessment/assessmentfigures.h"
#include "services/numbertext.h"

#include <QBrush>
#include <QFont>

#include <cmath>

namespace citygrid {

using namespace numbertext;

AssessmentGridModel::AssessmentGridModel(QObject *parent) : QAbstractTableModel(parent) {}

void AssessmentGridModel::setSheet(const AssessmentSheet &sheet,
                                   const QHash<QString, QString> &names, bool english)
{
    beginResetModel();
    m_sheet = sheet;
    m_points = m_sheet.scheme.points();
    m_names = names;
    m_english = english;
    m_values.clear();
    for (const QString &code : m_sheet.subdistricts)
        m_values.append(m_sheet.score(code).points);
    endResetModel();
}

const AssessmentScheme::Point *AssessmentGridModel::pointAt(int row) const
{
    return row >= 0 && row < m_points.size() ? m_points[row].second : nullptr;
}

int AssessmentGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_points.size());
}

int AssessmentGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sheet.subdistricts.size());
}

QString AssessmentGridModel::toolTip(const AssessmentScheme::Point &point,
                                     const QString &subdistrict, double value) const
{
    QStringList lines{QStringLiteral("<b>%1 %2</b>").arg(point.id, point.displayName(m_english)),
                      tr("%1 — weight %2, scored 0 to %3")
                          .arg(m_names.value(subdistrict))
                          .arg(point.weight)
                          .arg(point.max)};
    switch (point.method) {
    case AssessmentScheme::Method::Checklist: {
        int entries = 0;
        for (const AssessmentEntry &e : m_sheet.entries)
            if (e.subdistrict == subdistrict && e.point == point.id) {
                ++entries;
                lines.append(
                    QStringLiteral("%1 · %2: %3%4")
                        .arg(e.side == AssessmentEntry::Side::Internal ? tr("internal")
                                                                       : tr("external"),
                             e.evaluator, oneDecimal(e.score),
                             e.note.isEmpty() ? QString() : QStringLiteral(" — ") + e.note));
            }
        if (point.internal && point.external)
            lines.append(tr("internal × %1 + external × %2 (means of each side)")
                             .arg(m_sheet.scheme.internalWeight())
                             .arg(m_sheet.scheme.externalWeight()));
        if (entries == 0)
            lines.append(tr("Not scored yet: double-click to enter a score."));
        break;
    }
    case AssessmentScheme::Method::Computed: {
        const double figure = m_sheet.figures.value(subdistrict).value(point.figure, qQNaN());
        lines.append(tr("Computed: %1 = %2")
                         .arg(AssessmentFigures::name(point.figure), decimals(figure, 1)));
        lines.append(AssessmentFigures::formula(point.figure));
        lines.append(
            tr("full marks at %1, none at %2, linear between").arg(point.fullAt).arg(point.zeroAt));
        if (std::isnan(value))
            lines.append(tr("Waiting for the case figures."));
        break;
    }
    case AssessmentScheme::Method::Survey: {
        const SurveyCounts c = m_sheet.surveys.value(subdistrict).value(point.survey);
        const auto &s = m_sheet.scheme.satisfaction();
        lines.append(tr("Survey: %1 satisfied, %2 basically satisfied, %3 dissatisfied")
                         .arg(c.satisfied)
                         .arg(c.basicallySatisfied)
                         .arg(c.dissatisfied));
        lines.append(tr("max × (satisfied × %1 + basically × %2 + dissatisfied × %3) ÷ answers")
                         .arg(s.satisfied)
                         .arg(s.basicallySatisfied)
                         .arg(s.dissatisfied));
        break;
    }
    }
    lines.append(tr("Evidence: %1").arg(m_english ? point.evidenceEn : point.evidence));
    return lines.join(QStringLiteral("<br>"));
}

QVariant AssessmentGridModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_points.size() || index.column() >= m_values.size())
        return {};
    const AssessmentScheme::Point &point = *m_points[index.row()].second;
    const QString &code = m_sheet.subdistricts[index.column()];
    const double value = m_values[index.column()].value(point.id, qQNaN());
    switch (role) {
    case Qt::DisplayRole:
        return std::isnan(value) ? QString() : oneDecimal(value);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        if (std::isnan(value))
            return QBrush(QColor(0xfb, 0xe4, 0xe1)); // still missing
        if (value < 0.6 * point.max)
            return QBrush(QColor(0xfd, 0xf1, 0xd8)); // weak
        return {};
    case Qt::ForegroundRole:
        return point.method == AssessmentScheme::Method::Checklist
                   ? QVariant()
                   : QVariant(QBrush(QColor(0x45, 0x55, 0x66)));
    case Qt::FontRole:
        if (point.method != AssessmentScheme::Method::Checklist) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(point, code, value);
    case PointIdRole:
        return point.id;
    case SubdistrictRole:
        return code;
    case MissingRole:
        return std::isnan(value);
    default:
        return {};
    }
}

QVariant AssessmentGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        const QString name = m_names.value(m_sheet.subdistricts.value(section));
        // ten columns share the width: "Nanyuan", the full name in the tool tip
        static const QString suffix = QStringLiteral(" Subdistrict");
        if (role == Qt::DisplayRole)
            return name.endsWith(suffix) ? name.chopped(suffix.size()) : name;
        if (role == Qt::ToolTipRole)
            return name;
        return {};
    }
    const AssessmentScheme::Point *point = pointAt(section);
    if (!point)
        return {};
    if (role == Qt::DisplayRole) {
        const auto &first = m_sheet.scheme.indicators()[m_points[section].first];
        return QStringLiteral("%1 · %2 %3 (%4)")
            .arg(first.shortName(m_english), point->id, point->displayName(m_english))
            .arg(point->weight);
    }
    if (role == Qt::ToolTipRole) {
        switch (point->method) {
        case AssessmentScheme::Method::Checklist:
            return point->internal && point->external
                       ? tr("Scored by the assessment team and by external evaluators")
                   : point->internal ? tr("Scored by the assessment team")
                                     : tr("Scored by people's congress deputies and citizen "
                                          "representatives");
        case AssessmentScheme::Method::Computed:
            return tr("Computed from the month's cases: %1")
                .arg(AssessmentFigures::formula(point->figure));
        case AssessmentScheme::Method::Survey:
            return tr("From the satisfaction survey \"%1\"").arg(point->survey);
        }
    }
    return {};
}

} // namespace citygrid
