// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentscheme.h"

#include "base/jsonfile.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace citygrid {

namespace {

constexpr double tolerance = 1e-6;

QString text(const QJsonObject &o, const char *key)
{
    return o[QLatin1String(key)].toString();
}

double number(const QJsonObject &o, const char *key, double fallback = qQNaN())
{
    const QJsonValue v = o[QLatin1String(key)];
    return v.isDouble() ? v.toDouble() : fallback;
}

QString methodName(AssessmentScheme::Method m)
{
    switch (m) {
    case AssessmentScheme::Method::Checklist:
        return QStringLiteral("checklist");
    case AssessmentScheme::Method::Computed:
        return QStringLiteral("computed");
    case AssessmentScheme::Method::Survey:
        return QStringLiteral("survey");
    }
    return {};
}

} // namespace

QStringList AssessmentScheme::figureIds()
{
    return {QStringLiteral("closure_rate"),   QStringLiteral("on_time_rate"),
            QStringLiteral("rework_rate"),    QStringLiteral("extension_rate"),
            QStringLiteral("closed_per_10k"), QStringLiteral("patrol_coverage"),
            QStringLiteral("recurrence_rate")};
}

double AssessmentScheme::Difficulty::coefficient(qint64 registered, qint64 nonRegistered) const
{
    const qint64 all = registered + nonRegistered;
    if (all <= 0)
        return coefficientLow;
    const double share = double(nonRegistered) / double(all);
    const double t = std::clamp((share - shareLow) / (shareHigh - shareLow), 0.0, 1.0);
    return coefficientLow + t * (coefficientHigh - coefficientLow);
}

double AssessmentScheme::Satisfaction::index(int s, int b, int d) const
{
    const int all = s + b + d;
    if (all <= 0)
        return qQNaN();
    return (s * satisfied + b * basicallySatisfied + d * dissatisfied) / all;
}

Result<AssessmentScheme> AssessmentScheme::fromJson(const QByteArray &json)
{
    const QString what = tr("The assessment scheme is not valid JSON; fix the file or reset the "
                            "scheme to the default");
    auto parsed = parseJsonObject(json, QStringLiteral("assessment.scheme-json"), what);
    if (!parsed)
        return parsed.error();
    const QJsonObject root = parsed.value();
    if (text(root, "format") != QLatin1String("citygrid-assessment-scheme"))
        return Error{QStringLiteral("assessment.scheme-format"),
                     tr("This file is not a CityGrid assessment scheme"),
                     QStringLiteral("format must be \"citygrid-assessment-scheme\"")};
    if (number(root, "format_version") != 1)
        return Error{QStringLiteral("assessment.scheme-version"),
                     tr("This assessment scheme was written by a newer CityGrid (format version "
                        "%1); update CityGrid to read it")
                         .arg(root[QLatin1String("format_version")].toVariant().toString()),
                     {}};
    AssessmentScheme s;
    s.m_id = text(root, "id");
    s.m_title = text(root, "title");
    s.m_titleEn = text(root, "title_en");
    s.m_description = text(root, "description");
    s.m_isDefault = root[QLatin1String("is_default")].toBool();
    s.m_total = number(root, "total", 100);
    const QJsonObject shape = root[QLatin1String("shape")].toObject();
    s.m_shapeFirst = int(number(shape, "first_level", 0));
    s.m_shapeSecond = int(number(shape, "second_level", 0));
    s.m_shapePoints = int(number(shape, "points", 0));
    const QJsonObject combine = root[QLatin1String("combine")].toObject();
    s.m_internalWeight = number(combine, "internal", 0.6);
    s.m_externalWeight = number(combine, "external", 0.4);
    const QJsonObject sat = root[QLatin1String("satisfaction")].toObject();
    s.m_satisfaction = {number(sat, "satisfied", 1.0), number(sat, "basically_satisfied", 0.6),
                        number(sat, "dissatisfied", 0.0)};
    const QJsonObject diff = root[QLatin1String("difficulty")].toObject();
    s.m_difficulty = {number(diff, "share_low", 0.2), number(diff, "share_high", 0.45),
                      number(diff, "coefficient_low", 1.0), number(diff, "coefficient_high", 1.1)};

    for (const QJsonValue &fv : root[QLatin1String("indicators")].toArray()) {
        const QJsonObject fo = fv.toObject();
        First f;
        f.id = text(fo, "id");
        f.name = text(fo, "name");
        f.nameEn = text(fo, "name_en");
        f.abbreviation = text(fo, "short_name");
        f.abbreviationEn = text(fo, "short_name_en");
        f.weight = number(fo, "weight");
        f.satisfaction = text(fo, "kind") == QLatin1String("satisfaction");
        for (const QJsonValue &sv : fo[QLatin1String("children")].toArray()) {
            const QJsonObject so = sv.toObject();
            Second sec{
                text(so, "id"), text(so, "name"), text(so, "name_en"), number(so, "weight"), {}};
            for (const QJsonValue &pv : so[QLatin1String("points")].toArray()) {
                const QJsonObject po = pv.toObject();
                Point p;
                p.id = text(po, "id");
                p.name = text(po, "name");
                p.nameEn = text(po, "name_en");
                p.max = number(po, "max");
                p.weight = number(po, "weight");
                const QString method = text(po, "method");
                if (method == QLatin1String("checklist"))
                    p.method = Method::Checklist;
                else if (method == QLatin1String("computed"))
                    p.method = Method::Computed;
                else if (method == QLatin1String("survey"))
                    p.method = Method::Survey;
                else
                    return Error{QStringLiteral("assessment.scheme-method"),
                                 tr("Scoring point %1: the method \"%2\" is unknown (use "
                                    "checklist, computed or survey)")
                                     .arg(p.id, method),
                                 {}};
                const QJsonArray evaluators = po[QLatin1String("evaluators")].toArray();
                p.internal = evaluators.contains(QLatin1String("internal"));
                p.external = evaluators.contains(QLatin1String("external"));
                p.figure = text(po, "figure");
                p.fullAt = number(po, "full_at");
                p.zeroAt = number(po, "zero_at");
                p.survey = text(po, "survey");
                p.evidence = text(po, "evidence");
                p.evidenceEn = text(po, "evidence_en");
                sec.points.append(p);
            }
            f.children.append(sec);
        }
        s.m_first.append(f);
    }
    if (auto v = s.validate(); !v)
        return v.error();
    return s;
}

Result<void> AssessmentScheme::validate() const
{
    const auto wrong = [](const QString &message) {
        return Error{QStringLiteral("assessment.scheme-invalid"),
                     message + tr("; correct the scheme and save it again"),
                     {}};
    };
    const auto positive = [](double v) { return std::isfinite(v) && v > 0; };
    const auto equal = [](double a, double b) { return std::abs(a - b) < tolerance; };
    QSet<QString> ids;
    int seconds = 0, points = 0, satisfactionCount = 0;
    double sum = 0;
    for (const First &f : m_first) {
        if (f.id.isEmpty() || ids.contains(f.id))
            return wrong(tr("The indicator id \"%1\" is empty or used twice").arg(f.id));
        ids.insert(f.id);
        if (f.name.isEmpty())
            return wrong(tr("Indicator %1 has no name").arg(f.id));
        if (!positive(f.weight))
            return wrong(tr("Indicator %1 needs a positive weight").arg(f.id));
        satisfactionCount += f.satisfaction ? 1 : 0;
        sum += f.weight;
        double secondSum = 0;
        for (const Second &sec : f.children) {
            ++seconds;
            if (sec.id.isEmpty() || ids.contains(sec.id))
                return wrong(tr("The indicator id \"%1\" is empty or used twice").arg(sec.id));
            ids.insert(sec.id);
            if (!positive(sec.weight))
                return wrong(tr("Indicator %1 needs a positive weight").arg(sec.id));
            secondSum += sec.weight;
            double pointSum = 0;
            for (const Point &p : sec.points) {
                ++points;
                if (p.id.isEmpty() || ids.contains(p.id))
                    return wrong(
                        tr("The scoring point id \"%1\" is empty or used twice").arg(p.id));
                ids.insert(p.id);
                if (p.name.isEmpty())
                    return wrong(tr("Scoring point %1 has no name").arg(p.id));
                if (!positive(p.max) || !positive(p.weight))
                    return wrong(
                        tr("Scoring point %1 needs a positive maximum and weight").arg(p.id));
                pointSum += p.weight;
                if (p.method == Method::Checklist && !p.internal && !p.external)
                    return wrong(tr("Scoring point %1 is a checklist item nobody scores (give it "
                                    "internal or external evaluators)")
                                     .arg(p.id));
                if (p.method == Method::Computed &&
                    (!figureIds().contains(p.figure) || !std::isfinite(p.fullAt) ||
                     !std::isfinite(p.zeroAt) || equal(p.fullAt, p.zeroAt)))
                    return wrong(tr("Scoring point %1 needs a known figure (%2) and different "
                                    "values for full and no marks")
                                     .arg(p.id, figureIds().join(QStringLiteral(", "))));
                if (p.method == Method::Survey && p.survey.isEmpty())
                    return wrong(
                        tr("Scoring point %1 does not say which survey it takes").arg(p.id));
            }
            if (!equal(pointSum, sec.weight))
                return wrong(tr("The points of %1 weigh %2 in all, not its weight %3")
                                 .arg(sec.id)
                                 .arg(pointSum)
                                 .arg(sec.weight));
        }
        if (!equal(secondSum, f.weight))
            return wrong(tr("The indicators under %1 weigh %2 in all, not its weight %3")
                             .arg(f.id)
                             .arg(secondSum)
                             .arg(f.weight));
    }
    if (!equal(sum, m_total))
        return wrong(tr("The first-level indicators weigh %1 in all, not the total %2")
                         .arg(sum)
                         .arg(m_total));
    if (m_shapeFirst > 0 &&
        (m_first.size() != m_shapeFirst || seconds != m_shapeSecond || points != m_shapePoints))
        return wrong(tr("The scheme has %1 first-level indicators, %2 second-level and %3 points; "
                        "it declares %4, %5 and %6")
                         .arg(m_first.size())
                         .arg(seconds)
                         .arg(points)
                         .arg(m_shapeFirst)
                         .arg(m_shapeSecond)
                         .arg(m_shapePoints));
    if (satisfactionCount != 1)
        return wrong(tr("The scheme needs exactly one satisfaction indicator (the \"+1\"), not %1")
                         .arg(satisfactionCount));
    if (!(m_internalWeight >= 0 && m_externalWeight >= 0) ||
        !equal(m_internalWeight + m_externalWeight, 1.0))
        return wrong(tr("The internal and external shares must be at least 0 and add up to 1"));
    const Difficulty &d = m_difficulty;
    if (!(d.shareLow >= 0 && d.shareHigh <= 1 && d.shareLow < d.shareHigh) ||
        !positive(d.coefficientLow) || !positive(d.coefficientHigh))
        return wrong(tr("The difficulty coefficient needs 0 ≤ low share < high share ≤ 1 and "
                        "positive coefficients"));
    const Satisfaction &sat = m_satisfaction;
    for (double v : {sat.satisfied, sat.basicallySatisfied, sat.dissatisfied})
        if (!(v >= 0 && v <= 1))
            return wrong(tr("The satisfaction formula's factors must lie between 0 and 1"));
    return {};
}

QByteArray AssessmentScheme::toJson() const
{
    QJsonArray first;
    for (const First &f : m_first) {
        QJsonArray children;
        for (const Second &sec : f.children) {
            QJsonArray points;
            for (const Point &p : sec.points) {
                QJsonObject po{{QStringLiteral("id"), p.id},
                               {QStringLiteral("name"), p.name},
                               {QStringLiteral("name_en"), p.nameEn},
                               {QStringLiteral("max"), p.max},
                               {QStringLiteral("weight"), p.weight},
                               {QStringLiteral("method"), methodName(p.method)},
                               {QStringLiteral("evidence"), p.evidence},
                               {QStringLiteral("evidence_en"), p.evidenceEn}};
                if (p.method == Method::Checklist) {
                    QJsonArray evaluators;
                    if (p.internal)
                        evaluators.append(QStringLiteral("internal"));
                    if (p.external)
                        evaluators.append(QStringLiteral("external"));
                    po.insert(QStringLiteral("evaluators"), evaluators);
                } else if (p.method == Method::Computed) {
                    po.insert(QStringLiteral("figure"), p.figure);
                    po.insert(QStringLiteral("full_at"), p.fullAt);
                    po.insert(QStringLiteral("zero_at"), p.zeroAt);
                } else {
                    po.insert(QStringLiteral("survey"), p.survey);
                }
                points.append(po);
            }
            children.append(QJsonObject{{QStringLiteral("id"), sec.id},
                                        {QStringLiteral("name"), sec.name},
                                        {QStringLiteral("name_en"), sec.nameEn},
                                        {QStringLiteral("weight"), sec.weight},
                                        {QStringLiteral("points"), points}});
        }
        first.append(
            QJsonObject{{QStringLiteral("id"), f.id},
                        {QStringLiteral("kind"), f.satisfaction ? QStringLiteral("satisfaction")
                                                                : QStringLiteral("aspect")},
                        {QStringLiteral("name"), f.name},
                        {QStringLiteral("name_en"), f.nameEn},
                        {QStringLiteral("short_name"), f.abbreviation},
                        {QStringLiteral("short_name_en"), f.abbreviationEn},
                        {QStringLiteral("weight"), f.weight},
                        {QStringLiteral("children"), children}});
    }
    const QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("citygrid-assessment-scheme")},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("id"), m_id},
        {QStringLiteral("title"), m_title},
        {QStringLiteral("title_en"), m_titleEn},
        {QStringLiteral("description"), m_description},
        {QStringLiteral("is_default"), m_isDefault},
        {QStringLiteral("shape"), QJsonObject{{QStringLiteral("first_level"), m_shapeFirst},
                                              {QStringLiteral("second_level"), m_shapeSecond},
                                              {QStringLiteral("points"), m_shapePoints}}},
        {QStringLiteral("total"), m_total},
        {QStringLiteral("combine"), QJsonObject{{QStringLiteral("internal"), m_internalWeight},
                                                {QStringLiteral("external"), m_externalWeight}}},
        {QStringLiteral("satisfaction"),
         QJsonObject{{QStringLiteral("satisfied"), m_satisfaction.satisfied},
                     {QStringLiteral("basically_satisfied"), m_satisfaction.basicallySatisfied},
                     {QStringLiteral("dissatisfied"), m_satisfaction.dissatisfied}}},
        {QStringLiteral("difficulty"),
         QJsonObject{{QStringLiteral("share_low"), m_difficulty.shareLow},
                     {QStringLiteral("share_high"), m_difficulty.shareHigh},
                     {QStringLiteral("coefficient_low"), m_difficulty.coefficientLow},
                     {QStringLiteral("coefficient_high"), m_difficulty.coefficientHigh}}},
        {QStringLiteral("indicators"), first}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void AssessmentScheme::setCombination(double internal, double external)
{
    m_internalWeight = internal;
    m_externalWeight = external;
}

QList<std::pair<int, const AssessmentScheme::Point *>> AssessmentScheme::points() const
{
    QList<std::pair<int, const Point *>> all;
    for (int i = 0; i < m_first.size(); ++i)
        for (const Second &sec : m_first[i].children)
            for (const Point &p : sec.points)
                all.append({i, &p});
    return all;
}

const AssessmentScheme::Point *AssessmentScheme::point(const QString &id) const
{
    for (const auto &[first, p] : points())
        if (p->id == id)
            return p;
    return nullptr;
}

QStringList AssessmentScheme::surveys() const
{
    QStringList list;
    for (const auto &[first, p] : points())
        if (p->method == Method::Survey && !list.contains(p->survey))
            list.append(p->survey);
    return list;
}

double AssessmentScheme::combine(const Point &point, double internalMean, double externalMean) const
{
    if (point.internal && point.external)
        return m_internalWeight * internalMean + m_externalWeight * externalMean;
    return point.internal ? internalMean : externalMean;
}

double AssessmentScheme::computedShare(double figure, double fullAt, double zeroAt)
{
    if (std::isnan(figure))
        return 1.0;
    return std::clamp((figure - zeroAt) / (fullAt - zeroAt), 0.0, 1.0);
}

} // namespace citygrid
