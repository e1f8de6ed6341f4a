#!/bin/sh
# SPDX-License-Identifier: MIT
# The config check in a live run: problems as results, and pending
# restarts from fixture mtimes and a fixture /proc/stat (wsl-facts.md §9).
. "$(dirname "$0")/lib.sh"
require_cmd jq

tree="$WP_TMP/tree"
cp -a "$FIXTURES/wsl2-mirrored" "$tree"
btime=$(sed -n 's/^btime //p' "$tree/proc/stat")
cfg="$tree/mnt/c/Users/alice/.wslconfig"

# Edited before the VM booted: nothing pending.
touch -d "@$((btime - 3600))" "$cfg"
probe "" --root "$tree" --only config -f json
assert_verdict restart.pending pass

# Edited 600 s after boot: restart pending, with the exact difference.
touch -d "@$((btime + 600))" "$cfg"
probe "" --root "$tree" --only config,environment -f json
assert_verdict restart.pending warn
assert_jq '.results[] | select(.setting == "restart.pending")
  | .observed == ".wslconfig changed 600 s after the VM booted"
    and (.hint | contains("wsl --shutdown"))' "says 600 s and wsl --shutdown"

# Within the clock tolerance: not pending.
touch -d "@$((btime + 3))" "$cfg"
probe "" --root "$tree" --only config -f json
assert_verdict restart.pending pass

# wsl.conf edited after the distro's init started: terminate the distro.
printf '1 (init) S 0 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 %s 0 0\n' 1000 >"$tree/proc/1/stat" 2>/dev/null ||
	{ mkdir -p "$tree/proc/1"; printf '1 (init) S 0 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 %s 0 0\n' 1000 >"$tree/proc/1/stat"; }
touch -d "@$((btime + 3600))" "$tree/etc/wsl.conf"
touch -d "@$((btime - 60))" "$cfg"
WSL_DISTRO_NAME=Ubuntu probe "" --root "$tree" --only config -f json
assert_jq '[.results[] | select(.setting == "restart.pending")] | length == 2
  and (.[1].verdict == "warn") and (.[1].hint | contains("wsl --terminate Ubuntu"))' "wsl.conf newer than the distro: terminate it"

# A broken .wslconfig: one result per problem, with file:line.
cp "$FIXTURES/wslconfig/tutorial-moved-to-wsl2.wslconfig" "$cfg"
touch -d "@$((btime - 60))" "$cfg"
probe "" --root "$tree" --only config -f json
assert_rc 1 "problems fail the run"
assert_jq '[.results[] | select(.setting == "config.unknown-key")] | length >= 2' "unknown keys reported"
assert_jq 'all(.results[] | select(.setting | startswith("config.")); .evidence[0] | test("^\\.wslconfig:[0-9]+: "))' "file:line in evidence"
assert_jq 'any(.results[]; .setting == "config.unknown-key" and (.hint | contains("[experimental]")))' "the fix names [experimental]"

# The setting the user meant (issue 10 §3): networkMode=mirrored in a NAT
# VM fails wsl2.networkingMode with what was asked and the fix, and the
# run exits 1; a key above the first header does the same.
for text in '[wsl2]\nnetworkMode=mirrored\n' 'networkingMode=mirrored\n[wsl2]\n'; do
	printf "$text" >"$cfg"
	touch -d "@$((btime - 60))" "$cfg"
	probe "" --replay "$FIXTURES/snapshots/network-nat.json" --config "$cfg" -f json
	assert_rc 1 "a line WSL ignores fails the run"
	assert_jq '[.results[] | select(.setting == "wsl2.networkingMode")][0]
	  | .verdict == "fail" and .expected == "nat" and .asked == "mirrored"
	  and (.asked_source | test("^\\.wslconfig:[12] ")) and (.hint | test("networkingMode=mirrored$"))' "wsl2.networkingMode fails against what was asked"
	assert_jq '[.results[] | select(.setting == "config.unknown-key")][0].verdict == "fail"' "the config finding that maps to a setting fails"
done
probe "" --replay "$FIXTURES/snapshots/network-nat.json" --config "$cfg"
assert_grep "asked mirrored at .wslconfig:1 'networkingMode=mirrored'" "$OUT" "text report shows what was asked"

# Pending restart is mentioned by every mismatch elsewhere.
touch -d "@$((btime + 600))" "$cfg"
probe "" --root "$tree" -f json
assert_jq '[.results[] | select((.verdict == "fail" or .verdict == "warn") and (.check != "config") and (.check != "environment"))]
  | length > 0 and all(.[]; any(.evidence[]; contains("pending restart")))' "mismatches mention the pending restart"

finish
