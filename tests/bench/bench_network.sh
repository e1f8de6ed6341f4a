#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark: `wslprobe --only network,localhost` with every probe target
# blackholed and --timeout 1000 must finish under 1.5 s (issue 5).  The
# guest is the mirrored fixture of wsl-facts.md §10.2 with nftables
# dropping the probed ports, so each connect waits for the deadline.
# Prints the wall time as a ratio to the timeout, and the same for the
# shell commands a user would run for the same facts, one after another
# (ip -j link/addr/route/rule and a bash /dev/tcp connect, bounded by
# `timeout 1`).  Exit 1 when wslprobe misses the bound.  Needs root.
. "$(dirname "$0")/../scenarios/lib.sh"
. "$(dirname "$0")/../scenarios/netmodes.sh"
require_root
require_cmd nft bash timeout
RUNS=${RUNS:-5}
build_mirrored
blackhole "$G" 13500 || skip "cannot blackhole"
in_ns "$G" nft add rule inet wpdrop out tcp dport 13501 drop
in_ns "$G" nft add rule inet wpdrop out tcp dport 135 drop

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

worst=0; total=0
for i in $(seq "$RUNS"); do
	t0=$(now_ms)
	in_ns "$G" "$WSLPROBE" --root "$FIXTURES/wsl2-mirrored" \
		--only network,localhost --timeout 1000 \
		--host-port 135 --host-port 13500 --host-port 13501 -f json \
		--save-snapshot "$WP_TMP/s.json" >/dev/null
	ms=$(( $(now_ms) - t0 ))
	total=$((total + ms)); [ "$ms" -gt "$worst" ] && worst=$ms
done
timeouts=$(jq '[.probes.localhost[] | select(.outcome == "timeout")] | length' "$WP_TMP/s.json")

shell_total=0
for i in $(seq "$RUNS"); do
	t0=$(now_ms)
	in_ns "$G" sh -c 'ip -j link; ip -j addr; ip -j route show table all;
		ip -j rule; ip -6 -j rule
		for p in 135 13500 13501; do
			timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null
		done' >/dev/null 2>&1
	shell_total=$((shell_total + $(now_ms) - t0))
done

avg=$((total / RUNS)); shell_avg=$((shell_total / RUNS))
echo "wslprobe --only network,localhost, 3 blackholed targets ($timeouts timed out), --timeout 1000:"
echo "  mean $avg ms, worst $worst ms over $RUNS runs: $(echo "$worst" | awk '{printf "%.2f", $1 / 1000}') x the timeout (bound 1.50)"
echo "shell equivalent (ip -j link/addr/route/rule, ip -6 -j rule, 3 x bash /dev/tcp under timeout 1), sequential:"
echo "  mean $shell_avg ms: $(echo "$shell_avg" | awk '{printf "%.2f", $1 / 1000}') x the timeout; wslprobe/shell = $(echo "$avg $shell_avg" | awk '{printf "%.2f", $1 / $2}')"
[ "$worst" -lt 1500 ] && [ "$timeouts" = 3 ]
