#!/usr/bin/env python3
"""Build assets/map/indonesia.txt: simplified coastlines of Indonesia and its neighbours.

Input: world-atlas 2.0.2 (Natural Earth 1:50m, TopoJSON), unpacked by run.sh.
Output: one polyline per line, tagged, in a box around Indonesia; see FORMAT below.

Why countries-50m.json for everything: that file carries both `countries` and `land`, and its
`land` is the merge of the countries in the *same* topology, so an arc of Indonesia's polygons is
coast exactly when `land` uses it too, and land arcs Indonesia does not use are the neighbours'
coast. land-50m.json is the separate physical-land layer with its own arcs; subtracting
Indonesia's share from it would be a fuzzy point match. run.sh still checks land-50m.json covers
the same box, so a future release that diverges is noticed.

Standard library only; the output is deterministic (fixed iteration order, fixed decimals).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

INDONESIA_ID = "360"
# The box the map can show: Indonesia (95..141 E, 11 S..6 N) with a margin for its neighbours.
BOX = (94.0, -12.0, 142.0, 7.5)  # lon_min, lat_min, lon_max, lat_max
# Douglas-Peucker tolerance in degrees (~1.1 km). At 80x24 braille the whole box is ~0.3 deg per
# dot; this keeps the bays a zoomed-in view shows while dropping a quarter of the points.
TOLERANCE = 0.01
# Closed rings smaller than this (deg^2, ~12 km^2) are dropped: at 80x24 they are one dot. The
# 50m source has none that small today (its smallest is ~0.0047); the rule guards a finer source.
MIN_RING_AREA = 0.001
DECIMALS = 3  # 0.001 deg ~ 110 m, finer than the 50m source (0.0036 deg quantization)

FORMAT = """\
# Jejaring map: coastlines around Indonesia, built by scripts/map/prep.py. Do not edit.
# Natural Earth 1:50m (public domain) via npm world-atlas 2.0.2 (ISC), simplified.
# box lon {lon0}..{lon1} lat {lat0}..{lat1}; tolerance {tol} deg; rings under {area} deg^2 dropped
# One polyline per line: TAG then lat,lon points (degrees, WGS84) separated by spaces.
#   I = Indonesia's coast   B = Indonesia's land border   N = a neighbour's coast
# A closed ring repeats its first point at the end.
"""


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat arcs from quantized, delta-encoded TopoJSON arcs."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def arc_points(arcs, index: int) -> list[tuple[float, float]]:
    """An arc's points; a negative index ~i means arc i reversed (TopoJSON spec 2.2.3)."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def arc_id(index: int) -> int:
    return index if index >= 0 else ~index


def polygons(geom: dict) -> list[list[list[int]]]:
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    raise SystemExit(f"unexpected geometry type {geom['type']}")


def chain(arcs, run: list[int]) -> list[tuple[float, float]]:
    """Concatenate arcs; consecutive arcs share their joining point, kept once."""
    out: list[tuple[float, float]] = []
    for a in run:
        pts = arc_points(arcs, a)
        out.extend(pts if not out else pts[1:])
    return out


def runs_by_class(ring: list[int], is_coast) -> list[tuple[bool, list[int], bool]]:
    """Split a ring's arcs into maximal runs of one class: (coast?, arcs, closed?)."""
    classes = [is_coast(a) for a in ring]
    if all(c == classes[0] for c in classes):
        return [(classes[0], ring, True)]
    # Rotate so the ring starts at a class change; runs then never wrap around the end.
    start = next(i for i in range(len(ring)) if classes[i] != classes[i - 1])
    ring = ring[start:] + ring[:start]
    classes = classes[start:] + classes[:start]
    runs: list[tuple[bool, list[int], bool]] = []
    for a, c in zip(ring, classes):
        if runs and runs[-1][0] == c:
            runs[-1][1].append(a)
        else:
            runs.append((c, [a], False))
    return runs


def ring_area(pts) -> float:
    s = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        s += x0 * y1 - x1 * y0
    return abs(s) / 2


def perp_dist(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(pts, tol: float):
    """Iterative Douglas-Peucker keeping both ends (so joined arcs still meet)."""
    if len(pts) < 3:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, best_k = -1.0, -1
        for k in range(i + 1, j):
            d = perp_dist(pts[k], pts[i], pts[j])
            if d > best:
                best, best_k = d, k
        if best > tol:
            keep[best_k] = True
            stack.append((i, best_k))
            stack.append((best_k, j))
    return [p for p, k in zip(pts, keep) if k]


def simplify(pts, closed: bool, tol: float):
    if not closed:
        return douglas_peucker(pts, tol)
    # A closed ring's first and last points coincide, so split it at the point farthest from the
    # start; simplifying the two halves keeps the ring's extent.
    far = max(range(len(pts)), key=lambda k: math.hypot(pts[k][0] - pts[0][0], pts[k][1] - pts[0][1]))
    if far == 0:
        return list(pts)
    a = douglas_peucker(pts[: far + 1], tol)
    b = douglas_peucker(pts[far:], tol)
    return a + b[1:]


def inside(p) -> bool:
    return BOX[0] <= p[0] <= BOX[2] and BOX[1] <= p[1] <= BOX[3]


def clip_segment(a, b):
    """Liang-Barsky: the part of segment a-b inside BOX, or None."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - BOX[0]), (dx, BOX[2] - x0), (-dy, y0 - BOX[1]), (dy, BOX[3] - y0)):
        if p == 0:
            if q < 0:
                return None
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
    if t0 > t1:
        return None
    return (x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)


def clip(pts):
    """Split a polyline into the pieces inside BOX, cut exactly at the box edge."""
    pieces: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = []
    for a, b in zip(pts, pts[1:]):
        seg = clip_segment(a, b)
        if seg is None:
            if cur:
                pieces.append(cur)
                cur = []
            continue
        s, e = seg
        if not cur:
            cur = [s]
        cur.append(e)
        if e != b:  # left the box
            pieces.append(cur)
            cur = []
    if cur:
        pieces.append(cur)
    return [p for p in pieces if len(p) >= 2]


def fmt(pts) -> str:
    # lat,lon order: the same as cities.csv and the Rust API.
    return " ".join(f"{lat:.{DECIMALS}f},{lon:.{DECIMALS}f}" for lon, lat in pts)


def build(topo: dict):
    arcs = decode_arcs(topo)
    countries = topo["objects"]["countries"]["geometries"]
    indo = [g for g in countries if str(g.get("id")) == INDONESIA_ID]
    if len(indo) != 1:
        raise SystemExit(f"expected one country with id {INDONESIA_ID}, found {len(indo)}")
    land = topo["objects"]["land"]["geometries"]
    land_arcs = {arc_id(a) for g in land for poly in polygons(g) for ring in poly for a in ring}
    indo_arcs = {arc_id(a) for poly in polygons(indo[0]) for ring in poly for a in ring}

    out: list[tuple[str, list]] = []
    dropped = 0
    for poly in polygons(indo[0]):
        for ring in poly:
            for coast, run, closed in runs_by_class(ring, lambda a: arc_id(a) in land_arcs):
                pts = chain(arcs, run)
                if closed and ring_area(pts) < MIN_RING_AREA:
                    dropped += 1
                    continue
                out.append(("I" if coast else "B", simplify(pts, closed, TOLERANCE)))

    for g in land:
        for poly in polygons(g):
            for ring in poly:
                # Neighbours' coast = land arcs Indonesia does not use, chained per run.
                for foreign, run, closed in runs_by_class(ring, lambda a: arc_id(a) not in indo_arcs):
                    if not foreign:
                        continue
                    pts = chain(arcs, run)
                    if not any(inside(p) for p in pts) and not clip(pts):
                        continue
                    if closed and ring_area(pts) < MIN_RING_AREA:
                        dropped += 1
                        continue
                    for piece in clip(simplify(pts, closed, TOLERANCE)):
                        out.append(("N", piece))
    return out, dropped


def check(lines) -> None:
    """Self-checks: the tags are there, every point is in the box, Indonesia dominates."""
    tags = {t for t, _ in lines}
    if tags != {"I", "B", "N"}:
        raise SystemExit(f"expected tags I, B and N, got {sorted(tags)}")
    for tag, pts in lines:
        if len(pts) < 2:
            raise SystemExit(f"a {tag} polyline with {len(pts)} point(s)")
        for p in pts:
            if not inside(p):
                raise SystemExit(f"{tag} point {p} outside the box")
    n_i = sum(len(p) for t, p in lines if t == "I")
    if n_i < 1000:
        raise SystemExit(f"only {n_i} points of Indonesian coast: simplified too far?")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--atlas", required=True, type=Path, help="unpacked world-atlas package dir")
    ap.add_argument("--out", required=True, type=Path, help="output file (indonesia.txt)")
    args = ap.parse_args()

    topo = json.loads((args.atlas / "countries-50m.json").read_text(encoding="utf-8"))
    lines, dropped = build(topo)
    # Rounding can only move a point by half a unit of the last decimal; clamp so the box holds.
    lines = [
        (t, [(min(max(x, BOX[0]), BOX[2]), min(max(y, BOX[1]), BOX[3])) for x, y in pts])
        for t, pts in lines
    ]
    check(lines)

    # land-50m.json must still cover the box (see the module doc for why it is not the source).
    phys = json.loads((args.atlas / "land-50m.json").read_text(encoding="utf-8"))
    phys_pts = [p for arc in decode_arcs(phys) for p in arc if inside(p)]
    if len(phys_pts) < 1000:
        raise SystemExit(f"land-50m.json has only {len(phys_pts)} points in the box")

    header = FORMAT.format(
        lon0=BOX[0], lon1=BOX[2], lat0=BOX[1], lat1=BOX[3], tol=TOLERANCE, area=MIN_RING_AREA
    )
    order = {"I": 0, "B": 1, "N": 2}
    body = [f"{t} {fmt(pts)}" for t, pts in sorted(lines, key=lambda tp: order[tp[0]])]
    text = header + "\n".join(body) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")

    count = {t: sum(1 for tt, _ in lines if tt == t) for t in "IBN"}
    points = {t: sum(len(p) for tt, p in lines if tt == t) for t in "IBN"}
    print(
        f"{args.out}: {len(text.encode())} bytes; polylines {count}; points {points}; "
        f"{dropped} tiny rings dropped",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
