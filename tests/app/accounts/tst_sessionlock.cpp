// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "accounts/accountsdialog.h"
#include "accounts/loginpanel.h"
#include "accounts/sessionlock.h"
#include "app/demowindow.h"
#include "testutil.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace citygrid;

/// Who is at the workstation: the window behind its sign-in cover, Lock and Switch user, and the
/// first administrator of a new store, as an operator meets them.
class TestSessionLock : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;

    SessionLock *lock() const { return m_window->sessionLock(); }
    LoginPanel *panel() const { return lock()->panel(); }
    void signIn(const QString &name, const QString &password)
    {
        panel()->nameEdit()->setText(name);
        panel()->passwordEdit()->setText(password);
        panel()->submit();
    }
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QLatin1String(name));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto context = testutil::openWithDemoAccounts(m_dir.filePath(QStringLiteral("lock.gpkg")));
        QVERIFY(context);
        m_window = std::make_unique<MainWindow>(std::move(context).value());
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void lockedMeansNothingAnswers()
    {
        m_window->cases()->session().setUserId(QStringLiteral("op01"));
        QVERIFY(action("exportCases")->isEnabled());
        lock()->lock();
        QVERIFY(lock()->isLocked());
        auto *cover = m_window->findChild<QWidget *>(QStringLiteral("lockCover"));
        QVERIFY(cover && cover->isVisible());
        QCOMPARE(cover->geometry(), m_window->rect()); // the whole window, menus and docks
        QVERIFY(!action("exportCases")->isEnabled());
        QVERIFY(!m_window->cases()->newCaseAction()->isEnabled());
        QCOMPARE(panel()->nameEdit()->text(), QStringLiteral("op01"));
        QVERIFY(panel()->passwordEdit()->text().isEmpty());
    }

    void aWrongPasswordKeepsItLocked()
    {
        signIn(QStringLiteral("op01"), QStringLiteral("not-the-password-1"));
        QVERIFY(lock()->isLocked());
        QVERIFY2(!panel()->messageLabel()->text().isEmpty(),
                 qPrintable(panel()->messageLabel()->text()));
        QVERIFY(panel()->passwordEdit()->text().isEmpty()); // typed again, never kept
        signIn(QStringLiteral("mallory"), testutil::demoPassword());
        QVERIFY(lock()->isLocked());
    }

    void thePasswordOpensIt()
    {
        signIn(QStringLiteral("op01"), testutil::demoPassword());
        QVERIFY(!lock()->isLocked());
        QVERIFY(action("exportCases")->isEnabled());
        QVERIFY(m_window->cases()->newCaseAction()->isEnabled());
        QCOMPARE(m_window->cases()->session().userId(), QStringLiteral("op01"));
        QVERIFY(lock()->userLabel()->text().contains(QStringLiteral("张敏")));
    }

    void switchingUserChangesWhoActsAndClosesTheirWindows()
    {
        auto *other = new QWidget; // a window of op01's, as a case view is
        other->setAttribute(Qt::WA_DeleteOnClose);
        other->show();
        QPointer<QWidget> watch(other);
        lock()->switchUser();
        QVERIFY(lock()->isLocked());
        QVERIFY(panel()->nameEdit()->text().isEmpty());
        QVERIFY(!other->isVisible());
        signIn(QStringLiteral("ld01"), testutil::demoPassword());
        QVERIFY(!lock()->isLocked());
        QCOMPARE(m_window->cases()->session().userId(), QStringLiteral("ld01"));
        QTRY_VERIFY(watch.isNull()); // closed: the leader does not see the operator's window
        // a leader reports nothing: what the role table says holds after the switch
        QVERIFY(!m_window->cases()->newCaseAction()->isEnabled());
    }

    void onlyTheRoleTableOpensGridImportAndSync()
    {
        m_window->cases()->session().setUserId(QStringLiteral("op01"));
        QVERIFY(!action("importGrid")->isEnabled());
        const RoleCatalogue &roles = m_window->cases()->session().catalogues().roles;
        QVERIFY(action("importGrid")->toolTip().contains(roles.rolesThatMay(Right::ImportGrid)));
        QVERIFY(action("syncPackages")->isEnabled());
        m_window->cases()->session().setUserId(QStringLiteral("admin01"));
        QVERIFY(action("importGrid")->isEnabled());
        m_window->cases()->session().setUserId(QStringLiteral("ld01"));
        QVERIFY(!action("syncPackages")->isEnabled());
    }

    void anIdleWindowLocksItself()
    {
        lock()->idleTimer()->start(100);
        QTRY_VERIFY_WITH_TIMEOUT(lock()->isLocked(), 5000);
        signIn(QStringLiteral("ld01"), testutil::demoPassword());
        QVERIFY(!lock()->isLocked());
        // the administrator's setting: 15 minutes unless set
        QCOMPARE(lock()->idleTimer()->interval(), 15 * 60 * 1000);
    }

    void administratorsManageAccountsInTheWindow()
    {
        m_window->cases()->session().setUserId(QStringLiteral("op01"));
        {
            AccountsDialog dialog(m_window->cases()->session(), m_window.get());
            QVERIFY(dialog.table()->rowCount() > 10);
            dialog.nameEdit()->setText(QStringLiteral("op09"));
            dialog.passwordEdit()->setText(QStringLiteral("New-operator-9"));
            dialog.repeatEdit()->setText(QStringLiteral("New-operator-9"));
            dialog.addAccount(); // an operator may not: refused by the core, said in the dialog
            const RoleCatalogue &roles = m_window->cases()->session().catalogues().roles;
            QVERIFY2(
                dialog.statusLabel()->text().contains(roles.rolesThatMay(Right::ManageAccounts)),
                qPrintable(dialog.statusLabel()->text()));
        }
        QVERIFY(!m_window->cases()
                     ->session()
                     .context()
                     .accounts()
                     .find(QStringLiteral("op09"))
                     .value());
        m_window->cases()->session().setUserId(QStringLiteral("admin01"));
        AccountsDialog dialog(m_window->cases()->session(), m_window.get());
        const int before = dialog.table()->rowCount();
        dialog.nameEdit()->setText(QStringLiteral("op09"));
        dialog.displayNameEdit()->setText(QStringLiteral("新操作员"));
        dialog.passwordEdit()->setText(QStringLiteral("New-operator-9"));
        dialog.repeatEdit()->setText(QStringLiteral("New-operator-8"));
        dialog.addAccount(); // two different passwords
        QCOMPARE(dialog.table()->rowCount(), before);
        dialog.passwordEdit()->setText(QStringLiteral("New-operator-9"));
        dialog.repeatEdit()->setText(QStringLiteral("New-operator-9"));
        dialog.addAccount();
        QCOMPARE(dialog.table()->rowCount(), before + 1);
        QVERIFY(dialog.passwordEdit()->text().isEmpty());
        // the new account signs in at the cover
        lock()->switchUser();
        signIn(QStringLiteral("op09"), QStringLiteral("New-operator-9"));
        QVERIFY(!lock()->isLocked());
        QCOMPARE(m_window->cases()->session().userId(), QStringLiteral("op09"));
        // the idle time is the administrator's
        m_window->cases()->session().setUserId(QStringLiteral("admin01"));
        dialog.idleMinutesBox()->setValue(5);
        QVERIFY(!dialog.readLoginBox()->isChecked());
        dialog.readLoginBox()->setChecked(true);
        dialog.saveSettings();
        QCOMPARE(m_window->cases()->session().context().accounts().idleLockMinutes(), 5);
        QVERIFY(m_window->cases()->session().context().accounts().readNeedsLogin());
        dialog.readLoginBox()->setChecked(false);
        dialog.saveSettings();
        QVERIFY(!m_window->cases()->session().context().accounts().readNeedsLogin());
        lock()->armIdleLock();
        QCOMPARE(lock()->idleTimer()->interval(), 5 * 60 * 1000);
    }

    void aNewStoreAsksForItsFirstAdministrator()
    {
        auto context = AppContext::open(m_dir.filePath(QStringLiteral("new.gpkg")));
        QVERIFY(context);
        AppContext &c = *context.value();
        MainWindow window(std::move(context).value());
        window.show();
        window.sessionLock()->lock();
        LoginPanel *first = window.sessionLock()->panel();
        QVERIFY(first->asksForFirstAdministrator());
        QVERIFY(first->repeatEdit()->isVisible());
        first->nameEdit()->setText(QStringLiteral("root"));
        first->passwordEdit()->setText(QStringLiteral("Trust-anchor-7x"));
        first->repeatEdit()->setText(QStringLiteral("Trust-anchor-7y"));
        first->submit();
        QVERIFY(window.sessionLock()->isLocked());
        QVERIFY(!first->messageLabel()->text().isEmpty());
        QVERIFY(c.accounts().isEmpty().value());
        first->nameEdit()->setText(QStringLiteral("root"));
        first->passwordEdit()->setText(QStringLiteral("Trust-anchor-7x"));
        first->repeatEdit()->setText(QStringLiteral("Trust-anchor-7x"));
        first->submit();
        QVERIFY(!window.sessionLock()->isLocked());
        QCOMPARE(window.cases()->session().userId(), QStringLiteral("root"));
        QCOMPARE(c.accounts().list().value().size(), 1);
        QCOMPARE(c.accounts().list().value().first().roleId, QStringLiteral("admin"));
    }
};

QTEST_MAIN(TestSessionLock)
#include "tst_sessionlock.moc"
