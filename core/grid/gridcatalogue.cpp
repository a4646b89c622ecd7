// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridcatalogue.h"

#include <algorithm>

namespace citygrid {

void GridCatalogue::setDistrict(const QString &code, const QString &name, const QString &nameEn)
{
    m_districtCode = code;
    m_districtName = name;
    m_districtNameEn = nameEn;
}

void GridCatalogue::add(GridUnit unit)
{
    m_byCode.insert(unit.code, m_units.size());
    // Subdistricts hang under the empty key: the district itself.
    m_childrenOf[unit.level == GridLevel::Subdistrict ? QString() : unit.parentCode].append(
        m_units.size());
    m_units.append(std::move(unit));
}

QString GridCatalogue::districtName(bool english) const
{
    return english && !m_districtNameEn.isEmpty() ? m_districtNameEn : m_districtName;
}

const GridUnit *GridCatalogue::find(const QString &code) const
{
    const auto it = m_byCode.constFind(code);
    return it == m_byCode.cend() ? nullptr : &m_units.at(*it);
}

QList<const GridUnit *> GridCatalogue::children(const QString &code) const
{
    // By index, not by scanning: the area tree asks once per node, which for a city-scale grid
    // would otherwise be quadratic.
    const bool top = code.isEmpty() || code == m_districtCode;
    QList<const GridUnit *> result;
    for (qsizetype i : m_childrenOf.value(top ? QString() : code))
        result.append(&m_units.at(i));
    std::sort(result.begin(), result.end(),
              [](const GridUnit *a, const GridUnit *b) { return a->code < b->code; });
    return result;
}

qsizetype GridCatalogue::count(GridLevel level) const
{
    return std::count_if(m_units.cbegin(), m_units.cend(),
                         [level](const GridUnit &u) { return u.level == level; });
}

QString GridCatalogue::displayName(const QString &code, bool english) const
{
    const GridUnit *unit = find(code);
    if (!unit)
        return code == m_districtCode ? districtName(english) : code;
    if (english && !unit->nameEn.isEmpty())
        return unit->nameEn;
    if (!unit->name.isEmpty())
        return unit->name;
    return tr("Cell %1").arg(code);
}

QList<const GridUnit *> GridCatalogue::search(const QString &input, int limit) const
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return {};
    struct Hit
    {
        int rank;
        const GridUnit *unit;
    };
    QList<Hit> hits;
    for (const GridUnit &unit : m_units) {
        int rank = -1;
        if (unit.code == text)
            rank = 0;
        else if (unit.code.startsWith(text))
            rank = 1;
        else if (unit.name.startsWith(text, Qt::CaseInsensitive) ||
                 unit.nameEn.startsWith(text, Qt::CaseInsensitive))
            rank = 2;
        else if (unit.code.contains(text) || unit.name.contains(text, Qt::CaseInsensitive) ||
                 unit.nameEn.contains(text, Qt::CaseInsensitive))
            rank = 3;
        if (rank >= 0)
            hits.append({rank * 4 + int(unit.level), &unit});
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) {
        return a.rank != b.rank ? a.rank < b.rank : a.unit->code < b.unit->code;
    });
    QList<const GridUnit *> result;
    for (const Hit &hit : hits) {
        if (result.size() >= limit)
            break;
        result.append(hit.unit);
    }
    return result;
}

} // namespace citygrid
