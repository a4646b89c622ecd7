// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>

class QDialog;

namespace citygrid {

class MainWindow;

/// What the README's screenshots and the start-up benchmark ask of a running window.
namespace screenshotharness {

/// Prints the time from process start to the first map frame on screen, then quits.
void quitAfterFirstFrame(MainWindow &window);
/// Saves a picture of the foremost window (the assessment, the wall display, the comparison,
/// `*dialog`, else the main window) to `file` once it has drawn everything, then quits.
/// `dialog` is read when the picture is taken: dialogs opened at start may set it later.
void saveWhenReady(MainWindow &window, QDialog *const *dialog, const QString &file);

} // namespace screenshotharness

} // namespace citygrid
