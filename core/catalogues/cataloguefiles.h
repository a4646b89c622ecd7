// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QCoreApplication>

/// Reading a catalogue file of a district's folder, shared by every catalogue that is one: the
/// case loop's and the assessment's. An error names the file.
namespace citygrid::cataloguefiles {

Result<QByteArray> read(const QString &path);

/// The folder to read `name` from: the district's own `dir` where it has the file, else the
/// compiled-in one (catalogues added after a district set up its folder).
QString ownOrBuiltin(const QString &dir, const char *name);

/// "path: why", the message of a file that did not parse.
QString wrongFile(const QString &path, const QString &why);

/// `bytes` of the file at `path` parsed by T::fromJson; the error names the file.
template <typename T>
Result<T> parse(const QString &path, const QByteArray &bytes)
{
    auto parsed = T::fromJson(bytes);
    if (!parsed) {
        Error error = parsed.error();
        error.message = wrongFile(path, error.message);
        return error;
    }
    return std::move(parsed).value();
}

/// The file `name` of `dir`, read and parsed.
template <typename T>
Result<T> load(const QString &dir, const char *name)
{
    const QString path = dir + u'/' + QLatin1String(name);
    auto bytes = read(path);
    if (!bytes)
        return bytes.error();
    return parse<T>(path, bytes.value());
}

} // namespace citygrid::cataloguefiles
