// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "sync/syncexchange.h"

#include "accounts/actinguser.h"

#include "cases/caseattachment.h"
#include "cases/caserecord.h"
#include "cases/caserows.h"
#include "store/storeschema.h"
#include "sync/refkinds.h"
#include "sync/syncchain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace citygrid {

namespace {

QJsonObject eventJson(const Statement &s)
{
    return {{QStringLiteral("uuid"), s.text(1)},
            {QStringLiteral("case_uuid"), s.text(2)},
            {QStringLiteral("step"), s.text(3)},
            {QStringLiteral("actor"), s.text(4)},
            {QStringLiteral("role"), s.text(5)},
            {QStringLiteral("at"), s.text(6)},
            {QStringLiteral("site_id"), s.text(7)},
            {QStringLiteral("note"), s.text(8)},
            {QStringLiteral("payload"), QJsonDocument::fromJson(s.text(9).toUtf8()).object()}};
}

QJsonObject attachmentJson(const CaseAttachment &a)
{
    return {{QStringLiteral("uuid"), a.uuid},
            {QStringLiteral("case_uuid"), a.caseUuid},
            {QStringLiteral("event_uuid"), a.eventUuid},
            {QStringLiteral("name"), a.name},
            {QStringLiteral("mime"), a.mime},
            {QStringLiteral("data"), QString::fromLatin1(a.data.toBase64())},
            {QStringLiteral("thumbnail"), QString::fromLatin1(a.thumbnail.toBase64())}};
}

QString stepName(const QString &id)
{
    const auto step = CaseVocabulary::stepFromId(id);
    return step ? CaseVocabulary::displayName(*step) : CaseVocabulary::eventLabel(id);
}

/// A lost reference edit as the conflicts list shows it.
SyncExchange::Conflict conflictFrom(const RefRecords::Conflict &c, const RefKinds &kinds)
{
    const auto local = [](const QString &at) {
        return QDateTime::fromString(at, Qt::ISODateWithMs)
            .toOffsetFromUtc(8 * 3600)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    QString lost =
        c.lostValue.isNull()
            ? SyncExchange::tr("removal")
            : QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("v"), c.lostValue}})
                                    .toJson(QJsonDocument::Compact))
                  .mid(5)
                  .chopped(1);
    if (lost.size() > 160)
        lost = lost.left(159) + QChar(0x2026);
    return {{},
            kinds.displayName(c.kind) + u' ' + c.key,
            {},
            SyncExchange::tr("edit"),
            c.lostSite,
            SyncExchange::tr("Edited at two sites: the edit of %1 was kept (the later one); the "
                             "edit of %2 is on record, not applied: %3")
                .arg(local(c.keptAt), local(c.lostAt), lost)};
}

Error cancelled()
{
    return Error{
        QStringLiteral("sync.cancelled"), SyncExchange::tr("Cancelled; nothing was changed"), {}};
}

} // namespace

Result<SyncExchange::Exported> SyncExchange::exportTo(const QString &peerName, const QString &who,
                                                      const QDateTime &now,
                                                      const Progress &progress)
{
    if (auto r = ActingUser{who, &m_roles}.checkSetUp(m_store.db(), Right::Sync); !r)
        return r.error();
    auto identity = SiteIdentity::ensure(m_store);
    if (!identity)
        return identity.error();
    SyncPeers peers(m_store.db());
    auto peer = peers.resolve(peerName);
    if (!peer)
        return peer.error();
    SyncPackage package;
    SyncPackage::Header &h = package.header;
    h.schemaVersion = m_store.schemaVersion();
    h.source = identity.value().siteId();
    h.sourceName = identity.value().name();
    h.target = peer.value().siteId;
    h.fromSeq = peer.value().sentAck + 1;
    h.toSeq = peer.value().sentAck;
    h.ack = peer.value().receivedUpTo;
    h.created = now;

    // everything after the peer's acknowledgement, except what the peer itself wrote, each
    // with its link in the chain of the site that sealed it (the newest, if two did); for a
    // peer of one area, the other areas' steps as bare links, and the whole history of a case
    // held back before that has come into the area since
    h.area = peer.value().area;
    auto comeIn = casesComeIn(peer.value());
    if (!comeIn)
        return comeIn.error();
    auto events = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT e.id, e.uuid, e.case_uuid, e.step, e.actor, e.role, e.at, "
                       "e.site_id, e.note, e.payload, c.site_id, c.seq, c.about, c.prev, c.hash, "
                       "coalesce(k.cell_code, ''), e.id > ?1 FROM %1 e LEFT JOIN record_chain c "
                       "ON c.rowid = (SELECT max(rowid) FROM record_chain WHERE stream = ?2 AND "
                       "ref = e.uuid) LEFT JOIN %2 k ON k.uuid = e.case_uuid WHERE e.id > ?1 OR "
                       "e.case_uuid IN (SELECT value FROM json_each(?3)) ORDER BY e.id")
            .arg(storeschema::caseEventsTable(), storeschema::casesTable()));
    if (!events)
        return events.error();
    events.value()
        .bind(1, peer.value().sentAck)
        .bind(2, recordstreams::cases().id)
        .bind(3, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(comeIn.value()))
                                       .toJson(QJsonDocument::Compact)));
    QJsonArray eventList;
    QList<ChainLink> links;
    QSet<QString> cases, eventIds, withheld;
    QString unsealed;
    if (auto r = events.value().forEachRow([&](const Statement &s) {
            if (s.integer(16) != 0)
                h.toSeq = s.integer(0);
            if (s.isNull(10)) {
                unsealed = s.text(1);
                return;
            }
            // what the peer sealed itself it holds already
            if (s.text(10) == h.target)
                return;
            ChainLink link{s.text(10),    recordstreams::cases().id,
                           s.integer(11), s.text(1),
                           s.text(12),    {},
                           s.text(13),    s.text(14)};
            if (!h.area.isEmpty() && !s.text(15).startsWith(h.area)) {
                link.about.clear();
                link.content = ChainLink::withheldMark();
                links.append(link);
                withheld.insert(s.text(2));
                return;
            }
            eventList.append(eventJson(s));
            links.append(link);
            cases.insert(s.text(2));
            eventIds.insert(s.text(1));
        });
        !r)
        return r.error();
    if (auto r = recordWithheld(peer.value(), withheld, comeIn.value(), h.toSeq); !r)
        return r.error();
    if (!unsealed.isEmpty())
        return Error{QStringLiteral("sync.unsealed"),
                     tr("This store holds a case event that its record does not seal (%1): it "
                        "was written past CityGrid. Run citygrid audit verify and restore the "
                        "store from a backup that verifies; nothing was exported")
                         .arg(unsealed),
                     {}};
    auto chain = SyncChain::collect(m_store.db(), links);
    if (!chain)
        return chain.error();
    auto attachments = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT a.uuid, a.case_uuid, a.event_uuid, a.name, a.mime, "
                       "a.data, a.thumbnail FROM %1 a JOIN %2 e ON e.uuid = "
                       "a.event_uuid WHERE e.id > ?1 AND e.site_id <> ?2")
            .arg(storeschema::caseAttachmentsTable(), storeschema::caseEventsTable()));
    if (!attachments)
        return attachments.error();
    attachments.value().bind(1, peer.value().sentAck).bind(2, h.target);
    QJsonArray attachmentList;
    QSet<QString> filesSent;
    for (const QString &caseUuid : comeIn.value()) { // the files of a history sent whole
        auto files = CaseAttachments::list(m_store.db(), caseUuid, true);
        if (!files)
            return files.error();
        for (const CaseAttachment &a : files.value())
            if (eventIds.contains(a.eventUuid)) {
                attachmentList.append(attachmentJson(a));
                filesSent.insert(a.uuid);
            }
    }
    if (auto r = attachments.value().forEachRow([&](const Statement &s) {
            if (!eventIds.contains(s.text(2)) || filesSent.contains(s.text(0)))
                return; // held back with its step, or sent above
            attachmentList.append(attachmentJson(
                {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.blob(5), s.blob(6)}));
        });
        !r)
        return r.error();
    RefRecords records(m_store.db(), h.source);
    auto references = records.changedSince(peer.value().refSentAck);
    if (!references)
        return references.error();
    QJsonArray referenceList;
    h.refFromSeq = peer.value().refSentAck + 1;
    h.refToSeq = peer.value().refSentAck;
    h.refAck = peer.value().refReceivedUpTo;
    for (const RefRecords::Record &r : references.value()) {
        referenceList.append(r.toJson());
        h.refToSeq = r.seq;
    }
    if (!progress.report(tr("Writing the package"), 0.5))
        return cancelled();
    h.events = int(eventList.size());
    h.cases = int(cases.size());
    h.attachments = int(attachmentList.size());
    h.references = int(referenceList.size());
    package.body = chain.value();
    package.body.insert(QStringLiteral("events"), eventList);
    package.body.insert(QStringLiteral("attachments"), attachmentList);
    package.body.insert(QStringLiteral("references"), referenceList);
    SyncPeer updated = peer.value();
    updated.lastExportAt = now;
    if (auto r = peers.save(updated); !r)
        return r.error();
    return Exported{package.encode(identity.value()), h};
}

Result<QStringList> SyncExchange::casesComeIn(const SyncPeer &peer) const
{
    // held back before, in the peer's area now (or the peer takes every case now), and not yet
    // acknowledged as sent whole
    auto q = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT w.case_uuid FROM sync_withheld w JOIN %1 k ON k.uuid = "
                       "w.case_uuid WHERE w.peer = ?1 AND (?2 = '' OR substr(coalesce("
                       "k.cell_code, ''), 1, length(?2)) = ?2) AND (w.sent_in IS NULL OR "
                       "w.sent_in > ?3) ORDER BY w.case_uuid")
            .arg(storeschema::casesTable()));
    if (!q)
        return q.error();
    q.value().bind(1, peer.siteId).bind(2, peer.area).bind(3, peer.sentAck);
    QStringList cases;
    if (auto r = q.value().forEachRow([&](const Statement &s) { cases.append(s.text(0)); }); !r)
        return r.error();
    return cases;
}

Result<void> SyncExchange::recordWithheld(const SyncPeer &peer, const QSet<QString> &withheld,
                                          const QStringList &sentWhole, qint64 lastEvent)
{
    auto held = Statement::prepare(m_store.db(),
                                   QStringLiteral("INSERT INTO sync_withheld (peer, case_uuid) "
                                                  "VALUES (?1, ?2) ON CONFLICT DO UPDATE SET "
                                                  "sent_in = NULL"));
    auto sent = Statement::prepare(m_store.db(),
                                   QStringLiteral("UPDATE sync_withheld SET sent_in = ?3 WHERE "
                                                  "peer = ?1 AND case_uuid = ?2"));
    auto acknowledged = Statement::prepare(
        m_store.db(), QStringLiteral("DELETE FROM sync_withheld WHERE peer = ?1 AND sent_in <= "
                                     "?2"));
    for (const auto *q : {&held, &sent, &acknowledged})
        if (!*q)
            return q->error();
    acknowledged.value().bind(1, peer.siteId).bind(2, peer.sentAck);
    if (auto r = acknowledged.value().run(); !r)
        return r;
    for (const QString &c : withheld) {
        held.value().bind(1, peer.siteId).bind(2, c);
        if (auto r = held.value().run(); !r)
            return r;
    }
    for (const QString &c : sentWhole) {
        sent.value().bind(1, peer.siteId).bind(2, c).bind(3, lastEvent);
        if (auto r = sent.value().run(); !r)
            return r;
    }
    return {};
}

Result<SyncExchange::Imported> SyncExchange::importPackage(const QByteArray &file,
                                                           const QString &who, const QDateTime &now,
                                                           const Progress &progress)
{
    if (auto r = ActingUser{who, &m_roles}.checkSetUp(m_store.db(), Right::Sync); !r)
        return r.error();
    auto identity = SiteIdentity::ensure(m_store);
    if (!identity)
        return identity.error();
    SyncPeers peers(m_store.db());
    auto known = peers.list();
    if (!known)
        return known.error();
    const auto keyOf = [&](const QString &site) -> std::optional<QByteArray> {
        for (const SyncPeer &p : known.value())
            if (p.siteId == site)
                return p.publicKey;
        return std::nullopt;
    };
    auto package =
        SyncPackage::decode(file, identity.value().siteId(), m_store.schemaVersion(), keyOf);
    if (!package)
        return package.error();
    Imported result;
    result.header = package.value().header;

    Transaction tx(m_store.db());
    if (auto r = tx.begin(); !r)
        return r.error();
    // Everything the package says about who wrote what is checked before anything is written.
    auto chain = SyncChain::check(m_store.db(), package.value(), m_roles, keyOf);
    if (!chain)
        return chain.error();
    auto writer = CaseRowWriter::prepare(m_store.db());
    if (!writer)
        return writer.error();
    auto touched = importEvents(package.value(), writer.value(), progress, result);
    if (!touched)
        return touched.error();
    if (auto r = importAttachments(package.value(), result); !r)
        return r.error();
    QList<CaseRecord> projected;
    if (auto r = updateCases(touched.value(), writer.value(), now, progress, result, projected); !r)
        return r.error();
    if (auto r = importReferences(package.value(), now, result); !r)
        return r.error();
    if (StoreUpstream *upstream = m_store.upstream())
        if (auto r = publish(*upstream, package.value(), projected); !r)
            return r.error();
    if (auto r = SyncChain::store(m_store.db(), chain.value()); !r)
        return r.error();
    auto moved = advancePeer(peers, now, result);
    if (!moved)
        return moved.error();
    // A package applied before that moves no counter changes nothing, so nothing is written:
    // the transaction rolls back and the store file stays as it was.
    if (!moved.value())
        return result;
    if (auto r = tx.commit(); !r)
        return r.error();
    return result;
}

Result<QSet<QString>> SyncExchange::importEvents(const SyncPackage &package, CaseRowWriter &writer,
                                                 const Progress &progress, Imported &result)
{
    auto exists = Statement::prepare(
        m_store.db(),
        QStringLiteral("SELECT 1 FROM %1 WHERE uuid = ?1").arg(storeschema::caseEventsTable()));
    if (!exists)
        return exists.error();
    QSet<QString> touched;
    const QJsonArray incoming = package.body[QLatin1String("events")].toArray();
    for (qsizetype i = 0; i < incoming.size(); ++i) {
        if (i % 2000 == 0 &&
            !progress.report(tr("Adding events"), 0.5 * double(i) / double(incoming.size())))
            return cancelled();
        const CaseEvent event = SyncPackage::eventFrom(incoming[i].toObject());
        if (event.uuid.isEmpty() || event.caseUuid.isEmpty() || !event.at.isValid())
            return Error{QStringLiteral("sync.damaged"),
                         tr("The package holds an event without an id, a case or a time; ask the "
                            "other site for a new package. Nothing was changed"),
                         {}};
        exists.value().bind(1, event.uuid);
        auto row = exists.value().step();
        if (!row)
            return row.error();
        const bool known = row.value();
        exists.value().reset();
        if (known) {
            ++result.knownEvents;
            continue;
        }
        if (auto r = writer.appendEvent(event); !r)
            return r.error();
        ++result.newEvents;
        touched.insert(event.caseUuid);
    }
    return touched;
}

Result<void> SyncExchange::importAttachments(const SyncPackage &package, Imported &result)
{
    auto attach = Statement::prepare(
        m_store.db(), QStringLiteral("INSERT OR IGNORE INTO %1 (uuid, case_uuid, event_uuid, name, "
                                     "mime, data, thumbnail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                          .arg(storeschema::caseAttachmentsTable()));
    if (!attach)
        return attach.error();
    // a file belongs to a step of its case that this store holds now (the package's steps are in
    // by this point, each checked): none rides in on its own
    auto step = Statement::prepare(
        m_store.db(), QStringLiteral("SELECT 1 FROM %1 WHERE uuid = ?1 AND case_uuid = ?2")
                          .arg(storeschema::caseEventsTable()));
    if (!step)
        return step.error();
    for (const QJsonValue &v : package.body[QLatin1String("attachments")].toArray()) {
        const QJsonObject a = v.toObject();
        step.value()
            .bind(1, a[QLatin1String("event_uuid")].toString())
            .bind(2, a[QLatin1String("case_uuid")].toString());
        auto known = step.value().step();
        step.value().reset();
        if (!known)
            return known.error();
        if (!known.value())
            return Error{QStringLiteral("sync.stray-attachment"),
                         tr("The package from %1 holds a file (%2) that belongs to no step of its "
                            "case: it is damaged or forged. Nothing was changed.")
                             .arg(package.header.sourceName, a[QLatin1String("name")].toString()),
                         {}};
        attach.value()
            .bind(1, a[QLatin1String("uuid")].toString())
            .bind(2, a[QLatin1String("case_uuid")].toString())
            .bind(3, a[QLatin1String("event_uuid")].toString())
            .bind(4, a[QLatin1String("name")].toString())
            .bind(5, a[QLatin1String("mime")].toString())
            .bindBlob(6, QByteArray::fromBase64(a[QLatin1String("data")].toString().toLatin1()))
            .bindBlob(7,
                      QByteArray::fromBase64(a[QLatin1String("thumbnail")].toString().toLatin1()));
        if (auto r = attach.value().run(); !r)
            return r.error();
        ++result.newAttachments;
    }

    return {};
}

Result<void> SyncExchange::updateCases(const QSet<QString> &touched, CaseRowWriter &writer,
                                       const QDateTime &now, const Progress &progress,
                                       Imported &result, QList<CaseRecord> &projected)
{
    const SyncPackage::Header &h = result.header;
    // each touched case again from all its events, in time order (ids break ties: they are
    // time-ordered and the same at every site)
    auto conflict = Statement::prepare(
        m_store.db(), QStringLiteral("INSERT OR IGNORE INTO sync_conflicts (event_uuid, case_uuid, "
                                     "step, event_site, kind, detail, package_source, "
                                     "recorded_at) VALUES (?1, ?2, ?3, ?4, 'passed-over', ?5, ?6, "
                                     "?7)"));
    if (!conflict)
        return conflict.error();
    QStringList order(touched.cbegin(), touched.cend());
    order.sort();
    for (qsizetype n = 0; n < order.size(); ++n) {
        const QString &caseUuid = order[n];
        if (n % 500 == 0 &&
            !progress.report(tr("Updating cases"),
                             0.5 + 0.5 * double(n) / double(std::max<qsizetype>(1, order.size()))))
            return cancelled();
        auto history = caserows::readHistory(m_store.db(), caseUuid);
        if (!history)
            return history.error();
        const QList<CaseEvent> &events = history.value();
        if (events.isEmpty() || events.first().step != QLatin1String("report"))
            continue; // its report has not arrived yet: the row waits for it
        QList<qsizetype> passedOver;
        const CaseRecord record = CaseRecord::project(events, &passedOver);
        if (auto r = writer.saveRow(record); !r)
            return Error{QStringLiteral("sync.case-number"),
                         tr("Case %1 from %2 cannot be stored: its number is taken here by "
                            "another case, so two sites hand out the same numbers. Give each "
                            "office its own case-number prefix (citygrid sync setup --prefix) "
                            "and export again. Nothing was changed")
                             .arg(record.caseNo, h.sourceName),
                         r.error().detail};
        ++result.casesChanged;
        projected.append(record);
        for (qsizetype i : passedOver) {
            const CaseEvent &e = events[i];
            const QString detail =
                tr("%1 by %2 at %3 came after the case was %4; kept on record, not applied")
                    .arg(
                        stepName(e.step), e.actor,
                        e.at.toOffsetFromUtc(8 * 3600).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                        CaseVocabulary::displayName(record.status.state));
            conflict.value()
                .bind(1, e.uuid)
                .bind(2, caseUuid)
                .bind(3, e.step)
                .bind(4, e.siteId)
                .bind(5, detail)
                .bind(6, h.source)
                .bind(7, now.toString(Qt::ISODateWithMs));
            if (auto r = conflict.value().run(); !r)
                return r.error();
            result.conflicts.append({caseUuid, record.caseNo, e.uuid, e.step, e.siteId, detail});
        }
    }

    return {};
}

Result<bool> SyncExchange::advancePeer(SyncPeers &peers, const QDateTime &now,
                                       const Imported &result)
{
    const SyncPackage::Header &h = result.header;
    // how far each side has got
    auto peer = peers.find(h.source);
    if (!peer || !peer.value())
        return peer ? Error{QStringLiteral("sync.unknown-source"), {}, {}} : peer.error();
    SyncPeer updated = *peer.value();
    if (h.fromSeq <= updated.receivedUpTo + 1)
        updated.receivedUpTo = std::max(updated.receivedUpTo, h.toSeq);
    updated.sentAck = std::max(updated.sentAck, h.ack);
    if (h.refFromSeq <= updated.refReceivedUpTo + 1)
        updated.refReceivedUpTo = std::max(updated.refReceivedUpTo, h.refToSeq);
    updated.refSentAck = std::max(updated.refSentAck, h.refAck);
    const SyncPeer &before = *peer.value();
    if (result.alreadyApplied() && result.conflicts.isEmpty() &&
        updated.receivedUpTo == before.receivedUpTo && updated.sentAck == before.sentAck &&
        updated.refReceivedUpTo == before.refReceivedUpTo &&
        updated.refSentAck == before.refSentAck)
        return false;
    updated.lastImportAt = now;
    if (auto r = peers.save(updated); !r)
        return r.error();
    return true;
}

Result<void> SyncExchange::checkAuthor(const RefRecords::Record &record, const SyncPackage &package,
                                       const QHash<QString, QString> &roles) const
{
    // a record the sending site wrote, by one of its accounts that holds the kind's right (a site
    // with no account yet is being set up, as ActingUser::checkSetUp lets through)
    const RefKind *kind = m_kinds.find(record.kind);
    if (!kind || !kind->right || record.siteId != package.header.source || roles.isEmpty())
        return {};
    const auto role = roles.constFind(record.actor);
    if (role != roles.cend() && m_roles.may(*role, *kind->right))
        return {};
    const QString what = m_kinds.displayName(record.kind) + u' ' + record.key;
    if (role == roles.cend())
        return Error{QStringLiteral("sync.unknown-author"),
                     tr("The package from %1 holds a change of %2 by \"%3\", who is not an "
                        "account of %1. Nothing was changed.")
                         .arg(package.header.sourceName, what, record.actor),
                     {}};
    return Error{
        QStringLiteral("sync.not-permitted"),
        tr("The package from %1 holds a change of %2 by \"%3\": %4. Nothing was changed.")
            .arg(package.header.sourceName, what, record.actor, m_roles.onlyWho(*kind->right)),
        {}};
}

Result<void> SyncExchange::publish(StoreUpstream &upstream, const SyncPackage &package,
                                   const QList<CaseRecord> &projected)
{
    QList<CaseEvent> events;
    QList<CaseAttachment> files;
    for (const CaseRecord &c : projected) {
        auto history = caserows::readHistory(m_store.db(), c.uuid);
        if (!history)
            return history.error();
        events += history.value();
        auto attached = CaseAttachments::list(m_store.db(), c.uuid, true);
        if (!attached)
            return attached.error();
        files += attached.value();
    }
    QList<QJsonObject> records;
    for (const QJsonValue &v : package.body[QLatin1String("references")].toArray())
        records.append(v.toObject());
    return upstream.publishPackage(events, projected, files, records);
}

Result<void> SyncExchange::importReferences(const SyncPackage &package, const QDateTime &now,
                                            Imported &result)
{
    // every record is checked before any is written
    QList<RefRecords::Record> incoming;
    const QHash<QString, QString> senderRoles = SyncChain::senderRoles(package);
    for (const QJsonValue &v : package.body[QLatin1String("references")].toArray()) {
        auto record = RefRecords::Record::fromJson(v.toObject());
        if (!record)
            return Error{QStringLiteral("sync.damaged"),
                         tr("The package holds a reference record without a kind, a key, a time "
                            "or a version; ask the other site for a new package. Nothing was "
                            "changed"),
                         {}};
        if (auto r = m_kinds.check(*record); !r)
            return r.error();
        if (auto r = checkAuthor(*record, package, senderRoles); !r)
            return r.error();
        incoming.append(*record);
    }
    auto merged = m_kinds.merge(m_store.db(), m_store.meta(storeschema::keySiteId()), incoming,
                                package.header.source, package.header.sourceName, now,
                                &result.referenceConflicts);
    if (!merged)
        return merged.error();
    result.newReferences += merged.value().added;
    result.knownReferences += merged.value().known;
    result.changedKinds = merged.value().changedKinds;
    for (const RefRecords::Conflict &c : std::as_const(result.referenceConflicts))
        result.conflicts.append(conflictFrom(c, m_kinds));
    return {};
}

Result<QList<SyncExchange::Conflict>> SyncExchange::conflicts() const
{
    auto q = Statement::prepare(
        m_store.db(), QStringLiteral("SELECT c.case_uuid, coalesce(k.case_no, ''), c.event_uuid, "
                                     "c.step, c.event_site, c.detail FROM sync_conflicts c LEFT "
                                     "JOIN %1 k ON k.uuid = c.case_uuid ORDER BY c.id DESC")
                          .arg(storeschema::casesTable()));
    if (!q)
        return q.error();
    auto references = RefRecords(m_store.db(), {}).conflicts();
    if (!references)
        return references.error();
    QList<Conflict> list;
    for (const RefRecords::Conflict &c : references.value())
        list.append(conflictFrom(c, m_kinds));
    if (auto r = q.value().forEachRow([&](const Statement &s) {
            list.append({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
        });
        !r)
        return r.error();
    return list;
}

} // namespace citygrid
