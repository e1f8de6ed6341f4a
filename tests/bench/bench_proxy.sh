#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark (not a test): `wslprobe --only proxy` against `curl -x` for
# the same request, in one run: a real tinyproxy on the "Windows" side
# of a mirrored pair of namespaces (wsl-facts.md §10.2) and an HTTP
# origin as --proxy-url.  wslprobe also reads the parent chain,
# /etc/environment and systemd's files, and makes its CONNECT tunnel
# test (https_proxy is set); `curl -x` makes the GET and a CONNECT too
# (`-p`), one after the other.  Prints mean wall time per run of each
# and the ratio.  Needs root, tinyproxy, socat, curl.
#
#   tests/bench/bench_proxy.sh [RUNS]
. "$(dirname "$0")/../scenarios/lib.sh"
. "$(dirname "$0")/../scenarios/netmodes.sh"
. "$(dirname "$0")/../scenarios/proxy-lib.sh"
require_cmd curl
RUNS=${1:-50}
build_mirrored
origin "$W" 192.0.2.1 18080
tinyproxy_in "$W" 13128
URL=http://192.0.2.1:18080/connecttest.txt
P=http://127.0.0.1:13128
FIX="$FIXTURES/wsl2-mirrored"
VARS="http_proxy=$P https_proxy=$P no_proxy=localhost,127.0.0.1"

# Sanity: both sides succeed before anything is timed.
pprobe "$G" "$VARS" --root "$FIX" --only proxy -f json --proxy-url "$URL"
jq -e '[.results[] | select(.setting == "proxy.fetch")] | length == 2 and all(.verdict == "pass")' "$OUT" >/dev/null ||
	{ cat "$OUT"; echo "wslprobe did not pass" >&2; exit 1; }
in_ns "$G" curl -sf -x "$P" "$URL" >/dev/null || { echo "curl -x failed" >&2; exit 1; }

now() { date +%s%N | cut -c1-13; }
t0=$(now)
i=0
while [ $i -lt "$RUNS" ]; do
	# shellcheck disable=SC2086
	in_ns "$G" env -i $VARS "$WSLPROBE" --root "$FIX" --only proxy -q --proxy-url "$URL" >/dev/null
	i=$((i + 1))
done
t1=$(now)
i=0
while [ $i -lt "$RUNS" ]; do
	in_ns "$G" sh -c "curl -sf -x '$P' '$URL' >/dev/null; curl -s -p -x '$P' '$URL' >/dev/null" 
	i=$((i + 1))
done
t2=$(now)
probe_ms=$(awk -v a="$t0" -v b="$t1" -v n="$RUNS" 'BEGIN { printf "%.1f", (b - a) / n }')
tool_ms=$(awk -v a="$t1" -v b="$t2" -v n="$RUNS" 'BEGIN { printf "%.1f", (b - a) / n }')
echo "runs: $RUNS, proxy: tinyproxy on 127.0.0.1:13128 (Windows side), origin $URL"
echo "wslprobe --only proxy (GET + CONNECT, concurrent, plus env/parents/systemd reads): $probe_ms ms per run"
echo "curl -x (GET) then curl -p -x (CONNECT + GET), one after another: $tool_ms ms per run"
awk -v a="$probe_ms" -v b="$tool_ms" 'BEGIN { printf "ratio wslprobe/curl: %.2f\n", a / b }'
