# SPDX-License-Identifier: MIT
# Scenario harness, sourced by tests/scenarios/*.sh.
#
# Each scenario builds its own world (network namespaces, veth pairs,
# listeners), runs wslprobe in it with --root FIXTURE, and asserts on its
# JSON output.  Everything it creates is removed by an EXIT trap, also
# when an assertion fails or the script is interrupted.  Scenarios that
# need root exit 77 (automake's SKIP) with the reason when not root.
#
# Environment: WSLPROBE (the binary), FIXTURES (tests/fixtures), SRCDIR.

set -u
: "${SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${WSLPROBE:=$SRCDIR/wslprobe}"
: "${FIXTURES:=$SRCDIR/tests/fixtures}"
export LC_ALL=C.UTF-8 SRCDIR WSLPROBE FIXTURES

WP_NAME=$(basename "$0" .sh)
WP_FAILED=0
WP_PASSED=0
WP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/wslprobe-$WP_NAME.XXXXXX")
# What to clean up is kept in files, not variables: helpers are often
# called in $(...) subshells, whose variables the EXIT trap never sees.
: >"$WP_TMP/.netns"
: >"$WP_TMP/.pids"

wp_cleanup() {
	while read -r pid; do
		kill "$pid" 2>/dev/null
	done <"$WP_TMP/.pids"
	while read -r ns; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done <"$WP_TMP/.netns"
	rm -rf "$WP_TMP"
}
trap wp_cleanup EXIT
trap 'exit 130' INT TERM

# skip REASON: the whole scenario does not apply here.
skip() {
	echo "SKIP: $WP_NAME: $*"
	exit 77
}

require_root() {
	[ "$(id -u)" = 0 ] || skip "needs root to create network namespaces"
	command -v ip >/dev/null || skip "needs iproute2 (ip)"
	command -v jq >/dev/null || skip "needs jq"
}

require_cmd() {
	for c in "$@"; do
		command -v "$c" >/dev/null || skip "needs $c"
	done
}

# netns_new NAME: a fresh namespace with lo up; prints its full name.
# The name carries the PID so parallel runs never collide.
netns_new() {
	ns="wp$$-$1"
	ip netns add "$ns" || { echo "cannot create netns $ns" >&2; exit 99; }
	echo "$ns" >>"$WP_TMP/.netns"
	in_ns "$ns" ip link set lo up
	echo "$ns"
}

# veth_pair NS1 NAME1 NS2 NAME2: a veth pair, each end renamed while
# down (wsl-facts.md §10), both brought up.
veth_pair() {
	# Random temporary names (a PID can be reused, and a link left in
	# this namespace by a broken run would block it), retried on a clash.
	_wp_try=0
	while :; do
		_wp_r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		a="wpa$_wp_r"; b="wpb$_wp_r"
		ip link add "$a" type veth peer name "$b" 2>/dev/null && break
		_wp_try=$((_wp_try + 1))
		[ "$_wp_try" -lt 10 ] || { echo "cannot create a veth pair" >&2; exit 99; }
	done
	if ! ip link set "$a" netns "$1" || ! ip link set "$b" netns "$3"; then
		ip link del "$a" 2>/dev/null
		exit 99
	fi
	in_ns "$1" ip link set "$a" name "$2"
	in_ns "$3" ip link set "$b" name "$4"
	in_ns "$1" ip link set "$2" up
	in_ns "$3" ip link set "$4" up
}

# in_ns NS CMD...: run CMD in network namespace NS.  nsenter enters the
# network namespace only: `ip netns exec` also remounts /sys, which fails
# where / is not a mount point (a chroot such as a fresh debootstrap).
in_ns() {
	_wp_ns=$1; shift
	nsenter --net="/run/netns/$_wp_ns" "$@"
}

# bg CMD...: start a background helper, killed at exit.
bg() {
	# nsenter execs the command, so the PID recorded is the helper's.
	if [ "$1" = in_ns ]; then
		shift; _wp_ns=$1; shift
		set -- nsenter --net="/run/netns/$_wp_ns" "$@"
	fi
	"$@" &
	echo "$!" >>"$WP_TMP/.pids"
}

# The network namespace for probes that name none: only lo, so that a
# fixture's resolv.conf or routes can never send a packet off this
# machine (network safety).  As root, a namespace of our own; otherwise
# an unprivileged user+network namespace; else the scenario is skipped.
WP_ISO=""
wp_isolate() {
	[ -n "$WP_ISO" ] && return 0
	if [ "$(id -u)" = 0 ] && command -v ip >/dev/null &&
	    ip netns add "wp$$-probe" 2>/dev/null; then
		echo "wp$$-probe" >>"$WP_TMP/.netns"
		in_ns "wp$$-probe" ip link set lo up
		WP_ISO="in_ns wp$$-probe"
	elif command -v unshare >/dev/null && unshare -rn true 2>/dev/null; then
		WP_ISO="unshare -rn"
	else
		skip "cannot isolate the network (needs root or user namespaces)"
	fi
}

# probe NS ARGS...: run wslprobe in namespace NS ("" = an isolated one
# with only lo); sets $OUT (stdout file), $ERR (stderr file) and $RC.
probe() {
	ns=$1; shift
	OUT="$WP_TMP/out.$WP_PASSED.$WP_FAILED"
	ERR="$WP_TMP/err.$WP_PASSED.$WP_FAILED"
	if [ -n "$ns" ]; then
		in_ns "$ns" "$WSLPROBE" "$@" >"$OUT" 2>"$ERR"
	else
		wp_isolate
		# shellcheck disable=SC2086
		$WP_ISO "$WSLPROBE" "$@" >"$OUT" 2>"$ERR"
	fi
	RC=$?
}

ok() {
	WP_PASSED=$((WP_PASSED + 1))
	echo "ok - $*"
}

not_ok() {
	WP_FAILED=$((WP_FAILED + 1))
	echo "not ok - $*"
	[ -s "${ERR:-/dev/null}" ] && sed 's/^/#   stderr: /' "$ERR" | head -5
	return 0
}

# assert_rc WANT MESSAGE
assert_rc() {
	if [ "$RC" = "$1" ]; then ok "$2 (exit $RC)"; else not_ok "$2: exit $RC, wanted $1"; fi
}

# assert_jq FILTER MESSAGE: FILTER (jq -e) must hold on $OUT.
assert_jq() {
	# jq 1.6 -e exits 0 on empty input: demand exactly one JSON value.
	if jq -e -s "if length == 1 then .[0] | ($1) else false end" \
	    "$OUT" >/dev/null 2>&1; then
		ok "$2"
	else
		not_ok "$2"
		echo "#   filter: $1"
		jq -c '.results[]? | [.setting, .verdict, .observed]' "$OUT" 2>/dev/null | sed 's/^/#   /' | head -20
	fi
}

# verdict SETTING: the verdict of the first result for SETTING in $OUT.
verdict() {
	jq -r --arg s "$1" '[.results[] | select(.setting == $s)][0].verdict' "$OUT"
}

# assert_verdict SETTING VERDICT
assert_verdict() {
	v=$(verdict "$1")
	if [ "$v" = "$2" ]; then ok "$1 is $2"; else not_ok "$1 is $v, wanted $2"; fi
}

# assert_grep PATTERN FILE MESSAGE
assert_grep() {
	if grep -q -- "$1" "$2"; then ok "$3"; else not_ok "$3 ('$1' not in output)"; sed 's/^/#   /' "$2" | head -10; fi
}

finish() {
	echo "$WP_NAME: $WP_PASSED passed, $WP_FAILED failed"
	[ "$WP_FAILED" = 0 ]
}

# The JSON report contract (interface.md §3): every top-level key, every
# result field (null where empty), known verdicts, and a summary that
# counts the results.
CONTRACT='
  (.schema == "wslprobe-report/1") and
  ([ "wslprobe_version", "generated_at", "mode", "environment", "config",
     "summary", "results" ] - keys == []) and
  (.config | keys == ["encoding", "found", "mtime", "path"]) and
  (.summary | keys == ["error", "fail", "pass", "skip", "unknown", "warn"]) and
  ((.summary | add) == (.results | length)) and
  all(.results[];
      (keys == ["asked", "asked_source", "check", "duration_ms",
                "evidence", "expected", "expected_source", "hint",
                "observed", "setting", "verdict"]) and
      (.verdict | IN("pass", "fail", "warn", "unknown", "skip", "error")) and
      (.check | type == "string") and (.setting | type == "string") and
      (.evidence == null or (.evidence | type == "array")))'

assert_contract() {
	assert_jq "$CONTRACT" "${1:-JSON report follows the contract}"
}
