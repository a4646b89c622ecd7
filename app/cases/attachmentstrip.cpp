// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/attachmentstrip.h"

#include "shell/errordialog.h"

#include <QBuffer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QImageReader>
#include <QListWidget>
#include <QMimeDatabase>
#include <QPixmap>
#include <QPushButton>

namespace citygrid {

namespace {

constexpr int thumbSize = 96;

} // namespace

AttachmentStrip::AttachmentStrip(QWidget *parent, bool editable)
    : QWidget(parent), m_list(new QListWidget(this))
{
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(QSize(thumbSize, thumbSize));
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(false);
    m_list->setMovement(QListView::Static);
    m_list->setFixedHeight(thumbSize + fontMetrics().height() + 24);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    if (editable) {
        m_add = new QPushButton(tr("Add photo…"), this);
        layout->addWidget(m_add, 0, Qt::AlignTop);
        connect(m_add, &QPushButton::clicked, this, [this] {
            const QStringList files = QFileDialog::getOpenFileNames(
                this, tr("Add photos"), {}, tr("Images (*.jpg *.jpeg *.png);;All files (*)"));
            for (const QString &file : files)
                if (auto r = addFile(file); !r)
                    showError(this, r.error());
        });
    }
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int i = m_list->row(item);
        if (i >= 0 && i < m_attachments.size())
            emit attachmentActivated(m_attachments[i]);
    });
}

Result<CaseAttachment> AttachmentStrip::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("attachment.read"),
                     tr("Could not read \"%1\"").arg(QFileInfo(path).fileName()),
                     file.errorString()};
    CaseAttachment a;
    a.name = QFileInfo(path).fileName();
    a.data = file.readAll();
    a.mime = QMimeDatabase().mimeTypeForFileNameAndData(path, a.data).name();
    if (auto r = CaseAttachments::check(a); !r)
        return r.error();
    QImage image = QImage::fromData(a.data);
    if (!image.isNull()) {
        QBuffer buffer(&a.thumbnail);
        buffer.open(QIODevice::WriteOnly);
        image.scaled(thumbSize * 2, thumbSize * 2, Qt::KeepAspectRatio, Qt::SmoothTransformation)
            .save(&buffer, "JPEG", 85);
    }
    return a;
}

Result<void> AttachmentStrip::addFile(const QString &path)
{
    auto a = fromFile(path);
    if (!a)
        return a.error();
    m_attachments.append(a.value());
    addItem(a.value());
    return {};
}

void AttachmentStrip::setAttachments(const QList<CaseAttachment> &attachments)
{
    m_attachments = attachments;
    m_list->clear();
    for (const CaseAttachment &a : attachments)
        addItem(a);
    m_list->setVisible(!attachments.isEmpty() || m_add);
}

void AttachmentStrip::addItem(const CaseAttachment &a)
{
    QPixmap thumb;
    thumb.loadFromData(a.thumbnail);
    if (thumb.isNull()) {
        thumb = QPixmap(thumbSize, thumbSize);
        thumb.fill(QColor(0xee, 0xee, 0xee));
    }
    auto *item = new QListWidgetItem(QIcon(thumb), a.name, m_list);
    // (a case view lists thumbnails only; the size is known while the file is being attached)
    item->setToolTip(
        a.data.isEmpty()
            ? a.name
            : QStringLiteral("%1 (%2 KB)").arg(a.name).arg((a.data.size() + 1023) / 1024));
}

} // namespace citygrid
