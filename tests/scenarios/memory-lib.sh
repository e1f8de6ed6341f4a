# SPDX-License-Identifier: MIT
# Helpers of memory.sh and disk.sh, sourced after lib.sh.

# tree NAME BASE: a writable copy of fixture BASE with an old .wslconfig
# mtime (git keeps none), so no pending restart colours the results.
tree() {
	cp -a "$FIXTURES/$2" "$WP_TMP/$1"
	touch -d @1732532000 "$WP_TMP/$1/mnt/c/Users/alice/.wslconfig"
	echo "$WP_TMP/$1"
}

# put FILE TEXT: replace FILE atomically (a sampler never sees half).
put() {
	printf '%b' "$2" >"$1.new" && mv "$1.new" "$1"
}
