#!/bin/sh
# SPDX-License-Identifier: MIT
# The command line of interface.md §2: help, version, usage errors, exit
# codes, --output, --quiet, colours.  No root needed.
. "$(dirname "$0")/lib.sh"
require_cmd jq
WSL2="$FIXTURES/wsl2-mirrored"
# The environment check alone: the other checks have scenarios of their own.
ENV="--only environment"

probe "" --help
assert_rc 0 "--help"
assert_grep "Usage: wslprobe" "$OUT" "--help prints usage on stdout"
probe "" --version
assert_rc 0 "--version"
assert_grep "^wslprobe [0-9]" "$OUT" "--version names wslprobe"
assert_grep "libcurl .*c-ares .*libnl" "$OUT" "--version names the libraries"

for bad in "--bogus" "--format xml" "--timeout 0" "--timeout abc" \
    "--host-port 70000" "--only nosuch" "--color maybe" "--fail-on info" \
    "--config a --no-config" "extra-arg"; do
	# shellcheck disable=SC2086
	probe "" $bad
	assert_rc 2 "usage error: $bad"
	if [ "$(wc -l <"$ERR")" = 2 ] && grep -q "^wslprobe: " "$ERR" &&
	    grep -q "Try 'wslprobe --help'" "$ERR"; then
		ok "one-line error plus hint for: $bad"
	else
		not_ok "error text for $bad"; cat "$ERR"
	fi
done
probe "" --only nosuch
assert_grep "unknown check 'nosuch'" "$ERR" "names the unknown check"
probe "" --format xml
assert_grep "unknown format 'xml'" "$ERR" "names the unknown format"

probe "" --list-checks
assert_rc 0 "--list-checks"
assert_grep "^environment " "$OUT" "--list-checks lists environment"

probe "" --root "$WSL2" --config /nonexistent/.wslconfig
assert_rc 2 "unreadable --config"
assert_grep "cannot read --config '/nonexistent/.wslconfig'" "$ERR" "names the unreadable file"

probe "" --root "$WSL2" $ENV
assert_rc 0 "WSL2 fixture, nothing failing"
probe "" --root "$FIXTURES/not-wsl"
assert_rc 3 "outside WSL2 exits 3"
assert_grep "not WSL" "$OUT" "outside WSL2 still prints a report"
probe "" --root "$FIXTURES/wsl1" -f json
assert_rc 3 "WSL1 exits 3"
assert_contract "JSON contract outside WSL2"

probe "" --root "$WSL2" $ENV --no-config --fail-on warn
assert_rc 0 "--fail-on warn with no warning"
probe "" --root "$FIXTURES/wsl2-old" $ENV --fail-on warn
assert_rc 0 "--fail-on warn: unknown is not a warning"

probe "" --root "$WSL2" $ENV -q
if [ "$(wc -l <"$OUT")" = 1 ] && grep -q "^4 pass, 0 fail, 1 unknown$" "$OUT"; then
	ok "--quiet prints only the summary line"
else
	not_ok "--quiet output"; cat "$OUT"
fi
probe "" --root "$WSL2" --color always
assert_grep "$(printf '\033')\[32m" "$OUT" "--color always colours"
NO_COLOR=1 probe "" --root "$WSL2"
if grep -q "$(printf '\033')" "$OUT"; then not_ok "NO_COLOR"; else ok "no colour when not a terminal"; fi
LC_ALL=C probe "" --root "$WSL2"
assert_grep "^\[pass\] environment.wsl" "$OUT" "ASCII marks outside UTF-8 locales"
probe "" --root "$WSL2" -v
assert_grep "\[[0-9]* ms\]" "$OUT" "--verbose shows timings"

out="$WP_TMP/report.json"
probe "" --root "$WSL2" $ENV -f json -o "$out"
assert_rc 0 "--output"
if [ ! -s "$OUT" ] && jq -e .schema "$out" >/dev/null; then ok "--output writes the file, not stdout"; else not_ok "--output"; fi
if ls "$WP_TMP"/report.json.tmp.* >/dev/null 2>&1; then not_ok "temp file left behind"; else ok "no temp file left behind"; fi
probe "" --root "$WSL2" -o /nonexistent-dir/report.txt
assert_rc 4 "unwritable --output exits 4"
if [ -w /dev/full ]; then
	wp_isolate
	$WP_ISO "$WSLPROBE" --root "$WSL2" $ENV >/dev/full 2>"$WP_TMP/full.err"; RC=$?
	assert_rc 4 "write error on stdout exits 4"
fi
probe "" --root "$WSL2" --save-snapshot /nonexistent-dir/s.json
assert_rc 4 "unwritable --save-snapshot exits 4"

# A target that is not a regular file is written in place, never renamed
# over (as root, -o /dev/null used to turn /dev/null into a file).  A FIFO
# stands in for the device, so a regression cannot harm this machine.
fifo="$WP_TMP/out.fifo"
if mkfifo "$fifo" 2>/dev/null; then
	cat "$fifo" >"$WP_TMP/fifo.got" &
	reader=$!
	probe "" --root "$WSL2" $ENV -f json -o "$fifo" --save-snapshot "$fifo.snap"
	wait "$reader"
	assert_rc 0 "--output to a FIFO"
	if [ -p "$fifo" ]; then ok "the FIFO is still a FIFO"; else not_ok "the FIFO was replaced by a file"; fi
	if jq -e .schema "$WP_TMP/fifo.got" >/dev/null 2>&1; then ok "the report went through the FIFO"; else not_ok "nothing came through the FIFO"; fi
	cat "$fifo" >"$WP_TMP/fifo2.got" &
	reader=$!
	probe "" --root "$WSL2" $ENV -f json --save-snapshot "$fifo"
	wait "$reader"
	if [ -p "$fifo" ] && jq -e .taken_at "$WP_TMP/fifo2.got" >/dev/null 2>&1; then
		ok "--save-snapshot to a FIFO writes through it"
	else
		not_ok "--save-snapshot to a FIFO"
	fi
fi
# A symlink to a report file stays a link; the file it names is replaced,
# keeping its mode.
echo old >"$WP_TMP/real.json"
chmod 640 "$WP_TMP/real.json"
ln -s real.json "$WP_TMP/link.json"
probe "" --root "$WSL2" $ENV -f json -o "$WP_TMP/link.json"
if [ -L "$WP_TMP/link.json" ] && jq -e .schema "$WP_TMP/real.json" >/dev/null 2>&1 &&
    [ "$(stat -c %a "$WP_TMP/real.json")" = 640 ]; then
	ok "a symlinked --output stays a link; its file is replaced, mode kept"
else
	not_ok "symlinked --output"
fi

finish
