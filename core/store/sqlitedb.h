// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace citygrid {

/// An open SQLite connection (RAII around sqlite3*). Owned by whoever opened it; one thread at a
/// time. The only way CityGrid opens a store file: several connections in one process share
/// SQLite's locks, while any other open and close of the file would drop them.
class SqliteDb
{
    Q_DECLARE_TR_FUNCTIONS(SqliteDb)
public:
    enum class Mode { ReadWrite, ReadOnly };
    /// How long a writer waits for another one before giving up with "the store is busy".
    static constexpr int busyTimeoutMs = 20000;
    static Result<std::unique_ptr<SqliteDb>> open(const QString &path, Mode mode = Mode::ReadWrite);
    ~SqliteDb();
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;

    Result<void> exec(const QString &sql);
    sqlite3 *handle() const { return m_db; }
    QString lastError() const;
    qint64 lastInsertId() const; ///< the rowid of the last row this connection inserted
    qint64 changes() const;      ///< rows the last statement inserted, changed or deleted
    QString path() const { return m_path; }

private:
    SqliteDb(sqlite3 *db, QString path) : m_db(db), m_path(std::move(path)) {}
    sqlite3 *m_db;
    QString m_path;
};

/// A prepared statement (RAII around sqlite3_stmt*). Bind indexes start at 1, columns at 0.
class Statement
{
    Q_DECLARE_TR_FUNCTIONS(Statement)
public:
    static Result<Statement> prepare(const SqliteDb &db, const QString &sql);
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&) = delete;
    ~Statement();

    Statement &bind(int index, const QString &value);
    Statement &bind(int index, qint64 value);
    Statement &bind(int index, double value);
    Statement &bindBlob(int index, const QByteArray &value);
    Statement &bindNull(int index);
    /// true while a row is available, false when done, an Error on failure.
    Result<bool> step();
    Result<void> run(); ///< steps to completion and resets, for INSERT/UPDATE
    /// Calls `visit(*this)` for every row of the result; stops at the first error.
    template <typename Visit> Result<void> forEachRow(Visit &&visit)
    {
        for (;;) {
            auto row = step();
            if (!row)
                return row.error();
            if (!row.value())
                return {};
            visit(std::as_const(*this));
        }
    }
    void reset();

    QString text(int column) const;
    qint64 integer(int column) const;
    double real(int column) const;
    QByteArray blob(int column) const;
    /// The same without a copy: valid until the next step or reset.
    QByteArray blobView(int column) const;
    bool isNull(int column) const;

private:
    Statement(sqlite3_stmt *stmt, sqlite3 *db) : m_stmt(stmt), m_db(db) {}
    sqlite3_stmt *m_stmt;
    sqlite3 *m_db;
};

/// Scope guard: rolls back unless commit() succeeded. Inside another transaction on the same
/// connection it is a savepoint, so work that commits on its own can also be part of a larger
/// all-or-nothing change (the demo's cases and its assessment months).
class Transaction
{
public:
    explicit Transaction(SqliteDb &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    bool isActive() const { return m_active; }
    Result<void> begin();
    Result<void> commit();

private:
    SqliteDb &m_db;
    bool m_active = false;
    QString m_savepoint; ///< set when nested
};

} // namespace citygrid
