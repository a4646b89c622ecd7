// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "audit/recordaudit.h"

#include "audit/recordchain.h"
#include "audit/sitekey.h"
#include "calendar/districttime.h"
#include "cases/casevocabulary.h"
#include "store/store.h"
#include "store/storeschema.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>

namespace citygrid {

namespace {

using Kind = AuditFinding::Kind;

QString timeText(const QString &stored)
{
    const QDateTime t = QDateTime::fromString(stored, Qt::ISODateWithMs);
    return t.isValid() ? districttime::text(t) : stored;
}

/// The public keys this store knows: its own and its sync peers'.
QHash<QString, QByteArray> knownKeys(const SqliteDb &db)
{
    QHash<QString, QByteArray> keys;
    // this site's from its key file, which the store file does not hold; from the metadata only
    // for a copy without its key
    const QByteArray own = SiteKey::publicKeyInFile(db.path());
    keys.insert(Store::meta(db, storeschema::keySiteId()),
                own.isEmpty() ? QByteArray::fromBase64(
                                    Store::meta(db, storeschema::keySignPublicKey()).toLatin1())
                              : own);
    if (auto q = Statement::prepare(db, QStringLiteral("SELECT site_id, public_key FROM "
                                                       "sync_peers")))
        (void)q.value().forEachRow([&](const Statement &s) {
            keys.insert(s.text(0), QByteArray::fromBase64(s.text(1).toLatin1()));
        });
    return keys;
}

/// Walks the links of one kind of record, site by site, in order.
class ChainWalk
{
public:
    ChainWalk(const SqliteDb &db, const RecordStream &stream,
              const QHash<QString, QByteArray> &keys, AuditReport &report)
        : m_db(db), m_stream(stream), m_report(report),
          m_ownSite(Store::meta(db, storeschema::keySiteId())), m_keys(keys)
    {
    }

    Result<void> run(const Progress &progress);
    /// state rows: the content each key was last sealed with
    const QHash<QString, QString> &lastContent() const { return m_lastContent; }

private:
    void link(const ChainLink &l, const std::optional<QStringList> &values);
    Result<void> endChain();
    void find(Kind kind, const ChainLink &l, const QString &message);

    const SqliteDb &m_db;
    const RecordStream &m_stream;
    AuditReport &m_report;
    QString m_ownSite;
    const QHash<QString, QByteArray> &m_keys;
    QHash<QString, QString> m_lastContent;
    // the chain being walked
    QString m_site;
    ChainLink m_last;
    int m_found = 0; ///< this chain's findings so far
    static constexpr int maxPerChain = 20;
};

void ChainWalk::find(Kind kind, const ChainLink &l, const QString &message)
{
    if (m_found >= maxPerChain)
        return;
    ++m_found;
    m_report.findings.append({kind, m_stream.id, l.siteId, l.seq, l.ref, message});
}

void ChainWalk::link(const ChainLink &l, const std::optional<QStringList> &values)
{
    const QString what = RecordAudit::describe(m_stream.id, l.about);
    // A site's chain begins at its first link; another site's may begin where this store first
    // heard of it.
    const bool first = m_last.seq == 0;
    const qint64 expected = first && l.siteId != m_ownSite ? l.seq : m_last.seq + 1;
    const QString prev = first && l.siteId != m_ownSite ? l.prev : m_last.hash;
    if (l.seq != expected || l.prev != prev)
        find(Kind::Reordered, l,
             RecordAudit::tr("The chain is broken before %1 (link %2): a record was removed "
                             "or the order was changed")
                 .arg(what)
                 .arg(l.seq));
    if (!values && m_stream.events && l.isWithheld() && l.siteId != m_ownSite)
        ++m_report.withheld; // another area's event, held back by the site that sent the chain
    else if (!values)
        find(Kind::Deleted, l, RecordAudit::tr("Deleted: %1").arg(what));
    else if (recordstreams::chainHash(l.prev, l.siteId, l.stream, l.seq, l.ref,
                                      recordstreams::canonical(*values)) != l.hash)
        find(Kind::Edited, l, RecordAudit::tr("Changed after it was written: %1").arg(what));
    if (!m_stream.events)
        m_lastContent.insert(l.ref, l.content);
    m_last = l;
    ++m_report.records;
}

Result<void> ChainWalk::endChain()
{
    if (m_last.seq == 0)
        return {};
    ++m_report.chains;
    auto head = RecordChain::head(m_db, m_last.siteId, m_stream.id);
    if (!head)
        return head.error();
    const QString what = RecordAudit::describe(m_stream.id, m_last.about);
    if (!head.value() || head.value()->seq != m_last.seq || head.value()->hash != m_last.hash) {
        find(Kind::Head, m_last,
             RecordAudit::tr("The newest records of a chain were removed or added past "
                             "CityGrid: the chain ends at %1 (link %2), its signed head at "
                             "link %3")
                 .arg(what)
                 .arg(m_last.seq)
                 .arg(head.value() ? head.value()->seq : 0));
    } else if (const QByteArray text =
                   recordstreams::headText(m_last.siteId, m_stream.id, m_last.seq, m_last.hash);
               m_last.siteId != m_ownSite &&
               !SiteKey::verify(m_keys.value(m_ownSite), text, head.value()->vouch)) {
        // another site's chain: this site signed its head when a peer's package brought it
        find(Kind::Unsigned, m_last,
             RecordAudit::tr("A chain of another site (%1) that this site did not receive in a "
                             "package: %2")
                 .arg(m_last.siteId, what));
    } else if (m_last.siteId != m_ownSite && !m_keys.contains(m_last.siteId)) {
        ++m_report.unverifiedHeads; // vouched for by this site; the site's own key unknown here
    } else if (!SiteKey::verify(m_keys.value(m_last.siteId), text, head.value()->signature)) {
        find(Kind::Unsigned, m_last,
             head.value()->signature.isEmpty()
                 ? RecordAudit::tr("Written without the site's signing key (by a copy of the "
                                   "store, or past CityGrid): %1")
                       .arg(what)
                 : RecordAudit::tr("Signature false, not made with the site's key: %1").arg(what));
    }
    m_last = {};
    m_found = 0;
    return {};
}

Result<void> ChainWalk::run(const Progress &progress)
{
    // Events are read from their table beside their link; state rows from the link itself.
    QString sql;
    if (m_stream.events) {
        QStringList cols;
        for (const QString &c : m_stream.columns)
            cols << QStringLiteral("t.") + c;
        sql =
            QStringLiteral("SELECT c.site_id, c.stream, c.seq, c.ref, c.about, c.content, c.prev, "
                           "c.hash, t.rowid IS NOT NULL, %1 FROM record_chain c LEFT JOIN %2 t "
                           "ON %3 = c.ref WHERE c.stream = ?1 ORDER BY c.site_id, c.seq")
                .arg(cols.join(QStringLiteral(", ")), m_stream.table, m_stream.keyExpr);
    } else {
        sql = QStringLiteral("SELECT site_id, stream, seq, ref, about, content, prev, hash, 1 FROM "
                             "record_chain WHERE stream = ?1 ORDER BY site_id, seq");
    }
    auto q = Statement::prepare(m_db, sql);
    if (!q)
        return q.error();
    q.value().bind(1, m_stream.id);
    const int count = int(m_stream.columns.size());
    for (qint64 n = 0;; ++n) {
        auto row = q.value().step();
        if (!row)
            return row.error();
        if (!row.value())
            break;
        const Statement &s = q.value();
        const ChainLink l{s.text(0), s.text(1), s.integer(2), s.text(3),
                          s.text(4), s.text(5), s.text(6),    s.text(7)};
        if (l.siteId != m_last.siteId && m_last.seq != 0)
            if (auto r = endChain(); !r)
                return r;
        std::optional<QStringList> values;
        if (!m_stream.events)
            values = recordstreams::contentValues(l.content);
        else if (s.integer(8) != 0) {
            values.emplace();
            for (int i = 0; i < count; ++i)
                values->append(s.text(9 + i));
        }
        link(l, values);
        if (n % 50000 == 0 && !progress.report(RecordAudit::tr("Checking the record"), 0.0))
            return Error{QStringLiteral("audit.cancelled"), RecordAudit::tr("Cancelled"), {}};
    }
    return endChain();
}

/// Records with no link (events), or rows that differ from their last link (state).
Result<void> checkTable(const SqliteDb &db, const RecordStream &stream,
                        QHash<QString, QString> lastContent, AuditReport &report)
{
    auto q =
        Statement::prepare(db, stream.select() + (stream.events ? QStringLiteral(" ORDER BY t.id")
                                                                : QStringLiteral(" ORDER BY 1")));
    if (!q)
        return q.error();
    auto linked = Statement::prepare(
        db, QStringLiteral("SELECT 1 FROM record_chain WHERE stream = ?1 AND ref = ?2"));
    if (!linked)
        return linked.error();
    const int count = int(stream.columns.size());
    const auto add = [&](Kind kind, const QString &key, const QString &message) {
        if (report.findings.size() < 50)
            report.findings.append({kind, stream.id, {}, 0, key, message});
    };
    auto r = q.value().forEachRow([&](const Statement &s) {
        const QString key = s.text(0);
        const QString what = RecordAudit::describe(stream.id, s.text(1));
        if (stream.events) {
            linked.value().bind(1, stream.id).bind(2, key);
            auto row = linked.value().step();
            linked.value().reset();
            if (row && !row.value())
                add(Kind::Inserted, key,
                    RecordAudit::tr("Added past CityGrid, not in the record: %1").arg(what));
            return;
        }
        QStringList values;
        for (int i = 0; i < count; ++i)
            values << s.text(2 + i);
        const auto sealed = lastContent.constFind(key);
        if (sealed == lastContent.cend())
            add(Kind::Inserted, key,
                RecordAudit::tr("Added past CityGrid, not in the record: %1").arg(what));
        else if (*sealed != recordstreams::contentText(values))
            add(Kind::Edited, key, RecordAudit::tr("Changed after it was written: %1").arg(what));
        lastContent.remove(key);
    });
    if (!r)
        return r;
    if (!stream.events)
        for (auto i = lastContent.cbegin(); i != lastContent.cend(); ++i)
            if (!i.value().isEmpty())
                add(Kind::Deleted, i.key(),
                    RecordAudit::tr("Deleted: %1").arg(RecordAudit::describe(stream.id, i.key())));
    return {};
}

} // namespace

Result<AuditReport> RecordAudit::verify(const SqliteDb &db, const Progress &progress)
{
    AuditReport report;
    // one snapshot of the store, whatever other workstations write meanwhile
    auto begin = Statement::prepare(db, QStringLiteral("BEGIN"));
    if (!begin)
        return begin.error();
    if (auto r = begin.value().run(); !r)
        return r.error();
    const auto end = qScopeGuard([&db] {
        if (auto q = Statement::prepare(db, QStringLiteral("COMMIT")))
            (void)q.value().run();
    });
    const QHash<QString, QByteArray> keys = knownKeys(db);
    const QByteArray inFile = SiteKey::publicKeyInFile(db.path());
    if (!inFile.isEmpty() &&
        inFile !=
            QByteArray::fromBase64(Store::meta(db, storeschema::keySignPublicKey()).toLatin1()))
        report.findings.append(
            {Kind::Unsigned,
             {},
             Store::meta(db, storeschema::keySiteId()),
             0,
             {},
             tr("The store's published signing key is not the one in its key file: it was "
                "replaced past CityGrid")});
    const QList<RecordStream> &streams = recordstreams::all();
    for (qsizetype i = 0; i < streams.size(); ++i) {
        const RecordStream &stream = streams[i];
        if (!progress.report(tr("Checking the record"), double(i) / double(streams.size())))
            return Error{QStringLiteral("audit.cancelled"), tr("Cancelled"), {}};
        ChainWalk walk(db, stream, keys, report);
        if (auto r = walk.run(progress); !r)
            return r.error();
        if (auto r = checkTable(db, stream, walk.lastContent(), report); !r)
            return r.error();
    }
    return report;
}

QString RecordAudit::describe(const QString &stream, const QString &about)
{
    const QStringList p = about.split(u'\t');
    const auto part = [&p](int i) { return i < p.size() ? p[i] : QString(); };
    if (stream == recordstreams::cases().id) {
        const auto step = CaseVocabulary::stepFromId(part(1));
        return tr("case %1, step \"%2\" of %3")
            .arg(part(0),
                 step ? CaseVocabulary::displayName(*step) : CaseVocabulary::eventLabel(part(1)),
                 timeText(part(2)));
    }
    if (stream == recordstreams::accountEvents().id)
        return tr("account %1, %2 of %3").arg(part(0), part(1), timeText(part(2)));
    if (stream == recordstreams::assessmentEvents().id)
        return tr("7+1 month %1, %2 of %3").arg(part(0), part(1), timeText(part(2)));
    if (stream == recordstreams::references().id)
        return tr("reference record %1 %2").arg(part(0), part(1));
    if (stream == recordstreams::scores().id)
        return tr("7+1 entry %1 %2").arg(part(0), part(1));
    if (stream == recordstreams::surveys().id)
        return tr("7+1 survey %1 %2").arg(part(0), part(1));
    return tr("account %1").arg(part(0));
}

} // namespace citygrid
