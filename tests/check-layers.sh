#!/bin/sh
# SPDX-License-Identifier: MIT
# The dependency rule of the source tree, checked over every #include
# line (run by `make check`).  Each folder may include only itself and
# the folders to its right:
#
#   cli → checks, reports → …
#   checks → facts, gather → engine → wslconfig → parse → util
#
# and further: reports/ uses only engine/ and util/ (results and snapshot
# facts, never a check, a gatherer or a fact computation); gather/ and
# facts/ never use each other; nothing uses cli/; no check includes
# another check's header (checks/NAME*.c may include checks/NAME.h and
# checks/NAME_*.h only).
src=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$src" || exit 99

allowed() {
	case $1 in
	cli)       echo "cli checks reports facts gather engine wslconfig parse util" ;;
	checks)    echo "checks facts gather engine wslconfig parse util" ;;
	reports)   echo "reports engine util" ;;
	facts)     echo "facts engine wslconfig parse util" ;;
	gather)    echo "gather engine wslconfig parse util" ;;
	engine)      echo "engine wslconfig parse util" ;;
	wslconfig) echo "wslconfig parse util" ;;
	parse)     echo "parse util" ;;
	util)      echo "util" ;;
	esac
}

bad=0 n=0
for dir in cli checks reports facts gather engine wslconfig parse util; do
	[ -d "$dir" ] || continue
	ok=$(allowed "$dir")
	for f in "$dir"/*.c "$dir"/*.h; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		# Project includes only: "dir/file.h".
		for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\/[^"]*\)".*/\1/p' "$f"); do
			to=${inc%%/*}
			case " $ok " in
			*" $to "*) ;;
			*)	echo "$f: includes $inc: $dir/ may use only: $ok"
				bad=$((bad + 1)); continue ;;
			esac
			# A check's files include only their own check's header.
			if [ "$dir" = checks ] && [ "$to" = checks ]; then
				own=$(basename "$f"); own=${own%.*}; own=${own%%_*}
				hdr=$(basename "$inc" .h)
				# Its own header, or a private one (NAME_int.h).
				if [ "$hdr" != "$own" ] && [ "${hdr%%_*}" != "$own" ]; then
					echo "$f: includes $inc: a check may not include another check's header (share through facts/)"
					bad=$((bad + 1))
				fi
			fi
		done
	done
done
if [ "$n" -eq 0 ]; then
	echo "no source files found under $src"
	exit 99
fi
if [ "$bad" -gt 0 ]; then
	echo "$bad include(s) break the dependency rule"
	exit 1
fi
echo "dependency rule holds over $n files"
