// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QByteArray>
#include <QString>

/// The transformations PROJ found between pairs of CRSs, as PROJ text, kept for the process and
/// between runs (in the user's cache folder, for this PROJ version): finding one searches PROJ's
/// database for 70 ms or more, rebuilding it from its text takes a fraction of a millisecond, and
/// the answer depends only on PROJ and its database. Any thread.
namespace citygrid::projcache {

/// The pipeline from `from` to `to`, empty if none is known yet.
QByteArray pipeline(const QString &from, const QString &to);
/// Keeps a pipeline PROJ found.
void keep(const QString &from, const QString &to, const QByteArray &pipeline);

} // namespace citygrid::projcache
