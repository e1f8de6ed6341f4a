#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark (not a test): `wslprobe --only environment` against the shell
# commands that tell the same things, run one after another as separate
# processes: uname -r; cat /proc/version; wslinfo --version.  Prints both
# mean times and their ratio, measured in one run.
#
#   tests/bench/bench_environment.sh [ROOT] [RUNS]
#
# ROOT defaults to the wsl2-mirrored fixture tree (its wslinfo is a shell
# script); pass / inside WSL to measure the live system.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
WSLPROBE=${WSLPROBE:-$top/build/wslprobe}
[ -x "$WSLPROBE" ] || WSLPROBE=$top/wslprobe
ROOT=${1:-$top/tests/fixtures/wsl2-mirrored}
RUNS=${2:-200}
WSLINFO=$ROOT/usr/bin/wslinfo
[ -x "$WSLINFO" ] || WSLINFO=$ROOT/bin/wslinfo

now_ns() { date +%s%N; }

t0=$(now_ns)
i=0
while [ $i -lt "$RUNS" ]; do
	"$WSLPROBE" --root "$ROOT" --only environment -q >/dev/null
	i=$((i + 1))
done
t1=$(now_ns)
i=0
while [ $i -lt "$RUNS" ]; do
	uname -r >/dev/null
	cat "$ROOT/proc/version" >/dev/null
	"$WSLINFO" --version >/dev/null
	i=$((i + 1))
done
t2=$(now_ns)

probe_us=$(( (t1 - t0) / RUNS / 1000 ))
shell_us=$(( (t2 - t1) / RUNS / 1000 ))
echo "runs: $RUNS, root: $ROOT"
echo "wslprobe --only environment: ${probe_us} us per run"
echo "uname -r; cat /proc/version; wslinfo --version: ${shell_us} us per run"
awk -v a="$probe_us" -v b="$shell_us" 'BEGIN { printf "ratio wslprobe/shell: %.2f\n", a / b }'
