// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/accounts.h"
#include "accounts/passwords.h"
#include "catalogues/casecatalogues.h"
#include "grid/gridimport.h"
#include "store/store.h"
#include "store/storeschema.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace citygrid;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString adminPassword = QStringLiteral("Admin-pass-2026");
const QString staffPassword = QStringLiteral("staff+pass+77");

qint64 count(const Store &store, const QString &sql)
{
    auto q = Statement::prepare(store.db(), sql);
    if (!q || !q.value().step().ok())
        return -1;
    return q.value().integer(0);
}

} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    CaseCatalogues m_catalogues = CaseCatalogues::load(QStringLiteral(":/catalogues")).value();
    GridCatalogue m_grid;
    const QDateTime m_t0 = QDateTime(QDate(2026, 12, 1), QTime(9, 0), QTimeZone::utc());

    std::unique_ptr<Store> freshStore(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        if (!GridImport::ensureStore(path, QStringLiteral(":/data/futian")))
            return {};
        auto store = Store::open(path);
        return store ? std::move(store).value() : nullptr;
    }
    Accounts accounts(Store &store)
    {
        return Accounts(store.db(), m_catalogues.roles, store.meta(storeschema::keySiteId()),
                        &m_catalogues.units, &m_grid);
    }
    /// A store with its administrator "root" and unit staff "us01" of U020.
    std::unique_ptr<Store> staffedStore(const QString &name)
    {
        auto store = freshStore(name);
        if (!store)
            return {};
        Accounts a = accounts(*store);
        if (!a.init({QStringLiteral("root"), QStringLiteral("管理员"), QStringLiteral("admin")},
                    adminPassword, m_t0))
            return {};
        if (!a.add(QStringLiteral("root"),
                   {QStringLiteral("us01"), QStringLiteral("周涛"), QStringLiteral("unit_staff"),
                    QStringLiteral("U020")},
                   staffPassword, m_t0))
            return {};
        return store;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto store = freshStore(QStringLiteral("grid.gpkg"));
        QVERIFY(store);
        m_grid = store->loadCatalogue().value();
    }

    void weakPasswordsAreNamed_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("short") << QStringLiteral("abc123") << false;
        QTest::newRow("nine") << QStringLiteral("abcdefg12") << false;
        QTest::newRow("letters only") << QStringLiteral("abcdefghijkl") << false;
        QTest::newRow("digits only") << QStringLiteral("123456789012") << false;
        QTest::newRow("repeated") << QStringLiteral("aaaaaaaaaaaa") << false;
        QTest::newRow("holds the name") << QStringLiteral("my-op01-pass") << false;
        QTest::newRow("ten, letter and digit") << QStringLiteral("abcdefgh12") << true;
        QTest::newRow("chinese and sign") << QStringLiteral("福田网格管理中心值班!") << true;
    }
    void weakPasswordsAreNamed()
    {
        QFETCH(QString, password);
        QFETCH(bool, accepted);
        const QString why = Passwords::weakness(password, QStringLiteral("op01"));
        QCOMPARE(why.isEmpty(), accepted);
    }

    void hashesAreArgon2idAndSalted()
    {
        const auto a = Passwords::hash(adminPassword);
        const auto b = Passwords::hash(adminPassword);
        QVERIFY(a && b);
        QVERIFY2(a.value().startsWith("$argon2id$"), a.value().constData());
        QVERIFY(a.value().contains("m=65536,t=2")); // libsodium's interactive limits
        QVERIFY(a.value() != b.value());
        QVERIFY(!a.value().contains(adminPassword.toUtf8()));
        QVERIFY(Passwords::matches(a.value(), adminPassword));
        QVERIFY(!Passwords::matches(a.value(), adminPassword + u'x'));
        QVERIFY(!Passwords::matches("$argon2id$garbage", adminPassword));
        QVERIFY(!Passwords::matches({}, {}));
        QVERIFY(!Passwords::needsRehash(a.value()));
    }

    void theFirstAccountIsAnAdministratorMadeOnce()
    {
        auto store = freshStore(QStringLiteral("init.gpkg"));
        QVERIFY(store);
        Accounts a = accounts(*store);
        QVERIFY(a.isEmpty().value());
        const auto notAdmin =
            a.init({QStringLiteral("op01"), QStringLiteral("张敏"), QStringLiteral("operator")},
                   adminPassword, m_t0);
        QVERIFY(!notAdmin);
        QCOMPARE(notAdmin.error().code, QStringLiteral("account.role"));
        const auto weak =
            a.init({QStringLiteral("root"), QStringLiteral("管理员"), QStringLiteral("admin")},
                   QStringLiteral("short"), m_t0);
        QVERIFY(!weak);
        QCOMPARE(weak.error().code, QStringLiteral("account.password"));
        QVERIFY(a.isEmpty().value());
        QVERIFY(a.init({QStringLiteral("root"), QStringLiteral("管理员"), QStringLiteral("admin")},
                       adminPassword, m_t0));
        const auto again =
            a.init({QStringLiteral("root2"), QStringLiteral("管理员"), QStringLiteral("admin")},
                   adminPassword, m_t0);
        QVERIFY(!again);
        QCOMPARE(again.error().code, QStringLiteral("account.init"));
        QCOMPARE(a.list().value().size(), 1);
        QCOMPARE(count(*store, QStringLiteral("SELECT count(*) FROM account_events WHERE "
                                              "kind = 'created' AND account = 'root'")),
                 1);
    }

    void onlyAnAdministratorChangesAccounts()
    {
        auto store = staffedStore(QStringLiteral("rights.gpkg"));
        QVERIFY(store);
        Accounts a = accounts(*store);
        const qint64 events = count(*store, QStringLiteral("SELECT count(*) FROM account_events"));
        const Account extra{QStringLiteral("op09"), QStringLiteral("新人"),
                            QStringLiteral("operator")};
        const auto byStaff = a.add(QStringLiteral("us01"), extra, staffPassword, m_t0);
        QVERIFY(!byStaff);
        QCOMPARE(byStaff.error().code, QStringLiteral("permission.right"));
        QVERIFY(!a.setEnabled(QStringLiteral("us01"), QStringLiteral("root"), false, m_t0));
        QVERIFY(
            !a.resetPassword(QStringLiteral("us01"), QStringLiteral("root"), staffPassword, m_t0));
        QVERIFY(!a.add(QStringLiteral("nobody"), extra, staffPassword, m_t0));
        QCOMPARE(a.list().value().size(), 2);
        QCOMPARE(count(*store, QStringLiteral("SELECT count(*) FROM account_events")), events);
        QVERIFY(a.add(QStringLiteral("root"), extra, staffPassword, m_t0));
        QCOMPARE(a.list().value().size(), 3);
    }

    void badAccountsAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("area");
        QTest::addColumn<QString>("code");
        QTest::newRow("name with space")
            << u"op 1"_s << u"operator"_s << u""_s << u""_s << u"account.name"_s;
        QTest::newRow("name starts with digit")
            << u"1op"_s << u"operator"_s << u""_s << u""_s << u"account.name"_s;
        QTest::newRow("taken") << u"us01"_s << u"operator"_s << u""_s << u""_s
                               << u"account.exists"_s;
        QTest::newRow("unknown role")
            << u"op03"_s << u"king"_s << u""_s << u""_s << u"account.role"_s;
        QTest::newRow("staff without unit")
            << u"us03"_s << u"unit_staff"_s << u""_s << u""_s << u"account.unit"_s;
        QTest::newRow("unknown unit")
            << u"us03"_s << u"unit_staff"_s << u"U999"_s << u""_s << u"account.unit"_s;
        QTest::newRow("area not a code")
            << u"op03"_s << u"operator"_s << u""_s << u"福田"_s << u"account.area"_s;
        QTest::newRow("area a cell")
            << u"op03"_s << u"operator"_s << u""_s << u"44030400100101"_s << u"account.area"_s;
        QTest::newRow("area elsewhere")
            << u"op03"_s << u"operator"_s << u""_s << u"440305001"_s << u"account.area"_s;
    }
    void badAccountsAreRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, role);
        QFETCH(QString, unit);
        QFETCH(QString, area);
        QFETCH(QString, code);
        auto store =
            staffedStore(QStringLiteral("bad-%1.gpkg")
                             .arg(QString::fromUtf8(QTest::currentDataTag()).replace(u' ', u'-')));
        QVERIFY(store);
        Accounts a = accounts(*store);
        const auto added =
            a.add(QStringLiteral("root"), {name, QStringLiteral("某人"), role, unit, area},
                  staffPassword, m_t0);
        QVERIFY(!added);
        QCOMPARE(added.error().code, code);
        QVERIFY(!added.error().message.isEmpty());
        QCOMPARE(a.list().value().size(), 2);
    }

    void aSubdistrictOrCommunityBindsAnAccount()
    {
        auto store = staffedStore(QStringLiteral("area.gpkg"));
        QVERIFY(store);
        Accounts a = accounts(*store);
        const GridUnit subdistrict = m_grid.units().first();
        QVERIFY(a.add(QStringLiteral("root"),
                      {QStringLiteral("yl01"),
                       QStringLiteral("园岭值班"),
                       QStringLiteral("operator"),
                       {},
                       subdistrict.code},
                      staffPassword, m_t0));
        QCOMPARE(a.find(QStringLiteral("yl01")).value()->area, subdistrict.code);
    }

    void loginChecksThePasswordAndRecordsBoth()
    {
        auto store = staffedStore(QStringLiteral("login.gpkg"));
        QVERIFY(store);
        Accounts a = accounts(*store);
        const auto ok = a.login(QStringLiteral("us01"), staffPassword, m_t0);
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().toText()));
        QCOMPARE(ok.value().unitId, QStringLiteral("U020"));
        const auto wrong = a.login(QStringLiteral("us01"), adminPassword, m_t0);
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, QStringLiteral("account.login"));
        const auto unknown = a.login(QStringLiteral("mallory"), adminPassword, m_t0);
        QVERIFY(!unknown);
        // the same answer whether the name or the password was wrong
        QCOMPARE(unknown.error().message, wrong.error().message);
        QCOMPARE(count(*store, QStringLiteral("SELECT count(*) FROM account_events WHERE "
                                              "kind = 'login' AND account = 'us01'")),
                 1);
        QCOMPARE(count(*store, QStringLiteral("SELECT count(*) FROM account_events WHERE "
                                              "kind = 'login_failed'")),
                 2);
    }

    void fiveFailuresLockForFifteenMinutes()
    {
        auto store = staffedStore(QStringLiteral("lock.gpkg"));
        QVERIFY(store);
        Accounts a = accounts(*store);
        QDateTime t = m_t0;
        for (int i = 0; i < Accounts::maxFailures - 1; ++i) {
            const auto r = a.login(QStringLiteral("us01"), QStringLiteral("guess-%1").arg(i), t);
            QCOMPARE(r.error().code, QStringLiteral("account.login"));
            t = t.addSecs(60);
        }
        const auto fifth = a.login(QStringLiteral("us01"), QStringLiteral("guess-5"), t);
        QCOMPARE(fifth.error().code, QStringLiteral("account.locked"));
        // the right password does not open a locked account
        const auto locked = a.login(QStringLiteral("us01"), staffPassword, t.addSecs(60));
        QCOMPARE(locked.error().code, QStringLiteral("account.locked"));
        QCOMPARE(count(*store, QStringLiteral("SELECT count(*) FROM account_events WHERE "
                                              "kind = 'locked'")),
                 1);
        const auto later = a.login(QStringLiteral("us01"), staffPassword, t.addSecs(15 * 60 + 1));
        QVERIFY(later);
    }

    void failuresFarApartDoNotLock()
    {
        auto store = staffedStore(QStringLiteral("apart.gpkg"));
        QVERIFY(store);
        Accounts a = accounts(*store);
        QDateTime t = m_t0;
        for (int i = 0; i < 2 * Accounts::maxFailures; ++i) {
            const auto r = a.login(QStringLiteral("us01"), QStringLiteral("guess-%1").arg(i), t);
            QCOMPARE(r.error().code, QStringLiteral("account.login"));
            t = t.addSecs(4 * 60); // four minutes apart: at most four in any 15 minutes
        }
        QVERIFY(a.login(QStringLiteral("us01"), staffPassword, t));
    }

    void aResetLiftsTheLockAndDisabledAccountsCannotAct()
    {
        auto store = staffedStore(QStringLiteral("reset.gpkg"));
        QVERIFY(store);
        Accounts a = accounts(*store);
        for (int i = 0; i < Accounts::maxFailures; ++i)
            (void)a.login(QStringLiteral("us01"), QStringLiteral("guess-%1").arg(i), m_t0);
        QVERIFY(a.find(QStringLiteral("us01")).value()->lockedUntil.isValid());
        const QString fresh = QStringLiteral("new-pass-2027");
        QVERIFY(a.resetPassword(QStringLiteral("root"), QStringLiteral("us01"), fresh, m_t0));
        QVERIFY(!a.login(QStringLiteral("us01"), staffPassword, m_t0));
        QVERIFY(a.login(QStringLiteral("us01"), fresh, m_t0));

        QVERIFY(a.setEnabled(QStringLiteral("root"), QStringLiteral("us01"), false, m_t0));
        QCOMPARE(a.actor(QStringLiteral("us01")).error().code, QStringLiteral("account.disabled"));
        QCOMPARE(a.login(QStringLiteral("us01"), fresh, m_t0).error().code,
                 QStringLiteral("account.disabled"));
        // a wrong password learns nothing of the account: the answer of an unknown name
        QCOMPARE(
            a.login(QStringLiteral("us01"), QStringLiteral("guess-again-1"), m_t0).error().code,
            QStringLiteral("account.login"));
        const auto self = a.setEnabled(QStringLiteral("root"), QStringLiteral("root"), false, m_t0);
        QCOMPARE(self.error().code, QStringLiteral("account.self"));
        QVERIFY(a.setEnabled(QStringLiteral("root"), QStringLiteral("us01"), true, m_t0));
        QVERIFY(a.login(QStringLiteral("us01"), fresh, m_t0));
    }

    void thePasswordIsNowhereInTheFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("clear.gpkg"));
        {
            auto store = staffedStore(QStringLiteral("clear.gpkg"));
            QVERIFY(store);
            Accounts a = accounts(*store);
            QVERIFY(a.login(QStringLiteral("us01"), staffPassword, m_t0));
            QVERIFY(!a.login(QStringLiteral("us01"), QStringLiteral("typo+pass+77"), m_t0));
        }
        QStringList files{path, path + QStringLiteral("-wal")};
        for (const QString &file : files) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            QVERIFY(!bytes.contains(staffPassword.toUtf8()));
            QVERIFY(!bytes.contains(adminPassword.toUtf8()));
            QVERIFY(!bytes.contains("typo+pass+77"));
        }
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
