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
/// Signs `user` in with the password in CITYGRID_PASSWORD when both are given and right (a
/// kiosk, the screenshots); else the window waits behind its sign-in for whoever works here.
void signInAtStart(MainWindow &window, const QString &user);

std::optional<int> openAtStart(MainWindow &window, const StartOptions &options, QDialog *&dialog);

} // namespace citygrid
