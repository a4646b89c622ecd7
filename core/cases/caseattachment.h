// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/result.h"
#include "store/sqlitedb.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace citygrid {

/// A photo or document of a case, stored in the store itself (case_attachments) so a copy of the
/// store or a sync package carries it. The thumbnail is made by whoever adds it (the GUI).
struct CaseAttachment
{
    QString uuid;
    QString caseUuid;
    QString eventUuid; ///< the step it came with (the report, a feedback, ...)
    QString name;
    QString mime;
    QByteArray data;
    QByteArray thumbnail; ///< PNG or JPEG, may be empty
};

/// Reading and writing attachments. The caller owns the transaction. One thread at a time.
class CaseAttachments
{
    Q_DECLARE_TR_FUNCTIONS(CaseAttachments)
public:
    /// Largest file accepted, so a store stays portable on a USB stick.
    static constexpr qsizetype maxBytes = 20 * 1024 * 1024;

    static Result<void> add(const SqliteDb &db, const CaseAttachment &attachment);
    /// The attachments of a case in the order they were added; `withData` false leaves the file
    /// bytes out (the timeline shows thumbnails).
    static Result<QList<CaseAttachment>> list(const SqliteDb &db, const QString &caseUuid,
                                              bool withData = false);
    static Result<CaseAttachment> find(const SqliteDb &db, const QString &uuid);
    /// Refuses what may not be stored: an empty or oversized file, a missing name.
    static Result<void> check(const CaseAttachment &attachment);
};

} // namespace citygrid
