#!/bin/sh
# SPDX-License-Identifier: MIT
# --save-snapshot then --replay gives the same results; hostile snapshots
# give a clear error and exit 2; --config replaces the snapshot's file.
. "$(dirname "$0")/lib.sh"
require_cmd jq

for fx in wsl2-mirrored wsl2-old wsl1 not-wsl wsl2-interop wsl2-memory wsl2-memory-off; do
	snap="$WP_TMP/$fx.snap.json"
	probe "" --root "$FIXTURES/$fx" -f json --save-snapshot "$snap"
	live_rc=$RC
	jq -S '[.results[] | del(.duration_ms)], .environment, .config' "$OUT" >"$WP_TMP/live"
	jq -S '.results' "$OUT" >"$WP_TMP/live.full"
	probe "" --replay "$snap" -f json
	jq -S '[.results[] | del(.duration_ms)], .environment, .config' "$OUT" >"$WP_TMP/replay"
	jq -S '.results' "$OUT" >"$WP_TMP/replay.full"
	# Results with their timings (taken from the snapshot), and the
	# report's environment and config facts.
	if [ -s "$WP_TMP/live.full" ] && cmp -s "$WP_TMP/live.full" "$WP_TMP/replay.full"; then
		ok "$fx: replay gives identical results"
	else
		not_ok "$fx: replay differs"; diff "$WP_TMP/live.full" "$WP_TMP/replay.full" | head -20
	fi
	if [ -s "$WP_TMP/live" ] && cmp -s "$WP_TMP/live" "$WP_TMP/replay"; then
		ok "$fx: replay gives the same environment and config facts"
	else
		not_ok "$fx: replay facts differ"; diff "$WP_TMP/live" "$WP_TMP/replay" | head -20
	fi
	assert_jq '.mode == "replay"' "$fx: replay mode"
	# Exit 3 is for live runs only.
	if [ "$live_rc" = 3 ]; then assert_rc 1 "$fx: replay of a non-WSL2 snapshot"; fi
	probe "" --replay "$snap"
	assert_grep "environment" "$OUT" "$fx: text replay"
done

# Replay on another machine with --config: "what would this VM look like
# against that file".
probe "" --replay "$WP_TMP/wsl2-mirrored.snap.json" -f json \
	--config "$FIXTURES/wsl2-old/mnt/c/Users/bob/.wslconfig"
assert_jq ".config.path == \"$FIXTURES/wsl2-old/mnt/c/Users/bob/.wslconfig\" and .config.found" "--config replaces the snapshot's file"
probe "" --replay "$WP_TMP/wsl2-mirrored.snap.json" -f json --no-config
assert_verdict environment.wslconfig skip

# The shipped example replays.
probe "" --replay "$SRCDIR/examples/mirrored.json" -f json
assert_contract "examples/mirrored.json replays"
assert_verdict environment.wsl pass

# Hostile snapshots: clear one-line error, exit 2.
printf '' >"$WP_TMP/empty.json"
printf '{"schema": "wslprobe-snapshot/1", "system": {' >"$WP_TMP/trunc.json"
printf '{"schema": "wslprobe-snapshot/9"}' >"$WP_TMP/newer.json"
printf '\377\376{\000"\000' >"$WP_TMP/utf16.json"
mkfifo "$WP_TMP/fifo.json"
for f in empty trunc newer utf16 fifo missing; do
	probe "" --replay "$WP_TMP/$f.json"
	assert_rc 2 "hostile snapshot: $f"
	if [ "$(wc -l <"$ERR")" = 1 ] && grep -q "^wslprobe: " "$ERR"; then ok "$f: one-line error"; else not_ok "$f: error text"; cat "$ERR"; fi
done
probe "" --replay "$WP_TMP/newer.json"
assert_grep "newer than this wslprobe" "$ERR" "newer schema is refused with a reason"

finish
