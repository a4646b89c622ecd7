// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>

class QLayout;
class QLineEdit;
class QWidget;

namespace citygrid {

/// A dialog's "File:" row: the path to write, editable, and Choose… beside it opening a save
/// dialog titled `title` with `filters` that puts its answer in `edit`.
QLayout *savePathRow(QWidget *owner, QLineEdit *edit, const QString &title, const QString &filters);

} // namespace citygrid
