#!/bin/sh
# SPDX-License-Identifier: MIT
# The golden reports: every format (wslprobe --list-formats) over the
# replayed snapshots in tests/golden/snapshots/, as
# tests/golden/NAME.FORMAT.  `make update-golden` rewrites them (review
# the diff); with --check (tests/scenarios/formats.sh) this compares
# instead and exits 1 on any difference.
set -u
: "${SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${WSLPROBE:=$SRCDIR/wslprobe}"
dir=$SRCDIR/tests/golden
check=0
[ "${1-}" = --check ] && check=1
# One fixed report time, the C locale's ASCII marks, no colour.
export SOURCE_DATE_EPOCH=1764547200 LC_ALL=C.UTF-8 NO_COLOR=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wslprobe-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
rc=0
for snap in "$dir"/snapshots/*.json; do
	name=$(basename "$snap" .json)
	# hostile.json is the redaction fixture (formats.sh), not a golden.
	[ "$name" = hostile ] && continue
	for fmt in $("$WSLPROBE" --list-formats); do
		out=$tmp/$name.$fmt
		"$WSLPROBE" --replay "$snap" -f "$fmt" -o "$out"
		case $? in 0|1) ;; *) echo "$name.$fmt: wslprobe failed"; rc=1 ;; esac
		if [ $check = 1 ]; then
			if ! cmp -s "$out" "$dir/$name.$fmt"; then
				echo "$name.$fmt differs from the golden file" \
				    "(make update-golden, then review):"
				diff -u "$dir/$name.$fmt" "$out" | head -20
				rc=1
			fi
		else
			cp "$out" "$dir/$name.$fmt"
		fi
	done
done
exit $rc
