#!/bin/sh
# SPDX-License-Identifier: MIT
# wslprobe diff over pairs of snapshots and reports: the networking mode
# changed, DNS fixed, nothing changed; exit 1 when something changed and
# 0 when nothing did; markdown redacted by default.
. "$(dirname "$0")/lib.sh"
require_cmd jq
S=$SRCDIR/tests/golden/snapshots

# Mode changed: mirrored was asked, the VM ran NAT, then mirrored.
probe "" diff "$S/nat.json" "$S/mirrored.json"
assert_rc 1 "nat → mirrored: something changed"
assert_grep "networking mode: nat -> mirrored" "$OUT" "the environment's mode change is named"
X
assert_grep "      + table 127: 127.0.0.1 via 169.254.73.152" "$OUT" "new evidence is marked +"

# DNS fixed: the same VM before and after WSL rewrote a resolv.conf that
# had lost its nameserver.
jq '.files["/etc/resolv.conf"].text = "search corp.example.com\n" |
    .files["/mnt/wsl/resolv.conf"].text = "search corp.example.com\n"' \
    "$S/mirrored.json" >"$WP_TMP/dns-broken.json"
probe "" diff "$WP_TMP/dns-broken.json" "$S/mirrored.json"
assert_rc 1 "dns broken → fixed: something changed"
assert_grep "dns.resolv-conf (dns): fail, observed 0 nameservers, 1 search domain -> pass" "$OUT" "the DNS fix is named"
assert_grep "      + nameserver 10.255.255.254" "$OUT" "the nameserver that came back is marked +"
if grep -q "networkingMode\|environment$" "$OUT"; then not_ok "unchanged settings are listed"; else ok "only what changed is listed"; fi

# Nothing changed: a snapshot against itself, and against the JSON
# report of its own replay (timings are not changes).
probe "" diff "$S/mirrored.json" "$S/mirrored.json"
assert_rc 0 "a snapshot against itself"
assert_grep ": 0 changes" "$OUT" "no changes reported"
"$WSLPROBE" --replay "$S/nat.json" -f json -o "$WP_TMP/nat.report.json"
probe "" diff "$WP_TMP/nat.report.json" "$S/nat.json"
assert_rc 0 "a JSON report against its own snapshot"
"$WSLPROBE" --replay "$S/mirrored.json" -f json -o "$WP_TMP/mirrored.report.json"
probe "" diff "$WP_TMP/nat.report.json" "$WP_TMP/mirrored.report.json"
assert_rc 1 "two JSON reports that differ"

# Markdown: redacted by default, rendered as a list.
probe "" diff -f markdown "$S/nat.json" "$S/mirrored.json"
assert_rc 1 "markdown diff"
assert_grep "^## wslprobe diff" "$OUT" "markdown heading"
if grep -q "172\.29\.\|192\.0\.2\.50\|corp\.example\.com" "$OUT"; then
	not_ok "markdown diff shows addresses"
else
	ok "markdown diff is redacted by default"
fi
probe "" diff -f markdown --no-redact "$S/nat.json" "$S/mirrored.json"
assert_grep "192.0.2.50" "$OUT" "markdown diff --no-redact shows addresses"

# Usage: two files, a known diff format, readable files.
probe "" diff "$S/nat.json"
assert_rc 2 "diff with one file"
probe "" diff -f junit "$S/nat.json" "$S/nat.json"
assert_rc 2 "diff refuses a format it does not write"
probe "" diff "$S/nat.json" "$WP_TMP/missing.json"
assert_rc 2 "diff with a missing file"
echo '{"schema": "wslprobe-report/9", "results": []}' >"$WP_TMP/new.json"
probe "" diff "$S/nat.json" "$WP_TMP/new.json"
assert_rc 2 "diff refuses a newer report schema"
finish
