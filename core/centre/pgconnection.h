// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QVariant>

#include <memory>

struct pg_conn;
struct pg_result;

namespace citygrid {

/// The rows a statement returned (libpq's result, owned). Text format: every value arrives as
/// the server's text for it. Value type (moves); any thread.
class PgResult
{
public:
    explicit PgResult(pg_result *result);
    int rows() const;
    int columns() const;
    bool isNull(int row, int column) const;
    QString text(int row, int column) const;
    qint64 integer(int row, int column) const { return text(row, column).toLongLong(); }
    bool boolean(int row, int column) const { return text(row, column) == QLatin1String("t"); }
    /// How many rows an INSERT, UPDATE or DELETE touched.
    qint64 affected() const;

private:
    std::shared_ptr<pg_result> m_result;
};

/// One connection to the centre's PostgreSQL server (libpq), opened from a
/// `postgresql://user@host:port/db` URI. Every failure is an Error a person can act on: the server
/// cannot be reached, the password is wrong, the server refused (SQLSTATE kept as the code's tail:
/// "centre.sql.42501"), or CityGrid's own refusal raised by a server-side function ("centre.stale"
/// from its hint "citygrid.stale"; the server's words and detail in `detail`). Moves; one thread
/// at a time.
class PgConnection
{
    Q_DECLARE_TR_FUNCTIONS(PgConnection)
public:
    /// Opens `uri`; `password` (if not empty) is used instead of one the URI carries.
    static Result<PgConnection> open(const QString &uri, const QString &password = {});

    PgConnection(PgConnection &&) noexcept = default;
    PgConnection &operator=(PgConnection &&) noexcept = default;
    ~PgConnection();

    /// One statement with $1, $2 … bound to `params` (a null QVariant is NULL; a QByteArray is
    /// sent as bytes; anything else as its text).
    Result<PgResult> exec(const QString &sql, const QVariantList &params = {});
    /// Several statements without parameters, as one script (one implicit transaction unless the
    /// script says otherwise).
    Result<void> run(const QString &script);
    /// COPY … FROM STDIN with `data` in COPY's text format.
    Result<void> copyIn(const QString &copySql, const QByteArray &data);
    /// The SCRAM-SHA-256 verifier of `password` for `role`, computed here so the password itself
    /// never reaches the server's logs.
    Result<QString> scramVerifier(const QString &role, const QString &password);

    QString user() const;
    QString database() const;
    /// host:port, for messages.
    QString endpoint() const;
    /// The server's version as text ("15.20").
    QString serverVersion() const;
    pg_conn *raw() const { return m_conn.get(); }

    /// A value as COPY's text format writes it (backslash escapes; null as \N).
    static QByteArray copyField(const QVariant &value);

private:
    explicit PgConnection(pg_conn *conn);
    Error failure(pg_result *result) const;
    struct Closer
    {
        void operator()(pg_conn *conn) const;
    };
    std::unique_ptr<pg_conn, Closer> m_conn;
};

/// BEGIN … COMMIT on a connection; rolled back if not committed (RAII).
class PgTransaction
{
public:
    explicit PgTransaction(PgConnection &conn) : m_conn(conn) {}
    ~PgTransaction();
    PgTransaction(const PgTransaction &) = delete;
    PgTransaction &operator=(const PgTransaction &) = delete;
    /// `mode`: what follows BEGIN ("ISOLATION LEVEL REPEATABLE READ READ ONLY" for a snapshot).
    Result<void> begin(const QString &mode = {});
    Result<void> commit();

private:
    PgConnection &m_conn;
    bool m_active = false;
};

/// Quotes an SQL identifier (a role or table name) as PostgreSQL reads it.
QString pgIdentifier(const QString &name);
/// Quotes an SQL string literal.
QString pgLiteral(const QString &text);

} // namespace citygrid
