// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>

class QLineEdit;
class QWidget;

/// What every dialog does with a file it writes for the user: ask before writing over one,
/// open it with the desktop's viewer, and when nothing opens it, say where it is.
namespace citygrid::writtenfile {

/// True when `path` may be written: it does not exist, or the user agreed to replace it (asked
/// once; a path chosen in a save dialog, which asked already, is not asked again).
bool mayWrite(QWidget *parent, const QLineEdit *pathEdit);
bool mayWrite(QWidget *parent, const QString &path);
/// Marks `path` in `pathEdit` as agreed to (a save dialog's answer).
void agreed(QLineEdit *pathEdit, const QString &path);

/// Opens `path` with the desktop's program for its type. When none opens it (no viewer, no
/// desktop), says so with the file's full path, a Show in folder and a Copy path button.
void open(QWidget *parent, const QString &path);

/// A default file name that carries what the file holds: "citygrid-report-2026-11-en.pdf".
QString defaultName(const QString &stem, const QString &period, const QString &suffix);

} // namespace citygrid::writtenfile
