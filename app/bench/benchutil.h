// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/casedemo.h"

#include "cli/cli.h"
#include "services/appcontext.h"

#include <QElapsedTimer>

#include <algorithm>
#include <functional>

/// What the parts of `citygrid bench` share: medians and the printed rows.
namespace citygrid::cli {

inline double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

/// The value below which the share `p` (0 to 1) of `values` lies.
inline double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size())))];
}

/// Median wall time of `runs` calls after one warm-up, in ms.
inline double timeMedian(int runs, const std::function<void()> &work)
{
    work();
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    return median(times);
}

inline void row(const QString &what, double value, const QString &unit, const QString &target = {})
{
    out() << QStringLiteral("%1 %2 %3").arg(what, -52).arg(value, 9, 'f', 1).arg(unit, -4);
    if (!target.isEmpty())
        out() << QStringLiteral("  (") << target << u')';
    out() << Qt::endl;
}

/// The cases part: a step's latency, importing, listing and drawing many cases.
Result<void> benchCases(AppContext &context, const QString &tempDir, bool quick);
Result<void> benchSync(const QString &tempDir, bool quick);
Result<void> benchAccounts(AppContext &context, bool quick);
Result<void> benchAudit(const QString &tempDir, bool quick);
/// Simulated workstations of one centre (20, then 100; a few with `quick`) on the PostgreSQL
/// cluster `clusterUri` names (a role that may make databases and roles): skipped without one.
Result<void> benchCentre(const QString &clusterUri, bool quick);
/// `citygrid serve` in its own process on a demo store, posted to and read by clients over
/// loopback: requests per second and latencies.
Result<void> benchOpen311(const QString &tempDir, bool quick);
/// The store of `context` filled with `cases` demo cases up to `now` (and the demo's accounts).
Result<CaseDemo::Summary> fillDemo(AppContext &context, int cases, const QDateTime &now);

} // namespace citygrid::cli
