#!/bin/sh
# SPDX-License-Identifier: MIT
# Broken mirrored: loopback0 is there but the rules and table 127 are
# missing (wsl-facts.md §2.4 step 2), so 127.0.0.1 stays in Linux.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netmodes.sh"
require_root
require_cmd socat ss
build_mirrored norules
listen "$W" 13500 || not_ok "listener"

probe "$G" --root "$FIXTURES/wsl2-mirrored" -f json --only $CHECKS --host-port 13500
assert_contract
assert_verdict network.mode-evidence warn
assert_observed network.mode-evidence "loopback0 without the mirrored rules"
assert_evidence network.mode-evidence "link loopback0 exists but no rule"
assert_verdict wsl2.networkingMode pass
assert_verdict localhost.host-ports fail
assert_evidence localhost.host-ports "127.0.0.1:13500 refused"

# Without wslinfo the incomplete mirrored shape is a warning.
probe "$G" --root "$FIXTURES/wsl2-mirrored-nowslinfo" -f json --only $CHECKS --host-port 13500
assert_verdict wsl2.networkingMode warn
assert_verdict localhost.host-ports fail
assert_jq '[.results[] | select(.setting == "localhost.host-ports")][0].hint | test("table 127")' "hint points at the missing rules"

# Issue 10 §4: a Linux listener on 127.0.0.1:13500 answers inside the
# guest (127.0.0.1 stays in Linux without table 127).  Before, this
# passed as "Windows reachable"; now it fails and says what answered.
listen "$G" 13500 || not_ok "guest listener"
root="$WP_TMP/root.linux-listener"
cp -a "$FIXTURES/wsl2-mirrored" "$root"
in_ns "$G" cat /proc/net/tcp >"$root/proc/net/tcp"
in_ns "$G" cat /proc/net/tcp6 >"$root/proc/net/tcp6"
probe "$G" --root "$root" -f json --only $CHECKS --host-port 13500
assert_verdict localhost.host-ports fail
assert_evidence localhost.host-ports "127.0.0.1:13500 connected"
assert_evidence localhost.host-ports "127.0.0.1 stays inside Linux"
assert_evidence localhost.host-ports "Linux's own listener on 127.0.0.1 answered, not Windows"
assert_jq '[.results[] | select(.setting == "localhost.host-ports")][0].hint
  | test("table 127") and (test("Windows refused") | not)' \
  "the hint names the missing mirrored path, not Windows"

finish
