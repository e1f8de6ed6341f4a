#!/bin/sh
# SPDX-License-Identifier: MIT
# The proxy check against real tinyproxy (wsl-facts.md §5, §10.2): the
# "Windows" namespace runs tinyproxy on its 127.0.0.1 (reached from the
# mirrored guest's 127.0.0.1), a second tinyproxy wanting Basic auth, and
# an HTTP origin used as --proxy-url.  Healthy http proxy, https CONNECT,
# proxy down (refused: fast), blackholed (bounded by the deadline), 407,
# no request outside WSL2, replay.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netmodes.sh"
. "$(dirname "$0")/proxy-lib.sh"
require_cmd nft
build_mirrored
origin "$W" 192.0.2.1 18080
tinyproxy_in "$W" 13128
tinyproxy_in "$W" 13129 alice wp-Pa55
URL=http://192.0.2.1:18080/connecttest.txt
FIX="$FIXTURES/wsl2-mirrored"
P=http://127.0.0.1:13128

# --- healthy: http and https through one proxy --------------------------
snap="$WP_TMP/ok.json"
pprobe "$G" "http_proxy=$P HTTP_PROXY=$P https_proxy=$P HTTPS_PROXY=$P no_proxy=localhost,127.0.0.1 NO_PROXY=localhost,127.0.0.1" \
    --root "$FIX" --only proxy -f json --proxy-url "$URL" --save-snapshot "$snap"
assert_rc 0 "healthy proxy"
assert_contract
assert_verdict wsl2.autoProxy pass
assert_verdict proxy.env pass
assert_jq '[.results[] | select(.setting == "proxy.fetch")] | length == 2' "one fetch and one tunnel for one proxy"
fetch_ok GET '.verdict == "pass" and (.observed | test("^HTTP 200 in [0-9]+ ms$")) and
    any(.evidence[]; test("Via: 1.1 wp-tinyproxy"))' "" "GET through tinyproxy passes, Via recorded"
fetch_ok CONNECT '.verdict == "pass" and (.observed | test("^CONNECT answered 200")) and
    (.evidence[0] | startswith("CONNECT 192.0.2.1:18080 through http://127.0.0.1:13128"))' "" "CONNECT tunnel passes"
if jq -e '.probes.proxy | length == 2 and all(.[]; .outcome == "connected" and (.ms | type == "number"))
    and (map(.kind) | sort == ["fetch", "tunnel"]) and ([.[] | select(.kind == "fetch")][0].http_status == 200)
    and ([.[] | select(.kind == "tunnel")][0].connect_code == 200)' "$snap" >/dev/null; then
	ok "snapshot probes.proxy: {proxy, url, outcome, http_status, ms}"
else
	not_ok "snapshot probes.proxy"; jq -c '.probes.proxy' "$snap"
fi
jq -S '[.results[] | del(.duration_ms)]' "$OUT" >"$WP_TMP/live"
pprobe "" "" --replay "$snap" -f json --only proxy
jq -S '[.results[] | del(.duration_ms)]' "$OUT" >"$WP_TMP/replay"
if cmp -s "$WP_TMP/live" "$WP_TMP/replay"; then ok "replay judges the same"; else not_ok "replay differs"; diff "$WP_TMP/live" "$WP_TMP/replay" | head; fi

# --- 407: the second proxy wants credentials -----------------------------
A=http://127.0.0.1:13129
pprobe "$G" "http_proxy=$A https_proxy=$A no_proxy=localhost,127.0.0.1" --root "$FIX" --only proxy -f json --proxy-url "$URL"
fetch_ok GET '.verdict == "warn" and .observed == (.observed | select(test("^HTTP 407"))) and (.hint | test("wants credentials"))' "" "GET 407 is a warning"
fetch_ok CONNECT '.verdict == "warn" and (.observed | test("CONNECT answered 407")) and (.hint | test("credentials"))' "" "CONNECT 407 is a warning"
pprobe "$G" "http_proxy=http://alice:wp-Pa55@127.0.0.1:13129 no_proxy=localhost,127.0.0.1" --root "$FIX" --only proxy -f json -v --proxy-url "$URL" --save-snapshot "$WP_TMP/auth.json"
fetch_ok GET '.verdict == "pass" and (.observed | test("^HTTP 200"))' "" "credentials in the variable are used"
if grep -q "wp-Pa55" "$OUT" "$ERR" "$WP_TMP/auth.json"; then not_ok "the password shows"; else ok "the password is in no output and not in the snapshot"; fi
pprobe "$G" "http_proxy=http://alice:wrong@127.0.0.1:13129 no_proxy=localhost,127.0.0.1" --root "$FIX" --only proxy -f json --proxy-url "$URL"
fetch_ok GET '.verdict == "warn" and (.hint | test("were refused"))' "" "wrong credentials: refused, said so"
if grep -q wrong "$OUT"; then not_ok "the wrong password shows"; else ok "the wrong password is not shown"; fi

# --- proxy down: refused, fast --------------------------------------------
start=$(date +%s%N)
pprobe "$G" "http_proxy=http://127.0.0.1:13999" --root "$FIX" --only proxy -f json --proxy-url "$URL"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
assert_rc 1 "a refused proxy is a failure"
fetch_ok GET '.verdict == "fail" and (.observed | test("^refused")) and (.hint | test("nothing listens"))' "" "refused: fail with the reason"
if [ "$ms" -lt 1000 ]; then ok "refused run took $ms ms"; else not_ok "refused run took $ms ms"; fi

# --- blackholed: bounded by the deadline ----------------------------------
blackhole "$G" 13998 || skip "neither nftables nor iptables can drop packets here"
start=$(date +%s%N)
pprobe "$G" "http_proxy=http://127.0.0.1:13998" --root "$FIX" --only proxy -f json --proxy-url "$URL" --timeout 1000
ms=$(( ($(date +%s%N) - start) / 1000000 ))
fetch_ok GET '.verdict == "fail" and (.observed | test("^timeout")) and (.hint | test("does not answer"))' "" "blackholed: timeout is a failure"
assert_jq '[.results[] | select(.verdict == "error")] | length == 0' "the check finished within the deadline (no error result)"
if [ "$ms" -lt 1500 ]; then ok "blackholed run took $ms ms with --timeout 1000"; else not_ok "blackholed run took $ms ms"; fi
# Every check at once, the proxy blackholed: still about one deadline.
start=$(date +%s%N)
pprobe "$G" "http_proxy=http://127.0.0.1:13998 https_proxy=http://127.0.0.1:13998" --root "$FIX" -f json --proxy-url "$URL" --timeout 1000 --host-port 13128
ms=$(( ($(date +%s%N) - start) / 1000000 ))
assert_jq '[.results[] | select(.verdict == "error")] | length == 0' "full run: no check overran"
assert_jq '[.results[] | select(.check == "proxy")] | length >= 4' "full run includes the proxy results"
if [ "$ms" -lt 1600 ]; then ok "full run with a blackholed proxy took $ms ms with --timeout 1000"; else not_ok "full run took $ms ms"; fi

# --- under --root: only on-link targets -----------------------------------
pprobe "$G" "http_proxy=http://198.51.100.7:3128" --root "$FIX" --only proxy -f json --proxy-url "$URL"
fetch_ok GET '.verdict == "unknown" and (.evidence | any(test("on-link")))' "" "an off-link proxy is not run under --root"
pprobe "$G" "http_proxy=$P" --root "$FIX" --only proxy -f json --proxy-url http://203.0.113.9/
fetch_ok GET '.verdict == "unknown" and (.evidence | any(test("on-link")))' "" "an off-link origin is not run under --root"
in_ns "$G" nft add table inet wpdns &&
in_ns "$G" nft add chain inet wpdns out '{ type filter hook output priority -10; }' &&
in_ns "$G" nft add rule inet wpdns out udp dport 53 counter
pprobe "$G" "http_proxy=http://no-such-proxy.invalid:3128" --root "$FIX" --only proxy -f json --proxy-url "$URL"
fetch_ok GET '.verdict == "unknown" and (.evidence | any(test("hosts file")))' "" "names not in the hosts file are not run under --root"
n=$(in_ns "$G" nft list chain inet wpdns out | sed -n 's/.*counter packets \([0-9]*\).*/\1/p' | head -1)
if [ "$n" = 0 ]; then ok "no DNS packet for a proxy name under --root"; else not_ok "$n DNS packets under --root"; fi

# --- outside WSL2: not one SYN to the proxy --------------------------------
count_syns "$G" 13128
pprobe "$G" "http_proxy=$P https_proxy=$P" --root "$FIXTURES/not-wsl" --only proxy -f json --proxy-url "$URL"
assert_verdict wsl2.autoProxy skip
fetch_ok GET '.verdict == "skip"' "" "outside WSL2 the fetch is skipped"
n=$(syn_count "$G")
if [ "$n" = 0 ]; then ok "no SYN left outside WSL2"; else not_ok "$n SYNs sent outside WSL2"; fi
pprobe "$G" "http_proxy=$P" --root "$FIX" --only proxy -f json --proxy-url "$URL"
n=$(syn_count "$G")
if [ "$n" -ge 1 ]; then ok "the counter sees requests inside WSL2 ($n)"; else not_ok "SYN counter never moves"; fi

finish
