#!/bin/bash
# SPDX-License-Identifier: MIT
# The bash completion (completions/wslprobe) completes options from
# --help, formats from --list-formats, check ids from --list-checks.
. "$(dirname "$0")/lib.sh"
BC=/usr/share/bash-completion/bash_completion
[ -r "$BC" ] || skip "needs bash-completion ($BC)"
command -v bash >/dev/null || skip "needs bash"

# complete WORDS...: COMPREPLY for the last word, one per line.
complete_words() {
	bash --norc -c '
		. "$1"; . "$2"; shift 2
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_wslprobe "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$BC" \
	    "$SRCDIR/completions/wslprobe" "$WSLPROBE" "$@" 2>"$WP_TMP/err"
}

# expect WORDS... -- WANT: the completions, space-separated, equal WANT.
expect() {
	args=()
	while [ "$1" != -- ]; do args+=("$1"); shift; done
	shift
	got=$(complete_words "${args[@]}" | sort | tr '\n' ' ')
	if [ "$got" = "$1 " ]; then ok "wslprobe ${args[*]} → $1"; else not_ok "wslprobe ${args[*]} → '$got', wanted '$1'"; fi
}

expect -f "" -- "$("$WSLPROBE" --list-formats | sort | tr '\n' ' ' | sed 's/ $//')"
expect --format m -- "markdown"
expect --only env -- "environment"
expect --skip network,lo -- "network,localhost"
expect --fail-on "" -- "fail warn"
expect --color a -- "always auto"
expect --list-f -- "--list-formats"
expect --no-r -- "--no-redact"
expect d -- "diff"
expect "" -- "diff lint"
finish
