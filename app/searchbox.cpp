// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "searchbox.h"

#include <QAbstractItemView>
#include <QCompleter>
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
                }
            });
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
    return true;
}

} // namespace citygrid
