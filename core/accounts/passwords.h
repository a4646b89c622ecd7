// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>

namespace citygrid {

/// Passwords as the store keeps them: an Argon2id hash (libsodium's crypto_pwhash_str, with its
/// salt and limits inside the string), never the password. The limits are libsodium's
/// "interactive" ones (64 MiB, 2 passes) unless stronger ones are asked for. Any thread.
class Passwords
{
    Q_DECLARE_TR_FUNCTIONS(Passwords)
public:
    /// The shortest password accepted.
    static constexpr int minLength = 10;

    /// Why `password` is too weak for the account `name`, in the interface's language, or empty
    /// when it is strong enough: at least `minLength` characters, letters and at least one digit or
    /// sign, not the account's name, not one character repeated.
    static QString weakness(const QString &password, const QString &name);
    /// The Argon2id hash of `password` (a text of at most 128 ASCII characters).
    static Result<QByteArray> hash(const QString &password);
    /// Whether `password` is the one `hash` was made from. False for a malformed hash.
    static bool matches(const QByteArray &hash, const QString &password);
    /// Whether `hash` was made with weaker limits than today's (the next login rehashes it).
    static bool needsRehash(const QByteArray &hash);
};

} // namespace citygrid
