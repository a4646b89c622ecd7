// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "grid/gridvalidator.h"

#include "crs/crstransform.h"
#include "geometry/spatialindex.h"
#include "grid/cellcode.h"
#include "io/ogrutil.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>
#include <vector>

namespace citygrid {

namespace {

using Sev = ImportIssue::Severity;

/// One layer's features parsed once: lon/lat geometry and its copy in metres.
struct Parsed
{
    std::vector<OGRGeometryUniquePtr> geo;
    std::vector<OGRGeometryUniquePtr> metric; // null where the geometry is unusable
};

QString layerName(GridLevel level)
{
    switch (level) {
    case GridLevel::Subdistrict:
        return GridValidator::tr("subdistricts");
    case GridLevel::Community:
        return GridValidator::tr("communities");
    default:
        return GridValidator::tr("cells");
    }
}

Parsed parseLayer(const QList<SourceFeature> &features, GridLevel level,
                  const CrsTransform &toMetres, ImportIssues &issues)
{
    Parsed parsed;
    for (const SourceFeature &f : features) {
        OGRGeometryUniquePtr geo = f.wkb.isEmpty() ? nullptr : ogrutil::fromWkb(f.wkb);
        OGRGeometryUniquePtr metric;
        if (geo && !geo->IsValid()) {
            issues.append({Sev::Error, QStringLiteral("geometry.invalid"), layerName(level), f.fid,
                           f.code,
                           GridValidator::tr("The polygon is invalid (self-intersecting or with a "
                                             "broken ring); repair it in a GIS and import again")});
        } else if (geo) {
            metric.reset(geo->clone());
            ogrutil::transform(*metric, toMetres);
        }
        parsed.geo.push_back(std::move(geo));
        parsed.metric.push_back(std::move(metric));
    }
    return parsed;
}

void checkCodes(const QList<SourceFeature> &features, GridLevel level, ImportIssues &issues)
{
    QHash<QString, qint64> seen;
    for (const SourceFeature &f : features) {
        auto code = CellCode::parse(f.code);
        if (!code) {
            issues.append({Sev::Error, QStringLiteral("code.malformed"), layerName(level), f.fid,
                           f.code,
                           f.code.isEmpty() ? GridValidator::tr("The feature has no code")
                                            : code.error().message});
            continue;
        }
        if (code.value().level() != level) {
            issues.append({Sev::Error, QStringLiteral("code.wrong-level"), layerName(level), f.fid,
                           f.code,
                           GridValidator::tr("Code \"%1\" has the length of another level of the "
                                             "hierarchy")
                               .arg(f.code)});
            continue;
        }
        if (seen.contains(f.code))
            issues.append({Sev::Error, QStringLiteral("code.duplicate"), layerName(level), f.fid,
                           f.code,
                           GridValidator::tr("Code %1 is used twice (also by feature %2)")
                               .arg(f.code)
                               .arg(seen.value(f.code))});
        else
            seen.insert(f.code, f.fid);
    }
}

/// Union of the given geometries (lon/lat), as a MultiPolygon.
OGRGeometryUniquePtr dissolve(const std::vector<const OGRGeometry *> &parts)
{
    OGRMultiPolygon all;
    for (const OGRGeometry *part : parts) {
        if (!part)
            continue;
        const OGRMultiPolygon *multi = part->toMultiPolygon();
        for (int i = 0; i < multi->getNumGeometries(); ++i)
            all.addGeometry(multi->getGeometryRef(i));
    }
    OGRGeometryUniquePtr united(all.UnionCascaded());
    if (!united)
        return nullptr;
    return OGRGeometryUniquePtr(OGRGeometryFactory::forceToMultiPolygon(united.release()));
}

/// Fills missing parents by dissolving children by code prefix.
void dissolveParents(const QList<SourceFeature> &children, const Parsed &parsed,
                     QList<SourceFeature> &parents, int prefix,
                     const QHash<QString, QString> &names)
{
    std::map<QString, std::vector<const OGRGeometry *>> groups;
    for (qsizetype i = 0; i < children.size(); ++i)
        if (children[i].code.size() > prefix)
            groups[children[i].code.left(prefix)].push_back(parsed.geo[size_t(i)].get());
    for (const auto &[code, parts] : groups) {
        SourceFeature parent;
        parent.code = code;
        parent.name = names.value(code);
        if (auto geometry = dissolve(parts))
            parent.wkb = ogrutil::toWkb(*geometry);
        parents.append(parent);
    }
}

void checkParents(const QList<SourceFeature> &children, GridLevel level,
                  const QList<SourceFeature> &parents, int prefix, ImportIssues &issues)
{
    QSet<QString> parentCodes;
    for (const SourceFeature &p : parents)
        parentCodes.insert(p.code);
    for (const SourceFeature &c : children)
        if (c.code.size() > prefix && !parentCodes.contains(c.code.left(prefix)))
            issues.append(
                {Sev::Error, QStringLiteral("code.orphan"), layerName(level), c.fid, c.code,
                 GridValidator::tr("Its parent %1 is not in the file").arg(c.code.left(prefix))});
}

/// Each child must lie inside the parent its code names.
void checkContainment(const QList<SourceFeature> &children, const Parsed &childGeo, GridLevel level,
                      const QList<SourceFeature> &parents, const Parsed &parentGeo, int prefix,
                      ImportIssues &issues)
{
    QHash<QString, size_t> parentIndex;
    for (qsizetype i = 0; i < parents.size(); ++i)
        parentIndex.insert(parents[i].code, size_t(i));
    for (qsizetype i = 0; i < children.size(); ++i) {
        const OGRGeometry *child = childGeo.metric[size_t(i)].get();
        const auto it = parentIndex.constFind(children[i].code.left(prefix));
        if (!child || it == parentIndex.cend() || !parentGeo.metric[*it])
            continue;
        OGRGeometryUniquePtr outside(child->Difference(parentGeo.metric[*it].get()));
        const double m2 = ogrutil::area(outside.get());
        if (m2 > GridValidator::toleranceFor(ogrutil::area(child)))
            issues.append({Sev::Error, QStringLiteral("topology.outside-parent"), layerName(level),
                           children[i].fid, children[i].code,
                           GridValidator::tr("%1 m² of it lie outside %2, the area its code names")
                               .arg(m2, 0, 'f', 0)
                               .arg(parents[qsizetype(*it)].code)});
    }
}

void checkOverlaps(const QList<SourceFeature> &cells, const Parsed &parsed, ImportIssues &issues,
                   const Progress &progress)
{
    std::vector<QRectF> boxes;
    for (const auto &g : parsed.metric) {
        OGREnvelope env;
        if (g)
            g->getEnvelope(&env);
        boxes.push_back(g ? QRectF(QPointF(env.MinX, env.MinY), QPointF(env.MaxX, env.MaxY))
                          : QRectF());
    }
    SpatialIndex index;
    index.build(boxes);
    for (size_t i = 0; i < boxes.size(); ++i) {
        if (i % 1000 == 0 && !progress.report(GridValidator::tr("Looking for overlaps"),
                                              double(i) / double(boxes.size())))
            return;
        if (!parsed.metric[i])
            continue;
        index.query(boxes[i], [&](int j) {
            if (size_t(j) <= i || !parsed.metric[size_t(j)])
                return;
            if (!parsed.metric[i]->Intersects(parsed.metric[size_t(j)].get()))
                return;
            OGRGeometryUniquePtr common(
                parsed.metric[i]->Intersection(parsed.metric[size_t(j)].get()));
            const double m2 = ogrutil::area(common.get());
            const double smaller = std::min(ogrutil::area(parsed.metric[i].get()),
                                            ogrutil::area(parsed.metric[size_t(j)].get()));
            if (m2 > GridValidator::toleranceFor(smaller))
                issues.append({Sev::Error, QStringLiteral("topology.overlap"),
                               layerName(GridLevel::Cell), cells[qsizetype(i)].fid,
                               cells[qsizetype(i)].code,
                               GridValidator::tr("It overlaps cell %1 by %2 m²")
                                   .arg(cells[j].code)
                                   .arg(m2, 0, 'f', 0)});
        });
    }
}

void checkGaps(const Parsed &parsed, const CrsTransform &toMetres, ImportIssues &issues)
{
    std::vector<const OGRGeometry *> parts;
    double total = 0;
    for (const auto &g : parsed.metric) {
        parts.push_back(g.get());
        total += ogrutil::area(g.get());
    }
    // A hole is a gap when it is larger than noise for a cell of average size.
    const double tolerance =
        GridValidator::toleranceFor(parts.empty() ? 0 : total / double(parts.size()));
    OGRGeometryUniquePtr united = dissolve(parts);
    if (!united)
        return;
    const OGRMultiPolygon *multi = united->toMultiPolygon();
    for (int p = 0; p < multi->getNumGeometries(); ++p) {
        const OGRPolygon *polygon = multi->getGeometryRef(p);
        for (int r = 0; r < polygon->getNumInteriorRings(); ++r) {
            OGRPolygon hole;
            hole.addRingDirectly(polygon->getInteriorRing(r)->clone());
            const double m2 = ogrutil::area(&hole);
            if (m2 <= tolerance)
                continue;
            OGRPoint centre;
            hole.Centroid(&centre);
            const QPointF lonLat = toMetres.applyInverse(QPointF(centre.getX(), centre.getY()));
            issues.append(
                {Sev::Error,
                 QStringLiteral("topology.gap"),
                 layerName(GridLevel::Cell),
                 -1,
                 {},
                 GridValidator::tr("A gap of %1 m² between cells near longitude %2, latitude %3")
                     .arg(m2, 0, 'f', 0)
                     .arg(lonLat.x(), 0, 'f', 5)
                     .arg(lonLat.y(), 0, 'f', 5)});
        }
    }
}

void setAreas(QList<SourceFeature> &features, const Parsed &parsed)
{
    for (qsizetype i = 0; i < features.size(); ++i)
        features[i].areaKm2 = ogrutil::area(parsed.metric[size_t(i)].get()) / 1e6;
}

/// One parent level, completed and checked: dissolved from the children when the file does not
/// carry it (also when the file has errors, so the preview shows the whole grid and the list names
/// only real problems); otherwise every child must have its parent and lie inside it.
Parsed completeParents(const QList<SourceFeature> &children, const Parsed &childGeo,
                       GridLevel childLevel, QList<SourceFeature> &parents, GridLevel parentLevel,
                       const QHash<QString, QString> &names, const CrsTransform &metres,
                       ImportIssues &issues)
{
    const int prefix = parentLevel == GridLevel::Community ? 12 : 9;
    const bool given = !parents.isEmpty();
    if (!given)
        dissolveParents(children, childGeo, parents, prefix, names);
    Parsed parsed = parseLayer(parents, parentLevel, metres, issues);
    if (given) {
        checkParents(children, childLevel, parents, prefix, issues);
        checkContainment(children, childGeo, childLevel, parents, parsed, prefix, issues);
    }
    setAreas(parents, parsed);
    return parsed;
}

/// The extent of the cells must look like a district somewhere its codes could be.
bool checkPlausible(const Parsed &cells, const QString &districtCode, ImportIssues &issues,
                    QPointF &centre)
{
    OGREnvelope all;
    bool any = false;
    for (const auto &g : cells.geo) {
        if (!g)
            continue;
        OGREnvelope env;
        g->getEnvelope(&env);
        all.Merge(env);
        any = true;
    }
    if (!any) {
        issues.append({Sev::Error,
                       QStringLiteral("import.no-geometry"),
                       {},
                       -1,
                       {},
                       GridValidator::tr("None of the cells has a usable geometry")});
        return false;
    }
    centre = QPointF((all.MinX + all.MaxX) / 2, (all.MinY + all.MaxY) / 2);
    if (all.MaxX - all.MinX > 3 || all.MaxY - all.MinY > 3) {
        issues.append(
            {Sev::Error,
             QStringLiteral("import.implausible-extent"),
             {},
             -1,
             {},
             GridValidator::tr("The cells spread over %1° × %2°, far more than a district; "
                               "the coordinate reference system is probably wrong (give it "
                               "with --crs)")
                 .arg(all.MaxX - all.MinX, 0, 'f', 1)
                 .arg(all.MaxY - all.MinY, 0, 'f', 1)});
        return false;
    }
    // Chinese county codes start with 1-6; such a grid must lie in China.
    const bool chineseCode =
        !districtCode.isEmpty() && districtCode[0] >= u'1' && districtCode[0] <= u'6';
    const bool inChina =
        centre.x() > 73 && centre.x() < 135.5 && centre.y() > 3.5 && centre.y() < 54;
    if (chineseCode && !inChina) {
        issues.append(
            {Sev::Error,
             QStringLiteral("import.implausible-place"),
             {},
             -1,
             {},
             GridValidator::tr("The cells lie at longitude %1, latitude %2, far from China "
                               "where their codes place them; the coordinate reference "
                               "system is probably wrong (give it with --crs)")
                 .arg(centre.x(), 0, 'f', 3)
                 .arg(centre.y(), 0, 'f', 3)});
        return false;
    }
    return true;
}

} // namespace

ImportIssues GridValidator::validate(GridSource &source, const Progress &progress)
{
    ImportIssues issues;
    checkCodes(source.cells, GridLevel::Cell, issues);
    checkCodes(source.communities, GridLevel::Community, issues);
    checkCodes(source.subdistricts, GridLevel::Subdistrict, issues);

    QSet<QString> districts;
    for (const SourceFeature &cell : std::as_const(source.cells))
        if (cell.code.size() >= 6)
            districts.insert(cell.code.left(6));
    if (districts.size() > 1)
        issues.append(
            {Sev::Error,
             QStringLiteral("code.several-districts"),
             layerName(GridLevel::Cell),
             -1,
             {},
             tr("The cells belong to %1 different districts (%2); import one district at a time")
                 .arg(districts.size())
                 .arg(QStringList(districts.cbegin(), districts.cend()).join(u", "))});
    if (source.districtCode.isEmpty() && districts.size() == 1)
        source.districtCode = *districts.cbegin();
    if (source.districtName.isEmpty())
        source.districtName = placeholderName(source.districtCode);

    // All measurements in metres, on an equal-area projection centred on the data.
    Parsed probe;
    for (const SourceFeature &f : std::as_const(source.cells))
        probe.geo.push_back(f.wkb.isEmpty() ? nullptr : ogrutil::fromWkb(f.wkb));
    QPointF centre;
    if (!checkPlausible(probe, source.districtCode, issues, centre))
        return issues;
    auto toMetres = CrsTransform::create(
        QStringLiteral("EPSG:4326"),
        QStringLiteral("+proj=laea +lat_0=%1 +lon_0=%2 +datum=WGS84 +units=m +type=crs")
            .arg(centre.y(), 0, 'f', 6)
            .arg(centre.x(), 0, 'f', 6));
    if (!toMetres) {
        issues.append(
            {Sev::Error, QStringLiteral("import.crs"), {}, -1, {}, toMetres.error().message});
        return issues;
    }
    const CrsTransform &metres = toMetres.value();

    if (!progress.report(tr("Checking geometries"), 0))
        return issues;
    const Parsed cells = parseLayer(source.cells, GridLevel::Cell, metres, issues);
    if (!progress.report(tr("Looking for overlaps"), 0))
        return issues;
    checkOverlaps(source.cells, cells, issues, progress);
    if (!progress.report(tr("Looking for gaps"), 0))
        return issues;
    checkGaps(cells, metres, issues);
    if (!progress.report(tr("Building communities and subdistricts"), 0))
        return issues;
    setAreas(source.cells, cells);

    const Parsed communities =
        completeParents(source.cells, cells, GridLevel::Cell, source.communities,
                        GridLevel::Community, source.parentNames, metres, issues);
    completeParents(source.communities, communities, GridLevel::Community, source.subdistricts,
                    GridLevel::Subdistrict, source.parentNames, metres, issues);

    // One line for all unnamed communities: a grid without names is common, not a list of faults.
    QStringList unnamed;
    for (const SourceFeature &f : std::as_const(source.communities))
        if (f.name.isEmpty())
            unnamed.append(f.code);
    if (!unnamed.isEmpty())
        issues.append(
            {Sev::Warning,
             QStringLiteral("name.missing"),
             layerName(GridLevel::Community),
             -1,
             {},
             tr("%n communities have no name in the file (%1); one the store names keeps its "
                "name, the map shows the others' codes",
                nullptr, int(unnamed.size()))
                 .arg(unnamed.size() > 3 ? unnamed.mid(0, 3).join(u", ") + QStringLiteral(", …")
                                         : unnamed.join(u", "))});
    return issues;
}

} // namespace citygrid
