#!/bin/sh
# SPDX-License-Identifier: MIT
# Every format over the golden snapshots equals its golden file
# (tests/golden/update.sh; `make update-golden` rewrites them).
. "$(dirname "$0")/lib.sh"
if WSLPROBE=$WSLPROBE SRCDIR=$SRCDIR sh "$SRCDIR/tests/golden/update.sh" --check >"$WP_TMP/golden" 2>&1; then
	n=$(ls "$SRCDIR"/tests/golden/*.* | grep -vc "\.sh$")
	ok "every format equals its golden file ($n files)"
else
	not_ok "golden files differ"; sed 's/^/#   /' "$WP_TMP/golden" | head -40
fi
finish
