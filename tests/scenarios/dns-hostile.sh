#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile /etc/resolv.conf files (wsl-facts.md §4.2 says what WSL writes;
# users write anything): garbage lines, NUL bytes, no final newline, more
# nameservers than glibc uses (MAXNS 3), 10,000 lines, random bytes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dns-lib.sh"

wns=$(netns_new hostile)
for a in 127.0.0.1 127.0.0.2 127.0.0.3 127.0.0.4; do dnsmasq_in "$wns" "$a"; done

# hostile_tree NAME: a dns-tunnel copy whose resolv.conf is stdin.
hostile_tree() {
	t="$WP_TMP/$1"
	cp -a "$FIXTURES/dns-nolistener" "$t"
	rm -f "$t/etc/resolv.conf"
	cat >"$t/etc/resolv.conf"
	echo "$t"
}

root=$(printf 'nameserver 127.0.0.1\n%%garbage here\nnameserver 127.0.0.2\0junk\nnameserver 127.0.0.3\nnameserver 127.0.0.4\nnameserver 999.1.1.1\nsearch example.test' | hostile_tree mixed)
probe "$wns" --root "$root" --only environment,dns --dns-name www -f json
assert_contract
assert_verdict dns.resolv-conf warn
assert_jq '[.results[] | select(.setting == "dns.resolv-conf")][0].evidence |
  (index("nameserver 127.0.0.4 ignored: glibc uses only the first 3") != null) and
  (index("the file contains NUL bytes") != null) and
  (index("line 6 '"'"'nameserver 999.1.1.1'"'"' is ignored by glibc: not an IPv4 or IPv6 address") != null) and
  any(test("1 line not understood \\(first: line 2\\)"))' \
  "ignored 4th server, NUL, bad address and garbage are named"
assert_jq '[.results[] | select(.setting == "dns.server") | .observed | split(":")[0]] | unique == ["127.0.0.1", "127.0.0.2", "127.0.0.3"]' \
  "only the first three nameservers are asked"
assert_jq '[.results[] | select(.setting == "dns.server") | .verdict] | all(. == "pass")' \
  "search line without a final newline still applies (www.example.test)"

big="$WP_TMP/big.txt"
{
	echo "nameserver 127.0.0.1"
	i=0
	while [ $i -lt 9999 ]; do echo "options ndots:$((i % 5)) # $i"; i=$((i + 1)); done
} >"$big"
root=$(hostile_tree big <"$big")
t0=$(now_ms)
probe "$wns" --root "$root" --only environment,dns --dns-name example.test -f json
took=$(( $(now_ms) - t0 ))
assert_contract "10,000-line file: contract holds"
dns_result 127.0.0.1 udp '.verdict == "pass"' "10,000-line file still resolves"
if [ "$took" -lt 2000 ]; then ok "10,000 lines judged in $took ms"; else not_ok "10,000 lines took $took ms"; fi

# Issue 10 §4: a CRLF file (saved on Windows).  glibc ignores the line
# (c-ares would not) and falls back to 127.0.0.1, which is what is asked.
root=$(printf 'nameserver 10.255.255.254\r\nsearch example.test\r\n' | hostile_tree crlf)
probe "$wns" --root "$root" --only environment,dns --dns-name example.test -f json
assert_verdict dns.resolv-conf fail
assert_evidence dns.resolv-conf "is ignored by glibc: a carriage return after the address"
assert_verdict wsl2.dnsTunneling fail
dns_result 127.0.0.1 udp '.verdict == "pass"' "glibc's fallback 127.0.0.1 is asked, as glibc would"
assert_jq '[.results[] | select(.setting == "dns.server") | .observed
  | startswith("10.255.255.254")] | any | not' "the ignored address is not asked"

root=$(head -c 65536 /dev/urandom | hostile_tree random)
probe "$wns" --root "$root" --only environment,dns -f json
if [ "$RC" -le 1 ]; then ok "random bytes: no crash (exit $RC)"; else not_ok "random bytes: exit $RC"; fi
assert_contract "random bytes: contract holds"
finish
