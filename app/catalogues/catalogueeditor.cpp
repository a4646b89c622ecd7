// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/catalogueeditor.h"

#include "catalogues/catalogueedits.h"
#include "services/casesession.h"
#include "store/storeschema.h"
#include "sync/refrecords.h"
#include "sync/syncpeers.h"
#include "widgets/screenfit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace citygrid {

CatalogueEditor::CatalogueEditor(CaseSession &session, const QString &kind,
                                 const QStringList &headers, const Texts &texts, QWidget *parent)
    : QDialog(parent), m_session(session), m_kind(kind), m_texts(texts),
      m_table(new QTableWidget(0, int(headers.size()) + 1, this)), m_filter(new QLineEdit(this)),
      m_form(new QFormLayout), m_status(new QLabel(this)),
      m_save(new QPushButton(tr("Save edit"), this)),
      m_revert(new QPushButton(tr("Back to the release's entry"), this)), m_buttons(new QHBoxLayout)
{
    setWindowTitle(texts.title);
    screenfit::resize(this, QSize(1180, 640));
    m_table->setHorizontalHeaderLabels(QStringList(headers) << tr("Edited"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false); // long names are cut with "…"; the tool tip has them whole
    // the name (column 1) takes the room the id, the figures and "Edited" leave
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_filter->setPlaceholderText(tr("Filter by id or name"));
    m_filter->setClearButtonEnabled(true);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    m_buttons->addStretch(1);
    m_buttons->addWidget(m_revert);
    m_buttons->addWidget(m_save);
    auto *left = new QVBoxLayout;
    left->addWidget(m_filter);
    left->addWidget(m_table, 1);
    auto *right = new QVBoxLayout;
    right->addLayout(m_form);
    right->addLayout(m_buttons);
    right->addWidget(m_status);
    right->addStretch(1);
    auto *split = new QHBoxLayout;
    split->addLayout(left, 3);
    split->addLayout(right, 2);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *intro = new QLabel(texts.intro, this);
    intro->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(split, 1);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &CatalogueEditor::showSelected);
    connect(m_filter, &QLineEdit::textChanged, this, &CatalogueEditor::applyFilter);
    connect(m_save, &QPushButton::clicked, this, [this] { (void)save(); });
    connect(m_revert, &QPushButton::clicked, this, [this] { (void)revert(); });
    connect(&m_session, &CaseSession::userChanged, this, &CatalogueEditor::updateButtons);
    // another workstation's edit arrived (a centre's copy catching up): the table follows, the
    // form keeps what is being typed, and a save then says the entry changed meanwhile
    connect(&m_session, &CaseSession::caseChanged, this, [this](const QString &uuid) {
        if (uuid.isEmpty())
            refresh();
    });
}

void CatalogueEditor::populate()
{
    refresh();
    if (m_table->rowCount() > 0)
        m_table->selectRow(0);
    updateButtons();
}

void CatalogueEditor::addButton(QPushButton *button)
{
    m_buttons->insertWidget(0, button);
}

bool CatalogueEditor::canEdit() const
{
    return m_session.may(Right::EditCatalogues);
}

QString CatalogueEditor::mayNotEdit() const
{
    return tr("%1; choose such a user in the toolbar to edit")
        .arg(m_session.onlyWho(Right::EditCatalogues));
}

QString CatalogueEditor::selectedId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_table->item(rows.first().row(), 0)->text();
}

void CatalogueEditor::select(const QString &id)
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, 0)->text() == id) {
            m_table->setRowHidden(row, false);
            m_table->selectRow(row);
            m_table->scrollToItem(m_table->item(row, 0));
        }
}

void CatalogueEditor::refresh()
{
    Store &store = m_session.context().store();
    const QString here = store.meta(storeschema::keySiteId());
    QHash<QString, RefRecords::Record> edited;
    if (auto list = m_session.context().refRecords(here).list(m_kind))
        for (const RefRecords::Record &r : list.value())
            if (!r.value.isNull())
                edited.insert(r.key, r);
    QHash<QString, QString> siteNames{{here, tr("this site")}};
    if (auto peers = m_session.context().peers().list())
        for (const SyncPeer &p : peers.value())
            siteNames.insert(p.siteId, p.name);
    const QString keep = selectedId();
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(0);
    const int editedColumn = m_table->columnCount() - 1;
    for (const QString &id : ids()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        QStringList cells = rowCells(id);
        cells.resize(editedColumn);
        if (edited.contains(id)) {
            const RefRecords::Record &r = edited.value(id);
            cells.append(tr("%1, %2").arg(siteNames.value(r.siteId, r.siteId),
                                          QDateTime::fromString(r.at, Qt::ISODateWithMs)
                                              .toOffsetFromUtc(8 * 3600)
                                              .toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
        } else
            cells.append(QString());
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            item->setToolTip(cells[col]);
            m_table->setItem(row, col, item);
        }
    }
    m_table->resizeColumnsToContents();
    for (int col = 2; col <= editedColumn; ++col)
        m_table->setColumnWidth(col, std::min(m_table->columnWidth(col), 150));
    applyFilter();
    select(keep);
}

void CatalogueEditor::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        bool match = text.isEmpty();
        for (int col = 0; !match && col < m_table->columnCount(); ++col)
            match = m_table->item(row, col)->text().contains(text, Qt::CaseInsensitive);
        m_table->setRowHidden(row, !match);
    }
}

void CatalogueEditor::showSelected()
{
    if (const QString id = selectedId(); !id.isEmpty()) {
        showEntry(id);
        rememberOpened(id);
    }
    updateButtons();
}

void CatalogueEditor::rememberOpened(const QString &id)
{
    auto at = m_session.context().refRecords().writtenAt(m_kind, id);
    m_openedId = id;
    m_openedAt = at ? at.value() : QString();
}

void CatalogueEditor::updateButtons()
{
    const bool edit = canEdit();
    setFormEditable(edit);
    m_save->setEnabled(edit);
    auto records = m_session.context().refRecords().find(m_kind, selectedId());
    m_revert->setEnabled(edit && records && records.value() && !records.value()->value.isNull());
    const QString onlyWho = m_session.onlyWho(Right::EditCatalogues);
    m_save->setToolTip(edit ? tr("Check the whole catalogue with this edit and keep it") : onlyWho);
    m_revert->setToolTip(edit ? tr("Drop this site's edit (the other sites receive that too)")
                              : onlyWho);
    if (!edit) {
        m_status->setText(mayNotEdit());
        m_status->setStyleSheet(QStringLiteral("color: #5f6b76;"));
    } else if (m_status->text() == mayNotEdit())
        m_status->clear();
}

Result<void> CatalogueEditor::save()
{
    if (!canEdit()) {
        Error e{m_texts.notAllowed, mayNotEdit(), {}};
        report(e.message, false);
        return e;
    }
    return store(formId(), entry());
}

Result<void> CatalogueEditor::revert()
{
    if (!canEdit())
        return Error{m_texts.notAllowed, {}, {}};
    return store(selectedId(), QJsonValue::Null);
}

Result<void> CatalogueEditor::store(const QString &id, const QJsonValue &value)
{
    AppContext &context = m_session.context();
    auto saved = catalogueedits::saveEntry(
        context.store(), m_session.grid(), AppContext::bundledCataloguesDir(), m_kind, id, value,
        m_session.acting(), m_session.now(),
        id == m_openedId ? std::optional<QString>(m_openedAt) : std::nullopt);
    Result<void> written = saved ? context.reloadCatalogues() : Result<void>(saved.error());
    if (!written) {
        const QString code = written.error().code;
        if (code == QLatin1String("catalogue.changed") || code == QLatin1String("centre.stale")) {
            // someone saved first: show theirs (the copy brought up to date from the server)
            if (context.centre() && context.pullCentre())
                m_session.notifyAllChanged();
            refresh();
            showEntry(id);
            rememberOpened(id);
        }
        report(written.error().message, false);
        return written;
    }
    refresh();
    select(id);
    rememberOpened(id);
    QStringList cells;
    for (const GridUnit &u : m_session.grid().units())
        if (u.level == GridLevel::Cell)
            cells.append(u.code);
    const auto c = context.catalogues().units.coverage(context.catalogues().categories, cells);
    const QString where = context.centre()
                              ? tr("Saved at the centre; every workstation follows at once.")
                              : tr("Saved; sent to the other sites with the next sync packages.");
    report(where + u' ' +
               tr("Categories × cells: %1 with one unit, %2 with none, %3 with two or more")
                   .arg(c.resolved)
                   .arg(c.gaps)
                   .arg(c.ambiguities),
           true);
    m_session.notifyAllChanged();
    return {};
}

void CatalogueEditor::report(const QString &text, bool ok)
{
    m_status->setText(text);
    m_status->setStyleSheet(ok ? QStringLiteral("color: #1b5e20;")
                               : QStringLiteral("color: #b03a2e;"));
}

} // namespace citygrid
