#!/usr/bin/env python3
"""Generate the SCHEMATIC default grid of Futian District (福田区, 440304).

Reads   data/futian/reference/{futian_boundary_wgs84.geojson,
                                futian_subdistricts_nbs.csv,
                                subdistrict_anchors_approx.csv}
Writes  data/futian/{outline,subdistricts,communities,cells}.geojson
        data/futian/subdistricts.csv

The partition into 10 subdistricts, 92 communities and 202 unit grid cells is
generated, not surveyed: Voronoi cells of pseudo-random sites (fixed seed),
clipped to the generalised district outline, grown into subdistricts around
approximate anchor points and merged into communities of 1..5 cells.
Community names are synthetic and the population figures are demo values that
sum to the published district totals.  See data/README.md.

Deterministic: same inputs and same GEOS/PROJ give byte-identical output.
The script checks its own output and exits non-zero if any check fails.

Requires Debian packages python3-shapely (1.8) and python3-pyproj.
Usage: python3 scripts/gen-futian-data.py
"""

import csv
import heapq
import json
import math
import os
import random
import statistics
import sys

from pyproj import Geod, Transformer
from shapely.geometry import MultiPoint, Point, Polygon, shape
from shapely.geometry.polygon import orient
from shapely.ops import nearest_points, polygonize, unary_union, voronoi_diagram

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF_DIR = os.path.join(ROOT, "data", "futian", "reference")
OUT_DIR = os.path.join(ROOT, "data", "futian")

# ---------------------------------------------------------------- parameters
BASE_SEED = 440304          # first seed tried; later seeds only if a try fails
MAX_TRIES = 200
N_SUBDISTRICTS = 10
N_COMMUNITIES = 92
N_CELLS = 202
MAX_CELLS_PER_COMMUNITY = 5
METRIC_CRS = "EPSG:4547"    # CGCS2000 / 3-degree Gauss-Kruger CM 114E (metres)
DP_TOLERANCE_M = 20.0       # Douglas-Peucker tolerance for the outline
LLOYD_STEPS = 2
MIN_EDGE_M = 2.0            # shorter tessellation edges are contracted
MIN_CELL_KM2 = 0.05         # sliver / shape limits for a cell
MIN_CELL_COMPACTNESS = 0.25  # Polsby-Popper 4*pi*A/P^2
BAND_M = 500.0              # reading-order band height (see data/README.md)
DIGITS = 7                  # decimals of output coordinates
ANCHOR_INSET_M = 300.0      # anchors closer to the edge (or outside) are moved in

DISTRICT = {"code": "440304", "name": "福田区", "name_en": "Futian District"}

PINYIN = {
    "南园": "Nanyuan", "园岭": "Yuanling", "福田": "Futian", "沙头": "Shatou",
    "香蜜湖": "Xiangmihu", "梅林": "Meilin", "莲花": "Lianhua", "华富": "Huafu",
    "福保": "Fubao", "华强北": "Huaqiangbei",
}

# Schematic area targets (km2) steering the subdistrict growth.  Only Huafu's
# 5.75 km2 is a published figure; the others are rough plausible sizes and are
# rescaled so that all targets sum to the area of the generalised outline.
AREA_TARGET_KM2 = {
    "440304001": 4.0,   # 南园
    "440304002": 4.5,   # 园岭
    "440304004": 9.5,   # 福田
    "440304005": 13.0,  # 沙头
    "440304006": 9.0,   # 香蜜湖
    "440304007": 14.0,  # 梅林
    "440304008": 8.5,   # 莲花
    "440304009": 5.75,  # 华富 (published figure, kept fixed)
    "440304010": 5.5,   # 福保
    "440304011": 2.8,   # 华强北
}
FIXED_AREA = {"440304009"}

# Relative density of grid cells around each anchor (dense old quarters get
# smaller cells, parks / mountain / bay-side land bigger ones).  Schematic.
CELL_DENSITY = {
    "440304001": 2.5, "440304002": 2.2, "440304004": 1.8, "440304005": 1.3,
    "440304006": 0.9, "440304007": 0.8, "440304008": 1.3, "440304009": 1.6,
    "440304010": 1.2, "440304011": 3.0,
}
DENSITY_SIGMA_M = 1500.0

# Population: DEMO figures summing exactly to the published district totals.
POP_RESIDENT_TOTAL = 1553225        # 2020 census, resident population
POP_REGISTERED_TOTAL = 1040000      # household-registered, about 1.04 million
POP_RESIDENT_FIXED = {"440304009": 59995}   # Huafu, 2020 census figure
# demo weights for the remaining residents and demo registered shares
POP_RESIDENT_WEIGHT = {
    "440304001": 140, "440304002": 130, "440304004": 290, "440304005": 240,
    "440304006": 150, "440304007": 210, "440304008": 180, "440304010": 120,
    "440304011": 70,
}
REGISTERED_SHARE = {
    "440304001": 0.58, "440304002": 0.74, "440304004": 0.55, "440304005": 0.56,
    "440304006": 0.74, "440304007": 0.72, "440304008": 0.75, "440304009": 0.76,
    "440304010": 0.60, "440304011": 0.62,
}

TO_M = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
TO_LL = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)
GEOD = Geod(ellps="WGS84")


class Retry(Exception):
    """This seed produced an unusable tessellation; try the next one."""


# ------------------------------------------------------------------ helpers
def ll_to_m(lon, lat):
    return TO_M.transform(lon, lat)


def poly_to_m(poly):
    def ring(r):
        return [ll_to_m(x, y) for x, y in r.coords]
    return Polygon(ring(poly.exterior), [ring(i) for i in poly.interiors])


def geodesic_km2(poly):
    area, _ = GEOD.geometry_area_perimeter(poly)
    return abs(area) / 1e6


def largest_remainder(total, weights):
    """Integers proportional to weights (dict) summing exactly to total."""
    keys = sorted(weights)
    wsum = float(sum(weights[k] for k in keys))
    raw = {k: total * weights[k] / wsum for k in keys}
    out = {k: int(math.floor(raw[k])) for k in keys}
    rest = total - sum(out.values())
    order = sorted(keys, key=lambda k: (-(raw[k] - out[k]), k))
    for k in order[:rest]:
        out[k] += 1
    return out


def read_inputs():
    with open(os.path.join(REF_DIR, "futian_boundary_wgs84.geojson"), encoding="utf-8") as f:
        fc = json.load(f)
    geom = shape(fc["features"][0]["geometry"])
    if geom.geom_type == "MultiPolygon":
        parts = list(geom.geoms)
        if len(parts) != 1:
            raise SystemExit("expected a single-part district outline")
        geom = parts[0]
    subs = []
    with open(os.path.join(REF_DIR, "futian_subdistricts_nbs.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["subdistrict_name"].endswith("街道"):
                continue  # 440304400 福田保税区 is a statistical unit, not a subdistrict
            subs.append({"code": row["subdistrict_code_9"], "name": row["subdistrict_name"]})
    anchors = {}
    with open(os.path.join(REF_DIR, "subdistrict_anchors_approx.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            anchors[row["subdistrict_code_9"]] = (float(row["lon_wgs84"]), float(row["lat_wgs84"]))
    subs.sort(key=lambda s: s["code"])
    for s in subs:
        short = s["name"][:-2]
        s["short"] = short
        s["name_en"] = PINYIN[short] + " Subdistrict"
        s["anchor_ll"] = anchors[s["code"]]
        s["anchor_m"] = ll_to_m(*anchors[s["code"]])
    if len(subs) != N_SUBDISTRICTS:
        raise SystemExit("expected %d subdistricts, got %d" % (N_SUBDISTRICTS, len(subs)))
    return geom, subs


# ------------------------------------------------------------- tessellation
def outline_metric(outline_ll):
    """Generalised outline in metres: Douglas-Peucker, then WGS84-rounded
    vertices projected back, so that outline vertices round-trip exactly."""
    om = poly_to_m(outline_ll).simplify(DP_TOLERANCE_M, preserve_topology=True)
    if om.geom_type != "Polygon" or not om.is_valid:
        raise SystemExit("simplified outline is not a valid polygon")
    pts = []
    for x, y in list(om.exterior.coords)[:-1]:
        lon, lat = TO_LL.transform(x, y)
        p = ll_to_m(round(lon, DIGITS), round(lat, DIGITS))
        if not pts or p != pts[-1]:
            pts.append(p)
    om = Polygon(pts)
    if not om.is_valid:
        raise SystemExit("rounded outline is not valid")
    return om


def density_at(x, y, subs):
    num = den = 0.0
    for s in subs:
        ax, ay = s["anchor_m"]
        w = math.exp(-((x - ax) ** 2 + (y - ay) ** 2) / (2 * DENSITY_SIGMA_M ** 2)) + 1e-12
        num += w * CELL_DENSITY[s["code"]]
        den += w
    return num / den


def voronoi_faces(sites, om):
    """Voronoi diagram of sites clipped to om as one noded planar arrangement.
    Returns a list, per site, of the faces (metric Polygons) it owns."""
    env = om.envelope.buffer(3000.0).envelope
    vor = voronoi_diagram(MultiPoint(sites), envelope=env, edges=True)
    lines = list(vor.geoms) if hasattr(vor, "geoms") else [vor]
    noded = unary_union(lines + [om.exterior])
    owned = [[] for _ in sites]
    for face in polygonize(noded):
        rp = face.representative_point()
        if not om.contains(rp):
            continue
        px, py = rp.x, rp.y
        best = min(range(len(sites)),
                   key=lambda i: (sites[i][0] - px) ** 2 + (sites[i][1] - py) ** 2)
        owned[best].append(face)
    return owned


def place_anchors(om, subs):
    """The anchors are approximate to a few hundred metres (Nanyuan's lies
    just outside the outline): move any anchor that is not at least
    ANCHOR_INSET_M inside the generalised outline to the nearest point that is."""
    inner = om.buffer(-ANCHOR_INSET_M)
    for s in subs:
        p = Point(*s["anchor_m"])
        if not inner.contains(p):
            q = nearest_points(inner.buffer(-1.0), p)[0]
            s["anchor_moved_m"] = p.distance(q)
            s["anchor_m"] = (q.x, q.y)


def make_sites(om, subs, rng):
    inner = om.buffer(-150.0)
    minx, miny, maxx, maxy = inner.bounds
    dmax = max(CELL_DENSITY.values())
    sites = []
    while len(sites) < N_CELLS:
        x = rng.uniform(minx, maxx)
        y = rng.uniform(miny, maxy)
        if rng.random() * dmax > density_at(x, y, subs):
            continue
        if inner.contains(Point(x, y)):
            sites.append((x, y))
    for _ in range(LLOYD_STEPS):
        owned = voronoi_faces(sites, om)
        new = []
        for i, faces in enumerate(owned):
            cell = unary_union(faces)
            c = cell.centroid
            if not om.contains(c):
                c = cell.representative_point()
            new.append((c.x, c.y))
        sites = new
    return sites


def build_tessellation(om, subs, rng):
    """Return (nodes, faces, outline_vertex_ids): nodes id->(x, y) metres,
    faces = list of closed-ring node-id lists (no repeat of the first id)."""
    sites = make_sites(om, subs, rng)
    owned = voronoi_faces(sites, om)
    node_id = {}
    nodes = {}

    def nid(p):
        if p not in node_id:
            node_id[p] = len(node_id)
            nodes[node_id[p]] = p
        return node_id[p]

    faces = []
    for fl in owned:
        if len(fl) != 1:
            raise Retry("a clipped Voronoi cell is empty or split into %d parts" % len(fl))
        f = orient(fl[0], 1.0)
        if f.interiors:
            raise Retry("cell with a hole")
        ring = [nid(p) for p in list(f.exterior.coords)[:-1]]
        faces.append(ring)
    outline_ids = {node_id[p] for p in list(om.exterior.coords)[:-1] if p in node_id}
    if len(outline_ids) != len(om.exterior.coords) - 1:
        raise Retry("outline vertex missing from the tessellation")
    contract_short_edges(nodes, faces, outline_ids)
    return nodes, faces, outline_ids


def ring_edges(ring):
    return [(ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring))]


def contract_short_edges(nodes, faces, fixed):
    """Contract tessellation edges shorter than MIN_EDGE_M.  Nodes on the
    district boundary stay on it; outline vertices do not move."""
    while True:
        count = {}
        for ring in faces:
            for a, b in ring_edges(ring):
                k = (min(a, b), max(a, b))
                count[k] = count.get(k, 0) + 1
        boundary = set()
        for (a, b), n in count.items():
            if n == 1:
                boundary.update((a, b))
        best = None
        for (a, b) in sorted(count):
            if a in fixed and b in fixed:
                continue
            if a in boundary and b in boundary and count[(a, b)] != 1:
                continue  # an inner edge spanning the district: would leave the outline
            (xa, ya), (xb, yb) = nodes[a], nodes[b]
            d = math.hypot(xa - xb, ya - yb)
            if d < MIN_EDGE_M and (best is None or d < best[0]):
                best = (d, a, b)
        if best is None:
            return
        _, a, b = best
        if a in fixed or (a in boundary and b not in boundary):
            keep, drop, pos = a, b, nodes[a]
        elif b in fixed or (b in boundary and a not in boundary):
            keep, drop, pos = b, a, nodes[b]
        else:
            keep, drop = a, b
            pos = ((nodes[a][0] + nodes[b][0]) / 2.0, (nodes[a][1] + nodes[b][1]) / 2.0)
        nodes[keep] = pos
        del nodes[drop]
        for i, ring in enumerate(faces):
            r = [keep if n == drop else n for n in ring]
            out = []
            for n in r:
                if not out or out[-1] != n:
                    out.append(n)
            while len(out) > 1 and out[0] == out[-1]:
                out.pop()
            if len(out) < 3:
                raise Retry("edge contraction collapsed a cell")
            faces[i] = out


# ------------------------------------------------------------------ grouping
def adjacency(faces, nodes):
    """Cells sharing an edge, with the shared length in metres."""
    owner = {}
    for i, ring in enumerate(faces):
        for a, b in ring_edges(ring):
            owner.setdefault((min(a, b), max(a, b)), []).append(i)
    adj = [dict() for _ in faces]
    for (a, b), cs in owner.items():
        if len(cs) == 2:
            i, j = cs
            (xa, ya), (xb, yb) = nodes[a], nodes[b]
            d = math.hypot(xa - xb, ya - yb)
            adj[i][j] = adj[i].get(j, 0.0) + d
            adj[j][i] = adj[j].get(i, 0.0) + d
        elif len(cs) > 2:
            raise Retry("edge shared by more than two cells")
    return adj


def grow_subdistricts(cell_polys, adj, subs, total_km2):
    """Contiguous multiplicatively weighted region growing from the anchors,
    with weights tuned towards the schematic area targets."""
    n = len(cell_polys)
    cents = [(p.centroid.x, p.centroid.y) for p in cell_polys]
    areas = [p.area / 1e6 for p in cell_polys]
    codes = [s["code"] for s in subs]
    free_total = total_km2 - sum(AREA_TARGET_KM2[c] for c in FIXED_AREA)
    free_sum = sum(AREA_TARGET_KM2[c] for c in codes if c not in FIXED_AREA)
    target = {c: (AREA_TARGET_KM2[c] if c in FIXED_AREA else AREA_TARGET_KM2[c] * free_total / free_sum)
              for c in codes}
    start = {}
    for s in subs:
        pt = Point(*s["anchor_m"])
        hits = [i for i in range(n) if cell_polys[i].contains(pt)]
        if len(hits) != 1:
            raise Retry("anchor of %s not inside exactly one cell" % s["code"])
        if hits[0] in start.values():
            raise Retry("two anchors in one cell")
        start[s["code"]] = hits[0]
    weight = {c: 1.0 for c in codes}

    def grow():
        owner = [None] * n
        heap = []
        for c in codes:
            heapq.heappush(heap, (0.0, start[c], c))
        while heap:
            cost, i, c = heapq.heappop(heap)
            if owner[i] is not None:
                continue
            owner[i] = c
            ax, ay = next(s["anchor_m"] for s in subs if s["code"] == c)
            for j in sorted(adj[i]):
                if owner[j] is None:
                    d = math.hypot(cents[j][0] - ax, cents[j][1] - ay) / weight[c]
                    heapq.heappush(heap, (d, j, c))
        if any(o is None for o in owner):
            raise Retry("cell graph not connected")
        return owner

    best = None
    for _ in range(300):
        owner = grow()
        got = {c: 0.0 for c in codes}
        for i, c in enumerate(owner):
            got[c] += areas[i]
        err = sum((25.0 if c in FIXED_AREA else 1.0) * ((got[c] - target[c]) / target[c]) ** 2
                  for c in codes)
        if best is None or err < best[0] - 1e-12:
            best = (err, owner)
        for c in codes:
            weight[c] *= (target[c] / max(got[c], 1e-6)) ** 0.3
    return best[1], target


def split_communities(members, k, adj, rng):
    """Merge the cells of one subdistrict into k contiguous groups of
    1..MAX_CELLS_PER_COMMUNITY cells (agglomerative, seeded)."""
    group = {c: c for c in members}          # cell -> group id
    cells_of = {c: [c] for c in members}     # group id -> cells
    mset = set(members)
    while len(cells_of) > k:
        def nbrs(g):
            out = {}
            for c in cells_of[g]:
                for j, L in adj[c].items():
                    if j in mset and group[j] != g:
                        h = group[j]
                        out[h] = out.get(h, 0.0) + L
            return out
        cand = []
        for g in sorted(cells_of):
            ok = {h: L for h, L in nbrs(g).items()
                  if len(cells_of[g]) + len(cells_of[h]) <= MAX_CELLS_PER_COMMUNITY}
            if ok:
                cand.append((g, ok))
        if not cand:
            raise Retry("community merging got stuck")
        g, ok = rng.choices(cand, weights=[1.0 / len(cells_of[g]) ** 2 for g, _ in cand])[0]
        h = max(sorted(ok), key=lambda h: ok[h] / (len(cells_of[g]) + len(cells_of[h]))
                * rng.uniform(0.7, 1.3))
        for c in cells_of[h]:
            group[c] = g
        cells_of[g].extend(cells_of.pop(h))
    return [sorted(v) for _, v in sorted(cells_of.items())]


# --------------------------------------------------------------- numbering
def reading_order(items, north_top):
    """items: list of (key, metric centroid (x, y)).  Rows of BAND_M metres
    counted down from north_top, north to south; west to east within a row."""
    def k(it):
        x, y = it[1]
        return (int(math.floor((north_top - y) / BAND_M)), x, -y)
    return [it[0] for it in sorted(items, key=k)]


# ------------------------------------------------------------------- output
def ll_ring(ids, ll):
    pts = [ll[i] for i in ids]
    return pts + [pts[0]]


def ll_polygon_coords(poly):
    p = orient(poly, 1.0)
    rings = [p.exterior] + list(p.interiors)
    return [[[round(x, DIGITS), round(y, DIGITS)] for x, y in r.coords] for r in rings]


def feature_line(props, coords):
    f = {"type": "Feature", "properties": props,
         "geometry": {"type": "Polygon", "coordinates": coords}}
    return json.dumps(f, ensure_ascii=False, separators=(",", ":"))


def write_fc(path, name, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection","name":"%s","features":[\n' % name)
        f.write(",\n".join(lines))
        f.write("\n]}\n")


def generate(seed, om, subs):
    rng = random.Random(seed)
    nodes, faces, _ = build_tessellation(om, subs, rng)

    # WGS84 rounded coordinates, one per node: shared vertices stay identical
    ll = {}
    seen = {}
    for i in sorted(nodes):
        lon, lat = TO_LL.transform(*nodes[i])
        p = (round(lon, DIGITS), round(lat, DIGITS))
        if p in seen:
            raise Retry("two nodes round to the same coordinate")
        seen[p] = i
        ll[i] = p
    cells_ll = []
    cells_m = []
    for ring in faces:
        pll = orient(Polygon(ll_ring(ring, ll)), 1.0)
        pm = poly_to_m(pll)
        if not pll.is_valid or not pm.is_valid:
            raise Retry("invalid cell after rounding")
        if pm.area / 1e6 < MIN_CELL_KM2:
            raise Retry("sliver cell (%.4f km2)" % (pm.area / 1e6))
        if 4 * math.pi * pm.area / pm.length ** 2 < MIN_CELL_COMPACTNESS:
            raise Retry("elongated cell")
        cells_ll.append(pll)
        cells_m.append(pm)
    adj = adjacency(faces, nodes)

    # district outline = boundary of the tessellation (the DP outline with
    # the nodes where cell edges meet it)
    union_ll = unary_union(cells_ll)
    if union_ll.geom_type != "Polygon" or union_ll.interiors:
        raise Retry("cells do not form one polygon")
    total_km2 = sum(p.area for p in cells_m) / 1e6

    owner, target = grow_subdistricts(cells_m, adj, subs, total_km2)
    sub_cells = {s["code"]: [i for i in range(len(faces)) if owner[i] == s["code"]] for s in subs}
    ncell = {c: len(v) for c, v in sub_cells.items()}
    kcom = largest_remainder(N_COMMUNITIES, ncell)
    for c in sorted(kcom):
        lo = -(-ncell[c] // MAX_CELLS_PER_COMMUNITY)
        if not lo <= kcom[c] <= ncell[c]:
            raise Retry("community count for %s out of range" % c)

    north_top = max(y for _, y in om.exterior.coords)
    communities = []   # dicts: code, sub, cells (ordered), poly_ll
    cell_code = {}
    for s in subs:
        groups = split_communities(sub_cells[s["code"]], kcom[s["code"]], adj, rng)
        gpolys = []
        for g in groups:
            u = unary_union([cells_ll[i] for i in g])
            if u.geom_type != "Polygon" or u.interiors:
                raise Retry("community not a simple polygon")
            gpolys.append(u)
        order = reading_order(
            [(gi, tuple(poly_to_m(gpolys[gi]).centroid.coords[0])) for gi in range(len(groups))],
            north_top)
        for n, gi in enumerate(order, start=1):
            ccode = "%s%03d" % (s["code"], n)
            corder = reading_order([(i, tuple(cells_m[i].centroid.coords[0])) for i in groups[gi]],
                                   north_top)
            for m, i in enumerate(corder, start=1):
                cell_code[i] = ("%s%03d" % (ccode, m), ccode, s["code"], m)
            communities.append({"code": ccode, "sub": s, "cells": corder, "poly": gpolys[gi]})

    # population (demo)
    res = dict(POP_RESIDENT_FIXED)
    res.update(largest_remainder(POP_RESIDENT_TOTAL - sum(POP_RESIDENT_FIXED.values()),
                                 POP_RESIDENT_WEIGHT))
    reg = largest_remainder(POP_REGISTERED_TOTAL,
                            {c: res[c] * REGISTERED_SHARE[c] for c in res})

    sub_poly = {}
    for sd in subs:
        u = unary_union([cm["poly"] for cm in communities if cm["sub"] is sd])
        if u.geom_type != "Polygon" or u.interiors:
            raise Retry("subdistrict not a simple polygon")
        sub_poly[sd["code"]] = u

    # ---- write (only once everything above succeeded)
    os.makedirs(OUT_DIR, exist_ok=True)
    write_fc(os.path.join(OUT_DIR, "outline.geojson"), "futian_outline",
             [feature_line(dict(DISTRICT), ll_polygon_coords(union_ll))])
    lines = []
    for i in sorted(cell_code, key=lambda i: cell_code[i][0]):
        code, ccode, scode, seq = cell_code[i]
        lines.append(feature_line({"code": code, "community_code": ccode,
                                   "subdistrict_code": scode, "seq": seq},
                                  ll_polygon_coords(cells_ll[i])))
    write_fc(os.path.join(OUT_DIR, "cells.geojson"), "futian_cells", lines)
    lines = []
    for cm in communities:
        n = int(cm["code"][-3:])
        s = cm["sub"]
        lines.append(feature_line({"code": cm["code"], "name": "%s第%d社区" % (s["short"], n),
                                   "name_en": "%s Community %d" % (PINYIN[s["short"]], n),
                                   "subdistrict_code": s["code"], "cell_count": len(cm["cells"])},
                                  ll_polygon_coords(cm["poly"])))
    write_fc(os.path.join(OUT_DIR, "communities.geojson"), "futian_communities", lines)
    lines = []
    rows = []
    for s in subs:
        coords = ll_polygon_coords(sub_poly[s["code"]])
        area = round(geodesic_km2(Polygon(coords[0], coords[1:])), 3)
        c = s["code"]
        props = {"code": c, "name": s["name"], "name_en": s["name_en"], "area_km2": area,
                 "pop_resident": res[c], "pop_registered": reg[c],
                 "pop_nonregistered": res[c] - reg[c], "pop_is_demo": True}
        rows.append(props)
        lines.append(feature_line(props, coords))
    write_fc(os.path.join(OUT_DIR, "subdistricts.geojson"), "futian_subdistricts", lines)
    with open(os.path.join(OUT_DIR, "subdistricts.csv"), "w", encoding="utf-8", newline="") as f:
        cols = ["code", "name", "name_en", "area_km2", "pop_resident", "pop_registered",
                "pop_nonregistered", "pop_is_demo"]
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(["%.3f" % r[k] if k == "area_km2" else
                        ("true" if r[k] is True else r[k]) for k in cols])
    return {"target": target, "om": om}


# ------------------------------------------------------------------- checks
def check_output(subs, info):
    errors = []

    def fail(msg):
        errors.append(msg)

    def load(name):
        with open(os.path.join(OUT_DIR, name), encoding="utf-8") as f:
            fc = json.load(f)
        out = []
        for ft in fc["features"]:
            g = ft["geometry"]
            if g["type"] != "Polygon":
                fail("%s: %s is a %s" % (name, ft["properties"].get("code"), g["type"]))
                continue
            for r in g["coordinates"]:
                for x, y in r:
                    if round(x, DIGITS) != x or round(y, DIGITS) != y:
                        fail("%s: coordinate not rounded to %d decimals" % (name, DIGITS))
            p = shape(g)
            if p.is_empty or not p.is_valid:
                fail("%s: invalid or empty geometry %s" % (name, ft["properties"].get("code")))
            out.append((ft["properties"], p, poly_to_m(p)))
        return out

    outline = load("outline.geojson")
    cells = load("cells.geojson")
    coms = load("communities.geojson")
    sds = load("subdistricts.geojson")

    # counts
    for name, got, want in (("outline", len(outline), 1), ("subdistricts", len(sds), N_SUBDISTRICTS),
                            ("communities", len(coms), N_COMMUNITIES), ("cells", len(cells), N_CELLS)):
        if got != want:
            fail("%s: %d features, expected %d" % (name, got, want))
    if errors:
        return errors, None
    # codes
    sd_codes = [p["code"] for p, _, _ in sds]
    nbs = sorted(s["code"] for s in subs)
    if sorted(sd_codes) != nbs:
        fail("subdistrict codes differ from the NBS list")
    for label, feats, length in (("subdistrict", sds, 9), ("community", coms, 12), ("cell", cells, 15)):
        codes = [p["code"] for p, _, _ in feats]
        if len(set(codes)) != len(codes):
            fail("%s codes not unique" % label)
        for c in codes:
            if not (isinstance(c, str) and len(c) == length and c.isdigit() and c.startswith("440304")):
                fail("%s code %r malformed" % (label, c))
    for p, _, _ in coms:
        if p["subdistrict_code"] not in sd_codes or not p["code"].startswith(p["subdistrict_code"]):
            fail("community %s: bad parent %s" % (p["code"], p["subdistrict_code"]))
    com_by = {p["code"]: (p, pl, pm) for p, pl, pm in coms}
    cells_of = {c: [] for c in com_by}
    for p, pl, pm in cells:
        cc = p["community_code"]
        if cc not in com_by:
            fail("cell %s: unknown community %s" % (p["code"], cc))
            continue
        if p["subdistrict_code"] != com_by[cc][0]["subdistrict_code"] or not p["code"].startswith(cc) \
                or p["code"][-3:] != "%03d" % p["seq"]:
            fail("cell %s: inconsistent parent codes or seq" % p["code"])
        cells_of[cc].append((p, pl, pm))
    for cc, lst in cells_of.items():
        if not 1 <= len(lst) <= MAX_CELLS_PER_COMMUNITY:
            fail("community %s has %d cells" % (cc, len(lst)))
        if com_by[cc][0]["cell_count"] != len(lst):
            fail("community %s: cell_count wrong" % cc)
        if sorted(p["seq"] for p, _, _ in lst) != list(range(1, len(lst) + 1)):
            fail("community %s: seq not 1..n" % cc)
    for sc in sd_codes:
        nums = sorted(int(c[-3:]) for c in com_by if c.startswith(sc))
        if nums != list(range(1, len(nums) + 1)):
            fail("subdistrict %s: community numbers not 1..n" % sc)
    # geometry: no holes
    for label, feats in (("outline", outline), ("subdistrict", sds), ("community", coms), ("cell", cells)):
        for p, pl, _ in feats:
            if pl.interiors:
                fail("%s %s has holes" % (label, p.get("code")))
    # pairwise overlap of cells, in square metres
    cm = [pm for _, _, pm in cells]
    bb = [g.bounds for g in cm]
    max_overlap = 0.0
    for i in range(len(cm)):
        for j in range(i + 1, len(cm)):
            a, b = bb[i], bb[j]
            if a[0] > b[2] or b[0] > a[2] or a[1] > b[3] or b[1] > a[3]:
                continue
            ov = cm[i].intersection(cm[j]).area
            max_overlap = max(max_overlap, ov)
            if ov >= 0.01:
                fail("cells %s and %s overlap by %.4f m2" % (cells[i][0]["code"], cells[j][0]["code"], ov))
    # tiling of the outline
    om = outline[0][2]
    um = unary_union(cm)
    gap = om.difference(um).area
    spill = um.difference(om).area
    if gap >= 1.0 or spill >= 1.0:
        fail("cells do not tile the outline: gap %.3f m2, outside %.3f m2" % (gap, spill))
    dp = info["om"]
    dp_diff = dp.symmetric_difference(om).area
    if dp_diff >= 100.0:
        fail("outline deviates from the generalised outline by %.1f m2" % dp_diff)
    # community = union of its cells; subdistrict = union of its communities
    cell_vertices = set()
    for _, pl, _ in cells:
        cell_vertices.update(pl.exterior.coords)
    if not set(outline[0][1].exterior.coords) <= cell_vertices:
        fail("outline has vertices that are not cell vertices")
    for cc, (p, pl, pm) in com_by.items():
        u = unary_union([x[2] for x in cells_of[cc]])
        d = u.symmetric_difference(pm).area
        if d >= 0.01:
            fail("community %s differs from the union of its cells by %.4f m2" % (cc, d))
        if not set(pl.exterior.coords) <= cell_vertices:
            fail("community %s has vertices that are not cell vertices" % cc)
    for p, pl, pm in sds:
        members = [x for x in coms if x[0]["subdistrict_code"] == p["code"]]
        u = unary_union([x[2] for x in members])
        d = u.symmetric_difference(pm).area
        if d >= 0.01:
            fail("subdistrict %s differs from the union of its communities by %.4f m2" % (p["code"], d))
        if not set(pl.exterior.coords) <= cell_vertices:
            fail("subdistrict %s has vertices that are not cell vertices" % p["code"])
        if abs(round(geodesic_km2(pl), 3) - p["area_km2"]) > 1e-9:
            fail("subdistrict %s: area_km2 wrong" % p["code"])
    # contiguity of communities within their subdistrict is implied by single
    # Polygon unions; population
    pr = sum(p["pop_resident"] for p, _, _ in sds)
    pg = sum(p["pop_registered"] for p, _, _ in sds)
    pn = sum(p["pop_nonregistered"] for p, _, _ in sds)
    if (pr, pg, pn) != (POP_RESIDENT_TOTAL, POP_REGISTERED_TOTAL,
                        POP_RESIDENT_TOTAL - POP_REGISTERED_TOTAL):
        fail("population sums %d/%d/%d wrong" % (pr, pg, pn))
    for p, _, _ in sds:
        if p["pop_resident"] != p["pop_registered"] + p["pop_nonregistered"] or p["pop_is_demo"] is not True:
            fail("subdistrict %s: population fields inconsistent" % p["code"])
        share = p["pop_registered"] / p["pop_resident"]
        if not 0.45 <= share <= 0.85:
            fail("subdistrict %s: registered share %.2f implausible" % (p["code"], share))
        if p["code"] in POP_RESIDENT_FIXED and p["pop_resident"] != POP_RESIDENT_FIXED[p["code"]]:
            fail("subdistrict %s: resident figure changed" % p["code"])
    # CSV mirrors the GeoJSON
    with open(os.path.join(OUT_DIR, "subdistricts.csv"), encoding="utf-8") as f:
        rows = {r["code"]: r for r in csv.DictReader(f)}
    for p, _, _ in sds:
        r = rows.get(p["code"])
        if r is None or r["name"] != p["name"] or float(r["area_km2"]) != p["area_km2"] \
                or int(r["pop_resident"]) != p["pop_resident"] \
                or int(r["pop_registered"]) != p["pop_registered"] \
                or int(r["pop_nonregistered"]) != p["pop_nonregistered"]:
            fail("subdistricts.csv disagrees with subdistricts.geojson for %s" % p["code"])
    stats = {"cells": cells, "coms": coms, "sds": sds, "outline": outline[0],
             "max_overlap": max_overlap, "gap": gap, "spill": spill, "dp_diff": dp_diff}
    return errors, stats


def summary(seed, stats, info):
    sds = stats["sds"]
    print("seed %d; outline %s vertices, %.3f km2 geodesic (DP %.0f m in %s)"
          % (seed, len(stats["outline"][1].exterior.coords) - 1, geodesic_km2(stats["outline"][1]),
             DP_TOLERANCE_M, METRIC_CRS))
    print("%-10s %-10s %-24s %8s %7s %5s %5s %9s %9s %6s"
          % ("code", "name", "name_en", "km2", "target", "coms", "cells", "resident",
             "register", "share"))
    for p, _, _ in sds:
        c = p["code"]
        ncom = sum(1 for q, _, _ in stats["coms"] if q["subdistrict_code"] == c)
        ncell = sum(1 for q, _, _ in stats["cells"] if q["subdistrict_code"] == c)
        print("%-10s %-7s %-24s %8.3f %7.2f %5d %5d %9d %9d %6.2f"
              % (c, p["name"], p["name_en"], p["area_km2"], info["target"][c], ncom, ncell,
                 p["pop_resident"], p["pop_registered"], p["pop_registered"] / p["pop_resident"]))
    print("total %.3f km2; %d subdistricts, %d communities, %d cells; residents %d, registered %d"
          % (sum(p["area_km2"] for p, _, _ in sds), len(sds), len(stats["coms"]), len(stats["cells"]),
             sum(p["pop_resident"] for p, _, _ in sds), sum(p["pop_registered"] for p, _, _ in sds)))
    ca = sorted(geodesic_km2(pl) for _, pl, _ in stats["cells"])
    print("cell area km2: min %.3f  median %.3f  max %.3f" % (ca[0], statistics.median(ca), ca[-1]))
    hist = {}
    for p, _, _ in stats["coms"]:
        hist[p["cell_count"]] = hist.get(p["cell_count"], 0) + 1
    print("cells per community: " + ", ".join("%d:%d" % (k, hist[k]) for k in sorted(hist)))
    print("checks passed: max cell overlap %.2e m2, gap %.2e m2, outside %.2e m2, "
          "output outline vs DP outline (rounding) %.2f m2" % (stats["max_overlap"], stats["gap"], stats["spill"],
                                              stats["dp_diff"]))


def main():
    outline_ll, subs = read_inputs()
    om = outline_metric(outline_ll)
    place_anchors(om, subs)
    for attempt in range(MAX_TRIES):
        seed = BASE_SEED + attempt
        try:
            info = generate(seed, om, subs)
        except Retry as e:
            print("seed %d rejected: %s" % (seed, e), file=sys.stderr)
            continue
        errors, stats = check_output(subs, info)
        if errors:
            for e in errors[:50]:
                print("CHECK FAILED: " + e, file=sys.stderr)
            return 1
        summary(seed, stats, info)
        return 0
    print("no usable seed in %d tries" % MAX_TRIES, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
