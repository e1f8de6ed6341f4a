#!/bin/sh
# SPDX-License-Identifier: MIT
# Mode none (wsl-facts.md §10.3): only lo is up, with 10.255.255.254
# from DNS tunneling, and a DOWN eth0: the engine failed at boot.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netmodes.sh"
require_root
build_none

probe "$G" --root "$FIXTURES/wsl2-none" -f json --only $CHECKS --host-port 13500
assert_contract
assert_verdict wsl2.networkingMode pass
assert_verdict network.mode-evidence pass
assert_observed network.mode-evidence none
assert_evidence network.mode-evidence "initialisation probably failed"
assert_verdict network.interfaces skip
assert_verdict localhost.host-ports skip
assert_verdict wsl2.localhostForwarding skip

# Mirrored asked for, nothing came up: fail with the causes.
probe "$G" --root "$FIXTURES/wsl2-mirrored-nowslinfo" -f json --only $CHECKS --host-port 13500
assert_verdict wsl2.networkingMode fail
assert_observed wsl2.networkingMode none
assert_jq '[.results[] | select(.setting == "wsl2.networkingMode")][0].hint | test("Hyper-V/HNS")' "hint names the HNS error"

finish
