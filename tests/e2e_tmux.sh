#!/usr/bin/env bash
# End-to-end check of the real binary in tmux (120×40), as a new user would try it:
# open on a fresh temporary database, type `hetero`, see the three Hetero Space locations,
# open one, jump to its city, go back; import a file from another shell and see the app pick
# it up; quit, and check the shell is intact.
#
# Usage: tests/e2e_tmux.sh BINARY [EXTRA ARGS...]   (builds nothing; exits non-zero on failure)
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 BINARY [ARGS...]" >&2; exit 2; }
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
[ -x "$BIN" ] || { echo "e2e: $BIN is not an executable" >&2; exit 2; }
command -v tmux >/dev/null || { echo "e2e: tmux is not installed" >&2; exit 2; }

EXAMPLES=$(cd "$(dirname "$0")/../assets/examples" && pwd)
TMP=$(mktemp -d)
SOCK="$TMP/tmux.sock"
DB="$TMP/e2e.db"
t() { tmux -S "$SOCK" "$@"; }
cleanup() { t kill-server >/dev/null 2>&1 || true; rm -rf "$TMP"; }
trap cleanup EXIT

screen() { t capture-pane -p -t e2e; }
fail() {
    echo "e2e FAILED: $*" >&2
    echo "---- screen ----" >&2
    screen >&2 || true
    exit 1
}
# Waits up to ~10 s for a pattern (extended regex) on the screen.
wait_for() {
    local i
    for i in $(seq 1 100); do
        if screen | grep -Eq -- "$1"; then return 0; fi
        sleep 0.1
    done
    fail "timed out waiting for: $1"
}
keys() { t send-keys -t e2e "$@"; }

t new-session -d -s e2e -x 120 -y 40 "env LANG=en_US.UTF-8 LC_ALL= TERM=xterm-256color PS1='e2e\$ ' bash --norc --noprofile"
wait_for 'e2e\$'
ARGS=""
for a in "$@"; do ARGS="$ARGS '$a'"; done
keys -l "'$BIN' --db '$DB'$ARGS; echo \"EXIT=\$?\""
keys Enter

# First frame: the search line is focused and the browse list is up.
wait_for 'type to search'
keys -l 'hetero'
wait_for 'Hetero Space Semarang'
for place in Semarang Solo Banyumas; do
    screen | grep -q "Hetero Space $place" || fail "Hetero Space $place is not listed"
done

# Open the first result: its detail pane shows its city as a related record.
keys Enter
wait_for '^│.*│.*Hetero Space .*│$'
wait_for 'City \(1\)'
# Enter on the first related record (the city) opens the city.
keys Enter
# The city's detail opens on its first related record (its province); with its sources it may
# be taller than the pane, so the check reads what the selection shows.
wait_for 'Province \(1\)'
screen | grep -q 'Jawa Tengah' || fail "the city does not show its province"
# Back to the space.
keys BSpace
wait_for 'City \(1\)'
screen | grep -Eq 'Province \(1\)' && fail "back did not leave the city"

# An import in another shell while the app is open: the app notices and shows the new rows.
keys /
keys C-u
keys -l 'yayasan contoh'
wait_for 'yayasan contoh'
sleep 0.5
screen | grep -q 'Yayasan Contoh Kreatif' && fail "the example is there before the import"
t new-window -d -t e2e "'$BIN' --db '$DB' import '$EXAMPLES/organisations.csv' > '$TMP/import.log' 2>&1"
wait_for 'Yayasan Contoh Kreatif'
wait_for 'changed elsewhere'

# Quit from the list with q.
keys Tab
keys q
wait_for 'EXIT=0'

# A directory big enough to be searched on the search thread (over 20,000 records): each
# keystroke's answer reaches the screen, its count final (no "…"), with no key pressed after.
"$BIN" --db "$TMP/big.db" gen --records 30000 --seed 1 >/dev/null || fail "gen failed"
keys -l 'clear'
keys Enter
keys -l "'$BIN' --db '$TMP/big.db'; echo \"EXIT=\$?\""
keys Enter
wait_for '[0-9]+/30[0-9]{3} *$'
keys -l 'sm'
wait_for '^› sm +[0-9]+/30[0-9]{3} *$'
SM=$(screen | head -1 | grep -Eo '[0-9]+/30[0-9]{3}')
keys -l 'r'
wait_for '^› smr +[0-9]+/30[0-9]{3} *$'
[ "$(screen | head -1 | grep -Eo '[0-9]+/30[0-9]{3}')" != "$SM" ] || fail "smr kept the count of sm"
keys Tab
keys q
wait_for 'EXIT=0'

# The shell is intact: cooked mode with echo, main screen, prompt answers.
keys -l 'stty -a | tr " " "\n" | grep -Ex -- "-?(icanon|echo)" | tr "\n" " "; echo; echo ALIVE'
keys Enter
wait_for '^ALIVE'
screen | grep -Eq '(^| )icanon echo' || fail "terminal left in raw mode"
echo "e2e ok: hetero → three locations → open → city → back → import elsewhere seen → quit; 30,000 records: sm → smr answered; shell intact"
