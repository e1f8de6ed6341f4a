#!/bin/sh
# SPDX-License-Identifier: MIT
# Consomme (wsl-facts.md §10.3): the mirrored rule set on loopback0, but
# eth0 has the virtio MAC 00:00:00:00:01:00.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netmodes.sh"
require_root
require_cmd socat ss
build_consomme
listen "$W" 13500 || not_ok "listener"

probe "$G" --root "$FIXTURES/wsl2-consomme" -f json --only $CHECKS --host-port 13500
assert_contract
assert_verdict wsl2.networkingMode pass
assert_observed wsl2.networkingMode consomme
assert_verdict network.mode-evidence pass
assert_observed network.mode-evidence consomme
assert_evidence network.mode-evidence "00:00:00:00:01:00"
assert_verdict network.interfaces pass
assert_verdict experimental.hostAddressLoopback skip
assert_verdict localhost.host-ports pass
assert_verdict wsl2.localhostForwarding unknown

probe "$G" --root "$FIXTURES/wsl2-mirrored-nowslinfo" -f json --only $CHECKS --host-port 13500
assert_verdict wsl2.networkingMode fail
assert_observed wsl2.networkingMode consomme

finish
