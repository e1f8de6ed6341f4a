# SPDX-License-Identifier: MIT
# Helpers of the proxy-*.sh scenarios (sourced after lib.sh and
# netmodes.sh): a real tinyproxy and a tiny HTTP origin (socat) in the
# "Windows" namespace, reached from the guest's 127.0.0.1 through the
# mirrored loopback path (wsl-facts.md §10.2).  Configurations are
# written into the scenario's temp dir; nothing listens outside the
# namespaces the scenario made.
require_cmd tinyproxy socat

# origin NS ADDR PORT: an HTTP origin on ADDR:PORT in NS answering
# every request with 200 and a short body.  (Not on 127.0.0.1 of the
# "Windows" side: the mirrored rules send that back to the guest.)
origin() {
	_o="$WP_TMP/origin.sh"
	cat >"$_o" <<'ORIGIN'
#!/bin/sh
while IFS= read -r l; do
	case "$l" in ""|"$(printf '\r')") break ;; esac
done
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 22\r\nConnection: close\r\nServer: wp-origin\r\n\r\nMicrosoft Connect Test'
ORIGIN
	chmod +x "$_o"
	bg in_ns "$1" socat -T5 TCP-LISTEN:"$3",bind="$2",reuseaddr,fork "SYSTEM:$_o"
	wait_port "$1" "$3"
}

wait_port() {
	for _ in $(seq 1 50); do
		in_ns "$1" ss -Hltn "sport = :$2" | grep -q . && return 0
		sleep 0.05
	done
	echo "nothing listens on $1 port $2" >&2
	return 1
}

# tinyproxy_in NS PORT [USER PASS]: tinyproxy on 127.0.0.1:PORT in NS,
# asking for Basic auth when USER and PASS are given.
tinyproxy_in() {
	_c="$WP_TMP/tinyproxy.$2.conf"
	{
		echo "User nobody"
		echo "Group nogroup"
		echo "Port $2"
		echo "Listen 127.0.0.1"
		echo "Timeout 5"
		echo "MaxClients 20"
		echo "LogLevel Error"
		echo "LogFile \"$WP_TMP/tinyproxy.$2.log\""
		echo "ViaProxyName \"wp-tinyproxy\""
		echo "Allow 127.0.0.0/8"
		[ $# -ge 4 ] && echo "BasicAuth $3 $4"
	} >"$_c"
	touch "$WP_TMP/tinyproxy.$2.log"
	chmod 777 "$WP_TMP" 2>/dev/null
	chmod 666 "$WP_TMP/tinyproxy.$2.log"
	bg in_ns "$1" tinyproxy -d -c "$_c"
	wait_port "$1" "$2"
}

# pprobe NS "VAR=value ..." ARGS...: wslprobe in NS ("" = an isolated
# one) with only these variables (and PATH, LC_ALL), so the test
# runner's own proxy variables never leak in; sets OUT, ERR, RC.
pprobe() {
	_ns=$1; _vars=$2; shift 2
	OUT="$WP_TMP/out.$WP_PASSED.$WP_FAILED"
	ERR="$WP_TMP/err.$WP_PASSED.$WP_FAILED"
	if [ -z "$_ns" ]; then
		wp_isolate
		# shellcheck disable=SC2086
		$WP_ISO env -i PATH="$PATH" LC_ALL=C.UTF-8 $_vars "$WSLPROBE" "$@" >"$OUT" 2>"$ERR"
	else
		# shellcheck disable=SC2086
		in_ns "$_ns" env -i PATH="$PATH" LC_ALL=C.UTF-8 $_vars "$WSLPROBE" "$@" >"$OUT" 2>"$ERR"
	fi
	RC=$?
}

# fetch_ok KIND FILTER VAR MESSAGE: FILTER (jq -e) holds on the first
# proxy.fetch result whose first evidence line starts with KIND ("GET"
# or "CONNECT") and whose expected_source names VAR ("" = any).
fetch_ok() {
	if jq -e --arg k "$1" --arg v "${3:-}" '[.results[] | select(.setting == "proxy.fetch"
	    and (.evidence[0] | startswith($k)) and (.expected_source | contains($v)))][0] | '"$2" "$OUT" >/dev/null 2>&1; then
		ok "$4"
	else
		not_ok "$4"
		jq -c '.results[] | select(.check == "proxy") | [.setting, .verdict, .observed, .evidence]' "$OUT" | sed 's/^/#   /'
	fi
}
