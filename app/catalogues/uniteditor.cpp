// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/uniteditor.h"

#include "catalogues/catalogueedits.h"
#include "services/casesession.h"
#include "services/cataloguenames.h"
#include "services/language.h"
#include "store/storeschema.h"
#include "catalogues/cataloguekinds.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>

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
    : CatalogueEditor(
          session, cataloguekinds::unit(), {tr("Id"), tr("Name"), tr("Kind"), tr("Areas")},
          {tr("Responsible units"),
           tr("Which unit a case is dispatched to. Edits are checked against the whole catalogue, "
              "kept in this store and sent to the other sites in the next sync packages; the "
              "users whose role may edit the catalogues make them."),
           QStringLiteral("unit.not-allowed")},
          parent),
      m_id(new QLineEdit(this)), m_name(new QLineEdit(this)), m_nameEn(new QLineEdit(this)),
      m_types(new QLineEdit(this)), m_areas(new QLineEdit(this)), m_categories(new QLineEdit(this)),
      m_kind(new QComboBox(this)), m_areaNames(new QLabel(this)),
      m_add(new QPushButton(tr("New unit"), this))
{
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

    form()->addRow(tr("Id"), m_id);
    form()->addRow(tr("Name"), m_name);
    form()->addRow(tr("English name"), m_nameEn);
    form()->addRow(tr("Kind"), m_kind);
    form()->addRow(tr("Unit types"), m_types);
    form()->addRow(tr("Areas"), m_areas);
    form()->addRow(QString(), m_areaNames);
    form()->addRow(tr("Categories"), m_categories);
    addButton(m_add);

    connect(m_areas, &QLineEdit::textChanged, this, &UnitEditor::showAreaNames);
    connect(m_add, &QPushButton::clicked, this, &UnitEditor::addUnit);
    populate();
}

QStringList UnitEditor::ids() const
{
    QStringList ids;
    for (const UnitCatalogue::Unit &u : m_session.catalogues().units.units())
        ids.append(u.id);
    return ids;
}

QStringList UnitEditor::rowCells(const QString &id) const
{
    const UnitCatalogue::Unit *u = m_session.catalogues().units.find(id);
    return {id, cataloguenames::unit(m_session.catalogues(), id),
            m_kind->itemText(m_kind->findData(u->kind)), u->areas.join(u' ')};
}

void UnitEditor::showEntry(const QString &id)
{
    const UnitCatalogue::Unit *u = m_session.catalogues().units.find(id);
    if (!u)
        return;
    m_id->setText(u->id);
    m_name->setText(u->name);
    m_nameEn->setText(u->nameEn);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(u->kind)));
    m_types->setText(u->types.join(QStringLiteral(", ")));
    m_areas->setText(u->areas.join(QStringLiteral(", ")));
    m_categories->setText(u->categories.join(QStringLiteral(", ")));
}

QString UnitEditor::formId() const
{
    return m_id->text();
}

void UnitEditor::setFormEditable(bool editable)
{
    for (QLineEdit *e : {m_name, m_nameEn, m_types, m_areas, m_categories})
        e->setReadOnly(!editable);
    m_kind->setEnabled(editable);
    m_add->setEnabled(editable);
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

QJsonObject UnitEditor::entry() const
{
    const UnitCatalogue::Unit *u = m_session.catalogues().units.find(m_id->text());
    return catalogueedits::unitJson({m_id->text(), m_name->text().trimmed(),
                                     m_nameEn->text().trimmed(), m_kind->currentData().toString(),
                                     listFrom(m_types->text()), listFrom(m_areas->text()),
                                     listFrom(m_categories->text()), u && u->demo});
}

void UnitEditor::addUnit()
{
    int next = 1;
    for (const UnitCatalogue::Unit &u : m_session.catalogues().units.units())
        next = std::max(next, u.id.mid(1).toInt() + 1);
    table()->clearSelection();
    const QString id = QStringLiteral("U%1").arg(next, 3, 10, QLatin1Char('0'));
    m_id->setText(id);
    for (QLineEdit *e : {m_name, m_nameEn, m_types, m_areas, m_categories})
        e->clear();
    m_kind->setCurrentIndex(0);
    m_name->setFocus();
    report(tr("New unit %1: fill in its name, unit types and areas, then save").arg(id), true);
}

} // namespace citygrid
