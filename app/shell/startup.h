// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>

#include <optional>

class QDialog;

namespace citygrid {

class MainWindow;
struct StartOptions;

/// Opens what the command line asks for at start on the shown `window`: an area, a panel, a
/// thematic measure, the wall display, the comparison, the sync dialog, a catalogue editor,
/// the assessment on a tab and month, a case. `dialog` is set to the dialog opened last. An
/// unknown panel, measure, tab, month or case is printed, and its exit status returned.
/// Signs `user` in with `password` (CITYGRID_PASSWORD, or what the centre's sign-in took) when
/// both are given and right (a kiosk, the screenshots, a centre's workstation); else the window
/// waits behind its sign-in for whoever works here.
void signInAtStart(MainWindow &window, const QString &user, const QString &password);

std::optional<int> openAtStart(MainWindow &window, const StartOptions &options, QDialog *&dialog);

} // namespace citygrid
