// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "widgets/searchbox.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QKeyEvent>
#include <QMouseEvent>
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

void SearchBox::setCatalogue(const GridCatalogue &catalogue, bool english)
{
    m_catalogue = catalogue;
    m_english = english;
}

void SearchBox::refresh(const QString &text)
{
    m_model->clear();
    for (const GridUnit *unit : m_catalogue.search(text, 15)) {
        auto *item = new QStandardItem(QStringLiteral("%1   %2").arg(
            m_catalogue.displayName(unit->code, m_english), unit->code));
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
    const QList<const GridUnit *> hits = m_catalogue.search(text, 1);
    if (hits.isEmpty())
        return false;
    m_completer->popup()->hide();
    emit areaChosen(hits.first()->code);
    emit left();
    return true;
}

QWidget *SearchBox::popup() const
{
    return m_completer->popup();
}

bool SearchBox::eventFilter(QObject *watched, QEvent *event)
{
    QWidget *popup = m_completer->popup();
    // While the list shows, a press anywhere else closes it and still does what it was for:
    // the completer would eat the click that closes it, so a click on the map picked nothing.
    if (watched == popup && event->type() == QEvent::Show)
        qApp->installEventFilter(this);
    else if (watched == popup && event->type() == QEvent::Hide)
        qApp->removeEventFilter(this);
    if (event->type() == QEvent::MouseButtonPress && popup->isVisible())
        return pressWhileListed(watched, static_cast<QMouseEvent *>(event));
    if (watched == popup && event->type() == QEvent::KeyPress) {
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

bool SearchBox::pressWhileListed(QObject *receiver, QMouseEvent *press)
{
    QWidget *popup = m_completer->popup();
    const QPoint global = press->globalPosition().toPoint();
    auto *widget = qobject_cast<QWidget *>(receiver);
    const bool toPopup = widget && (widget == popup || popup->isAncestorOf(widget));
    if (popup->rect().contains(popup->mapFromGlobal(global)))
        return false; // a pick in the list
    popup->hide();
    if (!toPopup || receiver == this)
        return false; // delivered where it was aimed: let it go on
    // the list held the mouse: hand the press to what lies under it
    QWidget *target = QApplication::widgetAt(global);
    if (target && target != this) {
        QMouseEvent again(QEvent::MouseButtonPress, target->mapFromGlobal(press->globalPosition()),
                          press->globalPosition(), press->button(), press->buttons(),
                          press->modifiers());
        QCoreApplication::sendEvent(target, &again);
    }
    return true;
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
