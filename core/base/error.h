// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>

namespace citygrid {

/// An expected failure, carried as a value. `message` is translated and written for the user;
/// `detail` is technical (SQLite's, GDAL's or PROJ's own text). Plain value, any thread.
struct Error
{
    QString code;    ///< stable machine-readable identifier, e.g. "import.duplicate-code"
    QString message; ///< translated, for the user
    QString detail;  ///< technical, may be empty

    /// message and detail on one line, as the command line prints it
    QString toText() const
    {
        return detail.isEmpty() ? message : message + QStringLiteral(" (") + detail + u')';
    }
};

} // namespace citygrid
