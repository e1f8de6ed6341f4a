#!/bin/sh
# SPDX-License-Identifier: MIT
# DNS tunneling (wsl-facts.md §4.3, §10.1): WSL's resolver on
# 10.255.255.254:53, played by a real dnsmasq inside a namespace.
# Healthy, search domains, SERVFAIL, TCP blocked, server down (refused:
# fast), server blackholed (timeout: bounded), listener gone (no packet).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dns-lib.sh"
require_cmd nft

# --- healthy: UDP and TCP answer, snapshot and replay agree -------------
wns=$(ns_tunnel ok)
dnsmasq_in "$wns" 10.255.255.254
root=$(tree_from "$wns" dns-tunnel)
snap="$WP_TMP/ok.json"
probe "$wns" --root "$root" --only environment,dns --dns-name example.test -f json \
    --save-snapshot "$snap"
assert_rc 0 "healthy tunneling"
assert_contract
assert_verdict wsl2.dnsTunneling pass
assert_jq '[.results[] | select(.setting == "wsl2.dnsTunneling") | .evidence[]]
  | index("listener on 10.255.255.254:53: udp yes, tcp yes") != null' \
  "listener seen in /proc/net/udp and tcp (FEFFFF0A:0035)"
dns_result 10.255.255.254 udp '.verdict == "pass" and (.evidence[0] |
  test("udp 10.255.255.254:53 example.test: rcode NOERROR, 1 answer \\(192.0.2.10\\), [0-9]+ ms"))' \
  "UDP answer with rcode, answer and time as evidence"
dns_result 10.255.255.254 tcp '.verdict == "pass" and (.evidence[0] |
  test("^tcp .*NOERROR, 1 answer \\(192.0.2.10\\)"))' "TCP answer"
if jq -e '.probes.dns | length == 2 and all(.[]; .outcome == "answered"
    and .rcode == "NOERROR" and .answers == 1 and (.ms | type == "number")
    and .port == 53 and .name == "example.test" and
    (.transport | IN("udp", "tcp")))' "$snap" >/dev/null; then
	ok "snapshot probes.dns records server, transport, rcode, answers, ms"
else
	not_ok "snapshot probes.dns"; jq -c .probes "$snap"
fi
if jq -e '.files["/etc/resolv.conf"].link_target == "/mnt/wsl/resolv.conf"' "$snap" >/dev/null; then
	ok "resolv.conf and its link target are in the snapshot"
else
	not_ok "resolv.conf link_target"
fi
live=$OUT
probe "" --replay "$snap" -f json --only environment,dns
if [ "$(jq -c '[.results[] | [.setting, .verdict, .observed, .evidence]]' "$OUT")" = \
    "$(jq -c '[.results[] | [.setting, .verdict, .observed, .evidence]]' "$live")" ]; then
	ok "replay gives the same results"
else
	not_ok "replay differs"
fi

# --- search domains: "www" is asked as www.example.test (resolv.conf) ---
probe "$wns" --root "$root" --only environment,dns --dns-name www -f json
dns_result 10.255.255.254 udp '.verdict == "pass" and (.evidence[0] |
  test("www as www.example.test: rcode NOERROR"))' "search domain applied"

# --- SERVFAIL: the resolver answers, but cannot resolve (DNSSEC bogus) --
if dnsmasq --version | grep -q ' DNSSEC'; then
	wns=$(ns_tunnel servfail)
	dnsmasq_in "$wns" 127.0.0.1 5354 --address=/#/192.0.2.66
	dnsmasq_in "$wns" 10.255.255.254 53 --server=127.0.0.1#5354 --dnssec \
	    --trust-anchor=.,20326,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
	root=$(tree_from "$wns" dns-tunnel)
	probe "$wns" --root "$root" --only environment,dns --dns-name www.fail.test -f json
	assert_rc 1 "SERVFAIL fails the run"
	dns_result 10.255.255.254 udp '.verdict == "fail" and
	  (.observed | test("rcode SERVFAIL in [0-9]+ ms")) and (.hint | test("cannot resolve"))' \
	  "SERVFAIL is a fail with rcode and time"
	assert_verdict wsl2.dnsTunneling pass
else
	echo "# dnsmasq without DNSSEC: SERVFAIL case not run"
fi

# --- TCP blocked, UDP fine: warn ---------------------------------------
wns=$(ns_tunnel notcp)
dnsmasq_in "$wns" 10.255.255.254
root=$(tree_from "$wns" dns-tunnel)
nft_drop "$wns" tcp
t0=$(now_ms)
probe "$wns" --root "$root" --only environment,dns --dns-name example.test --timeout 800 -f json
took=$(( $(now_ms) - t0 ))
dns_result 10.255.255.254 udp '.verdict == "pass"' "UDP still answers"
dns_result 10.255.255.254 tcp '.verdict == "warn" and (.hint | test("allow TCP port 53"))' \
  "TCP blocked while UDP works is a warning"
if [ "$took" -lt 1800 ]; then ok "TCP timeout bounded by --timeout ($took ms)"; else not_ok "took $took ms"; fi

# --- server down: listener recorded, nothing there: refused, fast -------
wns=$(ns_tunnel down)
t0=$(now_ms)
probe "$wns" --root "$FIXTURES/dns-tunnel" --only environment,dns --dns-name example.test --timeout 3000 -f json
took=$(( $(now_ms) - t0 ))
assert_rc 1 "dead tunneling server fails the run"
dns_result 10.255.255.254 udp '.verdict == "fail" and (.observed | test("refused"))' "UDP refused"
dns_result 10.255.255.254 tcp '.verdict == "fail" and (.observed | test("refused"))
  and (.hint | test("wsl --shutdown"))' "TCP refused, hint to restart WSL"
if [ "$took" -lt 1000 ]; then ok "refused is fast ($took ms of a 3000 ms timeout)"; else not_ok "refused took $took ms"; fi

# --- server blackholed: timeout, bounded by the deadline ---------------
wns=$(ns_tunnel hole)
dnsmasq_in "$wns" 10.255.255.254
root=$(tree_from "$wns" dns-tunnel)
nft_drop "$wns" udp tcp
t0=$(now_ms)
probe "$wns" --root "$root" --only environment,dns --dns-name example.test --dns-name www --timeout 1000 -f json
took=$(( $(now_ms) - t0 ))
dns_result 10.255.255.254 udp '.verdict == "fail" and (.observed | test("no answer within"))' "UDP timeout"
dns_result 10.255.255.254 tcp '.verdict == "fail" and (.observed | test("no answer within"))' "TCP timeout"
if [ "$took" -ge 800 ] && [ "$took" -lt 1700 ]; then
	ok "all probes time out together within one deadline ($took ms)"
else
	not_ok "blackhole took $took ms (wanted ~1000)"
fi

# --- listener gone from /proc/net: judged without a packet ---------------
wns=$(ns_tunnel gone)
dnsmasq_in "$wns" 10.255.255.254
probe "$wns" --root "$FIXTURES/dns-nolistener" --only environment,dns --dns-name example.test -f json
assert_verdict wsl2.dnsTunneling fail
assert_jq '[.results[] | select(.setting == "wsl2.dnsTunneling") | .evidence[]]
  | any(test("nothing listens on 10.255.255.254:53"))' "says nothing listens"
dns_result 10.255.255.254 udp '.verdict == "fail" and (.evidence[0] | test("no listener"))' \
  "dns.server fails from /proc/net alone"
if grep -q "query\[" "$WP_TMP/dnsmasq.$wns.10.255.255.254.53.log"; then
	not_ok "a query was sent although /proc/net shows no listener"
else
	ok "no query sent when /proc/net shows no listener"
fi
finish
