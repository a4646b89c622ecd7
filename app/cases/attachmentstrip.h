// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "cases/caseattachment.h"

#include <QWidget>

class QListWidget;
class QPushButton;

namespace citygrid {

/// A row of photo thumbnails: to collect photos for a report or a step ("Add photo…", read and
/// checked at once, thumbnail made here), or to show a case's photos (double-click opens one).
/// GUI thread.
class AttachmentStrip : public QWidget
{
    Q_OBJECT
public:
    explicit AttachmentStrip(QWidget *parent = nullptr, bool editable = true);

    QList<CaseAttachment> attachments() const { return m_attachments; }
    void setAttachments(const QList<CaseAttachment> &attachments);
    /// Reads a file as an attachment with its thumbnail; an Error says what is wrong with it.
    static Result<CaseAttachment> fromFile(const QString &path);
    /// Adds a file (what "Add photo…" does after its file dialog).
    Result<void> addFile(const QString &path);
    QListWidget *list() const { return m_list; }

signals:
    void attachmentActivated(const citygrid::CaseAttachment &attachment);

private:
    void addItem(const CaseAttachment &attachment);

    QList<CaseAttachment> m_attachments;
    QListWidget *m_list;
    QPushButton *m_add = nullptr;
};

} // namespace citygrid
