// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

/// Whole small files (site cards, sync packages) read and written with errors a user can act on;
/// a write replaces the file only once it is complete.
namespace citygrid::filebytes {

inline Result<QByteArray> read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("file.read"),
                     QCoreApplication::translate("filebytes", "Could not read %1").arg(path),
                     file.errorString()};
    return file.readAll();
}

inline Result<void> write(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{QStringLiteral("file.write"),
                     QCoreApplication::translate("filebytes", "Could not write %1; check the "
                                                              "folder and that you may write there")
                         .arg(path),
                     file.errorString()};
    return {};
}

} // namespace citygrid::filebytes
