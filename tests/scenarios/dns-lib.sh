# SPDX-License-Identifier: MIT
# Helpers of the dns-*.sh scenarios (sourced after lib.sh): namespaces
# with WSL's tunneling address on lo (wsl-facts.md §10.1), a real dnsmasq
# answering example.test, and --root trees whose /proc/net/udp|tcp are
# taken from the namespace itself, so the listener wslprobe reads is the
# one really there (§4.3).
require_root
require_cmd dnsmasq

# ns_tunnel NAME: a namespace with 10.255.255.254/32 on lo.
ns_tunnel() {
	n=$(netns_new "$1")
	in_ns "$n" ip addr add 10.255.255.254/32 dev lo
	echo "$n"
}

# addr_hex A.B.C.D: the /proc/net spelling (little-endian word).
addr_hex() {
	echo "$1" | awk -F. '{ printf "%02X%02X%02X%02X\n", $4, $3, $2, $1 }'
}

# dnsmasq_in NS ADDR [PORT [ARGS...]]: dnsmasq on ADDR:PORT (53) answering
# example.test with 192.0.2.10; waits until it listens.
dnsmasq_in() {
	dn=$1; da=$2; dp=${3:-53}
	[ $# -ge 3 ] && shift 3 || shift $#
	bg in_ns "$dn" dnsmasq --no-daemon --no-resolv --no-hosts \
	    --bind-interfaces --listen-address="$da" --port="$dp" \
	    --address=/example.test/192.0.2.10 --pid-file= --user=root \
	    --log-facility="$WP_TMP/dnsmasq.$dn.$da.$dp.log" --log-queries "$@" \
	    2>>"$WP_TMP/dnsmasq.err"
	want=$(addr_hex "$da"):$(printf '%04X' "$dp")
	i=0
	while [ $i -lt 100 ]; do
		in_ns "$dn" cat /proc/net/udp | grep -q " $want " && return 0
		sleep 0.05; i=$((i + 1))
	done
	echo "dnsmasq on $da:$dp did not start" >&2
	cat "$WP_TMP/dnsmasq.err" >&2
	exit 99
}

# tree_from NS FIXTURE: a copy of FIXTURE whose proc/net/udp and tcp
# are the namespace's own; prints its path.
TREE_N=0
tree_from() {
	TREE_N=$((TREE_N + 1))
	t="$WP_TMP/root.$2.$TREE_N.$$"
	cp -a "$FIXTURES/$2" "$t"
	mkdir -p "$t/proc/net"
	if [ -n "$1" ]; then
		in_ns "$1" cat /proc/net/udp >"$t/proc/net/udp"
		in_ns "$1" cat /proc/net/tcp >"$t/proc/net/tcp"
	fi
	echo "$t"
}

# nft_drop NS PROTO...: drop incoming packets to port 53 for each PROTO.
nft_drop() {
	dn=$1; shift
	in_ns "$dn" nft add table inet wp
	in_ns "$dn" nft add chain inet wp in \
	    '{ type filter hook input priority 0; }'
	for p in "$@"; do
		in_ns "$dn" nft add rule inet wp in "$p" dport 53 drop
	done
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# dns_result SERVER TRANSPORT FILTER MESSAGE: FILTER holds on the
# dns.server result of SERVER over TRANSPORT.
dns_result() {
	assert_jq "[.results[] | select(.setting == \"dns.server\" and
	    (.observed | startswith(\"$1:53/$2:\")))] | length == 1 and
	    (.[0] | $3)" "$4"
}
