#!/usr/bin/env bash
# End to end: two real Syncthing instances on loopback (separate homes, fixed ports, no
# discovery or relays) carry a bundle between two Jejaring replicas; the record imported on
# one is found by `search` on the other. Bounded wait; everything in a temp dir, removed after.
#
#   cargo build --release && tests/e2e_syncthing.sh      (needs: apt-get install syncthing)
#
# Ports: 22101/22102 (sync), 8391/8392 (GUI/REST, loopback only).
set -euo pipefail

JEJARING=${JEJARING:-$(cd "$(dirname "$0")/.." && pwd)/target/release/jejaring}
WAIT_S=${WAIT_S:-120}
command -v syncthing >/dev/null || { echo "syncthing not installed (apt-get install syncthing)"; exit 2; }
[ -x "$JEJARING" ] || { echo "build first: cargo build --release"; exit 2; }

T=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ -n "${KEEP:-}" ]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
start=$(date +%s)

j() { local who=$1; shift; LANG=en_US.UTF-8 "$JEJARING" --db "$T/$who.db" "$@"; }

# Two replicas that trust each other.
j a sync trust "$(j b sync key)" >/dev/null
j b sync trust "$(j a sync key)" >/dev/null

# Two Syncthing homes and their device ids.
for who in a b; do
    syncthing generate --home="$T/st-$who" >/dev/null 2>&1
done
ID_A=$(syncthing --home="$T/st-a" --device-id)
ID_B=$(syncthing --home="$T/st-b" --device-id)
VERSION=$(grep -o 'configuration version="[0-9]*"' "$T/st-a/config.xml" | grep -o '[0-9]*')

config() { # home folder listen-port gui-port peer-port
    cat >"$1/config.xml" <<XML
<configuration version="$VERSION">
    <folder id="jejaring" label="jejaring" path="$2" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <device id="$ID_A"></device>
        <device id="$ID_B"></device>
    </folder>
    <device id="$ID_A" name="a" compression="metadata"><address>tcp://127.0.0.1:22101</address></device>
    <device id="$ID_B" name="b" compression="metadata"><address>tcp://127.0.0.1:22102</address></device>
    <gui enabled="true" tls="false"><address>127.0.0.1:$4</address><apikey>e2e-$4</apikey></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:$3</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
    </options>
</configuration>
XML
}
mkdir -p "$T/shared-a/.stfolder" "$T/shared-b/.stfolder"
config "$T/st-a" "$T/shared-a" 22101 8391
config "$T/st-b" "$T/shared-b" 22102 8392
for who in a b; do
    STNOUPGRADE=1 syncthing serve --home="$T/st-$who" --no-browser --no-restart \
        >"$T/st-$who.log" 2>&1 &
    PIDS+=($!)
done

# An edit on replica a: a synthetic community imported, then exported into a's folder.
printf 'name,city,description\nKomunitas Uji Syncthing (synthetic),33.74,synthetic e2e record\n' >"$T/in.csv"
j a import --kind community "$T/in.csv"
j a sync export --to "$T/shared-a"
REPLICA_A=$(basename "$(dirname "$(ls "$T"/shared-a/*/*.jjb)")")

# Syncthing carries it to b's folder.
deadline=$(( $(date +%s) + WAIT_S ))
until ls "$T/shared-b/$REPLICA_A/"*.jjb >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "FAIL: the bundle did not reach b within ${WAIT_S}s"; tail -20 "$T/st-b.log"; exit 1
    fi
    sleep 1
done
echo "bundle arrived after $(( $(date +%s) - start ))s"

j b sync apply "$T/shared-b"
if j b search "uji syncthing" | grep -q "Komunitas Uji Syncthing"; then
    echo "PASS: the record imported on a is found on b ($(( $(date +%s) - start ))s)"
else
    echo "FAIL: not found on b"; exit 1
fi
