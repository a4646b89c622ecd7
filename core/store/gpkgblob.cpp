// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "store/gpkgblob.h"

#include <QtEndian>

#include <sqlite3.h>

#include <cmath>
#include <limits>

namespace citygrid::gpkgblob {

namespace {

constexpr int headerBase = 8; // "GP", version, flags, srs id
constexpr char emptyFlag = 0x10;

/// Size of the header's envelope for its indicator (GeoPackage 1.3, table 6), -1 if invalid.
int envelopeBytes(char flags)
{
    switch ((flags >> 1) & 0x07) {
    case 0:
        return 0;
    case 1:
        return 32;
    case 2:
    case 3:
        return 48;
    case 4:
        return 64;
    default:
        return -1;
    }
}

int headerSize(const QByteArray &blob)
{
    if (blob.size() < headerBase || blob[0] != 'G' || blob[1] != 'P')
        return -1;
    const int envelope = envelopeBytes(blob[3]);
    if (envelope < 0 || blob.size() < headerBase + envelope)
        return -1;
    return headerBase + envelope;
}

/// Walks WKB (ISO or extended, either byte order), collecting the x and y of every point, part by
/// part.
class WkbReader
{
public:
    WkbReader(QByteArrayView wkb, Parts &parts) : m_data(wkb), m_parts(parts)
    {
        m_parts.type = 0;
        m_parts.xy.clear();
        m_parts.sizes.clear();
    }

    bool read() { return geometry(0) && m_pos <= m_data.size(); }

private:
    bool need(qsizetype bytes) const { return m_pos + bytes <= m_data.size(); }

    bool readUInt(bool little, quint32 &value)
    {
        if (!need(4))
            return false;
        const char *p = m_data.constData() + m_pos;
        value = little ? qFromLittleEndian<quint32>(p) : qFromBigEndian<quint32>(p);
        m_pos += 4;
        return true;
    }

    double readDouble(bool little)
    {
        const char *p = m_data.constData() + m_pos;
        m_pos += 8;
        return little ? qFromLittleEndian<double>(p) : qFromBigEndian<double>(p);
    }

    bool points(bool little, quint32 count, int dims)
    {
        if (count > quint32(m_data.size()) || !need(qsizetype(count) * dims * 8))
            return false;
        for (quint32 i = 0; i < count; ++i) {
            m_parts.xy.push_back(readDouble(little));
            m_parts.xy.push_back(readDouble(little));
            m_pos += (dims - 2) * 8;
        }
        m_parts.sizes.push_back(count);
        return true;
    }

    bool geometry(int depth)
    {
        if (depth > 32 || !need(5))
            return false;
        const bool little = m_data[m_pos] == 1;
        ++m_pos;
        quint32 type = 0;
        if (!readUInt(little, type))
            return false;
        int dims = 2;
        if (type & 0x80000000u)
            ++dims; // extended WKB: Z
        if (type & 0x40000000u)
            ++dims; // extended WKB: M
        if (type & 0x20000000u) {
            quint32 srid = 0; // extended WKB: an SRID follows
            if (!readUInt(little, srid))
                return false;
        }
        type &= 0x0fffffffu;
        const quint32 iso = type / 1000;
        dims += iso == 3 ? 2 : iso >= 1 ? 1 : 0;
        if (depth == 0)
            m_parts.type = type % 1000;
        quint32 count = 0;
        switch (type % 1000) {
        case 1:
            return points(little, 1, dims);
        case 2:
            return readUInt(little, count) && points(little, count, dims);
        case 3: {
            if (!readUInt(little, count) || count > quint32(m_data.size()))
                return false;
            for (quint32 ring = 0; ring < count; ++ring) {
                quint32 size = 0;
                if (!readUInt(little, size) || !points(little, size, dims))
                    return false;
            }
            return true;
        }
        case 4:
        case 5:
        case 6:
        case 7:
            if (!readUInt(little, count) || count > quint32(m_data.size()))
                return false;
            for (quint32 part = 0; part < count; ++part)
                if (!geometry(depth + 1))
                    return false;
            return true;
        default:
            return false;
        }
    }

    QByteArrayView m_data;
    Parts &m_parts;
    qsizetype m_pos = 0;
};

/// The envelope of every point that is a number (an empty point is NaN).
std::optional<Envelope> scanEnvelope(QByteArrayView wkb)
{
    Parts parts;
    if (!readParts(wkb, parts))
        return std::nullopt;
    std::optional<Envelope> box;
    for (size_t i = 0; i + 1 < parts.xy.size(); i += 2) {
        const double x = parts.xy[i];
        const double y = parts.xy[i + 1];
        if (std::isnan(x) || std::isnan(y))
            continue;
        if (!box)
            box = Envelope{x, x, y, y};
        box->minX = std::min(box->minX, x);
        box->maxX = std::max(box->maxX, x);
        box->minY = std::min(box->minY, y);
        box->maxY = std::max(box->maxY, y);
    }
    return box;
}

QByteArray blobArgument(sqlite3_value *value)
{
    if (sqlite3_value_type(value) != SQLITE_BLOB)
        return {};
    const auto *data = static_cast<const char *>(sqlite3_value_blob(value));
    return QByteArray::fromRawData(data, sqlite3_value_bytes(value));
}

void sqlIsEmpty(sqlite3_context *context, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    sqlite3_result_int(context, isEmpty(blobArgument(argv[0])) ? 1 : 0);
}

template <double Envelope::*Member>
void sqlBound(sqlite3_context *context, int, sqlite3_value **argv)
{
    const auto box = envelope(blobArgument(argv[0]));
    if (box)
        sqlite3_result_double(context, (*box).*Member);
    else
        sqlite3_result_null(context);
}

} // namespace

QByteArrayView wkbIn(const QByteArray &blob)
{
    const int header = headerSize(blob);
    return header < 0 ? QByteArrayView() : QByteArrayView(blob).sliced(header);
}

bool readParts(QByteArrayView wkb, Parts &parts)
{
    return WkbReader(wkb, parts).read();
}

QByteArray fromWkb(const QByteArray &wkb, qint32 srid)
{
    const auto box = scanEnvelope(wkb);
    QByteArray blob(headerBase + (box ? 32 : 0), '\0');
    char *d = blob.data();
    d[0] = 'G';
    d[1] = 'P';
    d[2] = 0;                                     // version 1
    d[3] = char(0x01 | (box ? 0x02 : emptyFlag)); // little endian; xy envelope or empty
    qToLittleEndian<qint32>(srid, d + 4);
    if (box) {
        qToLittleEndian<double>(box->minX, d + 8);
        qToLittleEndian<double>(box->maxX, d + 16);
        qToLittleEndian<double>(box->minY, d + 24);
        qToLittleEndian<double>(box->maxY, d + 32);
    }
    return blob + wkb;
}

std::optional<Envelope> envelope(const QByteArray &blob)
{
    const int header = headerSize(blob);
    if (header < 0 || (blob[3] & emptyFlag))
        return std::nullopt;
    if (header >= headerBase + 32) {
        const bool little = blob[3] & 0x01;
        const auto at = [&](int offset) {
            const char *p = blob.constData() + headerBase + offset;
            return little ? qFromLittleEndian<double>(p) : qFromBigEndian<double>(p);
        };
        return Envelope{at(0), at(8), at(16), at(24)};
    }
    return scanEnvelope(QByteArrayView(blob).sliced(header));
}

bool isEmpty(const QByteArray &blob)
{
    return !envelope(blob).has_value();
}

void registerSqlFunctions(sqlite3 *db)
{
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    sqlite3_create_function(db, "ST_IsEmpty", 1, flags, nullptr, sqlIsEmpty, nullptr, nullptr);
    sqlite3_create_function(db, "ST_MinX", 1, flags, nullptr, sqlBound<&Envelope::minX>, nullptr,
                            nullptr);
    sqlite3_create_function(db, "ST_MaxX", 1, flags, nullptr, sqlBound<&Envelope::maxX>, nullptr,
                            nullptr);
    sqlite3_create_function(db, "ST_MinY", 1, flags, nullptr, sqlBound<&Envelope::minY>, nullptr,
                            nullptr);
    sqlite3_create_function(db, "ST_MaxY", 1, flags, nullptr, sqlBound<&Envelope::maxY>, nullptr,
                            nullptr);
}

} // namespace citygrid::gpkgblob
