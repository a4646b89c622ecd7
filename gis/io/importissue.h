// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QList>
#include <QString>

namespace citygrid {

/// One finding of the grid validator, tied to a feature where it can be.
struct ImportIssue
{
    enum class Severity { Warning, Error };
    Severity severity = Severity::Error;
    QString kind;    ///< stable id: "geometry.invalid", "code.duplicate", "topology.overlap", ...
    QString layer;   ///< source layer name
    qint64 fid = -1; ///< source feature id, -1 if not tied to one
    QString code;    ///< the feature's code, if it has one
    QString message; ///< translated, for the user

    QString toText() const;
};

using ImportIssues = QList<ImportIssue>;
bool hasErrors(const ImportIssues &issues);

} // namespace citygrid
