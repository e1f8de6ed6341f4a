# SPDX-License-Identifier: MIT
# Builders for WSL's networking modes in network namespaces, sourced by
# the network-*.sh and localhost-*.sh scenarios after lib.sh.  They
# follow the recipes of wsl-facts.md §10.1–10.3: a guest namespace ("the
# distro") and a second namespace standing in for Windows.  Addresses are
# documentation ranges or WSL's own, and exist only inside these
# namespaces.  Each builder sets $G (guest) and $W (Windows).

# The loopback path needs route_localnet and friends (procps' sysctl).
require_root
require_cmd sysctl socat ss

LB_GW=169.254.73.152		# shipped builds (§2.3); the source tree uses .249
LB_GMAC=00:11:22:33:44:55

# mirror_rules NS DEV...: WSL's mirrored rule set (§2.3, §10.2).
mirror_rules() {
	ns=$1; shift
	in_ns "$ns" ip rule add pref 2 lookup local
	in_ns "$ns" ip rule del pref 0 lookup local
	for d in "$@"; do
		for p in tcp udp; do
			in_ns "$ns" ip rule add pref 0 iif "$d" ipproto "$p" lookup local
		done
	done
	for t in 127 128; do
		for p in tcp udp; do
			in_ns "$ns" ip rule add pref 1 ipproto "$p" lookup "$t"
		done
	done
}

# build_nat [MAC]: §10.1, NAT with DNS tunneling.
build_nat() {
	G=$(netns_new "wsl${SFX:-}"); W=$(netns_new "win${SFX:-}")
	veth_pair "$G" eth0 "$W" vEthernetWSL
	in_ns "$G" ip link set eth0 address "${1:-00:15:5d:e1:22:33}" mtu 1500
	in_ns "$G" ip addr add 172.29.167.138/20 brd 172.29.175.255 dev eth0
	in_ns "$G" ip route add default via 172.29.160.1 dev eth0 proto kernel
	in_ns "$W" ip addr add 172.29.160.1/20 dev vEthernetWSL
	in_ns "$G" ip addr add 10.255.255.254/32 dev lo
}

# loopback_path: loopback0 + table 127 in the guest and the Windows side
# that answers, so the guest's 127.0.0.1 reaches $W's 127.0.0.1 (§10.2).
loopback_path() {
	veth_pair "$G" loopback0 "$W" gelnic
	in_ns "$G" ip link set loopback0 address 00:15:5d:4f:23:d9
	in_ns "$W" ip link set gelnic address $LB_GMAC
	in_ns "$G" ip neigh add $LB_GW lladdr $LB_GMAC dev loopback0 nud permanent
	in_ns "$G" ip route add 127.0.0.1 via $LB_GW dev loopback0 proto kernel src 127.0.0.1 onlink table 127
	mirror_rules "$W" gelnic
	in_ns "$W" ip neigh add 169.254.73.1 lladdr 00:15:5d:4f:23:d9 dev gelnic nud permanent
	in_ns "$W" ip route add 127.0.0.1 via 169.254.73.1 dev gelnic proto kernel src 127.0.0.1 onlink table 127
	for ns in "$G" "$W"; do in_ns "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0; done
	for d in loopback0 eth0; do
		in_ns "$G" sysctl -qw net.ipv4.conf.$d.rp_filter=0 \
			net.ipv4.conf.$d.accept_local=1 net.ipv4.conf.$d.route_localnet=1
	done
	in_ns "$W" sysctl -qw net.ipv4.conf.gelnic.rp_filter=0 \
		net.ipv4.conf.gelnic.accept_local=1 net.ipv4.conf.gelnic.route_localnet=1
}

# build_mirrored [hal|norules]: §10.2; "hal" adds hostAddressLoopback's
# table 128, "norules" leaves out the rules (broken mirrored).
build_mirrored() {
	G=$(netns_new "wsl${SFX:-}"); W=$(netns_new "win${SFX:-}")
	veth_pair "$G" eth0 "$W" ethernet
	in_ns "$G" ip link set eth0 address 3c:52:82:aa:bb:01 mtu 1500
	in_ns "$G" ip addr add 192.0.2.50/24 dev eth0 noprefixroute
	in_ns "$G" ip addr add 10.255.255.254/32 dev lo
	in_ns "$G" ip route add 192.0.2.0/24 dev eth0 proto kernel scope link metric 291
	in_ns "$G" ip route add 192.0.2.1 dev eth0 proto kernel scope link metric 35
	in_ns "$G" ip route add default via 192.0.2.1 dev eth0 proto kernel metric 35
	in_ns "$W" ip addr add 192.0.2.1/24 dev ethernet
	loopback_path
	if [ "${1:-}" = norules ]; then
		in_ns "$G" ip route flush table 127
	else
		mirror_rules "$G" loopback0 eth0
	fi
	if [ "${1:-}" = hal ]; then
		in_ns "$G" ip neigh add $LB_GW lladdr $LB_GMAC dev eth0 nud permanent
		in_ns "$G" ip route add 192.0.2.50 via $LB_GW dev eth0 proto kernel src 192.0.2.50 onlink table 128
	fi
	in_ns "$G" sysctl -qw net.ipv4.conf.all.arp_filter=1 "net.ipv4.ip_local_port_range=60536 64631"
}

# build_consomme: §10.3, NAT-like eth0 with consomme's MAC, loopback0
# with the rules and table 127.
build_consomme() {
	build_nat 00:00:00:00:01:00
	in_ns "$G" ip addr del 10.255.255.254/32 dev lo
	loopback_path
	in_ns "$G" ip addr add 169.254.73.250/28 dev loopback0
	mirror_rules "$G" loopback0
}

# build_none: §10.3, only lo up (with the tunneling address) and a DOWN
# eth0 without addresses: the engine failed after DNS tunneling started.
build_none() {
	G=$(netns_new "wsl${SFX:-}"); W=$(netns_new "win${SFX:-}")
	veth_pair "$G" eth0 "$W" vEthernetWSL
	in_ns "$G" ip link set eth0 down
	in_ns "$G" ip addr add 10.255.255.254/32 dev lo
}

# listen NS PORT: a TCP listener on 127.0.0.1:PORT in NS ("Windows").
listen() {
	bg in_ns "$1" socat -T5 TCP-LISTEN:"$2",bind=127.0.0.1,reuseaddr,fork SYSTEM:true
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		in_ns "$1" ss -Hltn "sport = :$2" | grep -q . && return 0
		sleep 0.1
	done
	echo "listener on $1 127.0.0.1:$2 did not start" >&2
	return 1
}

# blackhole NS PORT: drop TCP to PORT inside NS (nftables, else
# iptables); returns 1 when neither can.
blackhole() {
	if command -v nft >/dev/null; then
		in_ns "$1" nft add table inet wpdrop &&
		in_ns "$1" nft add chain inet wpdrop out '{ type filter hook output priority 0; }' &&
		in_ns "$1" nft add rule inet wpdrop out tcp dport "$2" counter drop &&
		return 0
	fi
	if command -v iptables >/dev/null; then
		in_ns "$1" iptables -A OUTPUT -p tcp --dport "$2" -j DROP && return 0
	fi
	return 1
}

# count_syns NS PORT: an nftables counter of TCP SYNs to PORT leaving
# NS, read back with syn_count NS.
count_syns() {
	in_ns "$1" nft add table inet wpcount &&
	in_ns "$1" nft add chain inet wpcount out '{ type filter hook output priority -10; }' &&
	in_ns "$1" nft add rule inet wpcount out tcp dport "$2" 'tcp flags & syn == syn' counter
}

syn_count() {
	in_ns "$1" nft list chain inet wpcount out | sed -n 's/.*counter packets \([0-9]*\).*/\1/p' | head -1
}

# evidence SETTING: the evidence lines of SETTING's first result, one a line.
evidence() {
	jq -r --arg s "$1" '[.results[] | select(.setting == $s)][0].evidence[]?' "$OUT"
}

# assert_evidence SETTING PATTERN
assert_evidence() {
	if evidence "$1" | grep -q -- "$2"; then ok "$1 evidence has '$2'"; else
		not_ok "$1 evidence lacks '$2'"; evidence "$1" | sed 's/^/#   /'; fi
}

# assert_observed SETTING TEXT
assert_observed() {
	o=$(jq -r --arg s "$1" '[.results[] | select(.setting == $s)][0].observed' "$OUT")
	if [ "$o" = "$2" ]; then ok "$1 observed '$2'"; else not_ok "$1 observed '$o', wanted '$2'"; fi
}

CHECKS=environment,network,localhost
