// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "cases/categorypicker.h"

#include "services/language.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace citygrid {

CategoryPicker::CategoryPicker(const CategoryCatalogue &catalogue, QWidget *parent)
    : QWidget(parent), m_catalogue(catalogue), m_search(new QLineEdit(this)),
      m_list(new QListWidget(this)), m_standard(new QLabel(this))
{
    m_search->setPlaceholderText(tr("Code, pinyin initials or name, e.g. E0102, bllj, 垃圾"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_list->setFixedHeight(fontMetrics().height() * 7 + 8);
    m_standard->setWordWrap(true);
    m_standard->setStyleSheet(QStringLiteral("color: #555;"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    layout->addWidget(m_standard);
    connect(m_search, &QLineEdit::textChanged, this, &CategoryPicker::search);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            choose(item->data(Qt::UserRole).toString());
    });
    search({});
}

void CategoryPicker::search(const QString &text)
{
    const bool english = language::isEnglish();
    QList<const CategoryCatalogue::Category *> found;
    if (text.trimmed().isEmpty()) {
        const auto all = m_catalogue.categories();
        for (const auto &c : all)
            if (const auto *p = m_catalogue.find(c.id))
                found.append(p);
    } else {
        found = m_catalogue.search(text, 30);
    }
    QSignalBlocker block(m_list);
    m_list->clear();
    for (const auto *c : found) {
        auto *item =
            new QListWidgetItem(QStringLiteral("%1  %2  ·  %3")
                                    .arg(c->id, english ? c->nameEn : c->name, c->deadline.text()),
                                m_list);
        item->setData(Qt::UserRole, c->id);
        if (c->urgent)
            item->setForeground(QColor(0xb7, 0x1c, 0x1c));
    }
    // The best match is chosen as the operator types; arrows move through the others.
    if (m_list->count() > 0 && !text.trimmed().isEmpty()) {
        m_list->setCurrentRow(0);
        choose(m_list->item(0)->data(Qt::UserRole).toString());
    }
}

void CategoryPicker::choose(const QString &id)
{
    const auto *c = m_catalogue.find(id);
    if (!c || id == m_chosen)
        return;
    m_chosen = id;
    m_standard->setText(tr("%1 %2 — deadline %3%4\nFiling standard: %5")
                            .arg(c->id, language::isEnglish() ? c->nameEn : c->name,
                                 c->deadline.text(), c->urgent ? tr(", urgent") : QString(),
                                 c->filingStandard));
    emit categoryChanged(id);
}

void CategoryPicker::setCategoryId(const QString &id)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == id)
            m_list->setCurrentRow(i);
    choose(id);
}

bool CategoryPicker::eventFilter(QObject *watched, QEvent *event)
{
    // Up and down in the search box move through the matches.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row = std::clamp(m_list->currentRow() + (key == Qt::Key_Down ? 1 : -1), 0,
                                       m_list->count() - 1);
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace citygrid
