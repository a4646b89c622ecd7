// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

// A workstation of a test centre: an account's copy, opened as the window opens it.

#include "centrefixture.h"
#include "services/appcontext.h"

namespace citygrid::testutil {

/// `account`'s workstation of `db`, signed in with `password`; null (and the reason printed)
/// when it does not open.
inline std::unique_ptr<AppContext> openWorkstation(const CentreDatabase &db, const QString &account,
                                                   const QString &password)
{
    auto opened = AppContext::openCentre(db.address(), account, password);
    if (!opened) {
        qWarning() << opened.error().toText();
        return {};
    }
    return std::move(opened).value();
}

} // namespace citygrid::testutil
