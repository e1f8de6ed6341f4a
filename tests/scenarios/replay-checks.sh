#!/bin/sh
# SPDX-License-Identifier: MIT
# Replay judges exactly what the live run judged (issue 10 §2): for each
# check id, and for --skip of each, a live --save-snapshot then --replay
# give the same results (minus duration_ms) and the same exit code.  The
# snapshot records `checks`; --only at replay narrows them, and a check
# not in the snapshot is one `skip` result.  --wsl-conf replaces the
# snapshot's wsl.conf; a replacement's mtime is never compared with the
# VM's boot time; the text header shows the snapshot's taken_at.
. "$(dirname "$0")/lib.sh"
require_cmd jq

fx="$FIXTURES/wsl2-mirrored"
ids=$("$WSLPROBE" --list-checks | awk '/^[a-z]/ { print $1 }')
[ -n "$ids" ] || { not_ok "no check ids"; finish; exit 1; }

same_as_live() {	# NAME ARGS...: live with ARGS, then replay
	name=$1; shift
	snap="$WP_TMP/snap.json"
	probe "" --root "$fx" -f json --save-snapshot "$snap" "$@"
	live_rc=$RC
	jq -S '[.results[] | del(.duration_ms)]' "$OUT" >"$WP_TMP/live"
	probe "" --replay "$snap" -f json
	jq -S '[.results[] | del(.duration_ms)]' "$OUT" >"$WP_TMP/replay"
	if cmp -s "$WP_TMP/live" "$WP_TMP/replay" && [ "$live_rc" = "$RC" ]; then
		ok "$name: replay gives the live results and exit $RC"
	else
		not_ok "$name: live exit $live_rc, replay exit $RC"
		diff "$WP_TMP/live" "$WP_TMP/replay" | head -20 | sed 's/^/#   /'
	fi
}

for id in $ids; do
	same_as_live "--only $id" --only "$id"
	same_as_live "--skip $id" --skip "$id"
done

# The snapshot records the selection.
probe "" --root "$fx" -f json --only environment --save-snapshot "$WP_TMP/env.json"
if jq -e '.checks == ["environment"]' "$WP_TMP/env.json" >/dev/null; then
	ok "snapshot records checks"
else
	not_ok "snapshot checks: $(jq -c .checks "$WP_TMP/env.json")"
fi

# --only at replay narrows; a check the snapshot lacks is one skip.
probe "" --root "$fx" -f json --only environment,config --save-snapshot "$WP_TMP/two.json"
probe "" --replay "$WP_TMP/two.json" -f json --only config
assert_jq '[.results[].check] | unique == ["config"]' "--only narrows the recorded checks"
probe "" --replay "$WP_TMP/two.json" -f json --only config,dns
assert_jq '[.results[] | select(.check == "dns")] | length == 1 and .[0].verdict == "skip" and .[0].observed == "not in this snapshot"' "a check not in the snapshot is one skip"
probe "" --replay "$WP_TMP/two.json" -f json --skip config
assert_jq '[.results[].check] | unique == ["environment"]' "--skip narrows the recorded checks"
probe "" --replay "$WP_TMP/two.json" -f json
assert_jq '[.results[] | select(.observed == "not in this snapshot")] | length == 0' "no skip result without --only"

# A snapshot without `checks` (older, or built by hand) judges every
# selected check.
jq 'del(.checks)' "$WP_TMP/two.json" >"$WP_TMP/old.json"
probe "" --replay "$WP_TMP/old.json" -f json
assert_jq '[.results[].check] | unique | length > 2' "no checks recorded: every check is judged"

# The text header shows when the snapshot was taken.
taken=$(jq -r .taken_at "$WP_TMP/two.json")
probe "" --replay "$WP_TMP/two.json"
assert_grep "snapshot taken $taken" "$OUT" "text header shows taken_at"
probe "" --replay "$WP_TMP/two.json" -f json
assert_jq ".taken_at == \"$taken\"" "json report carries taken_at"

# A replacement .wslconfig is newer than the VM: no pending restart, and
# no failure blames one.
probe "" --root "$fx" -f json --save-snapshot "$WP_TMP/all.json"
cp "$fx/mnt/c/Users/alice/.wslconfig" "$WP_TMP/whatif.wslconfig" 2>/dev/null ||
	printf '[wsl2]\nnetworkingMode=nat\n' >"$WP_TMP/whatif.wslconfig"
touch "$WP_TMP/whatif.wslconfig"
probe "" --replay "$WP_TMP/all.json" -f json --config "$WP_TMP/whatif.wslconfig"
assert_verdict restart.pending unknown
assert_jq '[.results[].evidence[]? | select(test("pending restart"))] | length == 0' "nothing blames a pending restart"

# --wsl-conf at replay replaces the snapshot's wsl.conf.
printf '[network]\ngenerateResolvConf=maybe\n' >"$WP_TMP/wsl.conf"
probe "" --replay "$WP_TMP/all.json" -f json --wsl-conf "$WP_TMP/wsl.conf"
assert_jq '[.results[] | select(.setting == "config.invalid-value") | .evidence[] | select(test("maybe"))] | length >= 1' "--wsl-conf replaces the snapshot's wsl.conf"
assert_jq '[.results[] | select(.setting == "restart.pending") | .observed // "" | select(test("wsl.conf"))] | length == 0' "a replacement wsl.conf is not compared with the distro start"

finish
