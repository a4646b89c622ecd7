// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace citygrid {

/// The kinds of record the hash chain seals, one chain per site and kind. *Events* are rows that
/// are only ever added (a case's steps, account events, the 7+1 month's events); the chain names
/// each by its uuid and reads its content from its table. *State* rows change in place (reference
/// records, 7+1 entries and surveys, accounts): each change is sealed with the row's new content
/// kept in the chain, and the table's rows must match their last sealed content.
struct RecordStream
{
    QString id;           ///< "case", "account-event", ...; stored in the chain
    QString table;        ///< where the records live
    QString keyExpr;      ///< SQL naming a record: its uuid, or the columns that identify a row
    QStringList columns;  ///< the content sealed, in order (read as text)
    QString aboutExpr;    ///< SQL for what the chain keeps to name a record in a report (tabs)
    bool events = true;   ///< append-only rows (else state rows)
    bool travels = false; ///< carried with its chain in sync packages (other sites' chains)

    /// "SELECT key, about, col1, col2, ... FROM table t" for reading records.
    QString select() const;
};

namespace recordstreams {

const RecordStream &cases();
const RecordStream &accountEvents();
const RecordStream &assessmentEvents();
const RecordStream &references();
const RecordStream &scores();
const RecordStream &surveys();
const RecordStream &accounts();
const QList<RecordStream> &all();
const RecordStream *find(const QString &id);

/// A state row's content as its link keeps it (a JSON array of its columns), and back.
QString contentText(const QStringList &values);
QStringList contentValues(const QString &content);
/// The bytes a record's hash covers: each value's UTF-8 length (4 bytes, big endian) and bytes.
QByteArray canonical(const QStringList &values);
/// hex SHA-256 over the previous hash and the record: what links each record to all before it.
QString chainHash(const QString &prev, const QString &siteId, const QString &stream, qint64 seq,
                  const QString &ref, const QByteArray &content);
/// What a site's head signature covers.
QByteArray headText(const QString &siteId, const QString &stream, qint64 seq, const QString &hash);

} // namespace recordstreams

} // namespace citygrid
