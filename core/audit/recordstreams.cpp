// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "audit/recordstreams.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

namespace citygrid {

QString RecordStream::select() const
{
    QStringList cols;
    for (const QString &c : columns)
        cols << QStringLiteral("t.") + c;
    return QStringLiteral("SELECT %1, %2, %3 FROM %4 t")
        .arg(keyExpr, aboutExpr, cols.join(QStringLiteral(", ")), table);
}

namespace recordstreams {

namespace {

QStringList split(const char *columns)
{
    return QString::fromLatin1(columns).split(QStringLiteral(", "));
}

} // namespace

const RecordStream &cases()
{
    static const RecordStream s{
        QStringLiteral("case"),
        QStringLiteral("case_events"),
        QStringLiteral("t.uuid"),
        split("uuid, case_uuid, step, actor, role, at, site_id, note, payload"),
        QStringLiteral("coalesce((SELECT case_no FROM cases k WHERE k.uuid = t.case_uuid), '') "
                       "|| char(9) || t.step || char(9) || t.at"),
        true,
        true};
    return s;
}

const RecordStream &accountEvents()
{
    static const RecordStream s{QStringLiteral("account-event"),
                                QStringLiteral("account_events"),
                                QStringLiteral("t.uuid"),
                                split("uuid, account, kind, actor, role, at, site_id, detail"),
                                QStringLiteral("t.account || char(9) || t.kind || char(9) || t.at"),
                                true,
                                false};
    return s;
}

const RecordStream &assessmentEvents()
{
    static const RecordStream s{QStringLiteral("assessment-event"),
                                QStringLiteral("assessment_events"),
                                QStringLiteral("t.uuid"),
                                split("uuid, month, at, actor, action, reason, payload"),
                                QStringLiteral("t.month || char(9) || t.action || char(9) || t.at"),
                                true,
                                false};
    return s;
}

const RecordStream &references()
{
    static const RecordStream s{QStringLiteral("reference"),
                                QStringLiteral("ref_records"),
                                QStringLiteral("t.kind || '/' || t.key"),
                                split("kind, key, value, at, site_id, actor, clock, seq"),
                                QStringLiteral("t.kind || char(9) || t.key || char(9) || t.at"),
                                false,
                                false};
    return s;
}

const RecordStream &scores()
{
    static const RecordStream s{
        QStringLiteral("score"),
        QStringLiteral("assessment_scores"),
        QStringLiteral("t.month || '/' || t.subdistrict_code || '/' || t.point_id || '/' || t.side "
                       "|| '/' || t.evaluator"),
        split("uuid, month, subdistrict_code, point_id, side, evaluator, score, note, entered_by, "
              "entered_at"),
        QStringLiteral("t.month || char(9) || t.subdistrict_code || ' ' || t.point_id || char(9) "
                       "|| t.entered_at"),
        false,
        false};
    return s;
}

const RecordStream &surveys()
{
    static const RecordStream s{
        QStringLiteral("survey"),
        QStringLiteral("assessment_surveys"),
        QStringLiteral("t.month || '/' || t.subdistrict_code || '/' || t.survey"),
        split("month, subdistrict_code, survey, satisfied, basically, dissatisfied"),
        QStringLiteral("t.month || char(9) || t.subdistrict_code || ' ' || t.survey || char(9)"),
        false,
        false};
    return s;
}

const RecordStream &accounts()
{
    static const RecordStream s{
        QStringLiteral("account"),
        QStringLiteral("accounts"),
        QStringLiteral("t.name"),
        split("name, display_name, role, unit_id, area, enabled, password_hash, locked_until, "
              "created_at, updated_at"),
        QStringLiteral("t.name || char(9) || char(9) || t.updated_at"),
        false,
        false};
    return s;
}

const QList<RecordStream> &all()
{
    static const QList<RecordStream> list{cases(),      accountEvents(), assessmentEvents(),
                                          references(), scores(),        surveys(),
                                          accounts()};
    return list;
}

const RecordStream *find(const QString &id)
{
    for (const RecordStream &s : all())
        if (s.id == id)
            return &s;
    return nullptr;
}

QString contentText(const QStringList &values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QStringList contentValues(const QString &content)
{
    QStringList values;
    for (const QJsonValue &v : QJsonDocument::fromJson(content.toUtf8()).array())
        values << v.toString();
    return values;
}

QByteArray canonical(const QStringList &values)
{
    QByteArray bytes;
    for (const QString &v : values) {
        const QByteArray utf8 = v.toUtf8();
        char length[4];
        qToBigEndian<quint32>(quint32(utf8.size()), length);
        bytes.append(length, 4).append(utf8);
    }
    return bytes;
}

QString chainHash(const QString &prev, const QString &siteId, const QString &stream, qint64 seq,
                  const QString &ref, const QByteArray &content)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(canonical({prev, siteId, stream, QString::number(seq), ref}));
    hash.addData(content);
    return QString::fromLatin1(hash.result().toHex());
}

QByteArray headText(const QString &siteId, const QString &stream, qint64 seq, const QString &hash)
{
    return QByteArrayLiteral("citygrid-record-head\n") +
           canonical({siteId, stream, QString::number(seq), hash});
}

} // namespace recordstreams

} // namespace citygrid
