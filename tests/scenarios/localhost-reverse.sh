#!/bin/sh
# SPDX-License-Identifier: MIT
# Windows → Linux localhost forwarding through interop (wsl-facts.md
# §3.1), with a fake curl.exe under the fixture's C: drive that stands
# for Windows and the relay.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netmodes.sh"
require_root
require_cmd bash
build_nat

probe "$G" --root "$FIXTURES/wsl2-nat-interop" -f json --only $CHECKS --host-port 13500
assert_verdict wsl2.localhostForwarding pass
assert_observed wsl2.localhostForwarding true
assert_evidence wsl2.localhostForwarding "curl.exe → localhost:[0-9]*: connected"

# The relay does not forward (forwarding off on Windows): fail.
FAKE_RELAY=off probe "$G" --root "$FIXTURES/wsl2-nat-interop" -f json --only $CHECKS --host-port 13500
assert_verdict wsl2.localhostForwarding fail
assert_observed wsl2.localhostForwarding false

# No Windows program: unknown, with the command to run on Windows.
probe "$G" --root "$FIXTURES/wsl2-nat" -f json --only $CHECKS --host-port 13500
assert_verdict wsl2.localhostForwarding unknown
assert_evidence wsl2.localhostForwarding "no curl.exe or powershell.exe"

finish
