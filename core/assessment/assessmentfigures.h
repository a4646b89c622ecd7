// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentsheet.h"
#include "grid/gridcatalogue.h"
#include "supervision/casefacts.h"

#include <QCoreApplication>
#include <QDate>
#include <QHash>

namespace citygrid {

/// The figures the assessment's computed scoring points take from one subdistrict's cases in one
/// month, by figure id (AssessmentScheme::figureIds()): the indicators' closure, on-time, rework
/// and extension rates (percent); cases closed per 10,000 residents; patrol coverage, the share of
/// the subdistrict's cells with at least one inspector report (percent); recurrence, the share of
/// the month's filed cases that repeat a minor category already filed in the same cell that month
/// (percent). NaN where there is nothing to measure. Pure functions, any thread.
class AssessmentFigures
{
    Q_DECLARE_TR_FUNCTIONS(AssessmentFigures)
public:
    struct Area
    {
        QString code;  ///< the subdistrict
        int cells = 0; ///< its unit grid cells
        qint64 residents = 0;
    };
    /// The channel whose reports count as patrols.
    static QString patrolChannel() { return QStringLiteral("inspector"); }

    /// The subdistricts of `grid` with their cell counts and residents (registered and not).
    static QList<Area> areas(const GridCatalogue &grid,
                             const QHash<QString, Population> &population);
    /// Every figure of each area for the month that starts on `month` (its first day).
    static QHash<QString, QHash<QString, double>> compute(const CaseFacts &facts, QDate month,
                                                          const QList<Area> &areas);
    /// How a figure is computed, for the user (translated).
    static QString formula(const QString &figure);
    /// The figure's name (translated).
    static QString name(const QString &figure);
};

} // namespace citygrid
