// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "sync/syncchain.h"

#include "audit/recordaudit.h"
#include "audit/sitekey.h"
#include "cases/caserows.h"
#include "cases/casevocabulary.h"
#include "store/store.h"
#include "store/storeschema.h"
#include "sync/syncpackage.h"

#include <QHash>
#include <QMap>
#include <QSet>

namespace citygrid {

namespace {

QJsonObject linkJson(const ChainLink &l)
{
    QJsonObject o{{QStringLiteral("site"), l.siteId}, {QStringLiteral("seq"), l.seq},
                  {QStringLiteral("ref"), l.ref},     {QStringLiteral("about"), l.about},
                  {QStringLiteral("prev"), l.prev},   {QStringLiteral("hash"), l.hash}};
    if (l.isWithheld()) // the hash alone: nothing of the case it belongs to
        o.insert(QStringLiteral("withheld"), true);
    return o;
}

ChainLink linkFrom(const QJsonObject &o)
{
    return {o[QLatin1String("site")].toString(),
            recordstreams::cases().id,
            qint64(o[QLatin1String("seq")].toDouble()),
            o[QLatin1String("ref")].toString(),
            o[QLatin1String("about")].toString(),
            o[QLatin1String("withheld")].toBool() ? ChainLink::withheldMark() : QString(),
            o[QLatin1String("prev")].toString(),
            o[QLatin1String("hash")].toString()};
}

struct SentAccount
{
    QString role, unit;
};

Error refused(const QString &code, const QString &message)
{
    return Error{code, message + u' ' + SyncChain::tr("Nothing was changed."), {}};
}

} // namespace

Result<QJsonObject> SyncChain::collect(const SqliteDb &db, const QList<ChainLink> &links)
{
    QJsonArray chain, heads, accounts;
    QSet<QString> sites;
    for (const ChainLink &l : links) {
        chain.append(linkJson(l));
        sites.insert(l.siteId);
    }
    QStringList ordered(sites.cbegin(), sites.cend());
    ordered.sort();
    for (const QString &site : std::as_const(ordered)) {
        auto head = RecordChain::head(db, site, recordstreams::cases().id);
        if (!head)
            return head.error();
        if (head.value())
            heads.append(QJsonObject{{QStringLiteral("site"), site},
                                     {QStringLiteral("seq"), head.value()->seq},
                                     {QStringLiteral("hash"), head.value()->hash},
                                     {QStringLiteral("signature"),
                                      QString::fromLatin1(head.value()->signature.toBase64())}});
    }
    auto q = Statement::prepare(db, QStringLiteral("SELECT name, display_name, role, "
                                                   "coalesce(unit_id, ''), coalesce(area, ''), "
                                                   "enabled FROM accounts ORDER BY name"));
    if (!q)
        return q.error();
    if (auto r = q.value().forEachRow([&](const Statement &s) {
            accounts.append(QJsonObject{{QStringLiteral("name"), s.text(0)},
                                        {QStringLiteral("display_name"), s.text(1)},
                                        {QStringLiteral("role"), s.text(2)},
                                        {QStringLiteral("unit"), s.text(3)},
                                        {QStringLiteral("area"), s.text(4)},
                                        {QStringLiteral("enabled"), s.integer(5) != 0}});
        });
        !r)
        return r.error();
    return QJsonObject{{QStringLiteral("chain"), chain},
                       {QStringLiteral("heads"), heads},
                       {QStringLiteral("accounts"), accounts}};
}

QHash<QString, QString> SyncChain::senderRoles(const SyncPackage &package)
{
    QHash<QString, QString> roles;
    for (const QJsonValue &v : package.body[QLatin1String("accounts")].toArray())
        roles.insert(v[QLatin1String("name")].toString(), v[QLatin1String("role")].toString());
    return roles;
}

bool SyncChain::isGridMove(const CaseEvent &e)
{
    return e.step == QLatin1String("relocate") && e.actor == QLatin1String("grid-import") &&
           e.role == QLatin1String("system");
}

Result<SyncChain::Checked>
SyncChain::check(const SqliteDb &db, const SyncPackage &package, const RoleCatalogue &roles,
                 const std::function<std::optional<QByteArray>(const QString &site)> &publicKeyOf)
{
    const SyncPackage::Header &h = package.header;
    const QString stream = recordstreams::cases().id;
    const QString here = Store::meta(db, storeschema::keySiteId());
    QHash<QString, ChainLink> linkOf;
    QMap<QString, QMap<qint64, ChainLink>> bySite;
    for (const QJsonValue &v : package.body[QLatin1String("chain")].toArray()) {
        const ChainLink l = linkFrom(v.toObject());
        linkOf.insert(l.ref, l);
        bySite[l.siteId].insert(l.seq, l);
    }
    QHash<QString, SentAccount> accounts;
    for (const QJsonValue &v : package.body[QLatin1String("accounts")].toArray()) {
        const QJsonObject a = v.toObject();
        accounts.insert(a[QLatin1String("name")].toString(),
                        {a[QLatin1String("role")].toString(), a[QLatin1String("unit")].toString()});
    }

    // no link without its event (here or in the package)
    QSet<QString> carried;
    for (const QJsonValue &v : package.body[QLatin1String("events")].toArray())
        carried.insert(v[QLatin1String("uuid")].toString());
    auto held = Statement::prepare(
        db, QStringLiteral("SELECT 1 FROM %1 WHERE uuid = ?1").arg(storeschema::caseEventsTable()));
    if (!held)
        return held.error();
    for (const ChainLink &l : std::as_const(linkOf)) {
        // a package for one area: the other areas' steps come as bare links
        if (carried.contains(l.ref) || (l.isWithheld() && !h.area.isEmpty()))
            continue;
        held.value().bind(1, l.ref);
        auto row = held.value().step();
        held.value().reset();
        if (!row)
            return row.error();
        if (!row.value())
            return refused(QStringLiteral("sync.link-without-event"),
                           tr("The package from %1 seals an event it does not carry and this "
                              "store does not hold (%2): it is damaged or forged.")
                               .arg(h.sourceName, RecordAudit::describe(stream, l.about)));
    }

    // every event sealed as it is, and written by one who could
    for (const QJsonValue &v : package.body[QLatin1String("events")].toArray()) {
        const CaseEvent e = SyncPackage::eventFrom(v.toObject());
        const QString what = RecordAudit::describe(
            stream, linkOf.value(e.uuid).about.isEmpty()
                        ? e.caseUuid + u'\t' + e.step + u'\t' + caserows::storedTime(e.at)
                        : linkOf.value(e.uuid).about);
        const auto link = linkOf.constFind(e.uuid);
        if (link == linkOf.cend())
            return refused(QStringLiteral("sync.unsealed"),
                           tr("The package from %1 holds an event that no site's record seals "
                              "(%2): it was written past CityGrid. Ask %1 to run citygrid audit "
                              "verify.")
                               .arg(h.sourceName, what));
        if (recordstreams::chainHash(link->prev, link->siteId, stream, link->seq, e.uuid,
                                     recordstreams::canonical(caserows::eventValues(e))) !=
            link->hash)
            return refused(QStringLiteral("sync.altered"),
                           tr("The package from %1 holds an event that differs from what its "
                              "site sealed (%2): it was changed after it was written.")
                               .arg(h.sourceName, what));
        if (e.siteId != h.source || isGridMove(e))
            continue; // relayed: checked against its own site's accounts where it was written
        const auto account = accounts.constFind(e.actor);
        const auto step = CaseVocabulary::stepFromId(e.step);
        if (account == accounts.cend())
            return refused(QStringLiteral("sync.unknown-author"),
                           tr("The package from %1 holds an event by \"%2\", who is not an "
                              "account of %1 (%3).")
                               .arg(h.sourceName, e.actor, what));
        if (account->role != e.role || !step || !roles.may(account->role, *step))
            return refused(QStringLiteral("sync.not-permitted"),
                           tr("The package from %1 holds an event by \"%2\" as %3, which that "
                              "account may not take (%4).")
                               .arg(h.sourceName, e.actor, roles.displayName(e.role), what));
    }

    // each site's links continue what this store holds, and end at the site's signed head
    QHash<QString, ChainHead> heads;
    for (const QJsonValue &v : package.body[QLatin1String("heads")].toArray()) {
        const QJsonObject o = v.toObject();
        const ChainHead head{
            o[QLatin1String("site")].toString(), stream, qint64(o[QLatin1String("seq")].toDouble()),
            o[QLatin1String("hash")].toString(),
            QByteArray::fromBase64(o[QLatin1String("signature")].toString().toLatin1())};
        heads.insert(head.siteId, head);
    }
    Checked checked;
    // a head the package names without its links: this store must hold the chain up to it
    for (const ChainHead &head : std::as_const(heads)) {
        if (bySite.contains(head.siteId))
            continue;
        auto held = RecordChain::links(db, head.siteId, stream, head.seq);
        if (!held)
            return held.error();
        if (held.value().isEmpty() || held.value().first().seq != head.seq ||
            held.value().first().hash != head.hash)
            return refused(QStringLiteral("sync.head"),
                           tr("The record of %1 in the package does not end where %1 signed it: "
                              "events were added or removed past CityGrid.")
                               .arg(head.siteId == h.source ? h.sourceName : head.siteId));
    }
    for (auto site = bySite.cbegin(); site != bySite.cend(); ++site) {
        const QString siteName = site.key() == h.source ? h.sourceName : site.key();
        auto held = RecordChain::links(db, site.key(), stream, site.value().firstKey());
        if (!held)
            return held.error();
        QHash<qint64, QString> heldHash;
        for (const ChainLink &l : held.value())
            heldHash.insert(l.seq, l.hash);
        auto tail = RecordChain::head(db, site.key(), stream);
        if (!tail)
            return tail.error();
        qint64 lastSeq = tail.value() ? tail.value()->seq : 0;
        QString lastHash = tail.value() ? tail.value()->hash : QString();
        const ChainLink *newest = nullptr;
        for (const ChainLink &l : site.value()) {
            const QString what = RecordAudit::describe(stream, l.about);
            if (heldHash.contains(l.seq)) {
                if (heldHash.value(l.seq) != l.hash)
                    return refused(QStringLiteral("sync.chain-differs"),
                                   tr("The record of %1 in the package differs from the one "
                                      "this store holds at link %2 (%3).")
                                       .arg(siteName)
                                       .arg(l.seq)
                                       .arg(what));
                newest = &l;
                continue;
            }
            const bool anchor = lastSeq == 0 && site.key() != here;
            if (site.key() == here || (!anchor && (l.seq != lastSeq + 1 || l.prev != lastHash)))
                return refused(QStringLiteral("sync.out-of-chain"),
                               tr("The package from %1 holds an event that does not continue "
                                  "the record of %2 this store holds (%3, link %4).")
                                   .arg(h.sourceName, siteName, what)
                                   .arg(l.seq));
            checked.newLinks.append(l);
            lastSeq = l.seq;
            lastHash = l.hash;
            newest = &l;
        }
        const auto head = heads.constFind(site.key());
        const std::optional<QByteArray> key = publicKeyOf(site.key());
        if (head == heads.cend() ||
            (newest && (head->seq != newest->seq || head->hash != newest->hash)) ||
            (key && !SiteKey::verify(
                        *key, recordstreams::headText(head->siteId, stream, head->seq, head->hash),
                        head->signature)))
            return refused(QStringLiteral("sync.head"),
                           tr("The record of %1 in the package does not end where %1 signed it: "
                              "events were added or removed past CityGrid.")
                               .arg(siteName));
        if (!tail.value() || head->seq > tail.value()->seq)
            checked.heads.append(*head);
    }
    return checked;
}

Result<void> SyncChain::store(SqliteDb &db, const Checked &checked)
{
    RecordChain chain(db);
    for (const ChainLink &l : checked.newLinks)
        if (auto r = chain.receive(l); !r)
            return r;
    for (const ChainHead &head : checked.heads)
        if (auto r = chain.receiveHead(head); !r)
            return r;
    return {};
}

} // namespace citygrid
