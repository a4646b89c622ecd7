// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "base/uuids.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace citygrid::uuids {

namespace {

constexpr quint64 low62 = (quint64(1) << 62) - 1;

/// "xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx" from the 48-bit time, 12 bits and 62 bits.
QString format(quint64 msecs, quint64 a12, quint64 b62)
{
    const quint64 hi = (msecs & 0xffffffffffffULL) << 16 | 0x7000 | (a12 & 0x0fff);
    const quint64 lo = (quint64(0x2) << 62) | (b62 & low62);
    static constexpr char hex[] = "0123456789abcdef";
    QString text(36, Qt::Uninitialized);
    QChar *out = text.data();
    int at = 0;
    const auto put = [&](quint64 word, int fromNibble, int count) {
        for (int i = 0; i < count; ++i, ++fromNibble)
            out[at++] = QLatin1Char(hex[(word >> (60 - 4 * fromNibble)) & 0xf]);
    };
    put(hi, 0, 8);
    out[at++] = u'-';
    put(hi, 8, 4);
    out[at++] = u'-';
    put(hi, 12, 4);
    out[at++] = u'-';
    put(lo, 0, 4);
    out[at++] = u'-';
    put(lo, 4, 12);
    return text;
}

} // namespace

QString version7(qint64 msecsSinceEpoch, quint64 randomA, quint64 randomB)
{
    return format(quint64(msecsSinceEpoch), randomA, randomB);
}

QString next()
{
    // Within one millisecond the 74 random bits count up from a random start (RFC 9562's
    // monotonic method); the start leaves room for billions of ids before it could carry over.
    thread_local qint64 lastMs = -1;
    thread_local quint64 a12 = 0, b62 = 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now > lastMs) {
        lastMs = now;
        a12 = QRandomGenerator::global()->generate() & 0x07ff;
        b62 = QRandomGenerator::global()->generate64() & (low62 >> 1);
    } else if (++b62 > low62) {
        b62 = 0;
        ++a12;
    }
    return format(quint64(lastMs), a12, b62);
}

} // namespace citygrid::uuids
