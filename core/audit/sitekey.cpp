// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "audit/sitekey.h"

#include "store/store.h"
#include "store/storeschema.h"

#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <sodium.h>

namespace citygrid {

namespace {

const QByteArray fileHeader = QByteArrayLiteral("CITYGRID-SITE-KEY 1\n");

QByteArray publicOf(const QByteArray &secret)
{
    QByteArray key(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char *>(key.data()),
                                 reinterpret_cast<const unsigned char *>(secret.constData()));
    return key;
}

} // namespace

bool SiteKey::ready()
{
    static const bool started = sodium_init() >= 0;
    return started;
}

QByteArray SiteKey::publicKeyInFile(const QString &storePath)
{
    if (!QFileInfo::exists(fileFor(storePath)))
        return {};
    auto key = readFile(fileFor(storePath));
    return key ? key.value().m_publicKey : QByteArray();
}

QString SiteKey::fileFor(const QString &storePath)
{
    return storePath + QStringLiteral(".key");
}

Result<SiteKey> SiteKey::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("key.unreadable"),
                     tr("The site's signing key %1 cannot be read; sign in as the system user "
                        "who set up this store")
                         .arg(path),
                     file.errorString()};
    const QByteArray text = file.read(4096);
    SiteKey key;
    if (text.startsWith(fileHeader))
        key.m_secretKey = QByteArray::fromBase64(text.mid(fileHeader.size()).trimmed());
    if (key.m_secretKey.size() != crypto_sign_SECRETKEYBYTES)
        return Error{QStringLiteral("key.damaged"),
                     tr("The site's signing key %1 is damaged; restore it from the copy kept "
                        "when the site was set up")
                         .arg(path),
                     {}};
    key.m_publicKey = publicOf(key.m_secretKey);
    return key;
}

Result<SiteKey> SiteKey::writeFile(const QString &path, const QByteArray &secretKey)
{
    // Written whole beside the key's place, owner-only from its creation, then moved in; a
    // rename does not replace a key another process made a moment before: that one is used.
    const QString partial =
        path + u'.' + QUuid::createUuid().toString(QUuid::Id128).left(8) + QStringLiteral(".new");
    QFile file(partial);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFile::ReadOwner | QFile::WriteOwner) ||
        file.write(fileHeader + secretKey.toBase64() + '\n') < 0 || !file.flush())
        return Error{
            QStringLiteral("key.write"),
            tr("The site's signing key could not be written beside the store (%1)").arg(path),
            file.errorString()};
    file.close();
    if (!QFile::rename(partial, path))
        QFile::remove(partial);
    return readFile(path);
}

Result<SiteKey> SiteKey::ensure(SqliteDb &db)
{
    if (!ready())
        return Error{QStringLiteral("key.crypto"), tr("The signing library could not start"), {}};
    if (db.path().isEmpty() || db.path() == QLatin1String(":memory:"))
        return Error{QStringLiteral("key.no-file"), tr("A store in memory has no signing key"), {}};
    const QString path = fileFor(db.path());
    const QByteArray published =
        QByteArray::fromBase64(Store::meta(db, storeschema::keySignPublicKey()).toLatin1());
    const QByteArray kept =
        QByteArray::fromBase64(Store::meta(db, storeschema::keySignSecretKey()).toLatin1());
    Result<SiteKey> key = Error{};
    if (QFileInfo::exists(path))
        key = readFile(path);
    else if (kept.size() == crypto_sign_SECRETKEYBYTES && publicOf(kept) == published)
        key = writeFile(path, kept); // an older CityGrid kept the secret in the store
    else if (!published.isEmpty())
        return Error{QStringLiteral("key.missing"),
                     tr("This store's signing key (%1) is not here, so this copy of the store "
                        "cannot sign. Work on the store where the site was set up, or put its "
                        "key file back beside it")
                         .arg(path),
                     {}};
    else {
        QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
        QByteArray secretKey(crypto_sign_SECRETKEYBYTES, Qt::Uninitialized);
        crypto_sign_keypair(reinterpret_cast<unsigned char *>(publicKey.data()),
                            reinterpret_cast<unsigned char *>(secretKey.data()));
        key = writeFile(path, secretKey);
    }
    if (!key)
        return key;
    if (published.isEmpty()) {
        if (auto r = Store::setMeta(db, storeschema::keySignPublicKey(),
                                    QString::fromLatin1(key.value().m_publicKey.toBase64()));
            !r)
            return r.error();
    } else if (published != key.value().m_publicKey)
        return Error{QStringLiteral("key.foreign"),
                     tr("The signing key %1 belongs to another store, so this one cannot sign. "
                        "Put this store's own key file beside it")
                         .arg(path),
                     {}};
    if (!kept.isEmpty()) {
        // Overwritten, not just unlinked from the page, so the old secret does not linger.
        (void)db.exec(QStringLiteral("PRAGMA secure_delete = ON"));
        auto drop = Statement::prepare(
            db, QStringLiteral("DELETE FROM %1 WHERE key = ?1").arg(storeschema::metaTable()));
        if (!drop)
            return drop.error();
        drop.value().bind(1, storeschema::keySignSecretKey());
        if (auto r = drop.value().run(); !r)
            return r.error();
    }
    return key;
}

QByteArray SiteKey::sign(const QByteArray &data) const
{
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(data.constData()),
                         quint64(data.size()),
                         reinterpret_cast<const unsigned char *>(m_secretKey.constData()));
    return signature;
}

bool SiteKey::verify(const QByteArray &publicKey, const QByteArray &data,
                     const QByteArray &signature)
{
    if (!ready() || publicKey.size() != crypto_sign_PUBLICKEYBYTES ||
        signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(
               reinterpret_cast<const unsigned char *>(signature.constData()),
               reinterpret_cast<const unsigned char *>(data.constData()), quint64(data.size()),
               reinterpret_cast<const unsigned char *>(publicKey.constData())) == 0;
}

} // namespace citygrid
