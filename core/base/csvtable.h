// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace citygrid {

/// A comma-separated file (RFC 4180: quoted fields may hold commas, doubled quotes and line
/// breaks; CRLF or LF; an optional UTF-8 byte order mark) read whole, with its records found in
/// one pass. Text is UTF-8, or GB18030 (GBK), as offices' spreadsheets save CSV in China; a file
/// that is neither is refused, naming the first line that cannot be read. Fields are split only when a record is asked for, and record() may be called from
/// several threads at once, so a million rows can be checked on every core.
class CsvTable
{
    Q_DECLARE_TR_FUNCTIONS(CsvTable)
public:
    static Result<CsvTable> read(const QString &path);
    static Result<CsvTable> fromBytes(QByteArray bytes);

    /// The first record's fields.
    QStringList header() const { return m_header; }
    /// "UTF-8" or "GB18030": how the file's bytes were read.
    QString encoding() const { return m_encoding; }
    /// Records after the header (blank lines are not records).
    qsizetype size() const { return m_starts.size(); }
    /// The fields of record `row` (0 = the first after the header), trimmed of nothing.
    QStringList record(qsizetype row) const;

private:
    QStringList split(qsizetype from, qsizetype to) const;

    QByteArray m_bytes; ///< always UTF-8 (a GB18030 file is converted when read)
    QString m_encoding = QStringLiteral("UTF-8");
    QStringList m_header;
    QList<qsizetype> m_starts; ///< where each record begins
    QList<qsizetype> m_ends;   ///< where each record ends (its line break not included)
};

} // namespace citygrid
