// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QCryptographicHash>
#include <QFile>

/// Small helpers the tests share.
namespace citygrid::testutil {

/// SHA-256 of a file's bytes: "the store was not changed" is checked byte for byte.
inline QByteArray fileDigest(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly)
               ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
               : QByteArray();
}

} // namespace citygrid::testutil
