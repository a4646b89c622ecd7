// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentdemo.h"

#include <QRandomGenerator>

#include <cmath>

namespace citygrid {

namespace {

const QStringList internalEvaluators{QStringLiteral("考评组 林"), QStringLiteral("考评组 何")};
const QStringList externalEvaluators{QStringLiteral("人大代表 郑"), QStringLiteral("市民代表 许")};

} // namespace

Result<int> AssessmentDemo::fill(AssessmentStore &store, const AssessmentScheme &scheme,
                                 const QStringList &subdistricts, const Figures &figures,
                                 const Options &options)
{
    QRandomGenerator random(quint32(options.seed));
    QHash<QString, double> standard; // each team's usual share of the marks
    for (const QString &code : subdistricts)
        standard.insert(code, 0.72 + 0.2 * random.generateDouble());
    const auto mark = [&](const QString &code, double max) {
        const double share =
            std::clamp(standard[code] + 0.12 * (random.generateDouble() - 0.5), 0.3, 1.0);
        return std::round(max * share * 2) / 2; // half marks, as evaluators give them
    };
    int filled = 0;
    for (int back = options.months; back >= 0; --back) {
        const QDate month = options.current.addMonths(-back);
        const bool draft = back == 0;
        for (const QString &code : subdistricts) {
            for (const auto &[first, point] : scheme.points()) {
                const auto &p = point; // a lambda may not capture a structured binding (clang 14)
                if (draft && random.bounded(3) == 0)
                    continue; // a third still to come
                if (p->method == AssessmentScheme::Method::Checklist) {
                    const auto enter = [&](AssessmentEntry::Side side, const QString &who) {
                        return store.setScore(month,
                                              {code, p->id, side, who, mark(code, p->max), {}},
                                              QStringLiteral("sv01"), options.now, scheme);
                    };
                    if (p->internal)
                        if (auto r = enter(AssessmentEntry::Side::Internal,
                                           internalEvaluators[random.bounded(2)]);
                            !r)
                            return r.error();
                    if (p->external)
                        for (const QString &who : externalEvaluators)
                            if (auto r = enter(AssessmentEntry::Side::External, who); !r)
                                return r.error();
                } else if (p->method == AssessmentScheme::Method::Survey) {
                    const int answers = 150 + int(random.bounded(100));
                    const int satisfied = int(answers * (standard[code] - 0.1));
                    const int dissatisfied = int(answers * 0.12 * random.generateDouble());
                    if (auto r = store.setSurvey(
                            month, code, p->survey,
                            {satisfied, answers - satisfied - dissatisfied, dissatisfied},
                            QStringLiteral("sv01"), scheme);
                        !r)
                        return r.error();
                }
            }
        }
        ++filled;
        if (draft)
            break;
        auto sheet = store.sheet(month, subdistricts, figures(month), scheme);
        if (!sheet)
            return sheet.error();
        if (auto r = store.submit(month, sheet.value(), QStringLiteral("sv01"), options.now); !r)
            return r.error();
        if (auto r = store.publish(month, sheet.value(), QStringLiteral("ld01"), options.now); !r)
            return r.error();
    }
    return filled;
}

} // namespace citygrid
