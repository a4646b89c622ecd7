// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "storemigrator.h"

#include "sqlitedb.h"
#include "storeschema.h"

#include <QFile>

#include <algorithm>

namespace citygrid {

QList<StoreMigrator::Step> StoreMigrator::builtinSteps()
{
    // Version 1 is the first schema; later versions append their steps here.
    return {};
}

Result<QString> StoreMigrator::migrate(SqliteDb &db, int current, int target) const
{
    // The backup is a consistent copy taken by SQLite itself, so a WAL store is copied whole.
    const QString backup = db.path() + QStringLiteral(".v%1.bak").arg(current);
    QFile::remove(backup);
    QString quoted = backup;
    quoted.replace(u'\'', QStringLiteral("''"));
    if (auto r = db.exec(QStringLiteral("VACUUM INTO '%1'").arg(quoted)); !r)
        return Error{QStringLiteral("store.backup"),
                     tr("Could not back up the store before upgrading it; nothing was changed"),
                     r.error().detail};
    Transaction tx(db);
    if (auto r = tx.begin(); !r)
        return r.error();
    for (int v = current; v < target; ++v) {
        const auto step = std::find_if(m_steps.cbegin(), m_steps.cend(),
                                       [v](const Step &s) { return s.fromVersion == v; });
        if (step == m_steps.cend())
            return Error{QStringLiteral("store.no-migration"),
                         tr("This store has schema version %1, which this CityGrid cannot upgrade")
                             .arg(current),
                         {}};
        if (auto r = db.exec(step->sql); !r)
            return Error{
                QStringLiteral("store.migration"),
                tr("Upgrading the store from version %1 failed; it was left unchanged").arg(v),
                r.error().detail};
    }
    auto update = Statement::prepare(
        db,
        QStringLiteral("UPDATE %1 SET value = ?1 WHERE key = ?2").arg(storeschema::metaTable()));
    if (!update)
        return update.error();
    update.value().bind(1, QString::number(target)).bind(2, storeschema::keySchemaVersion());
    if (auto r = update.value().run(); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return backup;
}

} // namespace citygrid
