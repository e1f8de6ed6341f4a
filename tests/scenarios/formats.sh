#!/bin/sh
# SPDX-License-Identifier: MIT
# Every format (--list-formats) over the golden snapshots (golden.sh
# compares them with the golden files): accepted by its real consumer
# (cmark-gfm for markdown, xmllint with the JUnit schema, prove for TAP,
# promtool for Prometheus), hostile text escaped, and one exit status
# whatever the format.
. "$(dirname "$0")/lib.sh"
require_cmd jq
for c in cmark-gfm xmllint prove promtool; do
	command -v $c >/dev/null || skip "needs $c (Debian: cmark-gfm," \
	    "libxml2-utils, perl, prometheus)"
done
G=$SRCDIR/tests/golden
XSD=$SRCDIR/tests/consumers/junit-ant.xsd
export SOURCE_DATE_EPOCH=1764547200

# consumers FILE-STEM: checks FILE-STEM.FORMAT with each consumer.
consumers() {
	base=$1
	if xmllint --noout --schema "$XSD" "$base.junit" 2>"$WP_TMP/x"; then
		ok "$(basename "$base").junit is valid Ant JUnit"
	else
		not_ok "$(basename "$base").junit invalid"; sed 's/^/#   /' "$WP_TMP/x" | head
	fi
	if [ -n "${JUNIT_XSD-}" ]; then
		if xmllint --noout --schema "$JUNIT_XSD" "$base.junit" 2>"$WP_TMP/x"; then
			ok "$(basename "$base").junit valid against $JUNIT_XSD"
		else
			not_ok "$(basename "$base").junit invalid against $JUNIT_XSD"
		fi
	fi
	plan=$(sed -n 's/^1\.\.//p' "$base.tap")
	prove -e cat "$base.tap" >"$WP_TMP/p" 2>&1
	if ! grep -q "Parse errors" "$WP_TMP/p" && grep -q "Tests=$plan," "$WP_TMP/p"; then
		ok "$(basename "$base").tap: prove reads $plan tests, no parse errors"
	else
		not_ok "$(basename "$base").tap"; sed 's/^/#   /' "$WP_TMP/p" | head
	fi
	if promtool check metrics <"$base.prometheus" >"$WP_TMP/m" 2>&1; then
		ok "$(basename "$base").prometheus passes promtool check metrics"
	else
		not_ok "$(basename "$base").prometheus"; sed 's/^/#   /' "$WP_TMP/m" | head
	fi
	cmark-gfm --unsafe -e table -e autolink -e strikethrough -e tagfilter \
	    "$base.markdown" >"$WP_TMP/h.html"
	opens=$(grep -c '<details>' "$WP_TMP/h.html")
	closes=$(grep -c '</details>' "$WP_TMP/h.html")
	cells=$(awk '/<tr>/{n=0} /<td|<th/{n++} /<\/tr>/{print n}' "$WP_TMP/h.html" | sort -u | tr '\n' ' ')
	if [ "$opens" = "$closes" ] && [ "$opens" -ge 1 ] &&
	    grep -q '<table>' "$WP_TMP/h.html" &&
	    { [ "$cells" = "2 6 " ] || [ "$cells" = "2 " ]; }; then
		ok "$(basename "$base").markdown renders: tables of 2 and 6 cells, $opens <details> closed"
	else
		not_ok "$(basename "$base").markdown: $opens/$closes details, rows of $cells cells"
	fi
}

# The schema is strict, not a formality: what it must refuse.
sed 's/timestamp="\([^"]*\)"/timestamp="\1Z"/' "$G/nat.junit" >"$WP_TMP/bad1.junit"
sed '/<system-err\/>/d' "$G/nat.junit" >"$WP_TMP/bad2.junit"
sed 's/<skipped>/<skipped\/><error type="x"\/><skipped>/' "$G/nat.junit" >"$WP_TMP/bad3.junit"
for b in bad1 bad2 bad3; do
	if xmllint --noout --schema "$XSD" "$WP_TMP/$b.junit" 2>/dev/null; then
		not_ok "the JUnit schema accepts $b (a zoned timestamp, no system-err, two outcomes)"
	else
		ok "the JUnit schema refuses $b"
	fi
done

for snap in "$G"/snapshots/*.json; do
	name=$(basename "$snap" .json)
	[ "$name" = hostile ] && continue
	consumers "$G/$name"
done

# Hostile text, not redacted so that it reaches every format.
H=$G/snapshots/hostile.json
for fmt in $("$WSLPROBE" --list-formats); do
	probe "" --replay "$H" --no-redact -v -f "$fmt"
	cp "$OUT" "$WP_TMP/hostile.$fmt"
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$OUT"; then
		not_ok "$fmt: a control byte from the snapshot reached the report"
	else
		ok "$fmt: no control byte from the snapshot"
	fi
done
consumers "$WP_TMP/hostile"
# In Markdown, user text cannot open markup, and evidence stays inside
# <details> (the depth-0 HTML has no evidence line).
cmark-gfm --unsafe -e table -e autolink -e strikethrough -e tagfilter \
    "$WP_TMP/hostile.markdown" >"$WP_TMP/h.html"
if grep -q '<script\|<code>tick\|<strong>b</strong>' "$WP_TMP/h.html"; then
	not_ok "markdown: search domains injected markup"
else
	ok "markdown: | \` <script> </details> ** in a search domain stay text"
fi
awk '/<details>/{d++} d==0{print} /<\/details>/{d--}' "$WP_TMP/h.html" >"$WP_TMP/top.html"
if grep -q 'search corp' "$WP_TMP/h.html" && ! grep -q 'search corp' "$WP_TMP/top.html"; then
	ok "markdown: evidence only inside <details>"
else
	not_ok "markdown: evidence outside <details>"
fi

# GitHub's comment limit holds for any snapshot: 3000 misspelt keys of
# 200 bytes each make 3000 warnings; the report is cut and says so.
jq '.files[.wsl.wslconfig_path].text = ("[wsl2]\n" + ([range(3000)] |
    map("bogusKey\(.)=" + ("x" * 200)) | join("\n")))' \
    "$G/snapshots/mirrored.json" >"$WP_TMP/huge.json"
probe "" --replay "$WP_TMP/huge.json" -f markdown
chars=$(wc -m <"$OUT")
if [ "$chars" -le 65536 ] && grep -q "Cut to fit GitHub's comment limit" "$OUT"; then
	ok "3000 warnings: markdown is $chars characters and says what was cut"
else
	not_ok "3000 warnings: markdown is $chars characters"
fi
cmark-gfm --unsafe -e table "$OUT" >"$WP_TMP/huge.html"
[ "$(grep -c '<details>' "$WP_TMP/huge.html")" = "$(grep -c '</details>' "$WP_TMP/huge.html")" ] &&
	ok "the cut report still closes every <details>" || not_ok "the cut report breaks <details>"

# One exit status whatever the format (the reporters do not choose it).
for fmt in $("$WSLPROBE" --list-formats); do
	probe "" --replay "$G/snapshots/nat.json" -f "$fmt"
	assert_rc 1 "$fmt: NAT with failures"
	probe "" --replay "$G/snapshots/mirrored.json" -f "$fmt" --fail-on warn
	assert_rc 0 "$fmt: healthy mirrored"
done

# --list-formats and --help read the one table.
probe "" --list-formats
[ "$(tr '\n' ' ' <"$OUT")" = "text json markdown junit tap prometheus " ] &&
	ok "--list-formats lists the reporter table" || not_ok "--list-formats: $(cat "$OUT")"
probe "" -f nope
assert_grep "available: text, json, markdown, junit, tap, prometheus" "$ERR" "unknown format lists the table"
probe "" lint -f junit "$FIXTURES/wsl2-mirrored/mnt/c/Users/alice/.wslconfig"
assert_rc 2 "lint refuses a format it does not write"
assert_grep "lint writes text, json" "$ERR" "lint names the formats it writes"

# Prometheus with -o, as the textfile collector reads it.
probe "" --replay "$G/snapshots/nat.json" -f prometheus -o "$WP_TMP/wslprobe.prom"
if promtool check metrics <"$WP_TMP/wslprobe.prom" >/dev/null 2>&1; then
	ok "prometheus -o writes a file promtool accepts"
else
	not_ok "prometheus -o"
fi
finish
