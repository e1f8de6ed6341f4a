#!/bin/sh
# SPDX-License-Identifier: MIT
# Where the proxy variables are, judged (wsl-facts.md §5): the parent
# chain differing from the process (both ways), NAT mode without
# variables (a Windows proxy on 127.0.0.1 is dropped: the cause named),
# autoProxy off with /etc/environment setting them, services (systemd's
# DefaultEnvironment), upper/lower mismatch, WSL_PAC_URL alone, Windows
# no_proxy syntax and invalid values.  --root trees are copies of the
# fixtures with proc/<pid> entries made here; every request goes to
# 127.0.0.1 of an isolated namespace that has only lo.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
P=http://127.0.0.1:9

# tree NAME FIXTURE: a writable copy of FIXTURE; prints its path.
tree() {
	t="$WP_TMP/root.$1"
	cp -a "$FIXTURES/$2" "$t"
	echo "$t"
}

# chain ROOT ENVIRON...: proc/self → pid 4242 (bash, our uid, with
# ENVIRON) → pid 4200 (init, root: not read).
chain() {
	r=$1; shift
	mkdir -p "$r/proc/self" "$r/proc/4242" "$r/proc/4200"
	printf 'Name:\twslprobe\nPPid:\t4242\nUid:\t1000\t1000\t1000\t1000\n' >"$r/proc/self/status"
	printf 'Name:\tbash\nPPid:\t4200\nUid:\t1000\t1000\t1000\t1000\n' >"$r/proc/4242/status"
	echo bash >"$r/proc/4242/comm"
	: >"$r/proc/4242/environ"
	for v in "$@"; do printf '%s\0' "$v" >>"$r/proc/4242/environ"; done
	printf 'Name:\tinit\nPPid:\t1\nUid:\t0\t0\t0\t0\n' >"$r/proc/4200/status"
	echo init >"$r/proc/4200/comm"
}

# --- the parent has them, this process does not (sudo) --------------------
r=$(tree parent wsl2-mirrored)
chain "$r" "http_proxy=$P" "HTTP_PROXY=$P" "PATH=/usr/bin" "SECRET_OTHER=do-not-record"
pprobe "" "" --root "$r" --only proxy -f json --save-snapshot "$WP_TMP/parent.json"
assert_verdict wsl2.autoProxy warn
assert_evidence_p() { if jq -e --arg s "$1" --arg p "$2" '[.results[] | select(.setting == $s)][0] | (.evidence + [.hint]) | any(. != null and test($p))' "$OUT" >/dev/null; then ok "$3"; else not_ok "$3"; jq -c --arg s "$1" '.results[] | select(.setting == $s)' "$OUT" | sed 's/^/#   /'; fi; }
assert_evidence_p wsl2.autoProxy "parent bash \\(pid 4242\\) has them" "the parent that has them is named"
assert_evidence_p wsl2.autoProxy "env_keep" "the hint says how to keep them across sudo"
if jq -e '.proxy.parents | length == 2 and .[0].pid == 4242 and .[0].comm == "bash"
    and (.[0].vars | keys == ["HTTP_PROXY", "http_proxy"]) and (.[1].error | test("another user"))' "$WP_TMP/parent.json" >/dev/null; then
	ok "snapshot: the parent chain's proxy variables only, stops at another uid"
else
	not_ok "snapshot parent chain"; jq -c .proxy.parents "$WP_TMP/parent.json"
fi
if grep -q "do-not-record\|/usr/bin\"" "$WP_TMP/parent.json"; then not_ok "other variables leaked into the snapshot"; else ok "no other variable recorded"; fi

# --- this process has them, its parent does not -----------------------------
r=$(tree child wsl2-mirrored)
chain "$r" "PATH=/usr/bin"
pprobe "" "http_proxy=$P HTTP_PROXY=$P https_proxy=$P HTTPS_PROXY=$P no_proxy=localhost,127.0.0.1" --root "$r" --only proxy -f json
assert_verdict wsl2.autoProxy pass
assert_evidence_p wsl2.autoProxy "its parent bash \\(pid 4242\\) does not" "the parent lacking them is named"

# --- NAT, no variables: a loopback Windows proxy is dropped ----------------
pprobe "" "" --root "$FIXTURES/wsl2-nat" --only proxy -f json
assert_verdict wsl2.autoProxy unknown
assert_evidence_p wsl2.autoProxy "in nat mode WSL drops a Windows proxy on 127.0.0.1" "NAT: the loopback-proxy cause is named"
assert_evidence_p wsl2.autoProxy "reg.exe query" "the Windows command to run is given"
assert_verdict proxy.env skip
assert_verdict proxy.fetch skip
pprobe "" "" --root "$FIXTURES/wsl2-mirrored" --only proxy -f json
assert_verdict wsl2.autoProxy unknown
if jq -e '[.results[] | select(.setting == "wsl2.autoProxy")][0].evidence | any(test("drops")) | not' "$OUT" >/dev/null; then
	ok "mirrored: no loopback-proxy cause"; else not_ok "mirrored names the NAT cause"; fi

# --- autoProxy off, /etc/environment sets them ------------------------------
r=$(tree off wsl2-nat)
printf '[wsl2]\nautoProxy=false\n' >"$r/mnt/c/Users/alice/.wslconfig"
printf '# proxy\nhttp_proxy="%s"\nexport https_proxy=%s\n' "$P" "$P" >"$r/etc/environment"
pprobe "" "http_proxy=$P https_proxy=$P no_proxy=localhost,127.0.0.1" --root "$r" --only proxy -f json
assert_verdict wsl2.autoProxy warn
assert_evidence_p wsl2.autoProxy "/etc/environment sets http_proxy, https_proxy" "where they come from: /etc/environment"
assert_evidence_p wsl2.autoProxy "autoProxy is off" "says autoProxy is off"
pprobe "" "" --root "$r" --only proxy -f json
assert_verdict wsl2.autoProxy pass

# --- services: only the session, then systemd's DefaultEnvironment ---------
r=$(tree sd wsl2-mirrored)
mkdir -p "$r/run/systemd/system"
pprobe "" "http_proxy=$P https_proxy=$P no_proxy=localhost,127.0.0.1" --root "$r" --only proxy -f json
assert_verdict proxy.services warn
assert_evidence_p proxy.services "systemctl set-environment" "the hint names systemctl set-environment"
assert_evidence_p proxy.services "Acquire::http::Proxy" "the hint names apt's setting"
mkdir -p "$r/etc/systemd/system.conf.d"
printf '[Manager]\nDefaultEnvironment="http_proxy=%s" "https_proxy=%s"\n' "$P" "$P" >"$r/etc/systemd/system.conf.d/proxy.conf"
pprobe "" "http_proxy=$P https_proxy=$P no_proxy=localhost,127.0.0.1" --root "$r" --only proxy -f json
assert_verdict proxy.services pass

# --- tools disagree --------------------------------------------------------
pprobe "" "http_proxy=$P HTTP_PROXY=http://127.0.0.1:8 https_proxy=$P HTTPS_PROXY=$P no_proxy=localhost,127.0.0.1" --root "$FIXTURES/wsl2-mirrored" --only proxy -f json
assert_jq '[.results[] | select(.setting == "proxy.env" and .verdict == "warn")] | length == 1' "one finding for the mismatch"
assert_evidence_p proxy.env 'export HTTP_PROXY="\$http_proxy"' "mismatch: the exact line to run"
pprobe "" "HTTP_PROXY=$P HTTPS_PROXY=$P" --root "$FIXTURES/wsl2-mirrored" --only proxy -f json
assert_jq '[.results[] | select(.setting == "proxy.env") | .hint] | index("export http_proxy=\"$HTTP_PROXY\"") != null' "upper case only: lower case line given"
pprobe "" "WSL_PAC_URL=http://wpad.example/wpad.dat" --root "$FIXTURES/wsl2-mirrored" --only proxy -f json
assert_evidence_p proxy.env "only WSL_PAC_URL is set" "PAC URL alone: no Linux tool reads it"
assert_verdict proxy.fetch skip
pprobe "" "http_proxy=$P https_proxy=$P no_proxy=<local>,*.corp.example,10.1.*" --root "$FIXTURES/wsl2-mirrored" --only proxy -f json
assert_evidence_p proxy.env "'<local>' is Windows syntax" "Windows no_proxy syntax named"
assert_jq '[.results[] | select(.setting == "proxy.env") | .hint] | index("export no_proxy='"'"'.corp.example,10.1.0.0/16,localhost,127.0.0.1'"'"' NO_PROXY='"'"'.corp.example,10.1.0.0/16,localhost,127.0.0.1'"'"'") != null' "no_proxy rewritten for Linux"
pprobe "" "http_proxy=\"$P\" https_proxy=http://127.0.0.1:99999 no_proxy=localhost,127.0.0.1" --root "$FIXTURES/wsl2-mirrored" --only proxy -f json
assert_rc 1 "invalid values fail"
assert_jq '[.results[] | select(.setting == "proxy.env" and .verdict == "fail")] | length == 2' "two invalid values, two failures"
assert_evidence_p proxy.env "wrapped in quotes" "quotes named"
assert_jq '[.results[] | select(.setting == "proxy.env") | .hint] | index("export http_proxy='"'$P'"'") != null' "quotes: corrected value given"
assert_jq '[.results[] | select(.setting == "proxy.env") | .evidence[]] | any(test("port is not a number from 1 to 65535"))' "bad port named"
assert_jq '[.results[] | select(.setting == "proxy.fetch")] | all(.verdict == "unknown" and (.evidence | any(test("not a usable proxy"))))' "invalid values are not tried"

# --- hostile bytes: not text ------------------------------------------------
bad=$(printf 'http://\377\376@127.0.0.1:1')
pprobe "" "http_proxy=$bad https_proxy=$P no_proxy=localhost,127.0.0.1" --root "$FIXTURES/wsl2-mirrored" --only proxy -f json --save-snapshot "$WP_TMP/bad.json"
assert_jq '[.results[] | select(.setting == "proxy.env" and .verdict == "fail")][0].observed == "http_proxy is not text"' "a value that is not UTF-8 fails as such"
if pprobe "" "" --replay "$WP_TMP/bad.json" -f json && [ "$RC" = 1 ]; then ok "its snapshot replays"; else not_ok "snapshot with a non-UTF-8 value does not replay (exit $RC)"; fi

finish
