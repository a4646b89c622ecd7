// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridchange.h"

#include "audit/recordchain.h"

#include "base/uuids.h"
#include "cases/caserows.h"
#include "grid/gridmaploader.h"
#include "store/store.h"
#include "store/storeschema.h"

#include <QJsonObject>
#include <QSet>

namespace citygrid {

namespace {

using namespace storeschema;

QString district(const QString &code, const QString &name)
{
    return name.isEmpty() ? code : code + u' ' + name;
}

/// At most `count` items of a list, with how many more there are.
QString firstOf(const QStringList &items, int count)
{
    QString text = items.mid(0, count).join(QStringLiteral(", "));
    if (items.size() > count)
        text += GridChange::tr(" and %n more", nullptr, int(items.size() - count));
    return text;
}

} // namespace

Result<GridChange> GridChange::assess(const SqliteDb &db, const GridSource &grid)
{
    GridChange change;
    const QString codeBefore = Store::meta(db, keyDistrictCode());
    change.districtBefore = district(codeBefore, Store::meta(db, keyDistrictName()));
    change.districtAfter = district(grid.districtCode, grid.districtName);
    change.districtChanges = !codeBefore.isEmpty() && codeBefore != grid.districtCode;

    auto map = GridMapLoader::fromSource(grid, QStringLiteral("EPSG:4326"));
    if (!map)
        return map.error();
    const MapLayerPtr cells = map.value().cells;
    QSet<QString> newCodes;
    for (const SourceFeature &cell : grid.cells)
        newCodes.insert(cell.code);

    auto query = Statement::prepare(
        db, QStringLiteral("SELECT uuid, case_no, cell_code, geom FROM %1 ORDER BY case_no")
                .arg(casesTable()));
    if (!query)
        return query.error();
    QSet<QString> dropped;
    const auto read = query.value().forEachRow([&](const Statement &q) {
        ++change.cases;
        const QString from = q.text(2);
        if (!from.isEmpty() && !newCodes.contains(from))
            dropped.insert(from);
        const auto at = caserows::pointFromGpkg(q.blob(3));
        const int id = at && cells ? cells->featureAt(*at) : -1;
        if (id < 0) {
            change.outside.append(q.text(1));
            return;
        }
        const QString to = cells->features[id].code;
        if (to != from)
            change.moves.append({q.text(0), q.text(1), from, to});
    });
    if (!read)
        return read.error();
    change.droppedInUse = QStringList(dropped.cbegin(), dropped.cend());
    change.droppedInUse.sort();
    return change;
}

bool GridChange::needsConfirmation() const
{
    return districtChanges || !outside.isEmpty() || !droppedInUse.isEmpty();
}

QString GridChange::describe() const
{
    QStringList lines;
    if (districtChanges)
        lines << tr("The district changes from %1 to %2.").arg(districtBefore, districtAfter);
    if (!droppedInUse.isEmpty())
        lines << tr("%n cell(s) that cases lie in are not in the new grid: %1.", nullptr,
                    int(droppedInUse.size()))
                     .arg(firstOf(droppedInUse, 5));
    lines << tr("Of the %n case(s) in the store, %1 are placed in another cell by their "
                "position and %2 lie in no cell of the new grid.",
                nullptr, int(cases))
                 .arg(moves.size())
                 .arg(outside.size());
    if (!outside.isEmpty())
        lines << tr("Cases outside the new grid (they keep their old cell): %1.")
                     .arg(firstOf(outside, 10));
    return lines.join(u'\n');
}

Result<void> GridChange::apply(SqliteDb &db, const QString &siteId, const QDateTime &now) const
{
    if (moves.isEmpty())
        return {};
    auto writer = CaseRowWriter::prepare(db);
    if (!writer)
        return writer.error();
    auto update = Statement::prepare(
        db, QStringLiteral("UPDATE %1 SET cell_code = ?2, community_code = ?3, "
                           "subdistrict_code = ?4 WHERE uuid = ?1")
                .arg(casesTable()));
    if (!update)
        return update.error();
    for (const Move &move : moves) {
        // The case row is the projection of its events: the move is an event too, so a
        // re-projection (after a sync merge) places the case where this import put it.
        const CaseEvent event{uuids::next(),
                              move.caseUuid,
                              QStringLiteral("relocate"),
                              QStringLiteral("grid-import"),
                              QStringLiteral("system"),
                              now,
                              siteId,
                              {},
                              {{QStringLiteral("cell_code"), move.to},
                               {QStringLiteral("from_cell_code"), move.from}}};
        if (auto r = writer.value().appendEvent(event); !r)
            return r;
        // sealed into this site's record like every other step of a case
        if (auto r = RecordChain(db).sealLastRow(recordstreams::cases()); !r)
            return r;
        update.value().bind(1, move.caseUuid).bind(2, move.to).bind(3, move.to.left(12));
        update.value().bind(4, move.to.left(9));
        if (auto r = update.value().run(); !r)
            return r;
    }
    return {};
}

} // namespace citygrid
