// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "audit/sitekey.h"
#include "store/store.h"

#include <QCoreApplication>

namespace citygrid {

struct ActingUser;

/// Who this store is to its sync peers: the site id (a UUID made with the store), a name
/// ("指挥中心", "园岭街道办"), the prefix of its case numbers, and an Ed25519 key pair (libsodium)
/// made on first use (SiteKey: the secret half is kept outside the store), whose secret half
/// signs the packages this site writes. A site's *card* (id,
/// name, public key) is what another site registers to accept its packages. Value type; any thread.
class SiteIdentity
{
    Q_DECLARE_TR_FUNCTIONS(SiteIdentity)
public:
    struct Card
    {
        QString siteId, name;
        QByteArray publicKey;
        QByteArray toJson() const;
        static Result<Card> fromJson(const QByteArray &json);
    };

    /// This store's identity, making its key pair if it has none yet.
    static Result<SiteIdentity> ensure(Store &store);
    /// Names the site and sets its case-number prefix (letters only, at most 4; empty: none);
    /// `who` must hold Right::Sync (on a store with accounts).
    static Result<void> configure(Store &store, const QString &name, const QString &casePrefix,
                                  const ActingUser &who);

    QString siteId() const { return m_card.siteId; }
    QString name() const { return m_card.name; }
    const Card &card() const { return m_card; }
    QByteArray sign(const QByteArray &data) const;
    static bool verify(const QByteArray &publicKey, const QByteArray &data,
                       const QByteArray &signature);
    static constexpr int signatureBytes = 64;

private:
    Card m_card;
    SiteKey m_key;
};

} // namespace citygrid
