// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "catalogues/rolecatalogue.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>

namespace citygrid {

/// The photos and documents an evaluator attaches to a month's score of a subdistrict's point,
/// kept in the store with who added them and when. Borrows the Store.
class AssessmentEvidence
{
    Q_DECLARE_TR_FUNCTIONS(AssessmentEvidence)
public:
    struct File
    {
        QString uuid, subdistrict, point, name, mime;
        QByteArray data;
        QString addedBy;
        QDateTime addedAt;
    };

    explicit AssessmentEvidence(Store &store) : m_store(store) {}

    /// Keeps a file as evidence of a score; its adder (file.addedBy) must hold
    /// Right::ScoreAssessment in `roles`.
    Result<void> add(QDate month, const File &file, const RoleCatalogue &roles,
                     const QDateTime &at);
    /// The month's files, of one subdistrict or (empty) of all, in the order they were added.
    Result<QList<File>> of(QDate month, const QString &subdistrict = {}) const;

private:
    Store &m_store;
};

} // namespace citygrid
