// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "casefixture.h"
#include "cases/caseworkspace.h"
#include "services/appcontext.h"
#include "services/casesession.h"
#include "shell/mainwindow.h"

#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace citygrid::testutil {

/// The store at `path` opened (made from the bundled district if missing) with the demo's
/// accounts in it, as `citygrid demo` leaves a store.
inline Result<std::unique_ptr<AppContext>>
openWithDemoAccounts(const QString &path, const std::function<void(const QString &)> &ready = {})
{
    auto context = AppContext::open(path, ready);
    if (!context)
        return context;
    if (!seedDemoAccounts(context.value()->store()))
        return Error{QStringLiteral("test.accounts"), QStringLiteral("seeding failed"), {}};
    if (auto r = context.value()->reloadAccounts(); !r)
        return r.error();
    return context;
}

/// The main window on a fresh Futian store at `path` holding `cases` demo cases that end at
/// `now`, shown (offscreen) with its clock at `now`; null if any of that failed.
inline std::unique_ptr<MainWindow> demoWindow(const QString &path, int cases, quint64 seed,
                                              const QDateTime &now)
{
    QStandardPaths::setTestModeEnabled(true);
    if (!demoStore(path, cases, seed, now))
        return {};
    auto context = AppContext::open(path);
    if (!context)
        return {};
    auto window = std::make_unique<MainWindow>(std::move(context).value());
    window->resize(1400, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return {};
    window->cases()->session().setClock([now] { return now; });
    return window;
}

} // namespace citygrid::testutil
