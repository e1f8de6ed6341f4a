#!/bin/sh
# SPDX-License-Identifier: MIT
# Linux → Windows on 127.0.0.1 in mirrored mode (wsl-facts.md §3.2,
# §10.2): a listener in the "Windows" namespace passes; nothing listening
# is refused and fails; a blackholed port times out within the deadline;
# outside WSL2 not a single SYN leaves.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netmodes.sh"
require_root
require_cmd socat ss nft
build_mirrored

# Nothing listening on Windows: refused → fail.
probe "$G" --root "$FIXTURES/wsl2-mirrored" -f json --only $CHECKS --host-port 13500
assert_rc 1 "refused is a failure"
assert_verdict localhost.host-ports fail
assert_evidence localhost.host-ports "127.0.0.1:13500 refused"
assert_jq '[.results[] | select(.setting == "localhost.host-ports")][0].hint | test("netstat")' "refused hint"

# Listener present → pass; every port given is probed.
listen "$W" 13500 || not_ok "listener"
listen "$W" 13501 || not_ok "listener"
probe "$G" --root "$FIXTURES/wsl2-mirrored" -f json --only $CHECKS --host-port 13500 --host-port 13501 --save-snapshot "$WP_TMP/snap.json"
assert_verdict localhost.host-ports pass
assert_observed localhost.host-ports "2 of 2 reachable on 127.0.0.1"
assert_jq '[.results[] | select(.check == "localhost")] | length == 2' "two localhost results"
if jq -e '[.probes.localhost[] | select(.role == "windows-loopback")] | length == 2 and all(.outcome == "connected" and (.ms | type == "number") and .host == "127.0.0.1")' "$WP_TMP/snap.json" >/dev/null; then
	ok "snapshot holds {host, port, outcome, ms} per probe"
else
	not_ok "snapshot probes"; jq -c .probes "$WP_TMP/snap.json"
fi
jq -S '[.results[] | del(.duration_ms)]' "$OUT" >"$WP_TMP/live"
probe "" --replay "$WP_TMP/snap.json" -f json --only $CHECKS
jq -S '[.results[] | del(.duration_ms)]' "$OUT" >"$WP_TMP/replay"
if cmp -s "$WP_TMP/live" "$WP_TMP/replay"; then ok "replay judges the same"; else not_ok "replay differs"; diff "$WP_TMP/live" "$WP_TMP/replay" | head; fi

# Blackholed: SYNs dropped inside the guest → timeout, bounded.
blackhole "$G" 13502 || skip "neither nftables nor iptables can drop packets here"
start=$(date +%s%N)
probe "$G" --root "$FIXTURES/wsl2-mirrored" -f json --only $CHECKS --host-port 13500 --host-port 13502 --timeout 1000
ms=$(( ($(date +%s%N) - start) / 1000000 ))
assert_verdict localhost.host-ports fail
assert_evidence localhost.host-ports "127.0.0.1:13502 timeout"
assert_evidence localhost.host-ports "127.0.0.1:13500 connected"
assert_jq '[.results[] | select(.setting == "localhost.host-ports")][0].hint | test("Hyper-V firewall")' "timeout hint names the firewall"
if [ "$ms" -lt 1500 ]; then ok "blackholed run took $ms ms with --timeout 1000"; else not_ok "blackholed run took $ms ms"; fi

# Outside WSL2 no packet is sent: a SYN counter stays at zero.
count_syns "$G" 13500
probe "$G" --root "$FIXTURES/not-wsl" -f json --only $CHECKS --host-port 13500
assert_verdict localhost.host-ports skip
assert_verdict wsl2.networkingMode skip
n=$(syn_count "$G")
if [ "$n" = 0 ]; then ok "no SYN left outside WSL2"; else not_ok "$n SYNs sent outside WSL2"; fi
probe "$G" --root "$FIXTURES/wsl2-mirrored" -f json --only $CHECKS --host-port 13500
n=$(syn_count "$G")
if [ "$n" -ge 1 ]; then ok "the counter sees probes inside WSL2 ($n)"; else not_ok "SYN counter never moves"; fi

finish
