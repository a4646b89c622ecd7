// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "widgets/screenfit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace citygrid::screenfit {

void resize(QWidget *window, QSize wanted)
{
    // the screen of the window it belongs to, before it is shown on one itself
    const QWidget *parent = window->parentWidget() ? window->parentWidget()->window() : nullptr;
    const QScreen *screen = parent ? parent->screen() : window->screen();
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    // a window manager's frame: a title bar and borders, not known before the window is shown
    const QSize frame(16, 48);
    const QSize room = screen->availableGeometry().size() - frame;
    window->resize(wanted.boundedTo(room).expandedTo(window->minimumSizeHint().boundedTo(room)));
}

} // namespace citygrid::screenfit
