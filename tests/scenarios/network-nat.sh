#!/bin/sh
# SPDX-License-Identifier: MIT
# NAT (wsl-facts.md §10.1): the classifier names it from netlink alone;
# wslinfo agreeing, disagreeing or absent changes only the evidence
# result; "Windows" is not at 127.0.0.1 in NAT (§3).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netmodes.sh"
require_root
build_nat

probe "$G" --root "$FIXTURES/wsl2-nat" -f json --only $CHECKS --host-port 13500
assert_contract
assert_verdict wsl2.networkingMode pass
assert_observed wsl2.networkingMode nat
assert_verdict network.mode-evidence pass
assert_observed network.mode-evidence nat
assert_evidence network.mode-evidence "single adapter eth0 with 172.29.167.138, default via 172.29.160.1"
assert_evidence network.mode-evidence "ip_local_port_range 32768-60999"
assert_verdict network.interfaces pass
assert_evidence network.interfaces "eth0 is up with 172.29.167.138"
assert_verdict network.mtu pass
assert_verdict experimental.hostAddressLoopback skip
assert_verdict wsl2.ipv6 skip
assert_verdict wsl2.firewall unknown
assert_verdict experimental.ignoredPorts skip
# §3: in NAT 127.0.0.1 is Linux's own loopback; never a failure.
assert_verdict localhost.host-ports unknown
assert_evidence localhost.host-ports "127.0.0.1:13500 refused"
assert_evidence localhost.host-ports "Linux's own loopback"
# Issue 10 §4: under --root the gateway is probed like every target the
# namespace reaches on-link (here the veth peer: nothing listens).
assert_evidence localhost.host-ports "172.29.160.1:13500 refused"
assert_verdict wsl2.localhostForwarding unknown
assert_jq '[.results[] | select(.setting == "wsl2.localhostForwarding")][0].hint | test("curl.exe http://localhost:8765/")' "hint gives the Windows command"
assert_rc 0 "NAT as configured exits 0"

# wslinfo disagrees with the kernel (it says mirrored): the live mode is
# wslinfo's, the evidence result warns.
probe "$G" --root "$FIXTURES/wsl2-mirrored" -f json --only $CHECKS --host-port 13500
assert_verdict network.mode-evidence warn
assert_observed network.mode-evidence nat
assert_verdict wsl2.networkingMode pass

# No wslinfo: the classification decides, and mirrored was asked for.
probe "$G" --root "$FIXTURES/wsl2-mirrored-nowslinfo" -f json --only $CHECKS --host-port 13500
assert_verdict network.mode-evidence unknown
assert_verdict wsl2.networkingMode fail
assert_observed wsl2.networkingMode nat
assert_evidence wsl2.networkingMode "the netlink classification"
assert_jq '[.results[] | select(.setting == "wsl2.networkingMode")][0].hint | test("wsl --version") and test("policy") and test("Host-Network-Service")' "hint lists the causes"

# An eth0 that a distro service gave a 169.254 address (§2.4 table).
in_ns "$G" ip addr flush dev eth0
in_ns "$G" ip addr add 169.254.10.20/16 dev eth0
in_ns "$G" ip route add default via 169.254.0.1 dev eth0 2>/dev/null
probe "$G" --root "$FIXTURES/wsl2-nat" -f json --only $CHECKS --host-port 13500
assert_verdict wsl2.networkingMode pass
assert_verdict network.interfaces fail
assert_evidence network.interfaces "only a 169.254 address"

# MTU below what IPv6 needs.
in_ns "$G" ip link set eth0 mtu 1200
probe "$G" --root "$FIXTURES/wsl2-nat" -f json --only $CHECKS --host-port 13500
assert_verdict network.mtu warn
assert_evidence network.mtu "eth0 mtu 1200"

finish
