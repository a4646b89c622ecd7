// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "assessment/assessmentmonthdoc.h"

#include "assessment/assessmentkinds.h"
#include "assessment/assessmentrows.h"
#include "assessment/assessmentscheme.h"
#include "audit/recordchain.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace citygrid::assessmentmonthdoc {

namespace {

/// lupdate files tr() in this namespace under its name, so that is the context looked up.
QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::assessmentmonthdoc", text);
}

/// One of the month's tables as the document holds it: its columns (after the month), what
/// each holds (t text, r real, i integer) and, for the chained ones, how many leading columns
/// name a row and the stream that seals it.
struct Part
{
    QString name, table, columns, types, order;
    int keyWidth = 0;                     ///< columns naming a state row (scores, surveys)
    const RecordStream *stream = nullptr; ///< the chain of its rows, if any
};

const QList<Part> &parts()
{
    static const QList<Part> list{
        {QStringLiteral("scores"), QStringLiteral("{scores}"),
         QStringLiteral("subdistrict_code, point_id, side, evaluator, uuid, score, note, "
                        "entered_by, entered_at"),
         QStringLiteral("tttttrttt"), QStringLiteral("subdistrict_code, point_id, side, evaluator"),
         4, &recordstreams::scores()},
        {QStringLiteral("surveys"), QStringLiteral("{surveys}"),
         QStringLiteral("subdistrict_code, survey, satisfied, basically, dissatisfied"),
         QStringLiteral("ttiii"), QStringLiteral("subdistrict_code, survey"), 2,
         &recordstreams::surveys()},
        {QStringLiteral("events"), QStringLiteral("{events}"),
         QStringLiteral("uuid, at, actor, action, reason, payload"), QStringLiteral("tttttt"),
         QStringLiteral("id"), 1, &recordstreams::assessmentEvents()},
        {QStringLiteral("results"), QStringLiteral("{results}"),
         QStringLiteral("revision, subdistrict_code, raw, coefficient, adjusted, rank, "
                        "first_level"),
         QStringLiteral("itrrrit"), QStringLiteral("revision, subdistrict_code")},
        {QStringLiteral("figures"), QStringLiteral("{figures}"),
         QStringLiteral("subdistrict_code, figure, value"), QStringLiteral("ttr"),
         QStringLiteral("subdistrict_code, figure")}};
    return list;
}

Result<QJsonArray> readRows(SqliteDb &db, const Part &part, const QString &month)
{
    auto q =
        Statement::prepare(db, assessmentrows::sql(QStringLiteral("SELECT %1 FROM %2 WHERE "
                                                                  "month = ?1 ORDER BY %3")
                                                       .arg(part.columns, part.table, part.order)));
    if (!q)
        return q.error();
    q.value().bind(1, month);
    QJsonArray rows;
    auto r = q.value().forEachRow([&](const Statement &s) {
        QJsonArray row;
        for (int c = 0; c < part.types.size(); ++c) {
            if (s.isNull(c))
                row.append(QJsonValue());
            else if (part.types[c] == u't')
                row.append(s.text(c));
            else if (part.types[c] == u'i')
                row.append(double(s.integer(c)));
            else
                row.append(s.real(c));
        }
        rows.append(row);
    });
    if (!r)
        return r.error();
    return rows;
}

QString rowKey(const Part &part, const QString &month, const QJsonArray &row)
{
    QStringList key{month};
    for (int c = 0; c < part.keyWidth; ++c)
        key.append(row.at(c).toString());
    return key.join(u'/');
}

Statement &bindRow(Statement &s, const Part &part, const QString &month, const QJsonArray &row)
{
    s.bind(1, month);
    for (int c = 0; c < part.types.size(); ++c) {
        const QJsonValue v = row.at(c);
        if (v.isNull() || v.isUndefined())
            s.bindNull(c + 2);
        else if (part.types[c] == u't')
            s.bind(c + 2, v.toString());
        else if (part.types[c] == u'i')
            s.bind(c + 2, qint64(v.toDouble()));
        else
            s.bind(c + 2, v.toDouble());
    }
    return s;
}

Result<Statement> prepareInsert(SqliteDb &db, const Part &part, const QString &verb)
{
    QStringList marks;
    for (int c = 0; c < part.types.size() + 1; ++c)
        marks.append(QStringLiteral("?%1").arg(c + 1));
    return Statement::prepare(
        db, assessmentrows::sql(QStringLiteral("%1 INTO %2 (month, %3) VALUES (%4)")
                                    .arg(verb, part.table, part.columns, marks.join(u','))));
}

/// Replaces the rows of a part that is not chained (results, figures): all of them.
Result<void> replaceAll(SqliteDb &db, const Part &part, const QString &month,
                        const QJsonArray &rows)
{
    auto clear = Statement::prepare(
        db, assessmentrows::sql(QStringLiteral("DELETE FROM %1 WHERE month = ?1").arg(part.table)));
    if (!clear)
        return clear.error();
    if (auto r = clear.value().bind(1, month).run(); !r)
        return r;
    auto insert = prepareInsert(db, part, QStringLiteral("INSERT"));
    if (!insert)
        return insert.error();
    for (const QJsonValue &row : rows)
        if (auto r = bindRow(insert.value(), part, month, row.toArray()).run(); !r)
            return r;
    return {};
}

/// Brings the state rows of a chained part (scores, surveys) to `rows`: a row gone is deleted,
/// a row new or changed written, each sealed; rows the same stay as they are.
Result<void> replaceStates(SqliteDb &db, const Part &part, const QString &month,
                           const QJsonArray &rows)
{
    auto held = readRows(db, part, month);
    if (!held)
        return held.error();
    QHash<QString, QJsonArray> before, after;
    for (const QJsonValue &row : held.value())
        before.insert(rowKey(part, month, row.toArray()), row.toArray());
    for (const QJsonValue &row : rows)
        after.insert(rowKey(part, month, row.toArray()), row.toArray());
    QStringList where;
    const QStringList columns = part.columns.split(QStringLiteral(", "));
    for (int c = 0; c < part.keyWidth; ++c)
        where.append(QStringLiteral("%1 = ?%2").arg(columns[c]).arg(c + 2));
    auto remove = Statement::prepare(
        db, assessmentrows::sql(QStringLiteral("DELETE FROM %1 WHERE month = ?1 AND %2")
                                    .arg(part.table, where.join(QStringLiteral(" AND ")))));
    auto write = prepareInsert(db, part, QStringLiteral("INSERT OR REPLACE"));
    if (!remove)
        return remove.error();
    if (!write)
        return write.error();
    RecordChain chain(db);
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (after.contains(it.key()))
            continue;
        remove.value().bind(1, month);
        for (int c = 0; c < part.keyWidth; ++c)
            remove.value().bind(c + 2, it->at(c).toString());
        if (auto r = remove.value().run(); !r)
            return r;
        if (auto r = chain.sealState(*part.stream, it.key()); !r)
            return r;
    }
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (before.value(it.key()) == *it)
            continue;
        if (auto r = bindRow(write.value(), part, month, *it).run(); !r)
            return r;
        if (auto r = chain.sealState(*part.stream, it.key()); !r)
            return r;
    }
    return {};
}

/// Adds the events the store lacks (a month's history only grows), each sealed.
Result<void> addEvents(SqliteDb &db, const Part &part, const QString &month, const QJsonArray &rows)
{
    auto insert = prepareInsert(db, part, QStringLiteral("INSERT OR IGNORE"));
    if (!insert)
        return insert.error();
    RecordChain chain(db);
    for (const QJsonValue &row : rows) {
        if (auto r = bindRow(insert.value(), part, month, row.toArray()).run(); !r)
            return r;
        if (db.changes() == 1)
            if (auto r = chain.sealLastRow(*part.stream); !r)
                return r;
    }
    return {};
}

/// The local version of the document's scheme: by its id, else the built-in default with the
/// same text, else the version added now.
Result<int> schemeVersion(SqliteDb &db, const QJsonObject &scheme)
{
    const assessmentrows::SchemeRow row{
        scheme[QLatin1String("uuid")].toString(),
        QJsonDocument(scheme[QLatin1String("scheme")].toObject()).toJson(QJsonDocument::Compact),
        scheme[QLatin1String("saved_at")].toString(), scheme[QLatin1String("saved_by")].toString(),
        scheme[QLatin1String("note")].toString()};
    if (row.savedBy == assessmentrows::builtinSaver()) {
        auto same = Statement::prepare(
            db, assessmentrows::sql(QStringLiteral("SELECT version FROM {schemes} WHERE saved_by "
                                                   "= ?1 AND scheme = ?2 ORDER BY version")));
        if (!same)
            return same.error();
        same.value().bind(1, row.savedBy).bind(2, QString::fromUtf8(row.scheme));
        auto found = same.value().step();
        if (!found)
            return found.error();
        if (found.value())
            return int(same.value().integer(0));
    }
    return assessmentrows::insertScheme(db, row);
}

Result<QJsonObject> readScheme(SqliteDb &db, qint64 version)
{
    auto q = Statement::prepare(
        db, assessmentrows::sql(QStringLiteral("SELECT uuid, scheme, saved_at, saved_by, note FROM "
                                               "{schemes} WHERE version = ?1")));
    if (!q)
        return q.error();
    q.value().bind(1, version);
    auto row = q.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return QJsonObject{};
    const Statement &s = q.value();
    QJsonObject scheme = assessmentkinds::schemeValue(
                             {s.text(0), s.text(1).toUtf8(), s.text(2), s.text(3), s.text(4)})
                             .toObject();
    scheme.insert(QStringLiteral("uuid"), s.text(0));
    return scheme;
}

} // namespace

Result<QJsonObject> read(SqliteDb &db, const QString &month)
{
    auto head = Statement::prepare(
        db, assessmentrows::sql(QStringLiteral("SELECT state, revision, scheme_version FROM "
                                               "{months} WHERE month = ?1")));
    if (!head)
        return head.error();
    head.value().bind(1, month);
    auto found = head.value().step();
    if (!found)
        return found.error();
    QJsonObject document{{QStringLiteral("state"), QStringLiteral("draft")},
                         {QStringLiteral("revision"), 0}};
    if (found.value()) {
        document.insert(QStringLiteral("state"), head.value().text(0));
        document.insert(QStringLiteral("revision"), double(head.value().integer(1)));
        auto scheme = readScheme(db, head.value().integer(2));
        if (!scheme)
            return scheme.error();
        document.insert(QStringLiteral("scheme"), scheme.value());
    }
    for (const Part &part : parts()) {
        auto rows = readRows(db, part, month);
        if (!rows)
            return rows.error();
        document.insert(part.name, rows.value());
    }
    return document;
}

Result<void> write(SqliteDb &db, const QString &month, const QJsonObject &document)
{
    auto version = schemeVersion(db, document[QLatin1String("scheme")].toObject());
    if (!version)
        return version.error();
    auto head = Statement::prepare(
        db, assessmentrows::sql(QStringLiteral(
                "INSERT INTO {months} (month, scheme_version, state, revision) VALUES (?1, ?2, "
                "?3, ?4) ON CONFLICT (month) DO UPDATE SET scheme_version = excluded."
                "scheme_version, state = excluded.state, revision = excluded.revision")));
    if (!head)
        return head.error();
    head.value()
        .bind(1, month)
        .bind(2, qint64(version.value()))
        .bind(3, document[QLatin1String("state")].toString())
        .bind(4, qint64(document[QLatin1String("revision")].toDouble()));
    if (auto r = head.value().run(); !r)
        return r;
    for (const Part &part : parts()) {
        const QJsonArray rows = document[part.name].toArray();
        Result<void> r;
        if (!part.stream)
            r = replaceAll(db, part, month, rows);
        else if (part.stream == &recordstreams::assessmentEvents())
            r = addEvents(db, part, month, rows);
        else
            r = replaceStates(db, part, month, rows);
        if (!r)
            return r;
    }
    return {};
}

QString problem(const QString &month, const QJsonObject &document)
{
    if (!QDate::fromString(month + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd")).isValid())
        return tr("the key is not a month (yyyy-MM)");
    const QString state = document[QLatin1String("state")].toString();
    if (state != QLatin1String("draft") && state != QLatin1String("review") &&
        state != QLatin1String("published"))
        return tr("the month's state is not draft, review or published");
    const QJsonObject scheme = document[QLatin1String("scheme")].toObject();
    auto parsed = AssessmentScheme::fromJson(
        QJsonDocument(scheme[QLatin1String("scheme")].toObject()).toJson(QJsonDocument::Compact));
    if (!parsed)
        return parsed.error().message;
    if (scheme[QLatin1String("uuid")].toString().isEmpty())
        return tr("the month's scheme has no id");
    for (const Part &part : parts()) {
        const QJsonValue rows = document[part.name];
        if (!rows.isArray())
            return tr("the month has no %1").arg(part.name);
        for (const QJsonValue &row : rows.toArray()) {
            const QJsonArray cells = row.toArray();
            if (!row.isArray() || cells.size() != part.types.size())
                return tr("a row of the month's %1 does not have its columns").arg(part.name);
            for (int c = 0; c < cells.size(); ++c) {
                const bool text = part.types[c] == u't';
                if (!cells[c].isNull() && (text ? !cells[c].isString() : !cells[c].isDouble()))
                    return tr("a row of the month's %1 holds a value of the wrong type")
                        .arg(part.name);
            }
            for (int c = 0; c < part.keyWidth; ++c)
                if (cells[c].toString().isEmpty())
                    return tr("a row of the month's %1 is not named").arg(part.name);
        }
    }
    return {};
}

} // namespace citygrid::assessmentmonthdoc
