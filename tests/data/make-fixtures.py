#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: CityGrid contributors
"""Writes the grid fixtures in tests/data/grids/ (committed; rerun after changing this script).

Every fixture derives from one clean 3 x 3 lattice of 300 m cells in Futian (rows = communities
440304010001..003, columns = cell sequence 001..003), so each bad file differs from the good one by
exactly the fault its test expects. Needs Debian's python3-gdal.
"""
import json
import math
import os
import shutil

from osgeo import ogr, osr

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "grids")
LON0, LAT0 = 114.040, 22.520  # south-west corner, WGS84
STEP_LAT = 300 / 111320.0
STEP_LON = 300 / (111320.0 * math.cos(math.radians(LAT0)))
SUB = "福保街道"


def cell_ring(col, row, shift=(0.0, 0.0)):
    x0 = LON0 + col * STEP_LON + shift[0]
    y0 = LAT0 + (2 - row) * STEP_LAT + shift[1]  # row 0 is the northern row
    return [(x0, y0), (x0 + STEP_LON, y0), (x0 + STEP_LON, y0 + STEP_LAT), (x0, y0 + STEP_LAT), (x0, y0)]


def base_cells():
    cells = []
    for row in range(3):
        for col in range(3):
            community = "440304010%03d" % (row + 1)
            cells.append({
                "code": "%s%03d" % (community, col + 1),
                "community": "测试第%d社区" % (row + 1),
                "subdistrict": SUB,
                "note": "第%d行" % (row + 1),
                "ring": cell_ring(col, row),
            })
    return cells


def geojson(path, cells, geometry=None):
    features = []
    for c in cells:
        props = {k: v for k, v in c.items() if k != "ring"}
        geom = geometry(c) if geometry else {"type": "Polygon", "coordinates": [c["ring"]]}
        features.append({"type": "Feature", "properties": props, "geometry": geom})
    with open(os.path.join(HERE, path), "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False, indent=0)


# --- GCJ-02 forward formula (the published one), for the GCJ-02 fixture ---
A, EE = 6378245.0, 0.00669342162296594323


def _lat(x, y):
    r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20 * math.sin(6 * x * math.pi) + 20 * math.sin(2 * x * math.pi)) * 2 / 3
    r += (20 * math.sin(y * math.pi) + 40 * math.sin(y / 3 * math.pi)) * 2 / 3
    r += (160 * math.sin(y / 12 * math.pi) + 320 * math.sin(y * math.pi / 30)) * 2 / 3
    return r


def _lon(x, y):
    r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20 * math.sin(6 * x * math.pi) + 20 * math.sin(2 * x * math.pi)) * 2 / 3
    r += (20 * math.sin(x * math.pi) + 40 * math.sin(x / 3 * math.pi)) * 2 / 3
    r += (150 * math.sin(x / 12 * math.pi) + 300 * math.sin(x / 30 * math.pi)) * 2 / 3
    return r


def to_gcj(lon, lat):
    dlat, dlon = _lat(lon - 105, lat - 35), _lon(lon - 105, lat - 35)
    rad = lat / 180 * math.pi
    magic = 1 - EE * math.sin(rad) ** 2
    sq = math.sqrt(magic)
    dlat = dlat * 180 / ((A * (1 - EE)) / (magic * sq) * math.pi)
    dlon = dlon * 180 / (A / sq * math.cos(rad) * math.pi)
    return lon + dlon, lat + dlat


def write_ogr(path, driver, layers, epsg, layer_options=None, keep_prj=True):
    full = os.path.join(HERE, path)
    drv = ogr.GetDriverByName(driver)
    if os.path.exists(full):
        drv.DeleteDataSource(full)
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        base = os.path.splitext(full)[0]
        if driver == "ESRI Shapefile" and os.path.exists(base + ext):
            os.remove(base + ext)
    ds = drv.CreateDataSource(full)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_target = None
    if epsg != 4326:
        wgs = osr.SpatialReference()
        wgs.ImportFromEPSG(4326)
        wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        to_target = osr.CoordinateTransformation(wgs, srs)
    for name, fields, rows in layers:
        layer = ds.CreateLayer(name, srs, ogr.wkbPolygon, options=layer_options or [])
        for fname in fields:
            layer.CreateField(ogr.FieldDefn(fname, ogr.OFTString))
        for values, ring in rows:
            feat = ogr.Feature(layer.GetLayerDefn())
            for fname, value in zip(fields, values):
                feat.SetField(fname, value)
            r = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in ring:
                r.AddPoint_2D(x, y)
            poly = ogr.Geometry(ogr.wkbPolygon)
            poly.AddGeometry(r)
            if to_target:
                poly.Transform(to_target)
            feat.SetGeometry(poly)
            layer.CreateFeature(feat)
    ds = None
    if driver == "ESRI Shapefile" and not keep_prj:
        os.remove(os.path.splitext(full)[0] + ".prj")


def union_ring(rings):
    """The outer ring of the union, keeping every vertex of the parts (as a GIS dissolve does)."""
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    for ring in rings:
        r = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in ring:
            r.AddPoint_2D(x, y)
        poly = ogr.Geometry(ogr.wkbPolygon)
        poly.AddGeometry(r)
        multi.AddGeometry(poly)
    union = multi.UnionCascaded()
    outer = union.GetGeometryRef(0) if union.GetGeometryName() == "POLYGON" else union.GetGeometryRef(0).GetGeometryRef(0)
    return [outer.GetPoint_2D(i) for i in range(outer.GetPointCount())]


def main():
    os.makedirs(HERE, exist_ok=True)
    cells = base_cells()
    geojson("good_cells.geojson", cells)

    # KML, as exported from Google Earth-like tools: the code is the placemark's name.
    write_ogr("good_cells.kml", "KML", [("cells", ["Name", "community"],
                                         [([c["code"], c["community"]], c["ring"]) for c in cells])], 4326)

    gcj = [dict(c, ring=[to_gcj(*p) for p in c["ring"]]) for c in cells]
    geojson("good_gcj02.geojson", gcj)

    # Three layers in CGCS2000 / GK 114E, as a surveyed grid would come.
    communities = []
    for row in range(3):
        code = "440304010%03d" % (row + 1)
        communities.append(([code, "测试第%d社区" % (row + 1)],
                            union_ring([c["ring"] for c in cells if c["code"].startswith(code)])))
    sub = [(["440304010", SUB], union_ring([c["ring"] for c in cells]))]
    write_ogr("good_layers.gpkg", "GPKG", [
        ("subdistricts", ["code", "name"], sub),
        ("communities", ["code", "name"], communities),
        ("cells", ["code"], [([c["code"]], c["ring"]) for c in cells]),
    ], 4547)

    # A Shapefile as Chinese GIS offices send them: GBK attributes, code in a field named WGBM.
    gbk_rows = [([c["code"], c["community"], c["subdistrict"]], c["ring"]) for c in cells]
    write_ogr("good_gbk.shp", "ESRI Shapefile", [("good_gbk", ["WGBM", "SQMC", "JDMC"], gbk_rows)], 4547,
              layer_options=["ENCODING=GBK"])
    write_ogr("noprj.shp", "ESRI Shapefile", [("noprj", ["WGBM"], [([c["code"]], c["ring"]) for c in cells])],
              4547, keep_prj=False)

    dup = [dict(c) for c in cells]
    dup[4]["code"] = dup[3]["code"]
    geojson("bad_duplicate.geojson", dup)

    malformed = [dict(c) for c in cells]
    malformed[2]["code"] = "44030401000100X"
    geojson("bad_malformed.geojson", malformed)

    invalid = [dict(c) for c in cells]
    r = invalid[0]["ring"]
    invalid[0]["ring"] = [r[0], r[2], r[1], r[3], r[0]]  # a bow-tie
    geojson("bad_invalid.geojson", invalid)

    overlap = [dict(c) for c in cells]
    overlap[8]["ring"] = cell_ring(2, 2, shift=(-STEP_LON / 3, 0))  # pushed into its west neighbour
    overlap[7]["ring"] = cell_ring(1, 2, shift=(-STEP_LON / 3, 0))
    overlap[6]["ring"] = cell_ring(0, 2)
    geojson("bad_overlap.geojson", overlap)

    gap = [c for c in cells if c["code"] != "440304010002002"]  # the middle cell missing
    geojson("bad_gap.geojson", gap)

    far = [dict(c, ring=[(p[0] - 113.0, p[1] + 26.0) for p in c["ring"]]) for c in cells]  # near Paris
    geojson("bad_far.geojson", far)

    points = [dict(c) for c in cells]
    geojson("bad_points.geojson", points, geometry=lambda c: {"type": "Point", "coordinates": list(c["ring"][0])})

    geojson("not_a_grid.geojson", [{"name": "公园", "ring": cells[0]["ring"]}])

    # A cell whose code names community 001 but which lies in community 003's area.
    wrong_rows = [([c["code"]], c["ring"]) for c in cells]
    wrong_rows[8] = (["440304010001004"], cells[8]["ring"])
    write_ogr("bad_outside_community.gpkg", "GPKG", [
        ("subdistricts", ["code", "name"], sub),
        ("communities", ["code", "name"], communities),
        ("cells", ["code"], wrong_rows),
    ], 4547)


if __name__ == "__main__":
    main()
