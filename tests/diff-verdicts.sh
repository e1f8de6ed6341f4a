#!/bin/sh
# SPDX-License-Identifier: MIT
# Judges every snapshot given (JSON files) with two wslprobe binaries
# (--replay, so no packet is sent) and lists each result whose verdict
# differs, then a count per change.  Used to report how many verdicts a
# change of the judges moves across the fixture snapshots:
#   sh tests/diff-verdicts.sh OLD-WSLPROBE NEW-WSLPROBE tests/fixtures/snapshots/*.json
set -u
old=$1; new=$2; shift 2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
verdicts() {	# BINARY SNAPSHOT: "check setting#n verdict" lines
	"$1" --replay "$2" -f json --color never 2>/dev/null |
	    jq -r '.results | group_by(.check + " " + .setting)[] |
	      to_entries[] | "\(.value.check) \(.value.setting)#\(.key) \(.value.verdict)"' |
	    sort
}
total=0
for s in "$@"; do
	verdicts "$old" "$s" >"$tmp/old"
	verdicts "$new" "$s" >"$tmp/new"
	awk '{print $1"/"$2, $3}' "$tmp/old" >"$tmp/o"
	awk '{print $1"/"$2, $3}' "$tmp/new" >"$tmp/n"
	join -a1 -a2 -e - -o 0,1.2,2.2 "$tmp/o" "$tmp/n" |
	    awk -v f="$(basename "$s")" '$2 != $3 { print f, $1, $2, "->", $3 }'
done | tee "$tmp/all"
echo "--- $(wc -l <"$tmp/all") verdicts changed"
awk '{print $2, $3, $4, $5}' "$tmp/all" | sed 's/#[0-9]*//' | sort | uniq -c | sort -rn
