#!/usr/bin/env python3
"""Real-terminal keystroke latency: drives the release binary in tmux (120x35), types a
recorded session, and reads the screen (capture-pane) after every keystroke until it stops
changing. A keystroke's latency is from sending it to the last change of the screen it caused
(results list and count complete). Prints p50/p90/p99/max per database, the starter-database
floor (the probe's own cost), and a cold-start phase: keystrokes typed right after the app
starts, with the page cache dropped first when the machine allows it.

Not part of `cargo test`. Usage (after `cargo build --release`):

    benches/latency/run.sh [SIZES...]        # default: 100000 1000000

Environment: JEJARING_BIN (default target/release/jejaring), JEJARING_LATENCY_DIR (where the
synthetic databases are kept between runs, default /tmp/jejaring-latency), ROUNDS (default 2).
Asserts nothing; prints `uptime` with every figure, since the machine is shared.
"""
import os
import subprocess
import sys
import time

# The recorded session: each phrase typed one key at a time, then erased with Backspace.
# `kota s` and `smrg` are short scattered patterns over many matches (the worst case).
SESSION = ["hetero space", "kota s", "smrg", "andi", "komunitas musik", "fotografi semarang"]
COLD_KEYS = "kota s"
QUIET = 0.25  # seconds without a screen change that end a keystroke
QUIET_COLD = 0.12
TIMEOUT = 3.0

BIN = os.path.abspath(os.environ.get("JEJARING_BIN", "target/release/jejaring"))
WORK = os.environ.get("JEJARING_LATENCY_DIR", "/tmp/jejaring-latency")
ROUNDS = int(os.environ.get("ROUNDS", "2"))
SOCK = os.path.join(WORK, "tmux.sock")


def tmux(*args, capture=False):
    r = subprocess.run(["tmux", "-S", SOCK, *args], stdout=subprocess.PIPE if capture else
                       subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return r.stdout.decode("utf-8", "replace") if capture else None


def screen():
    # The cursor position too: a typed space changes no visible cell (trailing blanks are
    # trimmed), only where the cursor is.
    return tmux("capture-pane", "-p", "-t", "lat", ";", "display", "-p", "-t", "lat",
                "#{cursor_x},#{cursor_y}", capture=True)


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def start(db):
    tmux("kill-server")
    tmux("new-session", "-d", "-s", "lat", "-x", "120", "-y", "35",
         f"env LANG=en_US.UTF-8 LC_ALL= TERM=xterm-256color '{BIN}' --db '{db}'")
    t0 = time.monotonic()
    while "type to search" not in screen() and "ketik untuk mencari" not in screen():
        if time.monotonic() - t0 > 30:
            sys.exit(f"latency: the app did not start on {db}:\n{screen()}")
        time.sleep(0.005)
    return t0


def key(k, quiet):
    """Sends one key; returns seconds until the last screen change it caused."""
    before = screen()
    sent = time.monotonic()
    if k == "BSpace":
        tmux("send-keys", "-t", "lat", "BSpace")
    else:
        tmux("send-keys", "-t", "lat", "-l", k)
    last, last_change = before, None
    while True:
        s = screen()
        now = time.monotonic()
        if s != last:
            last, last_change = s, now
        elif last_change is not None and now - last_change >= quiet:
            return last_change - sent
        if now - sent > TIMEOUT:
            # No change at all: the key changed nothing visible (a trailing space over the
            # same results). Left out of the figures, and counted.
            return None if last_change is None else last_change - sent


def keys_of(phrase):
    ks = list(phrase) + ["BSpace"] * len(phrase)
    return ks


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def show(label, v):
    ms = [x * 1000 for x in v if x is not None]
    unseen = len(v) - len(ms)
    if unseen:
        label += f" ({unseen} key(s) changed nothing)"
    if not ms:
        print(f"  {label}: no samples")
        return
    print(f"  {label:<34} n={len(ms):<4} p50 {pct(ms, 50):7.1f}  p90 {pct(ms, 90):7.1f}  "
          f"p99 {pct(ms, 99):7.1f}  max {max(ms):7.1f} ms   (load {load()})", flush=True)


def warm(db, label):
    start(db)
    for k in keys_of("warm"):
        key(k, QUIET)
    times, slow = [], []
    for _ in range(ROUNDS):
        for phrase in SESSION:
            line = ""
            for k in keys_of(phrase):
                line = line[:-1] if k == "BSpace" else line + k
                d = key(k, QUIET)
                times.append(d)
                slow.append((d or 0.0, f"{'⌫' if k == 'BSpace' else k!r} → {line!r}"))
    show(f"{label} warm", times)
    slow.sort(reverse=True)
    print("    slowest: " + ", ".join(f"{what} {d * 1000:.0f}" for d, what in slow[:5]))
    tmux("kill-server")
    return times


def drop_caches():
    try:
        subprocess.run(["sync"], check=False)
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def cold(db, label, runs=3):
    """Keystrokes right after start; those sent within 2 s of starting are the cold figure."""
    early, dropped = [], True
    for _ in range(runs):
        dropped = drop_caches() and dropped
        t0 = start(db)
        for k in COLD_KEYS:
            sent_at = time.monotonic() - t0
            d = key(k, QUIET_COLD)
            if sent_at <= 2.0 and d is not None:
                early.append(d)
        tmux("kill-server")
    note = "page cache dropped" if dropped else "page cache NOT dropped (not permitted)"
    show(f"{label} first 2 s ({note})", early)
    return early


def main():
    os.makedirs(WORK, exist_ok=True)
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    print(f"real-terminal latency, {BIN}, tmux 120x35, {ROUNDS} rounds of {len(SESSION)} phrases")
    starter = os.path.join(WORK, "starter.db")
    warm(starter, "starter db (probe floor)")
    for n in sizes:
        db = os.path.join(WORK, f"gen{n}.db")
        if not os.path.exists(db):
            print(f"  generating {n} records into {db} ...", flush=True)
            subprocess.run([BIN, "--db", db, "gen", "--records", str(n), "--seed", "1"],
                           check=True, stdout=subprocess.DEVNULL)
            # The index cache is written by gen; a search makes sure it is there.
            subprocess.run([BIN, "--db", db, "search", "warm"], stdout=subprocess.DEVNULL,
                           check=False)
        warm(db, f"{n} records")
        cold(db, f"{n} records")
    tmux("kill-server")


if __name__ == "__main__":
    main()
