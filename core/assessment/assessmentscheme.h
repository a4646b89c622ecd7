// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace citygrid {

/// The "7+1" assessment scheme of the subdistrict enforcement teams (domain.md section 5) as data:
/// first-level indicators (seven aspects and the public's satisfaction), second-level indicators
/// and scoring points, each point with its maximum, weight, method and evidence; and the rules that
/// turn entries into scores (how internal and external scores combine, the satisfaction formula,
/// the difficulty coefficient). A point contributes weight x value / max to the total. Parsed and
/// validated from JSON (`assessment-scheme.json`, or a stored version); value type, any thread.
class AssessmentScheme
{
    Q_DECLARE_TR_FUNCTIONS(AssessmentScheme)
public:
    enum class Method { Checklist, Computed, Survey };
    struct Point
    {
        QString id, name, nameEn;
        double max = 10;
        double weight = 0;
        Method method = Method::Checklist;
        bool internal = true, external = false; ///< who scores a checklist point
        QString figure;                         ///< a computed point's figure (AssessmentFigures)
        double fullAt = 0, zeroAt = 0;          ///< a computed point: full marks, no marks
        QString survey;                         ///< a survey point's survey ("public", ...)
        QString evidence, evidenceEn;
        QString displayName(bool english) const { return english ? nameEn : name; }
    };
    struct Second
    {
        QString id, name, nameEn;
        double weight = 0;
        QList<Point> points;
    };
    struct First
    {
        QString id, name, nameEn;
        double weight = 0;
        bool satisfaction = false; ///< the "+1"
        QList<Second> children;
        QString displayName(bool english) const { return english ? nameEn : name; }
        QString abbreviation, abbreviationEn; ///< for table headers ("组织", "Org."); may be empty
        QString shortName(bool english) const
        {
            const QString s = english ? abbreviationEn : abbreviation;
            return s.isEmpty() ? displayName(english) : s;
        }
    };
    struct Difficulty
    {
        double shareLow = 0.2, shareHigh = 0.45, coefficientLow = 1.0, coefficientHigh = 1.1;
        /// The coefficient for a population: a linear map of the non-registered share between
        /// the two shares, clamped to the two coefficients.
        double coefficient(qint64 registered, qint64 nonRegistered) const;
    };
    struct Satisfaction
    {
        double satisfied = 1.0, basicallySatisfied = 0.6, dissatisfied = 0.0;
        /// 0..1 from the answers; NaN with none.
        double index(int satisfiedCount, int basicallyCount, int dissatisfiedCount) const;
    };

    /// Parses and validates; the Error says which entry is wrong and what to do.
    static Result<AssessmentScheme> fromJson(const QByteArray &json);
    QByteArray toJson() const;
    /// Checks the tree: ids unique, every weight and maximum positive, each level's weights
    /// adding up to its parent's and the first level to the total, the declared shape (e.g.
    /// 7 + 1 first-level, 20 second-level, 40 points), known figures and surveys.
    Result<void> validate() const;

    /// The figures a computed point may use.
    static QStringList figureIds();
    /// A computed point's share of its maximum: a linear map with full marks at `fullAt` and
    /// none at `zeroAt`, clamped to 0..1; 1 where the figure is NaN (nothing to measure).
    static double computedShare(double figure, double fullAt, double zeroAt);

    QString id() const { return m_id; }
    QString title(bool english) const { return english ? m_titleEn : m_title; }
    bool isDefault() const { return m_isDefault; }
    double total() const { return m_total; }
    double internalWeight() const { return m_internalWeight; }
    double externalWeight() const { return m_externalWeight; }
    const Difficulty &difficulty() const { return m_difficulty; }
    const Satisfaction &satisfaction() const { return m_satisfaction; }
    const QList<First> &indicators() const { return m_first; }
    QList<First> &indicators() { return m_first; }
    void setDifficulty(const Difficulty &d) { m_difficulty = d; }
    void setSatisfaction(const Satisfaction &s) { m_satisfaction = s; }
    void setDefault(bool isDefault) { m_isDefault = isDefault; }
    void setCombination(double internal, double external);

    /// Every scoring point in order, with the index of its first-level indicator.
    QList<std::pair<int, const Point *>> points() const;
    const Point *point(const QString &id) const;
    /// The surveys the scheme asks for, in order of first use.
    QStringList surveys() const;
    /// A checklist point's value from the means of the two sides' entries (NaN: none entered);
    /// where one side is expected but missing, NaN.
    double combine(const Point &point, double internalMean, double externalMean) const;

private:
    QString m_id, m_title, m_titleEn, m_description;
    bool m_isDefault = false;
    double m_total = 100;
    int m_shapeFirst = 0, m_shapeSecond = 0, m_shapePoints = 0;
    double m_internalWeight = 0.6, m_externalWeight = 0.4;
    Difficulty m_difficulty;
    Satisfaction m_satisfaction;
    QList<First> m_first;
};

} // namespace citygrid
