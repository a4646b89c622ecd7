// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "uniteditor.h"

#include "casesession.h"
#include "catalogueedits.h"
#include "language.h"
#include "refkinds.h"
#include "storeschema.h"
#include "syncpeers.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace citygrid {

namespace {

QStringList listFrom(const QString &text)
{
    QStringList list;
    for (const QString &part :
         text.split(QRegularExpression(QStringLiteral("[,，;；\\s]+")), Qt::SkipEmptyParts))
        list.append(part.trimmed());
    return list;
}

} // namespace

UnitEditor::UnitEditor(CaseSession &session, QWidget *parent)
    : QDialog(parent), m_session(session), m_table(new QTableWidget(0, ColumnCount, this)),
      m_id(new QLineEdit(this)), m_name(new QLineEdit(this)), m_nameEn(new QLineEdit(this)),
      m_types(new QLineEdit(this)), m_areas(new QLineEdit(this)), m_categories(new QLineEdit(this)),
      m_kind(new QComboBox(this)), m_areaNames(new QLabel(this)), m_status(new QLabel(this)),
      m_save(new QPushButton(tr("Save edit"), this)),
      m_revert(new QPushButton(tr("Back to the release's entry"), this)),
      m_add(new QPushButton(tr("New unit"), this))
{
    setWindowTitle(tr("Responsible units"));
    resize(1180, 640);
    m_table->setHorizontalHeaderLabels(
        {tr("Id"), tr("Name"), tr("Kind"), tr("Areas"), tr("Edited")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_kind->addItem(tr("Department"), QStringLiteral("department"));
    m_kind->addItem(tr("Subdistrict office"), QStringLiteral("subdistrict_office"));
    m_kind->addItem(tr("Contractor"), QStringLiteral("contractor"));
    m_id->setReadOnly(true);
    m_types->setPlaceholderText(tr("unit types, separated by commas (sanitation, roads, …)"));
    m_areas->setPlaceholderText(tr("area codes: 440304 (district), 9 digits (subdistrict), 12 "
                                   "digits (community)"));
    m_categories->setPlaceholderText(tr("category ids handled besides the unit types"));
    m_areaNames->setWordWrap(true);
    m_areaNames->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->addRow(tr("Id"), m_id);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("English name"), m_nameEn);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("Unit types"), m_types);
    form->addRow(tr("Areas"), m_areas);
    form->addRow(QString(), m_areaNames);
    form->addRow(tr("Categories"), m_categories);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(buttons);
    right->addWidget(m_status);
    right->addStretch(1);
    auto *split = new QHBoxLayout;
    split->addWidget(m_table, 3);
    split->addLayout(right, 2);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Which unit a case is dispatched to. Edits are checked against the whole catalogue, "
           "kept in this store and sent to the other sites in the next sync packages; the "
           "leader makes them."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(split, 1);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &UnitEditor::showSelected);
    connect(m_areas, &QLineEdit::textChanged, this, &UnitEditor::showAreaNames);
    connect(m_save, &QPushButton::clicked, this, [this] { (void)save(); });
    connect(m_revert, &QPushButton::clicked, this, [this] { (void)revert(); });
    connect(m_add, &QPushButton::clicked, this, &UnitEditor::addUnit);
    connect(&m_session, &CaseSession::userChanged, this, &UnitEditor::updateButtons);
    refresh();
    if (m_table->rowCount() > 0)
        m_table->selectRow(0);
    updateButtons();
}

bool UnitEditor::canEdit() const
{
    const RoleCatalog::User *user = m_session.user();
    return user && user->roleId == QLatin1String("leader");
}

QString UnitEditor::selectedId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_table->item(rows.first().row(), Id)->text();
}

void UnitEditor::select(const QString &id)
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, Id)->text() == id)
            m_table->selectRow(row);
}

void UnitEditor::refresh()
{
    Store &store = m_session.context().store();
    const QString here = store.meta(storeschema::keySiteId());
    QHash<QString, RefRecords::Record> edited;
    if (auto list = RefRecords(store.db(), here).list(refkinds::unit()))
        for (const RefRecords::Record &r : list.value())
            edited.insert(r.key, r);
    QHash<QString, QString> siteNames{{here, tr("this site")}};
    if (auto peers = SyncPeers(store.db()).list())
        for (const SyncPeer &p : peers.value())
            siteNames.insert(p.siteId, p.name);
    const QString keep = selectedId();
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(0);
    const bool english = language::isEnglish();
    for (const UnitCatalog::Unit &u : m_session.catalogues().units.units()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        QString when;
        if (edited.contains(u.id)) {
            const RefRecords::Record &r = edited.value(u.id);
            when = tr("%1, %2").arg(siteNames.value(r.siteId, r.siteId),
                                    QDateTime::fromString(r.at, Qt::ISODateWithMs)
                                        .toOffsetFromUtc(8 * 3600)
                                        .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        }
        const QStringList cells{u.id, english && !u.nameEn.isEmpty() ? u.nameEn : u.name,
                                m_kind->itemText(m_kind->findData(u.kind)), u.areas.join(u' '),
                                when};
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            item->setToolTip(cells[col]);
            m_table->setItem(row, col, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(Name, std::min(m_table->columnWidth(Name), 300));
    m_table->setColumnWidth(Areas, std::min(m_table->columnWidth(Areas), 200));
    select(keep);
}

void UnitEditor::showSelected()
{
    m_newId.clear();
    const UnitCatalog::Unit *u = m_session.catalogues().units.find(selectedId());
    if (!u)
        return;
    m_id->setText(u->id);
    m_name->setText(u->name);
    m_nameEn->setText(u->nameEn);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(u->kind)));
    m_types->setText(u->types.join(QStringLiteral(", ")));
    m_areas->setText(u->areas.join(QStringLiteral(", ")));
    m_categories->setText(u->categories.join(QStringLiteral(", ")));
    updateButtons();
}

void UnitEditor::showAreaNames()
{
    QStringList names, unknown;
    for (const QString &code : listFrom(m_areas->text())) {
        const GridUnit *area = m_session.grid().find(code);
        if (area)
            names.append(language::isEnglish() && !area->nameEn.isEmpty() ? area->nameEn
                                                                          : area->name);
        else if (code == m_session.context().store().meta(storeschema::keyDistrictCode()))
            names.append(m_session.context().store().meta(storeschema::keyDistrictName()));
        else
            unknown.append(code);
    }
    QString text = names.join(QStringLiteral("、"));
    if (!unknown.isEmpty())
        text += u' ' + tr("(not in the grid: %1)").arg(unknown.join(QStringLiteral(", ")));
    m_areaNames->setText(text);
}

void UnitEditor::updateButtons()
{
    const bool edit = canEdit();
    for (QLineEdit *e : {m_name, m_nameEn, m_types, m_areas, m_categories})
        e->setReadOnly(!edit);
    m_kind->setEnabled(edit);
    m_save->setEnabled(edit);
    m_add->setEnabled(edit);
    auto records =
        RefRecords(m_session.context().store().db(), {}).find(refkinds::unit(), selectedId());
    m_revert->setEnabled(edit && records && records.value() && !records.value()->value.isNull());
    const QString leaderOnly = tr("Only the leader edits the responsible units");
    m_save->setToolTip(edit ? tr("Check the whole catalogue with this edit and keep it")
                            : leaderOnly);
    m_revert->setToolTip(edit ? tr("Drop this site's edit (the other sites receive that too)")
                              : leaderOnly);
    if (!edit) {
        m_status->setText(
            tr("Only the leader edits the responsible units; sign in as the leader to edit"));
        m_status->setStyleSheet(QStringLiteral("color: #5f6b76;"));
    } else if (m_status->text().startsWith(leaderOnly))
        m_status->clear();
}

QJsonObject UnitEditor::entry() const
{
    const UnitCatalog::Unit *u = m_session.catalogues().units.find(m_id->text());
    return catalogueedits::unitJson({m_id->text(), m_name->text().trimmed(),
                                     m_nameEn->text().trimmed(), m_kind->currentData().toString(),
                                     listFrom(m_types->text()), listFrom(m_areas->text()),
                                     listFrom(m_categories->text()), u && u->demo});
}

Result<void> UnitEditor::save()
{
    if (!canEdit()) {
        Error e{QStringLiteral("unit.not-allowed"),
                tr("Only the leader edits the responsible units; sign in as the leader"),
                {}};
        report(e.message, false);
        return e;
    }
    return store(m_id->text(), entry());
}

Result<void> UnitEditor::revert()
{
    if (!canEdit())
        return Error{QStringLiteral("unit.not-allowed"), {}, {}};
    return store(selectedId(), QJsonValue::Null);
}

void UnitEditor::addUnit()
{
    int next = 1;
    for (const UnitCatalog::Unit &u : m_session.catalogues().units.units())
        next = std::max(next, u.id.mid(1).toInt() + 1);
    m_table->clearSelection();
    m_newId = QStringLiteral("U%1").arg(next, 3, 10, QLatin1Char('0'));
    m_id->setText(m_newId);
    for (QLineEdit *e : {m_name, m_nameEn, m_types, m_areas, m_categories})
        e->clear();
    m_kind->setCurrentIndex(0);
    m_name->setFocus();
    report(tr("New unit %1: fill in its name, unit types and areas, then save").arg(m_newId), true);
}

Result<void> UnitEditor::store(const QString &id, const QJsonValue &value)
{
    AppContext &context = m_session.context();
    auto saved = catalogueedits::saveEntry(context.store(), m_session.grid(),
                                           AppContext::bundledCataloguesDir(), refkinds::unit(), id,
                                           value, m_session.userId(), m_session.now());
    Result<void> written = saved ? context.reloadCatalogues() : Result<void>(saved.error());
    if (!written) {
        report(written.error().message, false);
        return written;
    }
    m_newId.clear();
    refresh();
    select(id);
    QStringList cells;
    for (const GridUnit &u : m_session.grid().units())
        if (u.level == GridLevel::Cell)
            cells.append(u.code);
    const auto c = context.catalogues().units.coverage(context.catalogues().categories, cells);
    report(tr("Saved; sent to the other sites with the next sync packages. Categories × cells: "
              "%1 with one unit, %2 with none, %3 with two or more")
               .arg(c.resolved)
               .arg(c.gaps)
               .arg(c.ambiguities),
           true);
    m_session.notifyAllChanged();
    return {};
}

void UnitEditor::report(const QString &text, bool ok)
{
    m_status->setText(text);
    m_status->setStyleSheet(ok ? QStringLiteral("color: #1b5e20;")
                               : QStringLiteral("color: #b03a2e;"));
}

} // namespace citygrid
