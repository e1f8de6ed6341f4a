#!/bin/sh
# SPDX-License-Identifier: MIT
# The source tree keeps its dependency rule (tests/check-layers.sh), and
# the rule checker itself catches a breach.  No root needed.
. "$(dirname "$0")/lib.sh"
CHECK="$SRCDIR/tests/check-layers.sh"

if SRCDIR="$SRCDIR" sh "$CHECK" >"$WP_TMP/out" 2>&1; then
	ok "the source tree keeps the dependency rule"
else
	not_ok "the source tree breaks the dependency rule"
	sed 's/^/#   /' "$WP_TMP/out"
fi

# A tree of our own with one breach of each kind.
t="$WP_TMP/tree"
mkdir -p "$t/engine" "$t/reports" "$t/checks" "$t/gather" "$t/util"
echo '#include "util/xalloc.h"' >"$t/engine/ok.c"
echo '#include "checks/dns.h"' >"$t/engine/up.c"
echo '#include "gather/netlink.h"' >"$t/reports/probe.c"
echo '#include "checks/network.h"' >"$t/checks/localhost.c"
echo '#include "facts/wsl.h"' >"$t/gather/g.c"
echo '#include "cli/cli.h"' >"$t/util/u.c"
SRCDIR="$t" sh "$CHECK" >"$WP_TMP/bad" 2>&1
RC=$?
assert_rc 1 "a tree that breaks the rule fails"
for f in engine/up.c reports/probe.c checks/localhost.c gather/g.c util/u.c; do
	assert_grep "^$f: " "$WP_TMP/bad" "the breach in $f is named"
done
if grep -q "^engine/ok.c" "$WP_TMP/bad"; then
	not_ok "an allowed include was reported"
else
	ok "an allowed include is not reported"
fi
finish
