// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/cellcode.h"

namespace citygrid {

Result<CellCode> CellCode::parse(const QString &input)
{
    const QString text = input.trimmed();
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return Error{QStringLiteral("code.not-digits"),
                         tr("Code \"%1\" may contain digits only").arg(text),
                         {}};
    }
    CellCode code;
    code.m_text = text;
    switch (text.size()) {
    case 9:
        code.m_level = GridLevel::Subdistrict;
        break;
    case 12:
        code.m_level = GridLevel::Community;
        break;
    case 14:
    case 15:
        code.m_level = GridLevel::Cell;
        break;
    default:
        return Error{QStringLiteral("code.bad-length"),
                     tr("Code \"%1\" has %2 digits; a subdistrict has 9, a community 12 and a cell "
                        "14 or 15")
                         .arg(text)
                         .arg(text.size()),
                     {}};
    }
    if (text.left(2) == QLatin1String("00") || text.left(6).toInt() < 110000)
        return Error{QStringLiteral("code.bad-district"),
                     tr("Code \"%1\" does not start with a county code").arg(text),
                     {}};
    return code;
}

QString CellCode::parentCode() const
{
    switch (m_level) {
    case GridLevel::Cell:
        return m_text.left(12);
    case GridLevel::Community:
        return m_text.left(9);
    default:
        return {};
    }
}

} // namespace citygrid
