#!/usr/bin/env python3
"""Whole-process import of a real export: `jejaring gen --records N`, `export --format csv`, then
`jejaring import` of the four files into a fresh database, timed as a process (start, seeding
the starter records, reading, checking, writing, the index cache). Two peers in the same run,
both Python's `sqlite3.executemany` of the same rows, parsed beforehand (not timed), in one
transaction (WAL, synchronous NORMAL, as Jejaring), foreign keys off (Python's default):

- the issue's peer: "same-shaped tables with a unique id index", that is Jejaring's own
  `CREATE TABLE` statements for the four kinds (read from a fresh Jejaring database: columns,
  types, STRICT, CHECKs, the unique id), without the secondary indexes; each CSV cell goes to
  its column (`city` to `city_code`, ...), with the creation and update times Jejaring sets;
  the role columns of contacts.csv (a separate table in Jejaring) are left out;
- a narrower peer: one all-TEXT table per file with the CSV's own columns and a unique id.

Prints rows/s for each (median of RUNS, alternating) and the ratios; asserts nothing.

Usage: benches/import_process/run.sh [RECORDS]   (default 200000; after `cargo build --release`)
Environment: JEJARING_BIN (default target/release/jejaring), RUNS (default 3),
JEJARING_IMPORT_DIR (default /tmp/jejaring-import-bench; the export is kept between runs).
"""
import csv
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

BIN = os.path.abspath(os.environ.get("JEJARING_BIN", "target/release/jejaring"))
WORK = os.environ.get("JEJARING_IMPORT_DIR", "/tmp/jejaring-import-bench")
RUNS = int(os.environ.get("RUNS", "3"))
FILES = ["organisations.csv", "spaces.csv", "communities.csv", "contacts.csv"]


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def rm_db(path):
    for suffix in ("", "-wal", "-shm", ".index", ".index-full"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def ours(out, extra):
    db = os.path.join(WORK, "fresh.db")
    rm_db(db)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    r = subprocess.run([BIN, "--db", db, "import", *extra, *[os.path.join(out, f) for f in FILES]],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    took = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode != 0:
        sys.exit(f"import failed ({r.returncode}):\n{r.stderr.decode()[-2000:]}")
    return took, cpu, r.stdout.decode().strip().splitlines()[-1]


def connect(path):
    rm_db(path)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    return con


def peer_text(tables):
    """The narrower peer: all-TEXT tables of the CSV columns with a unique id."""
    t0, c0 = time.monotonic(), time.process_time()
    con = connect(os.path.join(WORK, "peer.db"))
    con.execute("BEGIN")
    for name, header, rows in tables:
        cols = ", ".join(f'"{c}" TEXT' + (" NOT NULL UNIQUE" if c == "id" else "") for c in header)
        con.execute(f'CREATE TABLE "{name}" ({cols})')
        marks = ", ".join("?" for _ in header)
        con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
    con.execute("COMMIT")
    con.close()
    return time.monotonic() - t0, time.process_time() - c0


# CSV columns (the import format) whose table column has another name.
COLUMN = {"city": "city_code", "operator": "operator_id", "space": "space_id"}
TABLE = {"organisations": "organisation", "spaces": "space", "communities": "community",
         "contacts": "contact"}


def shaped(tables):
    """Jejaring's table statements and the rows mapped onto their columns (not timed)."""
    shape = os.path.join(WORK, "shape.db")
    rm_db(shape)
    subprocess.run([BIN, "--db", shape, "stats"], check=True, stdout=subprocess.DEVNULL)
    src = sqlite3.connect(shape)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = []
    for name, header, rows in tables:
        table = TABLE[name]
        (create,) = src.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (table,)).fetchone()
        info = {r[1]: r for r in src.execute(f"PRAGMA table_info({table})")}
        keep, cols = [], []
        for i, c in enumerate(header):
            col = f"{table}_type" if c == "type" else COLUMN.get(c, c)
            if col in info:
                keep.append((i, info[col][4]))  # an empty cell takes the column's default
                cols.append(col)
        cols += ["created_at", "updated_at"]

        def cell(v, default):
            if v != "":
                return v
            return default.strip("'") if default is not None else None

        mapped = [tuple([cell(r[i], d) for i, d in keep] + [now, now]) for r in rows]
        out.append((table, create, cols, mapped))
    src.close()
    return out


def peer_shaped(tables):
    """The issue's peer: Jejaring's tables (unique id, no secondary indexes)."""
    t0, c0 = time.monotonic(), time.process_time()
    con = connect(os.path.join(WORK, "peer-shaped.db"))
    con.execute("BEGIN")
    for table, create, cols, rows in tables:
        con.execute(create)
        marks = ", ".join("?" for _ in cols)
        con.executemany(f'INSERT INTO {table} ({", ".join(cols)}) VALUES ({marks})', rows)
    con.execute("COMMIT")
    con.close()
    return time.monotonic() - t0, time.process_time() - c0


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    os.makedirs(WORK, exist_ok=True)
    out = os.path.join(WORK, f"export{n}")
    if not os.path.exists(os.path.join(out, FILES[-1])):
        src = os.path.join(WORK, f"gen{n}.db")
        rm_db(src)
        subprocess.run([BIN, "--db", src, "gen", "--records", str(n), "--seed", "1"], check=True,
                       stdout=subprocess.DEVNULL)
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([BIN, "--db", src, "export", "--format", "csv", "-o", out], check=True,
                       stdout=subprocess.DEVNULL)
    tables = []
    for f in FILES:
        with open(os.path.join(out, f), newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            tables.append((f[:-4], header, [tuple(r) for r in reader]))
    rows = sum(len(t[2]) for t in tables)
    shaped_tables = shaped(tables)
    print(f"whole-process import of a {n}-record export: {rows} rows in 4 files, {BIN}")
    mine, same, text, summary = [], [], [], ""
    for _ in range(RUNS):
        # Each run starts with the previous runs' files on disk (their write-back otherwise
        # slows whichever run comes next; not timed).
        os.sync()
        took, cpu, summary = ours(out, sys.argv[2:])
        mine.append((took, cpu))
        os.sync()
        same.append(peer_shaped(shaped_tables))
        os.sync()
        text.append(peer_text(tables))

    def line(label, runs):
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"  {label:<44} wall {wall:5.2f} s {rows / wall:8.0f} rows/s   "
              f"cpu {cpu:5.2f} s {rows / cpu:8.0f} rows/s   "
              f"(wall runs {', '.join(f'{r[0]:.2f}' for r in runs)})")
        return wall, cpu

    a = line("jejaring import (whole process)", mine)
    b = line("peer: executemany, Jejaring's tables", same)
    c = line("peer: executemany, all-TEXT CSV tables", text)
    print(f"  jejaring / peer rows/s: Jejaring's tables wall {b[0] / a[0]:.2f}x cpu "
          f"{b[1] / a[1]:.2f}x; all-TEXT tables wall {c[0] / a[0]:.2f}x cpu {c[1] / a[1]:.2f}x   "
          f"(load {load()})")
    print(f"  last summary: {summary[:160]}")


if __name__ == "__main__":
    main()
