// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "searchbox.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QStandardItemModel>

namespace citygrid {

namespace {
constexpr int CodeRole = Qt::UserRole + 1;
}

SearchBox::SearchBox(QWidget *parent)
    : QLineEdit(parent), m_completer(new QCompleter(this)), m_model(new QStandardItemModel(this))
{
    setPlaceholderText(tr("Search code or name (Ctrl+F)"));
    setClearButtonEnabled(true);
    setMinimumWidth(240);
    m_completer->setModel(m_model);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setWidget(this);
    connect(this, &QLineEdit::textEdited, this, &SearchBox::refresh);
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) {
                const QString code = index.data(CodeRole).toString();
                if (!code.isEmpty()) {
                    setText(code);
                    emit areaChosen(code);
                    emit left();
                }
            });
    // Enter while the completions show but none is picked: the best match, as without them (the
    // completer would only close its list). Filters installed later see events first.
    m_completer->popup()->installEventFilter(this);
    connect(this, &QLineEdit::returnPressed, this, [this] {
        if (m_completer->popup()->isVisible() && m_completer->popup()->currentIndex().isValid())
            return; // the completer's own activation handles it
        searchAndChoose(text());
    });
}

void SearchBox::setCatalog(const GridCatalog &catalog, bool english)
{
    m_catalog = catalog;
    m_english = english;
}

void SearchBox::refresh(const QString &text)
{
    m_model->clear();
    for (const GridUnit *unit : m_catalog.search(text, 15)) {
        auto *item = new QStandardItem(QStringLiteral("%1   %2").arg(
            m_catalog.displayName(unit->code, m_english), unit->code));
        item->setData(unit->code, CodeRole);
        m_model->appendRow(item);
    }
    if (m_model->rowCount() > 0)
        m_completer->complete();
    else
        m_completer->popup()->hide();
}

bool SearchBox::searchAndChoose(const QString &text)
{
    const QList<const GridUnit *> hits = m_catalog.search(text, 1);
    if (hits.isEmpty())
        return false;
    m_completer->popup()->hide();
    emit areaChosen(hits.first()->code);
    emit left();
    return true;
}

bool SearchBox::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_completer->popup() && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) &&
            !m_completer->popup()->currentIndex().isValid()) {
            m_completer->popup()->hide();
            searchAndChoose(text());
            return true;
        }
    }
    return QLineEdit::eventFilter(watched, event);
}

void SearchBox::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        m_completer->popup()->hide();
        emit left();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

} // namespace citygrid
