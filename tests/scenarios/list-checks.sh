#!/bin/sh
# SPDX-License-Identifier: MIT
# --list-checks lists every setting and finding each check reports
# (issue 10 §5): every result of every fixture snapshot, and of config
# files with every kind of problem, names a setting listed under its
# check.
. "$(dirname "$0")/lib.sh"
require_cmd jq

"$WSLPROBE" --list-checks >"$WP_TMP/list" || not_ok "--list-checks"
awk '/^[a-z]/ { c = $1; next } { print c, $1 }' "$WP_TMP/list" >"$WP_TMP/listed"

: >"$WP_TMP/emitted"
for snap in "$FIXTURES"/snapshots/*.json "$SRCDIR"/examples/mirrored.json; do
	"$WSLPROBE" --replay "$snap" -f json |
	    jq -r '.results[] | "\(.check) \(.setting)"' >>"$WP_TMP/emitted"
done
# Every kind of config problem, in both files.
printf '[wsl2]\nnetworkMode=mirrored\nmemory=4gb\nmemory=8GB\nkernel=C:\\k\n[experimental]\nhostAddressLoopback=true\n; x\n' >"$WP_TMP/all.wslconfig"
printf '[boot]\nsystemd=maybe\n' >"$WP_TMP/wsl.conf"
"$WSLPROBE" --replay "$FIXTURES/snapshots/network-nat.json" -f json \
    --config "$WP_TMP/all.wslconfig" --wsl-conf "$WP_TMP/wsl.conf" |
    jq -r '.results[] | "\(.check) \(.setting)"' >>"$WP_TMP/emitted"

sort -u "$WP_TMP/emitted" >"$WP_TMP/emitted.u"
[ "$(wc -l <"$WP_TMP/emitted.u")" -gt 20 ] && ok "results from every fixture" ||
	not_ok "too few results: $(wc -l <"$WP_TMP/emitted.u")"
missing=$(grep -vxF -f "$WP_TMP/listed" "$WP_TMP/emitted.u")
if [ -z "$missing" ]; then
	ok "every reported setting and finding is listed"
else
	not_ok "not in --list-checks:"; echo "$missing" | sed 's/^/#   /'
fi
for f in config.unknown-key config.duplicate-key config.invalid-value \
    config.malformed-line restart.pending; do
	assert_grep "^ *$f\$" "$WP_TMP/list" "$f is listed"
done
finish
