// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QFont>

/// The map's typeface: a CJK sans (Noto Sans CJK SC, else WenQuanYi) so Chinese never turns to
/// boxes, whatever the desktop's default font is.
namespace citygrid::mapfonts {

QFont font(double pixelSize, QFont::Weight weight = QFont::Normal);

} // namespace citygrid::mapfonts
