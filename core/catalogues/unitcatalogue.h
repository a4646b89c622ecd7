// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "catalogues/categorycatalogue.h"

#include <QCoreApplication>
#include <QStringList>

namespace citygrid {

/// The responsible units (departments, subdistrict offices, contractors): which categories they
/// handle in which areas, as data (data/catalogues/units.json), and the rule that finds the unit
/// for a case. Value type; read-only use from any thread.
class UnitCatalogue
{
    Q_DECLARE_TR_FUNCTIONS(UnitCatalogue)
public:
    struct Unit
    {
        QString id;
        QString name;
        QString nameEn;
        QString kind; ///< "department", "subdistrict_office" or "contractor"
        QStringList types;
        QStringList areas; ///< area codes: district, subdistrict, community (or cell)
        QStringList categories;
        bool demo = false;
    };

    /// A kind of work units are sorted by ("sanitation"), which categories name as theirs.
    struct UnitType
    {
        QString type;
        QString name;
        QString nameEn;
    };

    static Result<UnitCatalogue> fromJson(const QByteArray &json);

    /// The unit responsible for `category` in the cell `cellCode`: among the units that handle the
    /// category (by its unit type or by name) and cover the cell, the one with the most specific
    /// area. None is a gap ("unit.gap") and two equally specific are an ambiguity
    /// ("unit.ambiguous"): both are reported, never guessed.
    Result<const Unit *> resolve(const CategoryCatalogue::Category &category,
                                 const QString &cellCode, bool english = false) const;
    const Unit *find(const QString &id) const;

    /// How completely the catalogue answers "who handles this?": every category in every cell,
    /// counted as resolved, a gap or an ambiguity (for an administrator checking an edit).
    struct Coverage
    {
        int resolved = 0, gaps = 0, ambiguities = 0;
    };
    Coverage coverage(const CategoryCatalogue &categories, const QStringList &cellCodes) const;
    QList<Unit> units() const { return m_units; }
    /// The unit types the catalogue declares, in its order.
    QList<UnitType> unitTypes() const { return m_unitTypes; }
    const UnitType *unitType(const QString &type) const;

private:
    QList<Unit> m_units;
    QList<UnitType> m_unitTypes;
};

} // namespace citygrid
