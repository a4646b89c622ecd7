// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "assessment/assessmentstore.h"
#include "render/maplayerdata.h"
#include "render/mapscene.h"
#include "services/appcontext.h"
#include "supervision/casefacts.h"

#include <QCoreApplication>

namespace citygrid {

/// The monthly bulletin of the "7+1" assessment: the ranking (raw score, difficulty coefficient,
/// adjusted score, rank, change), the score of each first-level indicator, the coefficients used
/// and the population behind them, the corrections made after publication, and a map of the
/// ranks. As an A4 PDF for leadership or an XLSX sheet. A month not yet published gets a
/// provisional bulletin, marked as such. `citygrid assess report` and the assessment window
/// both write it here. GUI thread (the PDF paints).
class AssessmentBulletin
{
    Q_DECLARE_TR_FUNCTIONS(AssessmentBulletin)
public:
    struct Content
    {
        QDate month;
        AssessmentStore::Month state;
        AssessmentScheme scheme;
        QList<AssessmentRank> rows;
        int missing = 0; ///< of a provisional month: scores still missing
        QHash<QString, Population> population;
        QHash<QString, QString> names; ///< subdistrict code → name in the user's language
        QList<AssessmentStore::Event> events;
        QString districtName;
        MapScene rankScene;
        QRectF extent;
        bool english = false;
        bool isProvisional() const { return state.state != AssessmentStore::State::Published; }
    };

    /// Reads the month (the published ranking, else a provisional one from the entries so far).
    static Result<Content> gather(AppContext &context, const CaseFacts *facts, const GridMap *map,
                                  QDate month);
    /// Writes a PDF or an XLSX file, by the file's suffix.
    static Result<void> write(const Content &content, const QString &path);

private:
    static Result<void> writePdf(const Content &content, const QString &path);
    static Result<void> writeSheet(const Content &content, const QString &path);
};

} // namespace citygrid
