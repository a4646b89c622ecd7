// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "catalogues/cataloguekinds.h"

#include "catalogues/casecatalogues.h"

#include <QJsonObject>

namespace citygrid::cataloguekinds {

namespace {

/// lupdate files tr() in this namespace under its name, so that is the context looked up.
QString tr(const char *text)
{
    return QCoreApplication::translate("citygrid::cataloguekinds", text);
}

QString entryProblem(const RefRecords::Record &r)
{
    if (!r.value.isNull() && r.value.toObject()[QLatin1String("id")].toString() != r.key)
        return tr("its id is not its key");
    return {}; // the whole catalogue with it is checked once everything is merged
}

} // namespace

Result<QHash<QString, QHash<QString, QJsonValue>>> catalogueEdits(SqliteDb &db,
                                                                  const QString &siteId)
{
    RefRecords records(db, siteId);
    QHash<QString, QHash<QString, QJsonValue>> edits;
    for (const auto &[kind, file] : {std::pair{unit(), QStringLiteral("units.json")},
                                     std::pair{category(), QStringLiteral("categories.json")}}) {
        auto list = records.list(kind);
        if (!list)
            return list.error();
        for (const RefRecords::Record &r : list.value())
            edits[file].insert(r.key, r.value);
    }
    return edits;
}

void addTo(RefKinds &kinds, const QString &cataloguesDir)
{
    const auto whole = [cataloguesDir](SqliteDb &db, const QString &siteId,
                                       const QString &source) -> Result<void> {
        auto edits = catalogueEdits(db, siteId);
        if (!edits)
            return edits.error();
        if (auto c = CaseCatalogues::load(cataloguesDir, edits.value()); !c)
            return Error{QStringLiteral("sync.catalogue"),
                         tr("The catalogue edits in the package from %1 would leave the "
                            "catalogues wrong here (%2); ask that site to correct the entry and "
                            "export again. Nothing was changed")
                             .arg(source, QString(c.error().message).remove(cataloguesDir + u'/')),
                         {}};
        return {};
    };
    kinds.add({unit(),
               [] { return tr("responsible unit"); },
               entryProblem,
               {},
               whole,
               Right::EditCatalogues});
    kinds.add({category(),
               [] { return tr("case category"); },
               entryProblem,
               {},
               whole,
               Right::EditCatalogues});
}

} // namespace citygrid::cataloguekinds
