// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "base/csvtable.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

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

namespace {

bool isUtf8(QByteArrayView bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(bytes); // decode() is lazy: the assignment decodes
    return !utf8.hasError();
}

/// The first line (from 1) that is not UTF-8, for the message that refuses the file.
qsizetype firstBadLine(const QByteArray &bytes)
{
    qsizetype line = 1, start = 0;
    for (;;) {
        const qsizetype end = bytes.indexOf('\n', start);
        const QByteArrayView text(bytes.constData() + start, (end < 0 ? bytes.size() : end) - start);
        if (!isUtf8(text))
            return line;
        if (end < 0)
            return line;
        start = end + 1;
        ++line;
    }
}

} // namespace

Result<CsvTable> CsvTable::fromBytes(QByteArray bytes)
{
    CsvTable table;
    if (!bytes.startsWith("\xEF\xBB\xBF") && !isUtf8(bytes)) {
        QStringDecoder gb18030("GB18030");
        const QString text = gb18030.decode(bytes);
        // ICU's converter may put U+FFFD for bytes it cannot map without flagging an error
        if (!gb18030.isValid() || gb18030.hasError() || text.contains(QChar::ReplacementCharacter))
            return Error{QStringLiteral("csv.encoding"),
                         tr("line %1 is neither UTF-8 nor GB18030 (GBK) text; save the file as "
                            "UTF-8 (\"CSV UTF-8\" in a spreadsheet) and import it again")
                             .arg(firstBadLine(bytes)),
                         {}};
        bytes = text.toUtf8();
        table.m_encoding = QStringLiteral("GB18030");
    } else if (bytes.startsWith("\xEF\xBB\xBF") && !isUtf8(bytes)) {
        return Error{QStringLiteral("csv.encoding"),
                     tr("line %1 is not UTF-8 text although the file says it is; save it as "
                        "UTF-8 again and import it again")
                         .arg(firstBadLine(bytes)),
                     {}};
    }
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
