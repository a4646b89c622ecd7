// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/caserecord.h"
#include "sync/siteidentity.h"

#include <QDateTime>
#include <QJsonObject>

#include <functional>
#include <optional>

namespace citygrid {

/// A sync package as a file (format in docs: README, "Sync packages"):
///
///     "CITYGRID-SYNC\n"  u32 header length  header (JSON, UTF-8)
///     u32 body length    body (zlib-compressed JSON)   64-byte Ed25519 signature of all before
///
/// The header says what it is without opening the body: format version, store schema version,
/// source and target sites, the range of the source's event numbers it carries, the source's
/// acknowledgement of the target's numbers, and counts. Value type; any thread.
struct SyncPackage
{
    Q_DECLARE_TR_FUNCTIONS(SyncPackage)
public:
    static constexpr int formatVersion = 3; ///< 3: events carry their chain links
    struct Header
    {
        int format = formatVersion;
        int schemaVersion = 0;
        QString source, sourceName, target;
        qint64 fromSeq = 0, toSeq = 0; ///< the source's event numbers carried (from > to: none)
        qint64 ack = 0;                ///< the target's numbers the source has, without a gap
        int events = 0, cases = 0, attachments = 0;
        /// the same for the source's reference records
        qint64 refFromSeq = 0, refToSeq = 0, refAck = 0;
        int references = 0;
        /// the grid code whose cases alone the package carries (a field office's area; the
        /// others' steps are withheld, their links in the source's record kept as bare hashes so
        /// the record still reads unbroken); empty: every case
        QString area;
        QDateTime created;
        QJsonObject toJson() const;
        static Header fromJson(const QJsonObject &o);
    };
    Header header;
    QJsonObject body; ///< {"events": [...], "attachments": [...], "references": [...]}

    /// The signed file.
    QByteArray encode(const SiteIdentity &signer) const;
    /// Reads and checks a file meant for `thisSite` at `schemaVersion`; `publicKeyOf` gives the
    /// key of a registered peer. Every refusal says what was wrong and what to do.
    /// An event of the body's "events" as it was written at its site.
    static CaseEvent eventFrom(const QJsonObject &event);
    static Result<SyncPackage>
    decode(const QByteArray &file, const QString &thisSite, int schemaVersion,
           const std::function<std::optional<QByteArray>(const QString &site)> &publicKeyOf);
};

} // namespace citygrid
