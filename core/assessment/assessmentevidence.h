// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "catalogues/rolecatalogue.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>

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

    /// How a workstation's copy of the centre shares a file (shareddocuments), keyed by its
    /// id: {month, subdistrict, point, name, mime, data (base64), added_by, added_at}.
    static QString documentKind() { return QStringLiteral("assessment.evidence"); }
    /// Keeps a file another workstation added (nothing if the store has it); in the caller's
    /// transaction.
    static Result<void> writeDocument(SqliteDb &db, const QString &uuid, const QJsonObject &file);
    /// Why `file` is not evidence this CityGrid can keep (translated); empty: it is.
    static QString documentProblem(const QString &uuid, const QJsonObject &file);

private:
    Store &m_store;
};

} // namespace citygrid
