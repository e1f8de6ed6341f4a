#!/bin/sh
# SPDX-License-Identifier: MIT
# Tunneling bypassed (wsl-facts.md §4.1): a hand-written resolv.conf with
# generateResolvConf=false (#11719), a systemd-resolved stub symlink,
# generateResolvConf=false with no file at all (#9074); and outside WSL2
# not a single packet is sent (interface.md §2, exit 3).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dns-lib.sh"

first_evidence() {
	jq -r --arg s "$1" '[.results[] | select(.setting == $s)][0].evidence | join(" | ")' "$OUT"
}

# --- hand-written file, tunneling still running -------------------------
wns=$(ns_tunnel hand)
dnsmasq_in "$wns" 10.255.255.254
dnsmasq_in "$wns" 127.0.0.1
root=$(tree_from "$wns" dns-handwritten)
probe "$wns" --root "$root" --only environment,dns --dns-name example.test -f json
assert_rc 1 "bypassed tunneling fails the run"
assert_verdict wsl2.dnsTunneling fail
assert_jq '[.results[] | select(.setting == "wsl2.dnsTunneling")][0] |
  .observed == "nameserver 127.0.0.1" and
  (.evidence | index("bypassed: /etc/resolv.conf was not written by WSL (generateResolvConf=false in wsl.conf)") != null) and
  (.hint | test("nameserver 10.255.255.254"))' "explains the hand-written bypass"
assert_verdict network.generateResolvConf pass
dns_result 127.0.0.1 udp '.verdict == "pass"' "the hand-written server answers"
dns_result 10.255.255.254 udp '.verdict == "pass"' "the unused tunneling listener is asked too"

# --- systemd-resolved stub ---------------------------------------------
wns=$(ns_tunnel stub)
dnsmasq_in "$wns" 10.255.255.254
dnsmasq_in "$wns" 127.0.0.53
root=$(tree_from "$wns" dns-stub)
snap="$WP_TMP/stub.json"
probe "$wns" --root "$root" --only environment,dns --dns-name example.test -f json --save-snapshot "$snap"
assert_verdict wsl2.dnsTunneling fail
assert_jq '[.results[] | select(.setting == "wsl2.dnsTunneling")][0] |
  (.observed == "systemd-resolved stub 127.0.0.53") and
  (.evidence | index("bypassed: the systemd-resolved stub 127.0.0.53 forwards to 127.0.0.1") != null) and
  (.hint | test("DNS=10.255.255.254"))' "names the stub and where it forwards"
assert_verdict network.generateResolvConf fail
dns_result 127.0.0.53 udp '.verdict == "pass"' "the stub answers"
if jq -e '.files["/etc/resolv.conf"].link_target == "../run/systemd/resolve/stub-resolv.conf"
    and (.files["/run/systemd/resolve/resolv.conf"].text | test("nameserver 127.0.0.1"))' "$snap" >/dev/null; then
	ok "stub link target and resolved's upstream file recorded"
else
	not_ok "stub files in the snapshot"
fi

# --- generateResolvConf=false and no file ------------------------------
wns=$(ns_tunnel missing)
root=$(tree_from "$wns" dns-missing)
probe "$wns" --root "$root" --only environment,dns -f json
assert_verdict network.generateResolvConf fail
assert_verdict wsl2.dnsTunneling fail
assert_verdict dns.resolv-conf fail
assert_jq '[.results[] | select(.setting == "network.generateResolvConf")][0].hint | test("write /etc/resolv.conf")' \
  "hint says to write the file"

# --- not WSL2: nothing is sent -----------------------------------------
wns=$(netns_new notwsl)
dnsmasq_in "$wns" 127.0.0.1
root="$WP_TMP/notwsl"
cp -a "$FIXTURES/not-wsl" "$root"
printf 'nameserver 127.0.0.1\n' >"$root/etc/resolv.conf"
probe "$wns" --root "$root" --only environment,dns --dns-name example.test -f json
assert_rc 3 "outside WSL2 exits 3"
assert_jq '[.results[] | select(.check == "dns") | .verdict] | all(. == "skip")' "every dns result is skip"
# A control query proves that dnsmasq logs what reaches it, so that an
# empty log means "nothing was sent", not "nothing was logged".
log="$WP_TMP/dnsmasq.$wns.127.0.0.1.53.log"
in_ns "$wns" bash -c 'printf "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x07control\x04test\x00\x00\x01\x00\x01" >/dev/udp/127.0.0.1/53'
i=0
while [ $i -lt 40 ] && ! grep -q "control.test" "$log" 2>/dev/null; do
	sleep 0.05; i=$((i + 1))
done
if grep -q "query\[A\] control.test" "$log"; then
	ok "dnsmasq logs the queries that reach it (control query seen)"
else
	not_ok "dnsmasq did not log the control query"
fi
if grep -q "example.test" "$log"; then
	not_ok "a query reached dnsmasq outside WSL2"
else
	ok "dnsmasq saw no query from wslprobe outside WSL2"
fi
finish
