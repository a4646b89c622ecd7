// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "store/sqlitedb.h"

#include <QByteArray>
#include <QCoreApplication>

namespace citygrid {

/// The site's Ed25519 key pair (libsodium). The public half is in the store's metadata, where
/// anyone may read it; the secret half is kept beside the store in "<store>.key", a file only the
/// operating-system user who made it can read (0600), never in the store itself: a copied store
/// cannot sign packages or the head of its record. Value type; any thread.
class SiteKey
{
    Q_DECLARE_TR_FUNCTIONS(SiteKey)
public:
    /// Where the secret key of the store at `storePath` is kept.
    static QString fileFor(const QString &storePath);
    /// The store's key pair, made on first use; a secret key an older CityGrid kept in the
    /// metadata moves out to the key file. Refused when the store has a public key but its key
    /// file is missing or belongs to another store (a copy): such a store can be read, not sign.
    static Result<SiteKey> ensure(SqliteDb &db);

    /// The public half of the key in the store's key file (empty without one): what the record
    /// is checked against, whatever the store's metadata says.
    static QByteArray publicKeyInFile(const QString &storePath);

    QByteArray publicKey() const { return m_publicKey; }
    QByteArray sign(const QByteArray &data) const;
    static bool verify(const QByteArray &publicKey, const QByteArray &data,
                       const QByteArray &signature);
    static bool ready(); ///< libsodium started

private:
    static Result<SiteKey> readFile(const QString &path);
    static Result<SiteKey> writeFile(const QString &path, const QByteArray &secretKey);
    QByteArray m_publicKey, m_secretKey;
};

} // namespace citygrid
