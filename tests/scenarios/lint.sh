#!/bin/sh
# SPDX-License-Identifier: MIT
# `wslprobe lint`: exit codes, the wslprobe-lint/1 JSON, discovery under
# --root, wsl.conf rules, and hostile files (clear error, exit 2).
. "$(dirname "$0")/lib.sh"
require_cmd jq
W="$FIXTURES/wslconfig"

probe "" lint "$W/tutorial-experimental.wslconfig"
assert_rc 0 "the tutorial's [experimental] config is clean (wslconfig.md §3 seed shape)"
probe "" lint -f json "$W/tutorial-experimental.wslconfig"
assert_jq '.schema == "wslprobe-lint/1" and .fatal == null and .problems == []
  and (.settings[] | select(.key == "wsl2.networkingMode") | .typed == "mirrored"
       and .written == "experimental.networkingMode")' "aliases resolve to the wsl2 name"

probe "" lint -f json "$W/tutorial-moved-to-wsl2.wslconfig"
assert_rc 1 "keys moved to [wsl2] are problems"
assert_jq '[.problems[] | select(.kind == "unknown-key") | .diagnosis] | index("wrong-section") != null' "diagnosis wrong-section"
assert_jq 'all(.problems[]; keys == ["diagnosis", "kind", "line", "message", "subkind", "suggestion"])' "problem fields of §5"

probe "" lint -f json "$W/tutorial-utf16le-nobom.wslconfig"
assert_rc 1 "BOM-less UTF-16"
assert_jq '.encoding == "utf-16le" and (.problems[0].kind == "encoding")' "encoding problem first"

probe "" lint -f json "$W/tutorial-utf16le-bom.wslconfig"
assert_jq '.encoding == "utf-16le-bom"' "UTF-16LE with BOM is honoured"

printf '[network]\r\ngenerateResolvConf=false\r\n' >"$WP_TMP/wsl.conf"
probe "" lint --wsl-conf "$WP_TMP/wsl.conf" -f json
assert_rc 0 "wsl.conf with CRLF: the value stops at CR (§4)"
assert_jq '.settings[0].key == "network.generateResolvConf" and .settings[0].typed == false' "wsl.conf typed value"

printf '[boot]\nsystemd=true\n' >"$WP_TMP/wrong-file.wslconfig"
probe "" lint -f json "$WP_TMP/wrong-file.wslconfig"
assert_jq '.problems[0].diagnosis == "wrong-file"' "[boot] in .wslconfig belongs in wsl.conf"

# Discovery under --root, as in a live run.
probe "" lint --root "$FIXTURES/wsl2-mirrored" -f json
assert_rc 0 "lint without FILE finds the .wslconfig"
assert_jq '.settings | length == 3' "the discovered file was parsed"
probe "" lint --root "$FIXTURES/not-wsl"
assert_rc 2 "no .wslconfig anywhere"
assert_grep "tried" "$ERR" "lists the places tried"

# Hostile files.
mkfifo "$WP_TMP/fifo"
probe "" lint "$WP_TMP/fifo"
assert_rc 2 "a FIFO is refused, not waited on"
assert_grep "FIFO" "$ERR" "says it is a FIFO"
head -c 2000000 /dev/zero >"$WP_TMP/huge"
probe "" lint "$WP_TMP/huge"
assert_rc 2 "a 2 MB file is refused"
assert_grep "larger than 1 MiB" "$ERR" "says why"
probe "" lint /nonexistent/.wslconfig
assert_rc 2 "missing file"
head -c 4096 /dev/urandom >"$WP_TMP/garbage"
probe "" lint -f json "$WP_TMP/garbage"
if [ "$RC" = 0 ] || [ "$RC" = 1 ]; then ok "binary garbage: a report, exit $RC"; else not_ok "binary garbage: exit $RC"; fi
assert_jq '.schema == "wslprobe-lint/1"' "binary garbage still gives valid JSON"
if [ "$(id -u)" != 0 ]; then
	printf '[wsl2]\n' >"$WP_TMP/secret"; chmod 000 "$WP_TMP/secret"
	probe "" lint "$WP_TMP/secret"
	assert_rc 2 "unreadable file"
fi

finish
