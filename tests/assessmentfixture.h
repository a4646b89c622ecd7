// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentstore.h"

#include <QTest>

/// Entries for a month of the "7+1" assessment, for the tests that need one filled in.
namespace citygrid::testutil {

/// Every checklist score and survey of `codes` for `month`, each value at `fraction` of its
/// maximum (0.8 for codes not named); `skip` leaves one point out (its id).
inline void fillAssessmentMonth(AssessmentStore &store, QDate month, const QStringList &codes,
                                const QHash<QString, double> &fraction,
                                const AssessmentScheme &scheme, const QDateTime &at,
                                const QString &skip = {})
{
    for (const QString &code : codes) {
        const double f = fraction.value(code, 0.8);
        for (const auto &[first, p] : scheme.points()) {
            if (p->id == skip || p->method != AssessmentScheme::Method::Checklist)
                continue;
            if (p->internal)
                QVERIFY(store.setScore(month,
                                       {code,
                                        p->id,
                                        AssessmentEntry::Side::Internal,
                                        QStringLiteral("考评组"),
                                        p->max * f,
                                        {}},
                                       QStringLiteral("sv01"), at, scheme));
            if (p->external)
                QVERIFY(store.setScore(month,
                                       {code,
                                        p->id,
                                        AssessmentEntry::Side::External,
                                        QStringLiteral("代表甲"),
                                        p->max * f,
                                        {}},
                                       QStringLiteral("sv01"), at, scheme));
        }
        for (const QString &survey : scheme.surveys())
            QVERIFY(store.setSurvey(month, code, survey, {int(100 * f), 0, 100 - int(100 * f)},
                                    QStringLiteral("sv01"), scheme));
    }
}

/// Figures at full marks for every subdistrict of `codes`.
inline QHash<QString, QHash<QString, double>> perfectFigures(const QStringList &codes)
{
    QHash<QString, QHash<QString, double>> figures;
    for (const QString &code : codes)
        figures[code] = {
            {QStringLiteral("closure_rate"), 100},  {QStringLiteral("on_time_rate"), 100},
            {QStringLiteral("rework_rate"), 0},     {QStringLiteral("extension_rate"), 0},
            {QStringLiteral("closed_per_10k"), 10}, {QStringLiteral("patrol_coverage"), 100},
            {QStringLiteral("recurrence_rate"), 0}};
    return figures;
}

} // namespace citygrid::testutil
