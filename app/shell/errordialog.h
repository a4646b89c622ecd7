// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/error.h"

class QWidget;

namespace citygrid {

/// The one place the GUI turns an Error into something a person reads: its message, with the
/// technical detail folded away. GUI thread.
void showError(QWidget *parent, const Error &error);

} // namespace citygrid
