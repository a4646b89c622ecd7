// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "store/sqlitedb.h"

#include "store/gpkgblob.h"

#include <sqlite3.h>

#include <atomic>

namespace citygrid {

namespace {

/// SQLite's answer for a failed call, as the user reads it: a busy or damaged store says so and
/// what to do; anything else keeps the caller's message.
Error failure(sqlite3 *db, const QString &code, const QString &message)
{
    const QString detail = QString::fromUtf8(sqlite3_errmsg(db));
    switch (sqlite3_errcode(db) & 0xff) {
    case SQLITE_BUSY:
        return {QStringLiteral("store.busy"),
                SqliteDb::tr("The store is busy: another workstation or command is writing to it "
                             "and did not finish within %1 seconds. Nothing was changed; try "
                             "again in a moment.")
                    .arg(SqliteDb::busyTimeoutMs / 1000),
                detail};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return {QStringLiteral("store.damaged"),
                SqliteDb::tr("The store file is damaged. Nothing was changed. Restore it from a "
                             "backup before working on it again."),
                detail};
    case SQLITE_FULL:
        return {QStringLiteral("store.full"),
                SqliteDb::tr("The disk holding the store is full. Nothing was changed; free some "
                             "space and try again."),
                detail};
    default:
        return {code, message, detail};
    }
}

} // namespace

Result<std::unique_ptr<SqliteDb>> SqliteDb::open(const QString &path, Mode mode)
{
    sqlite3 *db = nullptr;
    // A reader opens read-write and is then made query-only: a truly read-only connection cannot
    // checkpoint, so the last one to close would leave the -wal and -shm files behind.
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK) {
        const QString detail = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return Error{QStringLiteral("store.open"), tr("Cannot open the store %1").arg(path),
                     detail};
    }
    sqlite3_busy_timeout(db, busyTimeoutMs);
    gpkgblob::registerSqlFunctions(db);
    std::unique_ptr<SqliteDb> result(new SqliteDb(db, path));
    if (auto r = result->exec(QStringLiteral("PRAGMA foreign_keys = ON")); !r)
        return r.error();
    if (mode == Mode::ReadOnly)
        if (auto r = result->exec(QStringLiteral("PRAGMA query_only = ON")); !r)
            return r.error();
    return result;
}

SqliteDb::~SqliteDb()
{
    sqlite3_close(m_db);
}

Result<void> SqliteDb::exec(const QString &sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message) != SQLITE_OK) {
        sqlite3_free(message);
        return failure(m_db, QStringLiteral("store.sql"), tr("The store refused a change"));
    }
    return {};
}

qint64 SqliteDb::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

qint64 SqliteDb::changes() const
{
    return sqlite3_changes64(m_db);
}

QString SqliteDb::lastError() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

Result<Statement> Statement::prepare(const SqliteDb &db, const QString &sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db.handle(), sql.toUtf8().constData(), -1, &stmt, nullptr) != SQLITE_OK)
        return failure(db.handle(), QStringLiteral("store.prepare"),
                       tr("The store could not run a query"));
    return Statement(stmt, db.handle());
}

Statement::Statement(Statement &&other) noexcept : m_stmt(other.m_stmt), m_db(other.m_db)
{
    other.m_stmt = nullptr;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement &Statement::bindBlob(int index, const QByteArray &value)
{
    sqlite3_bind_blob(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool> Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return failure(m_db, QStringLiteral("store.step"), tr("The store could not complete a query"));
}

Result<void> Statement::run()
{
    auto r = step();
    reset();
    if (!r)
        return r.error();
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return data ? QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column)) : QString();
}

qint64 Statement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}
QByteArray Statement::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return data ? QByteArray(data, sqlite3_column_bytes(m_stmt, column)) : QByteArray();
}

QByteArray Statement::blobView(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return data ? QByteArray::fromRawData(data, sqlite3_column_bytes(m_stmt, column))
                : QByteArray();
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}
bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Transaction::Transaction(SqliteDb &db) : m_db(db) {}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    if (m_savepoint.isEmpty())
        (void)m_db.exec(QStringLiteral("ROLLBACK"));
    else
        (void)m_db.exec(QStringLiteral("ROLLBACK TO %1; RELEASE %1").arg(m_savepoint));
}

Result<void> Transaction::begin()
{
    if (sqlite3_get_autocommit(m_db.handle()) == 0) {
        static std::atomic<int> counter{0};
        m_savepoint = QStringLiteral("nested_%1").arg(++counter);
        auto r = m_db.exec(QStringLiteral("SAVEPOINT %1").arg(m_savepoint));
        m_active = r.ok();
        return r;
    }
    auto r = m_db.exec(QStringLiteral("BEGIN IMMEDIATE"));
    m_active = r.ok();
    return r;
}

Result<void> Transaction::commit()
{
    auto r = m_db.exec(m_savepoint.isEmpty() ? QStringLiteral("COMMIT")
                                             : QStringLiteral("RELEASE %1").arg(m_savepoint));
    if (r)
        m_active = false;
    return r;
}

} // namespace citygrid
