#!/bin/sh
# SPDX-License-Identifier: MIT
# Mirrored asked for, NAT running (wsl-facts.md §2.1 fallbacks): wslinfo
# says nat and the kernel agrees; the verdict fails with the causes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netmodes.sh"
require_root
build_nat

probe "$G" --root "$FIXTURES/wsl2-mirrored-fallback" -f json --only $CHECKS --host-port 13500
assert_contract
assert_rc 1 "a fallback is a failure"
assert_verdict wsl2.networkingMode fail
assert_observed wsl2.networkingMode nat
assert_jq '[.results[] | select(.setting == "wsl2.networkingMode")][0] | .expected == "mirrored" and (.expected_source | startswith(".wslconfig:"))' "expected mirrored from the file"
assert_jq '[.results[] | select(.setting == "wsl2.networkingMode")][0].hint | test("Windows 10") and test("wsl --version") and test("Event Viewer") and test("wsl --shutdown")' "hint lists the causes and what to run"
assert_verdict network.mode-evidence pass
assert_verdict experimental.hostAddressLoopback skip

finish
