// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cli/casefilteroptions.h"

#include "cli/cli.h"

namespace citygrid::cli {

void addCaseFilterOptions(QCommandLineParser &parser, bool all)
{
    parser.addOptions({
        {QStringLiteral("area"), tr("Only cases in this subdistrict, community or cell."),
         QStringLiteral("code")},
        {QStringLiteral("from"), tr("Only cases reported on or after this day (YYYY-MM-DD)."),
         QStringLiteral("day")},
        {QStringLiteral("to"), tr("Only cases reported before this day (YYYY-MM-DD)."),
         QStringLiteral("day")},
        {QStringLiteral("overdue"), tr("Only overdue cases.")},
        {QStringLiteral("open"), tr("Only open cases (neither closed nor voided).")},
    });
    if (!all)
        return;
    parser.addOptions({
        {QStringLiteral("state"),
         tr("Only cases in these states (comma-separated: reported, filed, dispatched, handled, "
            "verified, closed, voided, deferred)."),
         QStringLiteral("states")},
        {QStringLiteral("category"), tr("Only cases of this category or group (E0102, E01, C)."),
         QStringLiteral("id")},
        {QStringLiteral("unit"), tr("Only cases dispatched to this unit."), QStringLiteral("id")},
    });
}

Result<CaseFilter> caseFilterFrom(const QCommandLineParser &parser)
{
    CaseFilter f;
    if (parser.isSet(QStringLiteral("state"))) {
        f.states = parser.value(QStringLiteral("state")).split(u',', Qt::SkipEmptyParts);
        for (const QString &state : std::as_const(f.states))
            if (!CaseVocabulary::stateFromId(state))
                return Error{QStringLiteral("cli.state"),
                             tr("--state: \"%1\" is no case state; give one or more of %2")
                                 .arg(state, QStringLiteral("reported, filed, dispatched, "
                                                            "handled, verified, closed, voided, "
                                                            "deferred")),
                             {}};
    }
    f.areaCode = parser.value(QStringLiteral("area"));
    f.categoryPrefix = parser.value(QStringLiteral("category"));
    f.unitId = parser.value(QStringLiteral("unit"));
    f.overdueOnly = parser.isSet(QStringLiteral("overdue"));
    f.openOnly = parser.isSet(QStringLiteral("open"));
    for (const auto &[name, bound] : {std::pair{"from", &f.reportedFrom}, std::pair{"to", &f.reportedTo}}) {
        if (!parser.isSet(QLatin1String(name)))
            continue;
        const QString text = parser.value(QLatin1String(name));
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (!day.isValid())
            return Error{QStringLiteral("cli.day"),
                         tr("--%1 takes a day as YYYY-MM-DD (got \"%2\")")
                             .arg(QLatin1String(name), text),
                         {}};
        *bound = QDateTime(day, QTime(0, 0), Qt::OffsetFromUTC, 8 * 3600);
    }
    return f;
}

Result<QDateTime> momentFrom(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("at")))
        return QDateTime::currentDateTime();
    const QString text = parser.value(QStringLiteral("at"));
    const QDateTime at = QDateTime::fromString(text, Qt::ISODate);
    if (!at.isValid())
        return Error{QStringLiteral("cli.time"),
                     tr("--at takes a time as YYYY-MM-DDTHH:MM (ISO 8601; got \"%1\")").arg(text),
                     {}};
    return at;
}

} // namespace citygrid::cli
