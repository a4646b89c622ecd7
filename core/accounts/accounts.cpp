// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/accounts.h"

#include "accounts/actinguser.h"
#include "accounts/passwords.h"
#include "audit/recordchain.h"
#include "base/uuids.h"
#include "calendar/districttime.h"
#include "grid/cellcode.h"
#include "store/store.h"
#include "store/storeschema.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace citygrid {

namespace {

const QString columns =
    QStringLiteral("name, display_name, role, coalesce(unit_id, ''), coalesce(area, ''), enabled,"
                   " coalesce(locked_until, '')");

QString stored(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parsed(const QString &text)
{
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

Account accountFrom(const Statement &q)
{
    return {q.text(0), q.text(1),         q.text(2),        q.text(3),
            q.text(4), q.integer(5) != 0, parsed(q.text(6))};
}

Error wrongNameOrPassword()
{
    return {QStringLiteral("account.login"),
            Accounts::tr("Wrong account name or password; nothing was done"),
            {}};
}

} // namespace

Result<QList<Account>> Accounts::list() const
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("SELECT %1 FROM accounts ORDER BY name").arg(columns));
    if (!q)
        return q.error();
    QList<Account> all;
    if (auto r = q.value().forEachRow([&](const Statement &s) { all << accountFrom(s); }); !r)
        return r.error();
    return all;
}

Result<std::optional<Account>> Accounts::find(const QString &name) const
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("SELECT %1 FROM accounts WHERE name = ?").arg(columns));
    if (!q)
        return q.error();
    q.value().bind(1, name);
    auto row = q.value().step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<Account>();
    return std::optional<Account>(accountFrom(q.value()));
}

Result<bool> Accounts::isEmpty() const
{
    auto q = Statement::prepare(m_db, QStringLiteral("SELECT count(*) FROM accounts"));
    if (!q)
        return q.error();
    auto row = q.value().step();
    if (!row)
        return row.error();
    return q.value().integer(0) == 0;
}

Result<Account> Accounts::existing(const QString &name) const
{
    auto found = find(name);
    if (!found)
        return found.error();
    if (!found.value())
        return Error{QStringLiteral("account.unknown"),
                     tr("There is no account \"%1\" at this site").arg(name),
                     {}};
    return *found.value();
}

Result<Account> Accounts::actor(const QString &name) const
{
    if (name.isEmpty())
        return Error{QStringLiteral("account.none"),
                     tr("Say who acts (on the command line: --user NAME)"),
                     {}};
    auto account = existing(name);
    if (!account)
        return account;
    if (!account.value().enabled)
        return Error{QStringLiteral("account.disabled"),
                     tr("The account \"%1\" is disabled; an administrator can enable it").arg(name),
                     {}};
    return account;
}

Result<Account> Accounts::administrator(const QString &actorName) const
{
    return ActingUser{actorName, &m_roles}.check(m_db, Right::ManageAccounts);
}

Result<void> Accounts::validate(const Account &account, const RoleCatalogue &roles,
                                const UnitCatalogue *units, const GridCatalogue *grid)
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z][A-Za-z0-9._-]{1,31}$"));
    if (!namePattern.match(account.name).hasMatch())
        return Error{QStringLiteral("account.name"),
                     tr("\"%1\" cannot be an account name: use 2 to 32 letters, digits, '.', '_' "
                        "or '-', starting with a letter")
                         .arg(account.name),
                     {}};
    if (account.displayName.trimmed().isEmpty() || account.displayName.size() > 40)
        return Error{QStringLiteral("account.display-name"),
                     tr("Give the account a display name of 1 to 40 characters"),
                     {}};
    if (!roles.role(account.roleId)) {
        QStringList ids;
        for (const auto &r : roles.roles())
            ids << r.id;
        return Error{QStringLiteral("account.role"),
                     tr("Unknown role \"%1\": use one of %2")
                         .arg(account.roleId, ids.join(QStringLiteral(", "))),
                     {}};
    }
    const bool unitStaff = roles.may(account.roleId, CaseStep::Feedback);
    if (unitStaff && account.unitId.isEmpty())
        return Error{QStringLiteral("account.unit"),
                     tr("A unit's staff account needs its unit (--unit U020)"),
                     {}};
    if (!account.unitId.isEmpty() && units && !units->find(account.unitId))
        return Error{
            QStringLiteral("account.unit"),
            tr("Unknown unit \"%1\": give a unit id of the unit catalogue").arg(account.unitId),
            {}};
    if (!account.area.isEmpty()) {
        const auto code = CellCode::parse(account.area);
        const bool level = code && (code.value().level() == GridLevel::Subdistrict ||
                                    code.value().level() == GridLevel::Community);
        if (!level || (grid && !grid->find(account.area)))
            return Error{QStringLiteral("account.area"),
                         tr("\"%1\" is not a subdistrict or community of this district; give its "
                            "9- or 12-digit code")
                             .arg(account.area),
                         {}};
    }
    return {};
}

Result<QByteArray> Accounts::strongHash(const QString &name, const QString &password)
{
    if (const QString weak = Passwords::weakness(password, name); !weak.isEmpty())
        return Error{QStringLiteral("account.password"), weak, {}};
    return Passwords::hash(password);
}

Result<void> Accounts::insert(const Account &account, const QByteArray &hash, const QDateTime &at)
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("INSERT INTO accounts (name, display_name, role, unit_id, area, "
                             "enabled, password_hash, created_at, updated_at)"
                             " VALUES (?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, ?, ?)"));
    if (!q)
        return q.error();
    q.value().bind(1, account.name).bind(2, account.displayName.trimmed()).bind(3, account.roleId);
    q.value().bind(4, account.unitId).bind(5, account.area).bind(6, qint64(account.enabled));
    q.value().bind(7, QString::fromLatin1(hash)).bind(8, stored(at)).bind(9, stored(at));
    return q.value().run();
}

Result<void> Accounts::record(const QString &account, const QString &kind, const QString &actor,
                              const QString &role, const QDateTime &at, const QString &detail)
{
    auto q = Statement::prepare(
        m_db, QStringLiteral("INSERT INTO account_events (uuid, account, kind, actor, role, at, "
                             "site_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?, ''))"));
    if (!q)
        return q.error();
    q.value().bind(1, uuids::next()).bind(2, account).bind(3, kind).bind(4, actor);
    q.value().bind(5, role).bind(6, stored(at)).bind(7, m_siteId).bind(8, detail);
    if (auto r = q.value().run(); !r)
        return r;
    RecordChain chain(m_db);
    if (auto r = chain.sealLastRow(recordstreams::accountEvents()); !r)
        return r;
    // the events that change the account's row seal its new content as well
    static const QStringList changing{QStringLiteral("created"), QStringLiteral("enabled"),
                                      QStringLiteral("disabled"), QStringLiteral("password_reset"),
                                      QStringLiteral("locked")};
    if (!changing.contains(kind))
        return {};
    return chain.sealState(recordstreams::accounts(), account);
}

namespace {

QString describe(const Account &a)
{
    QJsonObject o{{QStringLiteral("display_name"), a.displayName},
                  {QStringLiteral("role"), a.roleId}};
    if (!a.unitId.isEmpty())
        o.insert(QStringLiteral("unit"), a.unitId);
    if (!a.area.isEmpty())
        o.insert(QStringLiteral("area"), a.area);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

Result<Account> Accounts::init(const Account &admin, const QString &password, const QDateTime &at)
{
    if (!m_roles.may(admin.roleId, Right::ManageAccounts))
        return Error{QStringLiteral("account.role"),
                     tr("The first account must be able to manage accounts (%1)")
                         .arg(m_roles.rolesThatMay(Right::ManageAccounts)),
                     {}};
    return create(admin, password, admin.name, admin.roleId, at, true);
}

Result<Account> Accounts::add(const QString &actorName, const Account &account,
                              const QString &password, const QDateTime &at)
{
    auto admin = administrator(actorName);
    if (!admin)
        return admin.error();
    return create(account, password, actorName, admin.value().roleId, at, false);
}

Result<Account> Accounts::create(const Account &account, const QString &password,
                                 const QString &actorName, const QString &actorRole,
                                 const QDateTime &at, bool first)
{
    if (auto r = checkNew(account); !r)
        return r.error();
    auto hash = strongHash(account.name, password);
    if (!hash)
        return hash.error();
    Transaction t(m_db);
    if (auto r = t.begin(); !r)
        return r.error();
    if (first) {
        auto empty = isEmpty();
        if (!empty)
            return empty.error();
        if (!empty.value())
            return Error{QStringLiteral("account.init"),
                         tr("This store has accounts already; an administrator adds more with "
                            "\"citygrid accounts add\""),
                         {}};
    } else {
        auto found = find(account.name);
        if (!found)
            return found.error();
        if (found.value())
            return Error{QStringLiteral("account.exists"),
                         tr("There is an account \"%1\" already").arg(account.name),
                         {}};
    }
    if (auto r = insert(account, hash.value(), at); !r)
        return r.error();
    if (auto r = record(account.name, QStringLiteral("created"), actorName, actorRole, at,
                        describe(account));
        !r)
        return r.error();
    if (auto r = t.commit(); !r)
        return r.error();
    return account;
}

QString Accounts::stateText(const Account &account, const QDateTime &now)
{
    if (!account.enabled)
        return tr("disabled");
    if (account.lockedUntil > now)
        return tr("locked until %1")
            .arg(districttime::local(account.lockedUntil).toString(QStringLiteral("HH:mm")));
    return tr("enabled");
}

Result<void> Accounts::setEnabled(const QString &actorName, const QString &name, bool enabled,
                                  const QDateTime &at)
{
    auto admin = administrator(actorName);
    if (!admin)
        return admin.error();
    if (!enabled && name == actorName)
        return Error{QStringLiteral("account.self"),
                     tr("You cannot disable your own account; another administrator can"),
                     {}};
    Transaction t(m_db);
    if (auto r = t.begin(); !r)
        return r.error();
    auto account = existing(name);
    if (!account)
        return account.error();
    if (account.value().enabled == enabled)
        return {}; // nothing to change, nothing to record
    auto q = Statement::prepare(
        m_db, QStringLiteral("UPDATE accounts SET enabled = ?, updated_at = ? WHERE name = ?"));
    if (!q)
        return q.error();
    q.value().bind(1, qint64(enabled)).bind(2, stored(at)).bind(3, name);
    if (auto r = q.value().run(); !r)
        return r;
    if (auto r = record(name, enabled ? QStringLiteral("enabled") : QStringLiteral("disabled"),
                        actorName, admin.value().roleId, at);
        !r)
        return r;
    return t.commit();
}

Result<void> Accounts::resetPassword(const QString &actorName, const QString &name,
                                     const QString &password, const QDateTime &at)
{
    auto admin = administrator(actorName);
    if (!admin)
        return admin.error();
    auto account = existing(name);
    if (!account)
        return account.error();
    auto hash = strongHash(name, password);
    if (!hash)
        return hash.error();
    Transaction t(m_db);
    if (auto r = t.begin(); !r)
        return r.error();
    auto q = Statement::prepare(m_db, QStringLiteral("UPDATE accounts SET password_hash = ?, "
                                                     "locked_until = NULL, updated_at = ? "
                                                     "WHERE name = ?"));
    if (!q)
        return q.error();
    q.value().bind(1, QString::fromLatin1(hash.value())).bind(2, stored(at)).bind(3, name);
    if (auto r = q.value().run(); !r)
        return r;
    if (auto r =
            record(name, QStringLiteral("password_reset"), actorName, admin.value().roleId, at);
        !r)
        return r;
    return t.commit();
}

Result<int> Accounts::seed(const QList<Account> &accounts, const QByteArray &passwordHash,
                           const QDateTime &at)
{
    Transaction t(m_db);
    if (auto r = t.begin(); !r)
        return r.error();
    int added = 0;
    for (const Account &a : accounts) {
        auto found = find(a.name);
        if (!found)
            return found.error();
        if (found.value())
            continue;
        if (auto r = checkNew(a); !r)
            return r.error();
        if (auto r = insert(a, passwordHash, at); !r)
            return r.error();
        if (auto r = record(a.name, QStringLiteral("created"), a.name, a.roleId, at, describe(a));
            !r)
            return r.error();
        ++added;
    }
    if (auto r = t.commit(); !r)
        return r.error();
    return added;
}

int Accounts::idleLockMinutes() const
{
    bool ok = false;
    const int minutes = Store::meta(m_db, storeschema::keyIdleLockMinutes()).toInt(&ok);
    return ok ? minutes : defaultIdleLockMinutes;
}

Result<void> Accounts::setIdleLockMinutes(const QString &actorName, int minutes,
                                          const QDateTime &at)
{
    if (minutes < 0 || minutes > 480)
        return Error{QStringLiteral("account.idle"),
                     tr("Give the idle time before the window locks in minutes, 0 (never) to 480"),
                     {}};
    return setSetting(actorName, storeschema::keyIdleLockMinutes(), QString::number(minutes), at);
}

bool Accounts::readNeedsLogin() const
{
    return Store::meta(m_db, storeschema::keyReadNeedsLogin()) == QLatin1String("1");
}

Result<void> Accounts::setReadNeedsLogin(const QString &actorName, bool needed, const QDateTime &at)
{
    return setSetting(actorName, storeschema::keyReadNeedsLogin(),
                      needed ? QStringLiteral("1") : QStringLiteral("0"), at);
}

Result<void> Accounts::setSetting(const QString &actorName, const QString &key,
                                  const QString &value, const QDateTime &at)
{
    auto admin = administrator(actorName);
    if (!admin)
        return admin.error();
    Transaction t(m_db);
    if (auto r = t.begin(); !r)
        return r;
    if (auto r = Store::setMeta(m_db, key, value); !r)
        return r;
    if (auto r = record({}, key, actorName, admin.value().roleId, at, value); !r)
        return r;
    return t.commit();
}

Result<int> Accounts::recentFailures(const QString &name, const QDateTime &at) const
{
    // failures since the later of 15 minutes ago and the last login, reset or lock
    auto q = Statement::prepare(
        m_db, QStringLiteral(
                  "SELECT count(*) FROM account_events WHERE account = ?1 AND kind = 'login_failed'"
                  " AND at > max(?2, coalesce((SELECT max(at) FROM account_events WHERE account = "
                  "?1 AND kind IN ('login', 'password_reset', 'locked')), ''))"));
    if (!q)
        return q.error();
    q.value().bind(1, name).bind(2, stored(at.addSecs(-60 * lockMinutes)));
    auto row = q.value().step();
    if (!row)
        return row.error();
    return int(q.value().integer(0));
}

Result<Account> Accounts::refuseLogin(const QString &name, const QString &why,
                                      const QString &actorRole, const QDateTime &at, Error error)
{
    if (auto r = record(name, QStringLiteral("login_failed"), name, actorRole, at, why); !r)
        return r.error();
    return error;
}

Result<bool> Accounts::passwordMatches(const QString &name, const QString &password) const
{
    auto hash = Statement::prepare(
        m_db, QStringLiteral("SELECT password_hash FROM accounts WHERE name = ?"));
    if (!hash)
        return hash.error();
    hash.value().bind(1, name);
    if (auto row = hash.value().step(); !row)
        return row.error();
    return Passwords::matches(hash.value().text(0).toLatin1(), password);
}

Result<Account> Accounts::login(const QString &name, const QString &password, const QDateTime &at)
{
    Transaction t(m_db);
    if (auto r = t.begin(); !r)
        return r.error();
    auto found = find(name);
    if (!found)
        return found.error();
    Result<Account> result = Error{};
    if (!found.value()) {
        result = refuseLogin(name, QStringLiteral("unknown"), {}, at, wrongNameOrPassword());
    } else if (const Account &a = *found.value(); !a.enabled) {
        // only whoever knows the password learns that the account is there but disabled
        auto known = passwordMatches(name, password);
        if (!known)
            return known.error();
        result = refuseLogin(
            name, QStringLiteral("disabled"), a.roleId, at,
            known.value()
                ? Error{QStringLiteral("account.disabled"),
                        tr("The account \"%1\" is disabled; an administrator can enable it")
                            .arg(name),
                        {}}
                : wrongNameOrPassword());
    } else if (a.lockedUntil.isValid() && a.lockedUntil > at) {
        result = refuseLogin(
            name, QStringLiteral("locked"), a.roleId, at,
            {QStringLiteral("account.locked"),
             tr("The account \"%1\" is locked after %2 wrong passwords until %3; wait, or ask an "
                "administrator to reset the password")
                 .arg(name)
                 .arg(maxFailures)
                 .arg(districttime::local(a.lockedUntil).toString(QStringLiteral("HH:mm"))),
             {}});
    } else {
        auto known = passwordMatches(name, password);
        if (!known)
            return known.error();
        if (known.value()) {
            if (auto r = record(name, QStringLiteral("login"), name, a.roleId, at); !r)
                return r.error();
            result = a;
        } else {
            result =
                refuseLogin(name, QStringLiteral("password"), a.roleId, at, wrongNameOrPassword());
            auto failures = recentFailures(name, at);
            if (!failures)
                return failures.error();
            if (failures.value() >= maxFailures) {
                auto lock = Statement::prepare(
                    m_db, QStringLiteral("UPDATE accounts SET locked_until = ? WHERE name = ?"));
                if (!lock)
                    return lock.error();
                const QDateTime until = at.addSecs(60 * lockMinutes);
                lock.value().bind(1, stored(until)).bind(2, name);
                if (auto r = lock.value().run(); !r)
                    return r.error();
                if (auto r = record(name, QStringLiteral("locked"), name, a.roleId, at); !r)
                    return r.error();
                result = Error{
                    QStringLiteral("account.locked"),
                    tr("Wrong password %1 times in %2 minutes: the account \"%3\" is "
                       "locked until %4")
                        .arg(maxFailures)
                        .arg(lockMinutes)
                        .arg(name, districttime::local(until).toString(QStringLiteral("HH:mm"))),
                    {}};
            }
        }
    }
    if (auto r = t.commit(); !r)
        return r.error();
    return result;
}

} // namespace citygrid
