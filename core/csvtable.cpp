// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "csvtable.h"

#include <QFile>
#include <QFileInfo>

namespace citygrid {

Result<CsvTable> CsvTable::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{
            QStringLiteral("csv.open"),
            tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), file.errorString()),
            {}};
    auto table = fromBytes(file.readAll());
    if (!table)
        return Error{
            table.error().code,
            QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), table.error().message),
            {}};
    return table;
}

Result<CsvTable> CsvTable::fromBytes(QByteArray bytes)
{
    CsvTable table;
    table.m_bytes = std::move(bytes);
    const char *data = table.m_bytes.constData();
    const qsizetype size = table.m_bytes.size();
    qsizetype start = table.m_bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    bool quoted = false;
    qsizetype line = 1, quoteLine = 0;
    QList<qsizetype> starts, ends;
    const auto finish = [&](qsizetype end) {
        if (end > start && data[end - 1] == '\r')
            --end;
        if (end > start) {
            starts.append(start);
            ends.append(end);
        }
    };
    for (qsizetype i = start; i < size; ++i) {
        const char c = data[i];
        if (c == '"') {
            quoted = !quoted;
            quoteLine = line;
        } else if (c == '\n') {
            ++line;
            if (!quoted) {
                finish(i);
                start = i + 1;
            }
        }
    }
    if (quoted)
        return Error{QStringLiteral("csv.quote"),
                     tr("the quoted field opened on line %1 is never closed").arg(quoteLine),
                     {}};
    finish(size);
    if (starts.isEmpty())
        return Error{QStringLiteral("csv.empty"), tr("the file is empty"), {}};
    table.m_header = table.split(starts.first(), ends.first());
    starts.removeFirst();
    ends.removeFirst();
    table.m_starts = std::move(starts);
    table.m_ends = std::move(ends);
    return table;
}

QStringList CsvTable::record(qsizetype row) const
{
    return split(m_starts[row], m_ends[row]);
}

QStringList CsvTable::split(qsizetype from, qsizetype to) const
{
    const char *data = m_bytes.constData();
    QStringList fields;
    qsizetype i = from;
    while (true) {
        if (i < to && data[i] == '"') {
            // A quoted field: "" stands for one quote; text after the closing quote is kept.
            QByteArray field;
            ++i;
            while (i < to) {
                if (data[i] == '"') {
                    if (i + 1 < to && data[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += data[i++];
            }
            const qsizetype rest = i;
            while (i < to && data[i] != ',')
                ++i;
            field.append(data + rest, i - rest);
            fields.append(QString::fromUtf8(field));
        } else {
            const qsizetype begin = i;
            while (i < to && data[i] != ',')
                ++i;
            fields.append(QString::fromUtf8(data + begin, i - begin));
        }
        if (i >= to)
            break;
        ++i; // the comma
        if (i == to) {
            fields.append(QString());
            break;
        }
    }
    return fields;
}

} // namespace citygrid
