// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "widgets/filtercombos.h"

#include "services/casesession.h"
#include "services/language.h"

#include <QComboBox>
#include <QCoreApplication>

namespace citygrid::filtercombos {

void addSubdistricts(QComboBox *box, const CaseSession &session)
{
    const bool english = language::isEnglish();
    box->addItem(QCoreApplication::translate("citygrid::filtercombos", "Whole district"),
                 QString());
    for (const GridUnit *sub : session.grid().children({}))
        box->addItem(session.grid().displayName(sub->code, english), sub->code);
}

void addCategoryGroups(QComboBox *box, const CaseSession &session)
{
    const bool english = language::isEnglish();
    box->addItem(QCoreApplication::translate("citygrid::filtercombos", "All categories"),
                 QString());
    for (const auto &g : session.catalogues().categories.groups()) {
        const QChar kind = g.kind == QLatin1String("component") ? u'C' : u'E';
        box->addItem(QStringLiteral("%1%2 %3").arg(kind).arg(g.major, english ? g.nameEn : g.name),
                     QStringLiteral("%1%2").arg(kind).arg(g.major));
    }
}

QString openStates()
{
    return QStringLiteral("open");
}

void addStates(QComboBox *box)
{
    box->addItem(QCoreApplication::translate("citygrid::filtercombos", "All states"), QString());
    box->addItem(QCoreApplication::translate("citygrid::filtercombos", "Open"), openStates());
    for (CaseState s : CaseVocabulary::states())
        box->addItem(CaseVocabulary::displayName(s), CaseVocabulary::id(s));
}

void addUnits(QComboBox *box, const CaseSession &session)
{
    box->addItem(QCoreApplication::translate("citygrid::filtercombos", "All units"), QString());
    for (const auto &u : session.catalogues().units.units())
        box->addItem(session.unitName(u.id), u.id);
}

} // namespace citygrid::filtercombos
