#!/bin/sh
# SPDX-License-Identifier: MIT
# A slow read during the environment check (here /etc/os-release, delayed
# by an LD_PRELOAD shim standing in for a slow disk or hung drvfs) must
# never turn a WSL2 VM into "not inside WSL2": WSL2 and exit status 3 are
# decided from the fast signals alone, the late check is one `error`
# result, and the run still ends in about one deadline.  No root needed.
. "$(dirname "$0")/lib.sh"
require_cmd jq
SHIM="${BUILDDIR:-.}/tests/shim/slow_open.so"
[ -f "$SHIM" ] || skip "the test shim $SHIM was not built"

slow() {
	_path=$1 _ms=$2; shift 2
	t0=$(date +%s%N)
	# The shim is not built with the sanitizers: let ASan accept that.
	WSLPROBE_TEST_SLOW_PATH=$_path WSLPROBE_TEST_SLOW_MS=$_ms \
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	    LD_PRELOAD="$SHIM" probe "" "$@"
	MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

for fx in wsl2-mirrored wsl2-nat; do
	slow /etc/os-release 4000 --root "$FIXTURES/$fx" --timeout 300 -f json \
	    --only environment,config,network
	if [ "$RC" = 0 ] || [ "$RC" = 1 ]; then
		ok "$fx: a slow os-release read exits $RC, not 3"
	else
		not_ok "$fx: a slow os-release read exits $RC"
	fi
	assert_jq '.environment.wsl == "wsl2"' "$fx: still WSL2"
	assert_jq '[.results[] | select(.check == "environment")] | length == 1 and .[0].verdict == "error"' \
	    "$fx: the late environment check is one error result"
	assert_jq '[.results[] | select(.check == "environment")][0].evidence[0] | test("did not finish within 800 ms")' \
	    "$fx: its evidence names the deadline"
	if [ "$MS" -lt 2500 ]; then
		ok "$fx: the run ended in $MS ms, not after the 4 s read"
	else
		not_ok "$fx: the run took $MS ms"
	fi
done

# The shim works: without the delay the same run has no error.
probe "" --root "$FIXTURES/wsl2-mirrored" --timeout 300 -f json --only environment
assert_jq '[.results[] | select(.verdict == "error")] | length == 0' \
    "without the delay the environment check has no error"

# Not WSL stays not WSL, slow or not.
slow /etc/os-release 4000 --root "$FIXTURES/not-wsl" --timeout 300 -f json --only environment
assert_rc 3 "not-wsl: still exit 3"
# The .wslconfig of the profile $USERPROFILE names, on a hung drive: the
# read is bounded by the deadline, the environment check still answers
# in time and says why the file is unknown.
USERPROFILE=/mnt/c/Users/alice slow /.wslconfig 4000 --root "$FIXTURES/wsl2-mirrored" \
    --timeout 300 -f json --only environment
assert_jq '[.results[] | select(.verdict == "error")] | length == 0' \
    "a hung .wslconfig read does not make the environment check late"
assert_jq '[.results[] | select(.setting == "environment.wslconfig")][0].evidence
  | any(test("reading did not finish within [0-9]+ ms"))' "the hung read is named"
if [ "$MS" -lt 2500 ]; then
	ok "the run ended in $MS ms, not after the 4 s read"
else
	not_ok "the run took $MS ms"
fi

finish
