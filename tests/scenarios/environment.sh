#!/bin/sh
# SPDX-License-Identifier: MIT
# The environment check on every fixture tree, through the JSON report.
. "$(dirname "$0")/lib.sh"
require_cmd jq

# git does not keep mtimes: give the copied tree's .wslconfig a known one.
cp -a "$FIXTURES/wsl2-mirrored" "$WP_TMP/tree"
touch -d @1732532000 "$WP_TMP/tree/mnt/c/Users/alice/.wslconfig"
probe "" --root "$WP_TMP/tree" -f json
assert_contract
assert_jq '.mode == "live"' "live mode"
assert_verdict environment.wsl pass
assert_verdict environment.wsl-version pass
assert_verdict environment.interop pass
assert_verdict environment.wslconfig pass
assert_jq '.environment.wsl == "wsl2" and .environment.wsl_version == "2.4.13"
  and .environment.networking_mode == "mirrored"
  and .environment.distro == "Ubuntu 24.04.1 LTS"
  and .environment.boot_time == "2024-11-25T11:00:00Z"
  and .environment.uptime_s == 812.44' "environment facts"
assert_jq '.config.path == "/mnt/c/Users/alice/.wslconfig" and .config.found and .config.encoding == "utf-8"
  and .config.mtime == 1732532000' "config facts"
assert_jq 'all(.results[]; .duration_ms | type == "number")' "every result is timed"

probe "" --root "$FIXTURES/wsl2-old" -f json
assert_verdict environment.wsl-version unknown
assert_jq '.environment.wsl_version == null and .environment.networking_mode == "nat"' "old WSL: no version"

probe "" --root "$FIXTURES/not-wsl" -f json
assert_verdict environment.wsl fail
assert_jq '[.results[] | select(.setting == "environment.wsl") | .evidence[]]
  | index("/run/WSL missing") != null' "says which signals are missing"
assert_verdict environment.wslconfig warn
assert_jq '[.results[] | select(.setting == "environment.wslconfig") | .evidence[]]
  | any(startswith("tried "))' "lists each place tried"

# Issue 10 §4: a Docker/devcontainer on a WSL2 kernel shows the kernel
# release only (no /init, no WSLInterop, no /run/WSL): not WSL2, exit 3,
# nothing probed.
WSL_DISTRO_NAME= probe "" --root "$FIXTURES/docker-on-wsl2" -f json
[ "$RC" = 3 ] && ok "container on a WSL2 kernel: exit 3" ||
	not_ok "container on a WSL2 kernel: exit $RC, wanted 3"
assert_verdict environment.wsl fail
assert_jq '[.results[] | select(.setting == "environment.wsl") | .evidence[]]
  | any(test("container"))' "says it is a container on a WSL2 kernel"
assert_jq '[.results[] | select(.check == "dns" or .check == "localhost")
  | .verdict] | all(. == "skip")' "nothing is probed in the container"

probe "" --root "$FIXTURES/wsl2-mirrored" -f json --no-config
assert_verdict environment.wslconfig skip
probe "" --root "$FIXTURES/wsl2-interop" -f json
assert_jq '.environment.wslconfig_source == "interop"
  and .environment.wslconfig == "/mnt/c/Users/Bob Smith/.wslconfig"' "found through interop"

# Issue 10 §4: interop names Bob's profile, which has no .wslconfig;
# alice's file must not be taken instead (guessing is the no-interop
# fallback only, wsl-facts.md §9.3).
root="$WP_TMP/root.interop-none"
cp -a "$FIXTURES/wsl2-interop" "$root"
rm -f "$root/mnt/c/Users/Bob Smith/.wslconfig"
probe "" --root "$root" -f json
assert_jq '.environment.wslconfig_source == "interop"
  and .environment.wslconfig == null' "no .wslconfig in the named profile: none, no guess"
assert_verdict environment.wslconfig pass
assert_observed environment.wslconfig "no .wslconfig: WSL's defaults apply"
assert_jq '[.results[] | .evidence[]?] | map(select(test("alice"))) | length == 0' \
  "another profile's .wslconfig is never looked at"

USERPROFILE=/mnt/c/Users/alice probe "" --root "$FIXTURES/wsl2-interop" -f json
assert_jq '.environment.wslconfig_source == "env"
  and .environment.wslconfig == "/mnt/c/Users/alice/.wslconfig"' "\$USERPROFILE wins over interop"

# Helper programs are bounded: a hanging wslinfo costs at most the budget.
start=$(date +%s%N)
probe "" --root "$FIXTURES/wsl2-hung-wslinfo" -f json --timeout 1000
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$ms" -lt 1800 ]; then ok "hung wslinfo bounded by --timeout ($ms ms)"; else not_ok "hung wslinfo took $ms ms"; fi
assert_verdict environment.wsl-version unknown
# Issue 10 §5: a hung wslinfo did not answer; it is not "older than 2.2.3".
assert_jq '[.results[] | select(.setting == "environment.wsl-version") | .evidence[]]
  | any(test("did not finish within 1000 ms")) and any(test("did not answer in time"))
    and (any(test("2.2.3")) | not)' "hung wslinfo: did not answer, not old"

finish
