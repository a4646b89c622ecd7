// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/progress.h"
#include "grid/gridsource.h"
#include "io/importissue.h"

#include <QCoreApplication>

#include <algorithm>

namespace citygrid {

/// Checks a GridSource before anything is written, and completes it: dissolves communities and
/// subdistricts that the file did not carry, computes every area in km². Any thread.
class GridValidator
{
    Q_DECLARE_TR_FUNCTIONS(GridValidator)
public:
    /// Overlaps, gaps and parts outside a parent smaller than this many m², or than this share of
    /// the cell concerned, are taken as digitising and reprojection noise.
    static constexpr double areaToleranceM2 = 1.0;
    static constexpr double relativeTolerance = 5e-4;
    static double toleranceFor(double areaM2)
    {
        return std::max(areaToleranceM2, relativeTolerance * areaM2);
    }
    /// The name a district gets when its file names none ("District 440304").
    static QString placeholderName(const QString &districtCode)
    {
        return tr("District %1").arg(districtCode);
    }

    /// Validates and completes `source` in place; returns every finding, errors and warnings.
    /// Stops early (progress.cancelled()) when the user cancels.
    static ImportIssues validate(GridSource &source, const Progress &progress = {});
};

} // namespace citygrid
