// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "grid/gridlevel.h"

#include <QCoreApplication>
#include <QString>

namespace citygrid {

/// A parsed area code: district (6 digits) + subdistrict (3) + community (3) + cell sequence
/// (2 or 3 digits, CJ/T 213 and Shenzhen's 15-digit variant). Value type, any thread.
class CellCode
{
    Q_DECLARE_TR_FUNCTIONS(CellCode)
public:
    /// Parses a code of any level: 9 digits subdistrict, 12 community, 14 or 15 cell.
    static Result<CellCode> parse(const QString &text);

    GridLevel level() const { return m_level; }
    QString text() const { return m_text; }
    QString districtCode() const { return m_text.left(6); }
    QString subdistrictCode() const { return m_text.left(9); }
    QString communityCode() const
    {
        return m_level >= GridLevel::Community ? m_text.left(12) : QString();
    }
    /// Cell sequence within its community (0 = the community-level grid), -1 above cell level.
    int sequence() const { return m_level == GridLevel::Cell ? m_text.mid(12).toInt() : -1; }
    /// The code of the level above (community for a cell, ...), empty for a subdistrict.
    QString parentCode() const;

private:
    QString m_text;
    GridLevel m_level = GridLevel::Cell;
};

} // namespace citygrid
