#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark (not a test) of the run-wide speed bounds (issue 9), all in
# one run, on the mirrored world of wsl-facts.md §10.2 built in network
# namespaces (a "Windows" listener on 127.0.0.1:13500 behind loopback0,
# dnsmasq standing in for WSL's DNS tunnel on 10.255.255.254):
#
#  1. a full healthy probe (every check) against the sequential shell
#     commands that gather the same facts one after another (files, wslinfo,
#     ip -j, a DNS lookup, a connect, the proxy environment, the memory and
#     disk files, findmnt and df);
#  2. every probe target blackholed: wall time as a multiple of --timeout;
#  3. wall time and peak RSS of `wslprobe --version` against a do-nothing
#     program linked with the same libraries (the floor any run pays).
#
# Prints each figure and its bound; exits 1 when one is missed.  Needs
# root, nft, dnsmasq, socat, and a C compiler for the do-nothing program.
#
#   tests/bench/bench_core.sh [RUNS]
. "$(dirname "$0")/../scenarios/lib.sh"
. "$(dirname "$0")/../scenarios/netmodes.sh"
. "$(dirname "$0")/../scenarios/dns-lib.sh"
require_root
require_cmd nft dnsmasq socat bash timeout cc pkg-config
RUNS=${1:-30}
now_us() { echo $(( $(date +%s%N) / 1000 )); }
missed=0

build_mirrored
listen "$W" 13500
dnsmasq_in "$G" 10.255.255.254
tree=$(tree_from "$G" wsl2-mirrored)
resolv="$WP_TMP/resolv.conf"
printf 'nameserver 10.255.255.254\n' >"$resolv"
args="--root $tree --host-port 13500 --dns-name example.test"

# --- 1. full healthy probe vs the shell, one after another --------------
# shellcheck disable=SC2086
in_ns "$G" "$WSLPROBE" $args -q >"$WP_TMP/q" 2>&1
shell='cat /proc/sys/kernel/osrelease /proc/version /etc/os-release \
	"'"$tree"'/mnt/c/Users/alice/.wslconfig" "'"$tree"'/etc/wsl.conf" \
	/proc/stat /proc/uptime /proc/cmdline; \
	"'"$tree"'/usr/bin/wslinfo" --version; \
	"'"$tree"'/usr/bin/wslinfo" --networking-mode; \
	"'"$tree"'/usr/bin/wslinfo" --vm-id; cat /proc/1/stat /proc/$PPID/environ; \
	ip -j link; ip -j addr; ip -j route show table all; ip -j rule; \
	ip -6 -j rule; cat /proc/net/udp /proc/net/tcp; \
	getent hosts example.test; \
	timeout 1 bash -c "exec 3<>/dev/tcp/10.255.255.254/53"; \
	timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/13500"; \
	env | grep -i _proxy; cat /etc/environment; \
	cat /proc/meminfo /proc/swaps /proc/vmstat /sys/devices/system/cpu/online; \
	ls /mnt/wslg; ls -l /dev/kvm; grep -c -E "vmx|svm" /proc/cpuinfo; \
	ps -eo rss,comm --sort=-rss | head -4; \
	findmnt -n /; cat /sys/block/*/queue/discard_max_bytes; df -B1 /'
# Interleaved, one of each per round, so that load drifting over the
# run weighs on both sides alike; medians of the rounds.
: >"$WP_TMP/probe.t"; : >"$WP_TMP/shell.t"
i=0
while [ $i -lt "$RUNS" ]; do
	t0=$(now_us)
	# shellcheck disable=SC2086
	in_ns "$G" "$WSLPROBE" $args -q >/dev/null 2>&1
	t1=$(now_us)
	in_ns "$G" unshare -m sh -c "mount --bind '$resolv' /etc/resolv.conf && $shell" \
	    >/dev/null 2>&1
	t2=$(now_us)
	echo $((t1 - t0)) >>"$WP_TMP/probe.t"
	echo $((t2 - t1)) >>"$WP_TMP/shell.t"
	i=$((i + 1))
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) / 1000 }'; }
probe_ms=$(median "$WP_TMP/probe.t")
shell_ms=$(median "$WP_TMP/shell.t")
ratio=$(awk -v a="$probe_ms" -v b="$shell_ms" 'BEGIN { printf "%.2f", a / b }')
echo "1. full healthy probe, every check ($(tail -1 "$WP_TMP/q")):"
echo "   medians of $RUNS interleaved rounds: wslprobe $probe_ms ms; sequential shell $shell_ms ms; ratio $ratio (bound 0.35)"
awk -v r="$ratio" 'BEGIN { exit !(r <= 0.35) }' || { echo "   MISSED"; missed=1; }

# --- 2. every target blackholed ----------------------------------------
blackhole "$G" 13500 || skip "cannot blackhole"
in_ns "$G" nft add rule inet wpdrop out udp dport 53 drop
in_ns "$G" nft add rule inet wpdrop out tcp dport 53 drop
worst=0
i=0
while [ $i -lt 5 ]; do
	t0=$(now_us)
	# shellcheck disable=SC2086
	in_ns "$G" "$WSLPROBE" $args --timeout 1000 -q >/dev/null 2>&1
	ms=$(( ($(now_us) - t0) / 1000 ))
	[ "$ms" -gt "$worst" ] && worst=$ms
	i=$((i + 1))
done
echo "2. every target blackholed, --timeout 1000: worst $worst ms of 5 runs = $(awk -v w="$worst" 'BEGIN { printf "%.2f", w / 1000 }') x the timeout (bound 1.10)"
[ "$worst" -le 1100 ] || { echo "   MISSED"; missed=1; }

# --- 3. the floor: a do-nothing program with the same libraries --------
cat >"$WP_TMP/nothing.c" <<'C'
#include <ares.h>
#include <curl/curl.h>
#include <json-c/json.h>
#include <netlink/route/link.h>
int main(void) { return 0; }
/* Referenced so that --as-needed keeps every library. */
void *keep[] = { (void *)ares_version, (void *)curl_version,
    (void *)json_object_new_object, (void *)rtnl_link_alloc };
C
# shellcheck disable=SC2046
cc -o "$WP_TMP/nothing" "$WP_TMP/nothing.c" $(pkg-config --cflags --libs \
    libcares libcurl json-c libnl-3.0 libnl-route-3.0) || skip "cannot build the floor program"
measure() {	# prints "mean_ms max_rss_kb" over RUNS runs of "$@"
	t0=$(now_us); rss=0; i=0
	while [ $i -lt "$RUNS" ]; do
		r=$(/usr/bin/env time -f %M "$@" 2>&1 >/dev/null | tail -1)
		[ "$r" -gt "$rss" ] 2>/dev/null && rss=$r
		i=$((i + 1))
	done
	echo "$(awk -v a="$t0" -v b="$(now_us)" -v n="$RUNS" 'BEGIN { printf "%.2f", (b - a) / n / 1000 }') $rss"
}
if [ -x /usr/bin/time ]; then
	set -- $(measure "$WP_TMP/nothing"); floor_ms=$1 floor_rss=$2
	set -- $(measure "$WSLPROBE" --version); ver_ms=$1 ver_rss=$2
	# A full run of every check on the fixture, passive (no namespace
	# of ours: probes that would leave are not-run), in this locale.
	set -- $(measure unshare -rn "$WSLPROBE" --root "$tree" -q); run_ms=$1 run_rss=$2
	set -- $(measure unshare -rn true); ns_ms=$1
	run_ms=$(awk -v a="$run_ms" -v b="$ns_ms" 'BEGIN { printf "%.2f", a - b }')
	echo "3. do-nothing program with the same libraries: $floor_ms ms, $floor_rss KiB"
	echo "   wslprobe --version $ver_ms ms, $ver_rss KiB: wall $(awk -v a="$ver_ms" -v b="$floor_ms" 'BEGIN { printf "%.2f", a / b }') x, RSS $(awk -v a="$ver_rss" -v b="$floor_rss" 'BEGIN { printf "%.2f", a / b }') x"
	echo "   a full passive run $run_ms ms (unshare's own cost taken off), $run_rss KiB: wall $(awk -v a="$run_ms" -v b="$floor_ms" 'BEGIN { printf "%.2f", a / b }') x (bound 2.0), RSS $(awk -v a="$run_rss" -v b="$floor_rss" 'BEGIN { printf "%.2f", a / b }') x (bound 1.2; LC_ALL=${LC_ALL:-unset})"
	awk -v a="$run_ms" -v b="$floor_ms" -v c="$run_rss" -v d="$floor_rss" \
	    'BEGIN { exit !(a <= 2 * b && c <= 1.2 * d) }' || { echo "   MISSED"; missed=1; }
else
	echo "3. skipped: /usr/bin/time (package time) is not installed"
fi
exit $missed
