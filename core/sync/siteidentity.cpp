// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "sync/siteidentity.h"

#include "base/jsonfile.h"
#include "store/storeschema.h"

#include <QRegularExpression>

#include <sodium.h>

namespace citygrid {

namespace {

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

QByteArray SiteIdentity::Card::toJson() const
{
    return QJsonDocument(
               QJsonObject{
                   {QStringLiteral("format"), QStringLiteral("citygrid-site-card")},
                   {QStringLiteral("site_id"), siteId},
                   {QStringLiteral("name"), name},
                   {QStringLiteral("public_key"), QString::fromLatin1(publicKey.toBase64())}})
        .toJson(QJsonDocument::Indented);
}

Result<SiteIdentity::Card> SiteIdentity::Card::fromJson(const QByteArray &json)
{
    const QString what = tr("This is not a CityGrid site card; ask the other site for the file "
                            "that `citygrid sync card` writes");
    auto parsed = parseJsonObject(json, QStringLiteral("sync.card"), what);
    if (!parsed)
        return parsed.error();
    const QJsonObject o = parsed.value();
    Card card{o[QLatin1String("site_id")].toString(), o[QLatin1String("name")].toString(),
              QByteArray::fromBase64(o[QLatin1String("public_key")].toString().toLatin1())};
    if (o[QLatin1String("format")].toString() != QLatin1String("citygrid-site-card") ||
        card.siteId.isEmpty() || card.publicKey.size() != crypto_sign_PUBLICKEYBYTES)
        return Error{QStringLiteral("sync.card"), what, {}};
    return card;
}

Result<SiteIdentity> SiteIdentity::ensure(Store &store)
{
    if (!sodiumReady())
        return Error{QStringLiteral("sync.crypto"), tr("The signing library could not start"), {}};
    SiteIdentity id;
    id.m_card.siteId = store.meta(storeschema::keySiteId());
    id.m_card.name = store.meta(storeschema::keySiteName());
    if (id.m_card.name.isEmpty())
        id.m_card.name = store.meta(storeschema::keyDistrictName());
    id.m_card.publicKey =
        QByteArray::fromBase64(store.meta(storeschema::keySignPublicKey()).toLatin1());
    id.m_secretKey = QByteArray::fromBase64(store.meta(storeschema::keySignSecretKey()).toLatin1());
    if (id.m_card.publicKey.size() == crypto_sign_PUBLICKEYBYTES &&
        id.m_secretKey.size() == crypto_sign_SECRETKEYBYTES)
        return id;
    id.m_card.publicKey.resize(crypto_sign_PUBLICKEYBYTES);
    id.m_secretKey.resize(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(id.m_card.publicKey.data()),
                        reinterpret_cast<unsigned char *>(id.m_secretKey.data()));
    if (auto r = store.setMeta(storeschema::keySignPublicKey(),
                               QString::fromLatin1(id.m_card.publicKey.toBase64()));
        !r)
        return r.error();
    if (auto r = store.setMeta(storeschema::keySignSecretKey(),
                               QString::fromLatin1(id.m_secretKey.toBase64()));
        !r)
        return r.error();
    return id;
}

Result<void> SiteIdentity::configure(Store &store, const QString &name, const QString &casePrefix)
{
    static const QRegularExpression letters(QStringLiteral("^[A-Za-z]{0,4}$"));
    if (name.trimmed().isEmpty())
        return Error{QStringLiteral("sync.site-name"), tr("Give the site a name"), {}};
    if (!letters.match(casePrefix).hasMatch())
        return Error{QStringLiteral("sync.case-prefix"),
                     tr("A case-number prefix is up to four Latin letters (e.g. YL), not \"%1\"")
                         .arg(casePrefix),
                     {}};
    if (auto r = store.setMeta(storeschema::keySiteName(), name.trimmed()); !r)
        return r;
    return store.setMeta(storeschema::keyCasePrefix(), casePrefix.toUpper());
}

QByteArray SiteIdentity::sign(const QByteArray &data) const
{
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(data.constData()),
                         quint64(data.size()),
                         reinterpret_cast<const unsigned char *>(m_secretKey.constData()));
    return signature;
}

bool SiteIdentity::verify(const QByteArray &publicKey, const QByteArray &data,
                          const QByteArray &signature)
{
    if (!sodiumReady() || publicKey.size() != crypto_sign_PUBLICKEYBYTES ||
        signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(
               reinterpret_cast<const unsigned char *>(signature.constData()),
               reinterpret_cast<const unsigned char *>(data.constData()), quint64(data.size()),
               reinterpret_cast<const unsigned char *>(publicKey.constData())) == 0;
}

} // namespace citygrid
