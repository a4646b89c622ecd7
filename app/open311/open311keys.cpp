// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "open311/open311keys.h"

#include "cases/casevocabulary.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

namespace citygrid {

namespace {

QByteArray hashOf(const QString &key)
{
    return QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex();
}

/// Equal bytes, in a time that does not depend on where they first differ.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool plainName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (const QChar c : name)
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    return true;
}

} // namespace

Result<Open311Keys> Open311Keys::load(const QString &path)
{
    Open311Keys keys;
    QFile file(path);
    if (!file.exists())
        return keys;
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("open311.keys"),
                     tr("Could not read the Open311 keys file %1").arg(path), file.errorString()};
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList f = line.split(u'\t');
        if (f.size() != 5 || !plainName(f[0]) || f[3].size() != 64)
            return Error{QStringLiteral("open311.keys"),
                         tr("Line %1 of the Open311 keys file %2 cannot be read; make the "
                            "client's key again with citygrid serve keys add")
                             .arg(lineNo)
                             .arg(path),
                         {}};
        keys.m_clients.append({f[0], f[1], f[2] == QLatin1String("gcj02"), f[3].toLatin1(),
                               QDateTime::fromString(f[4], Qt::ISODate)});
    }
    return keys;
}

Result<QString> Open311Keys::add(const QString &path, const QString &name, const QString &channel,
                                 const QString &datum)
{
    if (!plainName(name))
        return Error{QStringLiteral("open311.client"),
                     tr("Name the client with up to 64 characters and no spaces, e.g. "
                        "city-platform"),
                     {}};
    if (!CaseVocabulary::channels().contains(channel))
        return Error{QStringLiteral("open311.client"),
                     tr("Unknown channel \"%1\": use %2")
                         .arg(channel, CaseVocabulary::channels().join(QStringLiteral(", "))),
                     {}};
    if (datum != QLatin1String("wgs84") && datum != QLatin1String("gcj02"))
        return Error{QStringLiteral("open311.client"),
                     tr("Unknown datum \"%1\": use wgs84 or gcj02").arg(datum),
                     {}};
    auto keys = load(path);
    if (!keys)
        return keys.error();
    for (const Client &c : std::as_const(keys.value().m_clients))
        if (c.name == name)
            return Error{QStringLiteral("open311.client"),
                         tr("There is a client \"%1\" already; revoke its key first to give it a "
                            "new one")
                             .arg(name),
                         {}};
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    const QString key = QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
    keys.value().m_clients.append({name, channel, datum == QLatin1String("gcj02"), hashOf(key),
                                   QDateTime::currentDateTime().toOffsetFromUtc(8 * 3600)});
    if (auto r = keys.value().save(path); !r)
        return r.error();
    return key;
}

Result<void> Open311Keys::revoke(const QString &path, const QString &name)
{
    auto keys = load(path);
    if (!keys)
        return keys.error();
    const auto removed =
        keys.value().m_clients.removeIf([&](const Client &c) { return c.name == name; });
    if (removed == 0)
        return Error{QStringLiteral("open311.client"),
                     tr("There is no client \"%1\" in %2").arg(name, path),
                     {}};
    return keys.value().save(path);
}

const Open311Keys::Client *Open311Keys::match(const QString &key) const
{
    const QByteArray hash = hashOf(key);
    const Client *found = nullptr;
    for (const Client &c : m_clients)
        if (sameBytes(c.keyHash, hash))
            found = &c;
    return found;
}

Result<void> Open311Keys::save(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return Error{QStringLiteral("open311.keys"),
                     tr("Could not write the Open311 keys file %1").arg(path), file.errorString()};
    file.write("# CityGrid Open311 clients: name, channel, datum, SHA-256 of the key, made\n");
    for (const Client &c : m_clients)
        file.write(QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                       .arg(c.name, c.channel,
                            c.gcj02 ? QStringLiteral("gcj02") : QStringLiteral("wgs84"),
                            QString::fromLatin1(c.keyHash), c.created.toString(Qt::ISODate))
                       .toUtf8());
    if (!file.commit())
        return Error{QStringLiteral("open311.keys"),
                     tr("Could not write the Open311 keys file %1").arg(path), file.errorString()};
    return {};
}

} // namespace citygrid
