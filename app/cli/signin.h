// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/account.h"
#include "base/result.h"
#include "catalogues/rolecatalogue.h"

#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace citygrid {
class AppContext;
}

namespace citygrid::cli {

/// --user NAME and --password-stdin: who acts, and where the password comes from.
void addSignInOptions(QCommandLineParser &parser);
/// The next line of standard input (a password given with --password-stdin), without its line
/// end; empty at the end of input.
QString stdinLine();
/// The store --store names: a file, or the centre's server (postgresql://…) signed in as --user
/// or the account the URI names, with the password from CITYGRID_PASSWORD or, with
/// --password-stdin, the first line of standard input (read once; signIn() takes it again).
Result<std::unique_ptr<AppContext>> openStore(const QCommandLineParser &parser);

/// The account named by --user (on a centre's copy, by default the one signed in to it), logged in
/// with its password from CITYGRID_PASSWORD or, with
/// --password-stdin, the next line of standard input; the login or the failure is recorded.
/// With `right`, the account's role must hold it. Prints why not and returns nothing.
std::optional<Account> signIn(AppContext &context, const QCommandLineParser &parser,
                              std::optional<Right> right = std::nullopt);

/// Whether a command that only reads may go on: yes, unless the store asks for a login to read
/// (citygrid accounts settings --read-needs-login yes); then only for an account signed in,
/// put in `reader` when given (what it reads is then kept to its scope).
bool mayRead(AppContext &context, const QCommandLineParser &parser,
             std::optional<Account> *reader = nullptr);

/// Whether a command that sets a store up may go on: yes on a store with no accounts yet (a new
/// site loading its grid or the demo), else only for an account signed in that holds `right`.
bool maySetUp(AppContext &context, const QCommandLineParser &parser, Right right);

} // namespace citygrid::cli
