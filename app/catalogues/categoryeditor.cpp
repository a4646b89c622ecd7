// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/categoryeditor.h"

#include "catalogues/catalogueedits.h"
#include "services/casesession.h"
#include "services/cataloguenames.h"
#include "services/language.h"
#include "catalogues/cataloguekinds.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace citygrid {

namespace {

QPlainTextEdit *standardEdit(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 12);
    return edit;
}

} // namespace

CategoryEditor::CategoryEditor(CaseSession &session, QWidget *parent)
    : CatalogueEditor(
          session, cataloguekinds::category(), {tr("Id"), tr("Name"), tr("Deadline"), tr("Unit type")},
          {tr("Case categories"),
           tr("What a case is filed under: names, standards, the handling deadline and the type "
              "of unit it goes to. A new deadline applies to cases dispatched from then on. Edits "
              "are checked against the whole catalogue, kept in this store and sent to the other "
              "sites in the next sync packages; those whose role may edit the catalogues make "
              "them."),
           QStringLiteral("category.not-allowed")},
          parent),
      m_id(new QLineEdit(this)), m_name(new QLineEdit(this)), m_nameEn(new QLineEdit(this)),
      m_initials(new QLineEdit(this)), m_group(new QLabel(this)), m_filing(standardEdit(this)),
      m_closing(standardEdit(this)), m_deadline(new QDoubleSpinBox(this)),
      m_deadlineUnit(new QComboBox(this)), m_unitType(new QComboBox(this)),
      m_urgent(new QCheckBox(tr("Urgent: its cases are marked urgent"), this))
{
    m_id->setReadOnly(true);
    m_initials->setPlaceholderText(tr("pinyin initials operators type to find it (BLLJ)"));
    m_deadline->setRange(0.5, 999);
    m_deadline->setDecimals(1);
    m_deadline->setSingleStep(0.5);
    for (const auto &[unit, text] :
         {std::pair{Deadline::Unit::WorkingHours, tr("working hours")},
          std::pair{Deadline::Unit::WorkingDays, tr("working days")},
          std::pair{Deadline::Unit::NaturalHours, tr("hours, round the clock")},
          std::pair{Deadline::Unit::NaturalDays, tr("calendar days")}})
        m_deadlineUnit->addItem(text, Deadline::unitKey(unit));
    for (const UnitCatalogue::UnitType &t : m_session.catalogues().units.unitTypes())
        m_unitType->addItem(cataloguenames::unitType(m_session.catalogues(), t.type), t.type);
    auto *deadline = new QHBoxLayout;
    deadline->addWidget(m_deadline);
    deadline->addWidget(m_deadlineUnit, 1);

    form()->addRow(tr("Id"), m_id);
    form()->addRow(tr("Group"), m_group);
    form()->addRow(tr("Name"), m_name);
    form()->addRow(tr("English name"), m_nameEn);
    form()->addRow(tr("Initials"), m_initials);
    form()->addRow(tr("Filing standard"), m_filing);
    form()->addRow(tr("Closing standard"), m_closing);
    form()->addRow(tr("Deadline"), deadline);
    form()->addRow(QString(), m_urgent);
    form()->addRow(tr("Unit type"), m_unitType);
    populate();
}

QStringList CategoryEditor::ids() const
{
    QStringList ids;
    for (const CategoryCatalogue::Category &c : m_session.catalogues().categories.categories())
        ids.append(c.id);
    return ids;
}

QStringList CategoryEditor::rowCells(const QString &id) const
{
    const CaseCatalogues &catalogues = m_session.catalogues();
    const CategoryCatalogue::Category *c = catalogues.categories.find(id);
    return {id, cataloguenames::category(catalogues, id), c->deadline.text(),
            cataloguenames::unitType(catalogues, c->unitType)};
}

void CategoryEditor::showEntry(const QString &id)
{
    const CaseCatalogues &catalogues = m_session.catalogues();
    const CategoryCatalogue::Category *c = catalogues.categories.find(id);
    if (!c)
        return;
    const CategoryCatalogue::Group *group = catalogues.categories.group(c->kind, c->major);
    m_id->setText(c->id);
    m_group->setText(!group                                              ? QString()
                     : language::isEnglish() && !group->nameEn.isEmpty() ? group->nameEn
                                                                         : group->name);
    m_name->setText(c->name);
    m_nameEn->setText(c->nameEn);
    m_initials->setText(c->initials);
    m_filing->setPlainText(c->filingStandard);
    m_closing->setPlainText(c->closingStandard);
    m_deadline->setValue(c->deadline.value);
    m_deadlineUnit->setCurrentIndex(
        std::max(0, m_deadlineUnit->findData(Deadline::unitKey(c->deadline.unit))));
    m_urgent->setChecked(c->urgent);
    if (m_unitType->findData(c->unitType) < 0) // a type the unit catalogue does not declare
        m_unitType->addItem(c->unitType, c->unitType);
    m_unitType->setCurrentIndex(m_unitType->findData(c->unitType));
}

QString CategoryEditor::formId() const
{
    return m_id->text();
}

void CategoryEditor::setFormEditable(bool editable)
{
    for (QLineEdit *e : {m_name, m_nameEn, m_initials})
        e->setReadOnly(!editable);
    for (QPlainTextEdit *e : {m_filing, m_closing})
        e->setReadOnly(!editable);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_deadline, m_deadlineUnit, m_unitType, m_urgent})
        w->setEnabled(editable);
}

QJsonObject CategoryEditor::entry() const
{
    const CategoryCatalogue::Category *known = m_session.catalogues().categories.find(m_id->text());
    CategoryCatalogue::Category c = known ? *known : CategoryCatalogue::Category{};
    c.name = m_name->text().trimmed();
    c.nameEn = m_nameEn->text().trimmed();
    c.initials = m_initials->text().trimmed().toUpper();
    c.filingStandard = m_filing->toPlainText().trimmed();
    c.closingStandard = m_closing->toPlainText().trimmed();
    c.deadline.value = m_deadline->value();
    if (auto unit = Deadline::parseUnit(m_deadlineUnit->currentData().toString()))
        c.deadline.unit = unit.value();
    c.urgent = m_urgent->isChecked();
    c.unitType = m_unitType->currentData().toString();
    return catalogueedits::categoryJson(c);
}

} // namespace citygrid
