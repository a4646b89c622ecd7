// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "sync/siteidentity.h"

#include "accounts/actinguser.h"

#include "audit/sitekey.h"
#include "base/jsonfile.h"
#include "store/storeschema.h"

#include <QRegularExpression>

#include <sodium.h>

namespace citygrid {

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
    auto key = SiteKey::ensure(store.db());
    if (!key)
        return key.error();
    SiteIdentity id;
    id.m_card.siteId = store.meta(storeschema::keySiteId());
    id.m_card.name = store.meta(storeschema::keySiteName());
    if (id.m_card.name.isEmpty())
        id.m_card.name = store.meta(storeschema::keyDistrictName());
    id.m_card.publicKey = key.value().publicKey();
    id.m_key = std::move(key).value();
    return id;
}

Result<void> SiteIdentity::configure(Store &store, const QString &name, const QString &casePrefix,
                                     const ActingUser &who)
{
    if (auto r = who.checkSetUp(store.db(), Right::Sync); !r)
        return r;
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
    return m_key.sign(data);
}

bool SiteIdentity::verify(const QByteArray &publicKey, const QByteArray &data,
                          const QByteArray &signature)
{
    return SiteKey::verify(publicKey, data, signature);
}

} // namespace citygrid
