// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/passwords.h"

#include <sodium.h>

namespace citygrid {

namespace {

constexpr unsigned long long opsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t memLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

QString Passwords::weakness(const QString &password, const QString &name)
{
    if (password.size() < minLength)
        return tr("A password needs at least %1 characters; this one has %2")
            .arg(minLength)
            .arg(password.size());
    bool letter = false, other = false;
    for (const QChar c : password) {
        if (c.isLetter())
            letter = true;
        else if (!c.isSpace())
            other = true;
    }
    if (!letter || !other)
        return tr("A password needs letters and at least one digit or sign");
    if (!name.isEmpty() && password.contains(name, Qt::CaseInsensitive))
        return tr("A password may not contain the account's name");
    if (password.count(password.front()) == password.size())
        return tr("A password may not be one character repeated");
    return {};
}

Result<QByteArray> Passwords::hash(const QString &password)
{
    if (!sodiumReady())
        return Error{
            QStringLiteral("password.crypto"), tr("The cryptography library could not start"), {}};
    const QByteArray utf8 = password.toUtf8();
    QByteArray out(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str_alg(out.data(), utf8.constData(), quint64(utf8.size()), opsLimit,
                              memLimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{QStringLiteral("password.memory"),
                     tr("Not enough memory to protect the password; close other programs and "
                        "try again"),
                     {}};
    out.truncate(qsizetype(qstrlen(out.constData())));
    return out;
}

bool Passwords::matches(const QByteArray &hash, const QString &password)
{
    if (!sodiumReady() || hash.isEmpty() || hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray terminated = hash + '\0';
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(terminated.constData(), utf8.constData(),
                                    quint64(utf8.size())) == 0;
}

bool Passwords::needsRehash(const QByteArray &hash)
{
    if (!sodiumReady())
        return false;
    const QByteArray terminated = hash + '\0';
    return crypto_pwhash_str_needs_rehash(terminated.constData(), opsLimit, memLimit) != 0;
}

} // namespace citygrid
