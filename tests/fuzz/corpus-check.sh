#!/bin/sh
# SPDX-License-Identifier: MIT
# Replays every fuzz corpus through its plain driver (no libFuzzer), so
# `make check` proves the seeds and every past crash input stay fixed.
set -u
dir=$(dirname "$0")
: "${SRCDIR:=$dir/../..}"
: "${BUILDDIR:=.}"
rc=0
for corpus in "$SRCDIR"/tests/fuzz/corpus/*/; do
	target=$(basename "$corpus")
	driver="$BUILDDIR/tests/fuzz/driver_$target"
	if [ ! -x "$driver" ]; then
		echo "not ok - no driver for corpus '$target'"
		rc=1
		continue
	fi
	if out=$("$driver" "$corpus" 2>&1); then
		echo "ok - $target: $out"
	else
		echo "not ok - $target"; echo "$out" | tail -20
		rc=1
	fi
done
exit $rc
