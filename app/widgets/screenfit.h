// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QSize>

class QWidget;

namespace citygrid::screenfit {

/// Sizes window `window` to `wanted`, or to as much of it as the screen it opens on holds with
/// its frame: a dialog laid out for a 1080p screen still fits a 1366×768 laptop.
void resize(QWidget *window, QSize wanted);

} // namespace citygrid::screenfit
