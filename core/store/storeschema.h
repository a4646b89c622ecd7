// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QString>

/// Names shared by the code that writes the store's feature tables (gis, through GDAL) and the code
/// that reads their attributes (core, through SQLite), so the two cannot drift apart.
namespace citygrid::storeschema {

/// Schema version this build writes and reads (2: cases, 3: case list columns, attachments,
/// 4: deadline index, 5: the "7+1" assessment, 6: sync peers and conflicts, 7: reference data
/// records, 8: accounts, 9: the record's hash chains, 10: other sites' heads vouched for,
/// 11: reports found by the id another system gave them, 12: peers that receive one area's
/// cases).
inline constexpr int version = 12;
inline constexpr int storageSrid =
    4326; ///< feature tables are stored in lon/lat (WGS84 = CGCS2000 here)

inline QString metaTable()
{
    return QStringLiteral("citygrid_meta");
}
inline QString subdistrictsTable()
{
    return QStringLiteral("subdistricts");
}
inline QString communitiesTable()
{
    return QStringLiteral("communities");
}
inline QString cellsTable()
{
    return QStringLiteral("cells");
}
inline QString casesTable()
{
    return QStringLiteral("cases");
}
inline QString caseEventsTable()
{
    return QStringLiteral("case_events");
}
inline QString caseAttachmentsTable()
{
    return QStringLiteral("case_attachments");
}

/// The "7+1" assessment: scheme versions, each month's state and its entries, surveys, frozen
/// figures, evidence, events and ranking revisions, and the population figures of each year.
inline QString assessmentSchemesTable()
{
    return QStringLiteral("assessment_schemes");
}
inline QString assessmentMonthsTable()
{
    return QStringLiteral("assessment_months");
}
inline QString assessmentScoresTable()
{
    return QStringLiteral("assessment_scores");
}
inline QString assessmentSurveysTable()
{
    return QStringLiteral("assessment_surveys");
}
inline QString assessmentFiguresTable()
{
    return QStringLiteral("assessment_figures");
}
inline QString assessmentEvidenceTable()
{
    return QStringLiteral("assessment_evidence");
}
inline QString assessmentEventsTable()
{
    return QStringLiteral("assessment_events");
}
inline QString assessmentResultsTable()
{
    return QStringLiteral("assessment_results");
}
inline QString assessmentPopulationTable()
{
    return QStringLiteral("assessment_population");
}

// meta keys
inline QString keySchemaVersion()
{
    return QStringLiteral("schema_version");
}
inline QString keySiteId()
{
    return QStringLiteral("site_id");
}
inline QString keyDistrictCode()
{
    return QStringLiteral("district_code");
}
inline QString keyDistrictName()
{
    return QStringLiteral("district_name");
}
inline QString keyDistrictNameEn()
{
    return QStringLiteral("district_name_en");
}
inline QString keyGridSource()
{
    return QStringLiteral("grid_source");
}
/// The district's IANA time zone (Asia/Shanghai when absent): every time shown is in it.
inline QString keyTimeZone()
{
    return QStringLiteral("time_zone");
}
inline QString keySiteName()
{
    return QStringLiteral("site_name");
}
/// Put before the date of every case number made at this site, so two sites never hand out the
/// same number (empty at the centre, e.g. "YL" at the 园岭 office).
inline QString keyCasePrefix()
{
    return QStringLiteral("case_prefix");
}
/// Set in a workstation's copy of the centre's server: which centre ("citygrid on host:port").
inline QString keyCentre()
{
    return QStringLiteral("centre");
}
/// After how many minutes without input a workstation's window locks (0: never; default 15).
inline QString keyIdleLockMinutes()
{
    return QStringLiteral("idle_lock_minutes");
}
/// "1": the commands that only read ask for a login too.
inline QString keyReadNeedsLogin()
{
    return QStringLiteral("read_needs_login");
}
/// How many daily backups the window keeps beside the store (default 7).
inline QString keyBackupKeep()
{
    return QStringLiteral("backup_keep");
}
inline QString keySignPublicKey()
{
    return QStringLiteral("sign_public_key");
}
inline QString keySignSecretKey()
{
    return QStringLiteral("sign_secret_key");
}

} // namespace citygrid::storeschema
