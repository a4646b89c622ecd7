// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentsheet.h"

#include <cmath>

namespace citygrid {

QString AssessmentEntry::sideId(Side side)
{
    return side == Side::Internal ? QStringLiteral("internal") : QStringLiteral("external");
}

std::optional<AssessmentEntry::Side> AssessmentEntry::sideFromId(const QString &id)
{
    if (id == QLatin1String("internal"))
        return Side::Internal;
    if (id == QLatin1String("external"))
        return Side::External;
    return std::nullopt;
}

double AssessmentSheet::checklistValue(const QString &subdistrict,
                                       const AssessmentScheme::Point &point) const
{
    double sum[2] = {0, 0};
    int count[2] = {0, 0};
    for (const AssessmentEntry &e : entries) {
        if (e.subdistrict != subdistrict || e.point != point.id)
            continue;
        const int side = e.side == AssessmentEntry::Side::Internal ? 0 : 1;
        sum[side] += e.score;
        ++count[side];
    }
    const double internal = count[0] ? sum[0] / count[0] : qQNaN();
    const double external = count[1] ? sum[1] / count[1] : qQNaN();
    return scheme.combine(point, internal, external);
}

double AssessmentSheet::pointValue(const QString &subdistrict,
                                   const AssessmentScheme::Point &point) const
{
    switch (point.method) {
    case AssessmentScheme::Method::Checklist:
        return checklistValue(subdistrict, point);
    case AssessmentScheme::Method::Computed: {
        const auto area = figures.constFind(subdistrict);
        if (area == figures.cend())
            return qQNaN();
        return point.max * AssessmentScheme::computedShare(area->value(point.figure, qQNaN()),
                                                           point.fullAt, point.zeroAt);
    }
    case AssessmentScheme::Method::Survey: {
        const SurveyCounts c = surveys.value(subdistrict).value(point.survey);
        return point.max *
               scheme.satisfaction().index(c.satisfied, c.basicallySatisfied, c.dissatisfied);
    }
    }
    return qQNaN();
}

AssessmentScore AssessmentSheet::score(const QString &subdistrict) const
{
    AssessmentScore s;
    s.subdistrict = subdistrict;
    s.perFirst.fill(0.0, scheme.indicators().size());
    for (const auto &[first, point] : scheme.points()) {
        const double value = pointValue(subdistrict, *point);
        s.points.insert(point->id, value);
        if (std::isnan(value)) {
            ++s.missing;
            continue;
        }
        s.perFirst[first] += point->weight * value / point->max;
    }
    for (double v : s.perFirst)
        s.raw += v;
    const auto pop = population.constFind(subdistrict);
    s.coefficient = pop == population.cend()
                        ? 1.0
                        : scheme.difficulty().coefficient(pop->registered, pop->nonRegistered);
    s.adjusted = s.raw * s.coefficient;
    return s;
}

QList<AssessmentScore> AssessmentSheet::scores() const
{
    QList<AssessmentScore> all;
    for (const QString &code : subdistricts)
        all.append(score(code));
    return all;
}

QList<AssessmentGap> AssessmentSheet::gaps() const
{
    QList<AssessmentGap> list;
    for (const QString &code : subdistricts) {
        const Population pop = population.value(code);
        if (pop.registered + pop.nonRegistered <= 0)
            list.append({code, {}, tr("population")});
        for (const auto &[first, p] : scheme.points()) {
            if (p->method == AssessmentScheme::Method::Checklist) {
                bool side[2] = {false, false};
                for (const AssessmentEntry &e : entries)
                    if (e.subdistrict == code && e.point == p->id)
                        side[e.side == AssessmentEntry::Side::Internal ? 0 : 1] = true;
                if (p->internal && !side[0])
                    list.append({code, p->id, tr("internal score")});
                if (p->external && !side[1])
                    list.append({code, p->id, tr("external score")});
            } else if (p->method == AssessmentScheme::Method::Survey) {
                if (surveys.value(code).value(p->survey).answers() <= 0)
                    list.append({code, p->id, tr("survey answers")});
            } else if (!figures.contains(code)) {
                list.append({code, p->id, tr("case figures")});
            }
        }
    }
    return list;
}

std::pair<int, int> AssessmentSheet::progress() const
{
    int done = 0, all = 0;
    for (const QString &code : subdistricts)
        for (const auto &[first, p] : scheme.points()) {
            ++all;
            done += std::isnan(pointValue(code, *p)) ? 0 : 1;
        }
    return {done, all};
}

} // namespace citygrid
