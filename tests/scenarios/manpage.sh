#!/bin/sh
# SPDX-License-Identifier: MIT
# wslprobe.1 renders with man -l without warnings, and documents every
# option of --help, every format of --list-formats and every exit status.
. "$(dirname "$0")/lib.sh"
require_cmd man
PAGE=$SRCDIR/wslprobe.1
MANWIDTH=200 man --warnings -l "$PAGE" >"$WP_TMP/page" 2>"$WP_TMP/warn"
RC=$?
assert_rc 0 "man -l renders wslprobe.1"
if [ -s "$WP_TMP/warn" ]; then not_ok "man warns: $(head -3 "$WP_TMP/warn")"; else ok "no troff warnings"; fi
for s in NAME SYNOPSIS DESCRIPTION OPTIONS FORMATS "EXIT STATUS" FILES EXAMPLES; do
	assert_grep "^$s" "$WP_TMP/page" "section $s"
done
"$WSLPROBE" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$WP_TMP/opts"
missing=""
while read -r opt; do
	grep -q -- "$opt" "$WP_TMP/page" || missing="$missing $opt"
done <"$WP_TMP/opts"
[ -z "$missing" ] && ok "every --help option ($(wc -l <"$WP_TMP/opts")) is in the man page" || not_ok "options missing from wslprobe.1:$missing"
missing=""
for f in $("$WSLPROBE" --list-formats); do
	grep -Eq "^       $f( |\$)" "$WP_TMP/page" || missing="$missing $f"
done
[ -z "$missing" ] && ok "every format has an entry under FORMATS" || not_ok "formats missing from wslprobe.1:$missing"
for n in 0 1 2 3 4; do
	assert_grep "^       $n  " "$WP_TMP/page" "exit status $n documented"
done
finish
