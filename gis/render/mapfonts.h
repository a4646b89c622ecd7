// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QFont>

/// The typeface of maps and reports: a CJK sans (WenQuanYi Micro Hei, else Noto Sans CJK SC) so
/// Chinese never turns to boxes, whatever the desktop's default font is, and PDF text reads back
/// as the characters that were written.
namespace citygrid::mapfonts {

QFont font(double pixelSize, QFont::Weight weight = QFont::Normal);

} // namespace citygrid::mapfonts
