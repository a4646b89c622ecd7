// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "audit/recordchain.h"
#include "catalogues/rolecatalogue.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>
#include <optional>

namespace citygrid {

struct SyncPackage;
struct CaseEvent;

/// What a sync package carries so that its events can be trusted at the other end: each event's
/// link in the chain of the site that sealed it, the signed head of each such chain, and the
/// sending site's accounts (name, role, unit, area; never a password hash). The receiver checks
/// all of it before it writes anything.
class SyncChain
{
    Q_DECLARE_TR_FUNCTIONS(SyncChain)
public:
    /// A package's "chain", "heads" and "accounts" for the events linked by `links`.
    static Result<QJsonObject> collect(const SqliteDb &db, const QList<ChainLink> &links);

    struct Checked
    {
        QList<ChainLink> newLinks; ///< links this store does not hold yet, in order
        QList<ChainHead> heads;    ///< heads newer than this store's
    };
    /// Refuses, naming the event and the reason, a package whose events are not each sealed in
    /// their site's chain exactly as they are, whose chains do not continue the ones this store
    /// holds or end at their signed heads, or whose source's events were written by someone who
    /// is not one of its accounts, under another role, or in a role that may not take the step.
    static Result<Checked>
    check(const SqliteDb &db, const SyncPackage &package, const RoleCatalogue &roles,
          const std::function<std::optional<QByteArray>(const QString &site)> &publicKeyOf);
    /// The role of each account of the package's sending site, by name.
    static QHash<QString, QString> senderRoles(const SyncPackage &package);
    /// Whether `e` is a case moved into a new grid cell by a grid import at its site: written by
    /// the import, not an account (the import itself needed Right::ImportGrid there).
    static bool isGridMove(const CaseEvent &e);
    /// Stores what check() accepted, in the import's transaction.
    static Result<void> store(SqliteDb &db, const Checked &checked);
};

} // namespace citygrid
