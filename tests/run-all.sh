#!/bin/sh
# SPDX-License-Identifier: MIT
# The whole test suite, as CI runs it (the README's second command ends
# here).  Builds out of tree so that three configurations share one
# source tree:
#   build/       --enable-werror: unit tests, scenarios, corpus replays
#   build-asan/  clang, ASan+UBSan, libFuzzer targets: the same suite
#                again, then each fuzzer for FUZZ_SECONDS (default 20)
#   make distcheck from build/
#   tests/deb-check.sh: the .deb built, linted, installed and removed
# Ends with one line "N passed, N failed, N skipped" over all suites.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
jobs=$(nproc 2>/dev/null || echo 2)
passed=0 failed=0 skipped=0 broken=""

# count DIR: add a finished automake test run's totals.
count() {
	log="$1/test-suite.log"
	[ -f "$log" ] || return 0
	p=$(sed -n 's/^# PASS: *//p' "$log"); f=$(sed -n 's/^# FAIL: *//p' "$log")
	s=$(sed -n 's/^# SKIP: *//p' "$log"); e=$(sed -n 's/^# ERROR: *//p' "$log")
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
	skipped=$((skipped + ${s:-0}))
}

step() {
	name=$1; shift
	echo "=== $name"
	if "$@"; then return 0; fi
	echo "=== $name FAILED"
	broken="$broken $name"
	return 1
}

show_failures() {
	for log in "$1"/tests/*/*.log; do
		[ -f "$log" ] || continue
		if grep -q "^FAIL\|^ERROR\|^not ok" "$log" 2>/dev/null ||
		    grep -q "^:test-result: FAIL" "${log%.log}.trs" 2>/dev/null; then
			echo "--- $log"; tail -40 "$log"
		fi
	done
}

# Out-of-tree builds need a source tree that is not configured itself
# (the README's first command builds in place).
if [ -f config.status ]; then
	echo "=== the source tree is configured in place: make distclean"
	make distclean >/dev/null 2>&1 || rm -f config.status
fi
step autoreconf autoreconf -fi || exit 1

rm -rf build && mkdir build
(cd build && ../configure --enable-werror >/dev/null) || { echo "configure failed"; exit 1; }
step build make -C build -j"$jobs"
step check make -C build -j"$jobs" check || show_failures build
count build

if command -v clang >/dev/null; then
	rm -rf build-asan && mkdir build-asan
	(cd build-asan && ../configure CC=clang --enable-sanitizers \
	    --enable-fuzzing >/dev/null) || broken="$broken configure-asan"
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	step check-asan make -C build-asan -j"$jobs" check || show_failures build-asan
	count build-asan
	for fz in build-asan/tests/fuzz/fuzz_*; do
		[ -x "$fz" ] || continue
		t=$(basename "$fz"); t=${t#fuzz_}
		mkdir -p "build-asan/corpus-$t"
		if step "fuzz-$t" "$fz" -max_total_time="$FUZZ_SECONDS" \
		    -max_len=65536 -timeout=10 -print_final_stats=1 \
		    -artifact_prefix=build-asan/ \
		    "build-asan/corpus-$t" "tests/fuzz/corpus/$t" \
		    >"build-asan/fuzz-$t.log" 2>&1; then
			passed=$((passed + 1))
			echo "fuzz $t: $(grep -E 'stat::number_of_executed_units' "build-asan/fuzz-$t.log" | awk '{print $2}') runs in ${FUZZ_SECONDS}s"
		else
			failed=$((failed + 1)); tail -40 "build-asan/fuzz-$t.log"
		fi
	done
else
	echo "=== clang not found: sanitizer build and fuzzing SKIPPED"
	skipped=$((skipped + 1))
fi

if step distcheck make -C build -j"$jobs" distcheck >build/distcheck.log 2>&1; then
	passed=$((passed + 1))
else
	failed=$((failed + 1)); tail -60 build/distcheck.log
fi

# The Debian package: built from a clean copy, lintian, installed, run,
# removed (tests/deb-check.sh); one pass or fail, or skipped.
echo "=== deb-check"
sh tests/deb-check.sh >build/deb-check.log 2>&1
case $? in
0) passed=$((passed + 1)); cat build/deb-check.log ;;
77) skipped=$((skipped + 1)); cat build/deb-check.log ;;
*) failed=$((failed + 1)); broken="$broken deb-check"; tail -40 build/deb-check.log ;;
esac

[ -n "$broken" ] && echo "failed steps:$broken"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ -z "$broken" ]
