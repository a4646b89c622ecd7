// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "render/mapfonts.h"

#include <QStringList>

#include <cmath>

namespace citygrid::mapfonts {

QFont font(double pixelSize, QFont::Weight weight)
{
    QFont f;
    QStringList families;
    // WenQuanYi Micro Hei first: Qt's PDF writer maps each glyph back to the lowest code point
    // the font gives it, and Noto Sans CJK gives its ideographs to the Kangxi radicals too, so a
    // PDF's text read "福⽥区" (U+2F65) instead of "福田区". WenQuanYi maps no radicals.
    families << QStringLiteral("WenQuanYi Micro Hei") << QStringLiteral("Noto Sans CJK SC")
             << QStringLiteral("Noto Sans") << QStringLiteral("DejaVu Sans");
    f.setFamilies(families);
    f.setPixelSize(int(std::lround(pixelSize)));
    f.setWeight(weight);
    // Shaping (ligatures such as "fi") makes Qt's PDF writer map glyphs back to the wrong
    // characters: digits went missing from the text of reports. Chinese and Latin need none.
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

} // namespace citygrid::mapfonts
