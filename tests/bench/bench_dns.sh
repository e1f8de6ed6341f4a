#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark (not a test): `wslprobe --only dns` against a healthy local
# dnsmasq on 10.255.255.254 inside a namespace (wsl-facts.md §10.1),
# versus the same queries run one after another by `dig` (UDP and TCP,
# when dig is installed) or else `getent hosts` (libc, UDP).  wslprobe
# asks 2 names x (UDP + TCP) concurrently, plus its passive reads.
# Prints mean wall time per run of each and the ratio.  Needs root.
#
#   tests/bench/bench_dns.sh [RUNS]
. "$(dirname "$0")/../scenarios/lib.sh"
. "$(dirname "$0")/../scenarios/dns-lib.sh"
RUNS=${1:-50}

wns=$(ns_tunnel bench)
dnsmasq_in "$wns" 10.255.255.254
root=$(tree_from "$wns" dns-tunnel)
resolv="$WP_TMP/resolv.conf"
printf 'nameserver 10.255.255.254\nsearch example.test\n' >"$resolv"

# Sanity: both sides resolve before anything is timed.
in_ns "$wns" "$WSLPROBE" --root "$root" --only environment,dns \
    --dns-name example.test --dns-name www -q >"$WP_TMP/q" || {
	cat "$WP_TMP/q"; echo "wslprobe did not pass" >&2; exit 1; }

t0=$(now_ms)
i=0
while [ $i -lt "$RUNS" ]; do
	in_ns "$wns" "$WSLPROBE" --root "$root" --only dns \
	    --dns-name example.test --dns-name www -q >/dev/null
	i=$((i + 1))
done
t1=$(now_ms)
if command -v dig >/dev/null; then
	tool="dig (4 queries: 2 names, +notcp and +tcp)"
	script='for n in example.test www.example.test; do
	    dig +short +notcp +tries=1 @10.255.255.254 "$n" A >/dev/null
	    dig +short +tcp +tries=1 @10.255.255.254 "$n" A >/dev/null; done'
else
	tool="getent hosts (2 names, libc UDP; dig not installed)"
	script='getent hosts example.test >/dev/null; getent hosts www >/dev/null'
fi
i=0
while [ $i -lt "$RUNS" ]; do
	# A private mount namespace (unshare's default propagation): the
	# bind mount over /etc/resolv.conf must never reach this machine's.
	in_ns "$wns" unshare -m sh -c "mount --bind '$resolv' /etc/resolv.conf && $script" ||
		{ echo "cannot bind-mount resolv.conf privately" >&2; exit 1; }
	i=$((i + 1))
done
t2=$(now_ms)

probe_ms=$(awk -v a="$t0" -v b="$t1" -v n="$RUNS" 'BEGIN { printf "%.1f", (b - a) / n }')
tool_ms=$(awk -v a="$t1" -v b="$t2" -v n="$RUNS" 'BEGIN { printf "%.1f", (b - a) / n }')
echo "runs: $RUNS, server: dnsmasq on 10.255.255.254:53 in $wns"
echo "wslprobe --only dns (2 names x UDP+TCP, concurrent): $probe_ms ms per run"
echo "$tool, one after another: $tool_ms ms per run"
awk -v a="$probe_ms" -v b="$tool_ms" 'BEGIN { printf "ratio wslprobe/%s: %.2f\n", "tools", a / b }'
