// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace citygrid {

/// The window's command line: the store, what to open at start, and the harness of the
/// README's screenshots and the start-up benchmark.
struct StartOptions
{
    QString store;
    QString user; ///< who signs in at start (with CITYGRID_PASSWORD)
    bool quitAfterFirstFrame = false;
    QString screenshot;    ///< save a picture of the foremost window here and quit
    QString select;        ///< an area code
    QString importPreview; ///< a grid file to check in the import dialog
    QString openCase;      ///< a case number or id
    QString thematic;      ///< a measure name (ThematicPanel::measureNames)
    QString panel;         ///< rankings, trends or notifications
    QString assessmentTab; ///< scoring, ranking, cards, population or history
    QString month;         ///< the assessment's month, YYYY-MM
    bool dashboard = false, compare = false, sync = false, units = false, categories = false;
    bool backups = false, accounts = false, verifyRecords = false;

    /// Parses the window's command line (the program first). Null when the process is to end
    /// at once (--help, --version, a usage error, an unknown command: what to say is printed),
    /// with its exit status in `exitStatus`.
    static std::optional<StartOptions> parse(const QStringList &arguments, int &exitStatus);
};

} // namespace citygrid
