#!/bin/sh
# SPDX-License-Identifier: MIT
# A custom experimental.dnsTunnelingIpAddress (wsl-facts.md §4.2–4.3): WSL
# puts it as a /32 on lo and its resolver listens there; wslprobe finds
# that listener and queries it even when resolv.conf names another server.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dns-lib.sh"

ns=$(netns_new custom)
in_ns "$ns" ip addr add 10.255.255.1/32 dev lo
dnsmasq_in "$ns" 10.255.255.1
root=$(tree_from "$ns" dns-tunnel)
printf '[wsl2]\nnetworkingMode=nat\n[experimental]\ndnsTunnelingIpAddress=10.255.255.1\n' \
	>"$root/mnt/c/Users/alice/.wslconfig"
printf 'nameserver 10.255.255.1\n' >"$root/mnt/wsl/resolv.conf"
probe "$ns" --root "$root" --only environment,dns --dns-name example.test -f json
assert_verdict wsl2.dnsTunneling pass
dns_result 10.255.255.1 udp '.verdict == "pass"' "the custom tunneling address answers over UDP"
dns_result 10.255.255.1 tcp '.verdict == "pass"' "and over TCP"

# resolv.conf bypasses it: the listener is still found and asked.
printf 'nameserver 127.0.0.99\n' >"$root/mnt/wsl/resolv.conf"
ln -sfn /etc/resolv.hand "$root/etc/resolv.conf"
printf 'nameserver 127.0.0.99\n' >"$root/etc/resolv.hand"
probe "$ns" --root "$root" --only environment,dns --dns-name example.test -f json
assert_verdict wsl2.dnsTunneling fail
dns_result 10.255.255.1 udp '.verdict == "pass"' "the bypassed tunnel is still queried through its listener"

# Issue 10 §4, the one --root rule: a nameserver the namespace reaches
# on-link is asked (dnsmasq on the veth peer), one behind no connected
# route is not run, with the reason, and its result is unknown.
wns=$(netns_new onlink); hns=$(netns_new onlinkpeer)
veth_pair "$wns" eth0 "$hns" peer0
in_ns "$wns" ip addr add 192.0.2.50/24 dev eth0
in_ns "$hns" ip addr add 192.0.2.53/24 dev peer0
dnsmasq_in "$hns" 192.0.2.53
root=$(tree_from "$wns" dns-handwritten)
rm -f "$root/etc/resolv.conf"
printf 'nameserver 192.0.2.53
nameserver 198.51.100.53
' >"$root/etc/resolv.conf"
probe "$wns" --root "$root" --only environment,dns --dns-name example.test -f json
dns_result 192.0.2.53 udp '.verdict == "pass"' "an on-link nameserver is asked under --root"
dns_result 198.51.100.53 udp '.verdict == "unknown" and (.evidence[0] |
  test("not run: under --root only targets this network namespace holds or reaches on-link"))' \
  "an off-link nameserver is not run under --root, with the reason"

finish
