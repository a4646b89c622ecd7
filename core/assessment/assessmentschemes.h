// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "accounts/actinguser.h"
#include "assessment/assessmentscheme.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDateTime>

namespace citygrid {

/// The versions of the "7+1" scheme a store keeps: the release's default as version 1, then each
/// edit; a person's version is a reference edit that sync carries. Borrows the Store.
class AssessmentSchemes
{
    Q_DECLARE_TR_FUNCTIONS(AssessmentSchemes)
public:
    struct Version
    {
        int version = 0;
        QDateTime savedAt;
        QString savedBy, note;
    };

    explicit AssessmentSchemes(Store &store) : m_store(store) {}

    /// The newest version; a store without one stores `fallback` (the default scheme) as
    /// version 1 first (inside the caller's transaction, if any).
    Result<std::pair<int, AssessmentScheme>> current(const AssessmentScheme &fallback);
    Result<AssessmentScheme> scheme(int version) const;
    /// Newest first.
    Result<QList<Version>> versions() const;
    /// Validates and stores a new version; months still in draft move to it, months under
    /// review or published keep theirs. Only an account holding Right::DecideAssessment saves.
    Result<int> save(const AssessmentScheme &scheme, const ActingUser &who, const QString &note,
                     const QDateTime &at);

private:
    Result<int> insert(const AssessmentScheme &scheme, const QString &who, const QString &note,
                       const QDateTime &at);

    Store &m_store;
};

} // namespace citygrid
