#!/bin/sh
# SPDX-License-Identifier: MIT
# Mirrored (wsl-facts.md §10.2) with and without hostAddressLoopback;
# the guest's 127.0.0.1 reaches a "Windows" listener through loopback0
# and table 127.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netmodes.sh"
require_root
require_cmd socat ss
build_mirrored
listen "$W" 13500 || not_ok "listener"

probe "$G" --root "$FIXTURES/wsl2-mirrored" -f json --only $CHECKS --host-port 13500
assert_contract
assert_rc 0 "mirrored as configured exits 0"
assert_verdict wsl2.networkingMode pass
assert_verdict network.mode-evidence pass
assert_observed network.mode-evidence mirrored
assert_evidence network.mode-evidence "rule 1: from all ipproto tcp lookup 127"
assert_evidence network.mode-evidence "table 127: 127.0.0.1 via 169.254.73.152 dev loopback0 (WSL's loopback gateway)"
assert_evidence network.mode-evidence "noprefixroute"
assert_evidence network.mode-evidence "4096 ports"
assert_verdict network.interfaces pass
assert_verdict experimental.hostAddressLoopback pass
assert_observed experimental.hostAddressLoopback false
assert_verdict experimental.ignoredPorts unknown
assert_verdict localhost.host-ports pass
assert_evidence localhost.host-ports "127.0.0.1:13500 connected"
assert_verdict wsl2.localhostForwarding skip

# hostAddressLoopback=true asked for, table 128 empty.
probe "$G" --root "$FIXTURES/wsl2-mirrored-hal" -f json --only $CHECKS --host-port 13500
assert_verdict experimental.hostAddressLoopback fail
# Issue 10 §5: the key is already under [experimental]: the hint is the
# restart, never "write it under [experimental]".
assert_jq '[.results[] | select(.setting == "experimental.hostAddressLoopback")][0].hint
  | test("wsl --shutdown") and test(".wslconfig:4") and (test("under \\[experimental\\]") | not)' \
  "hint is the restart, naming the line"

# No wslinfo: the classifier alone says mirrored.
probe "$G" --root "$FIXTURES/wsl2-mirrored-nowslinfo" -f json --only $CHECKS --host-port 13500
assert_verdict wsl2.networkingMode pass
assert_verdict network.mode-evidence unknown
assert_observed network.mode-evidence mirrored

# With table 128 (§10.2 hostAddressLoopback).
SFX=2
build_mirrored hal
listen "$W" 13500 || not_ok "listener"
probe "$G" --root "$FIXTURES/wsl2-mirrored-hal" -f json --only $CHECKS --host-port 13500
assert_verdict experimental.hostAddressLoopback pass
assert_observed experimental.hostAddressLoopback true
assert_evidence experimental.hostAddressLoopback "table 128 has 1 IPv4 route"
probe "$G" --root "$FIXTURES/wsl2-mirrored" -f json --only $CHECKS --host-port 13500
assert_verdict experimental.hostAddressLoopback fail

finish
