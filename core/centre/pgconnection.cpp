// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "centre/pgconnection.h"

#include <libpq-fe.h>

#include <vector>

namespace citygrid {

namespace {

QString serverText(const char *text)
{
    return QString::fromUtf8(text).trimmed();
}

} // namespace

PgResult::PgResult(pg_result *result) : m_result(result, PQclear) {}

int PgResult::rows() const
{
    return PQntuples(m_result.get());
}

int PgResult::columns() const
{
    return PQnfields(m_result.get());
}

bool PgResult::isNull(int row, int column) const
{
    return PQgetisnull(m_result.get(), row, column) != 0;
}

QString PgResult::text(int row, int column) const
{
    return QString::fromUtf8(PQgetvalue(m_result.get(), row, column),
                             PQgetlength(m_result.get(), row, column));
}

qint64 PgResult::affected() const
{
    return QByteArray(PQcmdTuples(m_result.get())).toLongLong();
}

void PgConnection::Closer::operator()(pg_conn *conn) const
{
    PQfinish(conn);
}

PgConnection::PgConnection(pg_conn *conn) : m_conn(conn) {}

PgConnection::~PgConnection() = default;

Result<PgConnection> PgConnection::open(const QString &uri, const QString &password)
{
    const QByteArray dsn = uri.toUtf8();
    const QByteArray secret = password.toUtf8();
    // the URI and, when given, the password beside it
    // a short wait for an unreachable host; a dropped network noticed within seconds, whether
    // the connection waits for the server (keepalives) or for an answer (user timeout)
    std::vector<const char *> keys{"dbname",           "connect_timeout", "application_name",
                                   "keepalives",       "keepalives_idle", "keepalives_interval",
                                   "keepalives_count", "tcp_user_timeout"};
    std::vector<const char *> values{dsn.constData(), "5", "citygrid", "1", "5", "2", "3", "10000"};
    if (!password.isEmpty()) {
        keys.push_back("password");
        values.push_back(secret.constData());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    PgConnection conn(PQconnectdbParams(keys.data(), values.data(), 1));
    if (!conn.m_conn)
        return Error{QStringLiteral("centre.memory"), tr("Out of memory"), {}};
    if (PQstatus(conn.raw()) == CONNECTION_OK) {
        // quiet notices: the server's NOTICE lines are not for the person at the keyboard
        PQsetNoticeProcessor(
            conn.raw(), [](void *, const char *) {}, nullptr);
        return conn;
    }
    const QString detail = serverText(PQerrorMessage(conn.raw()));
    const QString where = conn.endpoint();
    if (detail.contains(QLatin1String("authentication failed")) ||
        detail.contains(QLatin1String("no password supplied")))
        return Error{QStringLiteral("centre.login"),
                     tr("The centre server at %1 did not accept the sign-in of %2: the name or "
                        "the password is wrong")
                         .arg(where, conn.user()),
                     detail};
    // said after the password was checked: only whoever knows it learns the account is disabled
    if (detail.contains(QLatin1String("not permitted to log in")))
        return Error{QStringLiteral("centre.disabled"),
                     tr("The account %1 is disabled at the centre; an administrator can enable "
                        "it")
                         .arg(conn.user().section(u'.', 1)),
                     detail};
    if (detail.contains(QLatin1String("does not exist")))
        return Error{QStringLiteral("centre.database"),
                     tr("The centre server at %1 has no database or account of that name: check "
                        "the address you were given")
                         .arg(where),
                     detail};
    return Error{QStringLiteral("centre.unreachable"),
                 tr("Could not reach the centre server at %1. Check the network and that the "
                    "server is running, then try again; nothing was changed")
                     .arg(where.isEmpty() ? uri.section(u'@', -1) : where),
                 detail};
}

Error PgConnection::failure(pg_result *result) const
{
    const QString state = serverText(PQresultErrorField(result, PG_DIAG_SQLSTATE));
    const QString message = serverText(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
    const QString serverDetail = serverText(PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL));
    const QString hint = serverText(PQresultErrorField(result, PG_DIAG_MESSAGE_HINT));
    QString detail = message.isEmpty() ? serverText(PQerrorMessage(raw())) : message;
    if (!serverDetail.isEmpty())
        detail += QStringLiteral(" — ") + serverDetail;
    PQclear(result);
    if (PQstatus(raw()) != CONNECTION_OK || state.startsWith(QLatin1String("08")) ||
        state.startsWith(QLatin1String("57P")))
        return Error{QStringLiteral("centre.connection-lost"),
                     tr("The connection to the centre server at %1 was lost; what you were doing "
                        "was not saved. Check the network, then try again")
                         .arg(endpoint()),
                     detail};
    // CityGrid's own refusals, raised by its server-side functions, name themselves in the hint
    const QString code = hint.startsWith(QLatin1String("citygrid."))
                             ? QStringLiteral("centre.") + hint.mid(9)
                             : QStringLiteral("centre.sql.") + state;
    if (state == QLatin1String("42501"))
        return Error{code, tr("The centre server refused: account %1 may not do this").arg(user()),
                     detail};
    if (state == QLatin1String("40001") || state == QLatin1String("40P01"))
        return Error{code,
                     tr("Another workstation changed the same record at the same moment; nothing "
                        "was saved, try again"),
                     detail};
    if (state.startsWith(QLatin1String("53")))
        return Error{code,
                     tr("The centre server is out of resources (disk, memory or connections); "
                        "nothing was saved. Tell the server's administrator"),
                     detail};
    return Error{code, tr("The centre server refused the request"), detail};
}

Result<PgResult> PgConnection::exec(const QString &sql, const QVariantList &params)
{
    std::vector<QByteArray> data;
    data.reserve(params.size());
    std::vector<const char *> values;
    std::vector<int> lengths, formats;
    for (const QVariant &p : params) {
        const bool bytes = p.typeId() == QMetaType::QByteArray;
        data.push_back(bytes ? p.toByteArray() : p.toString().toUtf8());
        values.push_back(p.isNull() ? nullptr : data.back().constData());
        lengths.push_back(int(data.back().size()));
        formats.push_back(bytes ? 1 : 0);
    }
    pg_result *result = PQexecParams(raw(), sql.toUtf8().constData(), int(params.size()), nullptr,
                                     values.data(), lengths.data(), formats.data(), 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return failure(result);
    return PgResult(result);
}

Result<void> PgConnection::run(const QString &script)
{
    pg_result *result = PQexec(raw(), script.toUtf8().constData());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return failure(result);
    PQclear(result);
    return {};
}

Result<void> PgConnection::copyIn(const QString &copySql, const QByteArray &data)
{
    pg_result *start = PQexec(raw(), copySql.toUtf8().constData());
    if (PQresultStatus(start) != PGRES_COPY_IN)
        return failure(start);
    PQclear(start);
    if (PQputCopyData(raw(), data.constData(), int(data.size())) != 1 ||
        PQputCopyEnd(raw(), nullptr) != 1)
        return failure(PQgetResult(raw()));
    pg_result *end = PQgetResult(raw());
    if (PQresultStatus(end) != PGRES_COMMAND_OK)
        return failure(end);
    PQclear(end);
    while (pg_result *more = PQgetResult(raw()))
        PQclear(more);
    return {};
}

Result<QString> PgConnection::scramVerifier(const QString &role, const QString &password)
{
    char *verifier = PQencryptPasswordConn(raw(), password.toUtf8().constData(),
                                           role.toUtf8().constData(), "scram-sha-256");
    if (!verifier)
        return Error{QStringLiteral("centre.password"),
                     tr("Could not prepare the password for the centre server"),
                     serverText(PQerrorMessage(raw()))};
    const QString text = QString::fromUtf8(verifier);
    PQfreemem(verifier);
    return text;
}

QString PgConnection::user() const
{
    return QString::fromUtf8(PQuser(raw()));
}

QString PgConnection::database() const
{
    return QString::fromUtf8(PQdb(raw()));
}

QString PgConnection::endpoint() const
{
    const QString host = QString::fromUtf8(PQhost(raw()));
    const QString port = QString::fromUtf8(PQport(raw()));
    return port.isEmpty() ? host : host + u':' + port;
}

QString PgConnection::serverVersion() const
{
    const int v = PQserverVersion(raw());
    return QStringLiteral("%1.%2").arg(v / 10000).arg(v % 10000);
}

QByteArray PgConnection::copyField(const QVariant &value)
{
    if (value.isNull())
        return QByteArrayLiteral("\\N");
    QByteArray out;
    const QByteArray raw = value.typeId() == QMetaType::Bool
                               ? QByteArray(value.toBool() ? "t" : "f")
                               : value.toString().toUtf8();
    out.reserve(raw.size());
    for (const char c : raw) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    return out;
}

PgTransaction::~PgTransaction()
{
    if (m_active)
        (void)m_conn.run(QStringLiteral("ROLLBACK"));
}

Result<void> PgTransaction::begin(const QString &mode)
{
    if (auto r =
            m_conn.run(mode.isEmpty() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN ") + mode);
        !r)
        return r;
    m_active = true;
    return {};
}

Result<void> PgTransaction::commit()
{
    m_active = false;
    return m_conn.run(QStringLiteral("COMMIT"));
}

QString pgIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString pgLiteral(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("''"));
    return u'\'' + quoted + u'\'';
}

} // namespace citygrid
