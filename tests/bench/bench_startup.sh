#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark (not a test): what libcurl costs at start-up.  Relinks
# wslprobe from BUILDDIR's objects against each libcurl flavour Debian
# ships (OpenSSL: libcurl.so.4, GnuTLS: libcurl-gnutls.so.4, NSS:
# libcurl-nss.so.4, whichever are installed), with and without
# -Wl,--as-needed, then times `wslprobe --version` (dynamic loading,
# no curl_global_init: libcurl is initialised lazily by the proxy
# check) and curl_global_init itself.  Prints the minimum and median of
# RUNS runs of each (minimums are what a loaded machine distorts least).
#
#   BUILDDIR=build tests/bench/bench_startup.sh [RUNS]
set -eu
RUNS=${1:-200}
: "${BUILDDIR:=.}"
CC=${CC:-cc}
T=$(mktemp -d "${TMPDIR:-/tmp}/wslprobe-startup.XXXXXX")
trap 'rm -rf "$T"' EXIT
LIB=$(dirname "$(find /usr/lib -name 'libcurl.so.4' | head -1)")
L="$BUILDDIR/cli/main.o $BUILDDIR/libwslprobe.a $(pkg-config --libs libnl-route-3.0 libnl-3.0)"
R="$(pkg-config --libs libcares json-c) -lm -pthread"
V=""
for f in openssl:libcurl.so.4 gnutls:libcurl-gnutls.so.4 nss:libcurl-nss.so.4; do
	n=${f%%:*}; so="$LIB/${f#*:}"
	[ -e "$so" ] || continue
	# shellcheck disable=SC2086
	$CC -o "$T/$n" $L "$so" $R
	# shellcheck disable=SC2086
	$CC -Wl,--as-needed -o "$T/$n-as-needed" $L "$so" $R
	cat >"$T/i.c" <<'C'
#include <curl/curl.h>
#include <stdio.h>
#include <time.h>
int main(void) { struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%ld\n", (long)((b.tv_sec - a.tv_sec) * 1000000L + (b.tv_nsec - a.tv_nsec) / 1000));
	return 0; }
C
	$CC -o "$T/init-$n" "$T/i.c" "$so"
	V="$V $n $n-as-needed"
done
# stats NAME CMD...: min and median wall ms of RUNS runs.
stats() {
	name=$1; shift
	i=0
	while [ $i -lt "$RUNS" ]; do
		s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
		echo $(( (e - s) / 1000 ))
		i=$((i + 1))
	done | sort -n | awk -v n="$name" '{ a[NR] = $1 } END {
	    printf "%-34s min %6.2f ms  median %6.2f ms\n", n, a[1] / 1000, a[int((NR + 1) / 2)] / 1000 }'
}
for v in $V; do
	stats "wslprobe --version ($v)" "$T/$v" --version
done
# curl_global_init alone, timed inside the process (what lazy set-up
# saves on every run that does not gather the proxy check).
for v in $V; do
	case $v in *-as-needed) continue ;; esac
	i=0
	while [ $i -lt "$RUNS" ]; do "$T/init-$v"; i=$((i + 1)); done | sort -n |
	    awk -v n="$v" '{ a[NR] = $1 } END { printf "%-34s min %6.2f ms  median %6.2f ms\n",
	    "curl_global_init (" n ")", a[1] / 1000, a[int((NR + 1) / 2)] / 1000 }'
done
for v in $V; do
	echo "$v: $(LD_DEBUG=statistics "$T/$v" --version 2>&1 >/dev/null |
	    sed -n 's/.*total startup time in dynamic loader: *\([0-9]*\).*/\1/p') cycles in ld.so, $(ldd "$T/$v" | wc -l) libraries"
done
