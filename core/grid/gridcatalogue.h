// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "grid/gridunit.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

namespace citygrid {

/// The district's hierarchy of areas by code: lookup, children, display names and search.
/// Value type (cheap to copy, implicitly shared containers); read-only use from any thread.
class GridCatalogue
{
    Q_DECLARE_TR_FUNCTIONS(GridCatalogue)
public:
    void setDistrict(const QString &code, const QString &name, const QString &nameEn);
    void add(GridUnit unit);

    QString districtCode() const { return m_districtCode; }
    QString districtName(bool english = false) const;
    const GridUnit *find(const QString &code) const;
    /// Children of a code in code order; the district's code (or empty) gives the subdistricts.
    QList<const GridUnit *> children(const QString &code) const;
    qsizetype count(GridLevel level) const;
    QList<GridUnit> units() const { return m_units; }

    /// What a person calls an area: its name, or for a cell without one "网格 <code>".
    QString displayName(const QString &code, bool english = false) const;

    /// Areas whose code starts with or contains `text`, or whose name contains it
    /// (case-insensitive), best matches first: exact code, code prefix, name prefix, then the rest;
    /// higher levels first.
    QList<const GridUnit *> search(const QString &text, int limit = 20) const;

private:
    QString m_districtCode;
    QString m_districtName;
    QString m_districtNameEn;
    QList<GridUnit> m_units;
    QHash<QString, qsizetype> m_byCode;
    QHash<QString, QList<qsizetype>> m_childrenOf; // parent code ("" = district) -> units
};

} // namespace citygrid
