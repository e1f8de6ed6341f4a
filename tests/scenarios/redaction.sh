#!/bin/sh
# SPDX-License-Identifier: MIT
# Redaction over a snapshot full of addresses, names and secrets
# (tests/golden/snapshots/hostile.json): none of the originals appear in
# any redacted report, placeholders are consistent, loopback and WSL's
# fixed addresses stay readable, markdown is redacted by default, and
# proxy credentials never appear, redacted or not.
. "$(dirname "$0")/lib.sh"
H=$SRCDIR/tests/golden/snapshots/hostile.json
# What the snapshot holds that must not leave in a redacted report.
PRIVATE="jdoe 203.0.113.45 198.51.100.77 corp.example.com
lab.example.org intranet jdoe-workbox"

# The test is not vacuous: unredacted, the text report shows them all.
probe "" --replay "$H" --no-redact -v
for v in $PRIVATE; do
	assert_grep "$v" "$OUT" "unredacted text shows $v"
done

for fmt in $("$WSLPROBE" --list-formats); do
	probe "" --replay "$H" --redact -v -f "$fmt"
	leaked=""
	for v in $PRIVATE hunter2; do
		grep -qi -- "$v" "$OUT" && leaked="$leaked $v"
	done
	if [ -z "$leaked" ]; then ok "$fmt --redact: no original left"; else not_ok "$fmt --redact leaks:$leaked"; fi
	# The formats that show the evidence of passing results.
	case $fmt in text|json|markdown)
		assert_grep "10.255.255.254" "$OUT" "$fmt --redact: WSL's fixed address stays"
		assert_grep "127.0.0.1" "$OUT" "$fmt --redact: loopback stays" ;;
	esac
	probe "" --replay "$H" --no-redact -v -f "$fmt"
	if grep -q hunter2 "$OUT"; then not_ok "$fmt --no-redact prints the proxy password"; else ok "$fmt --no-redact: no proxy password"; fi
done

# Markdown is redacted by default; --no-redact turns it off.
probe "" --replay "$H" -f markdown
if grep -q "jdoe\|203\.0\.113" "$OUT"; then not_ok "markdown is not redacted by default"; else ok "markdown is redacted by default"; fi
assert_grep "redacted: addresses and names are placeholders" "$OUT" "markdown says it is redacted"
probe "" --replay "$H" -f markdown --no-redact
assert_grep "203.0.113.45" "$OUT" "markdown --no-redact shows addresses"
probe "" --replay "$H" -f json
assert_grep "203.0.113.45" "$OUT" "json is not redacted by default"

# Consistent placeholders: one per value, the same in every line, and the
# kind and prefix stay visible.
probe "" --replay "$H" --redact -v
assert_grep "eth0 is up with <ipv4-1>" "$OUT" "the address becomes <ipv4-1>"
assert_grep "search <domain-1> <domain-2>" "$OUT" "search domains become <domain-N>"
n=$(grep -o "search <domain-1> <domain-2>" "$OUT" | wc -l)
[ "$n" -ge 2 ] && ok "the same domains get the same placeholders in $n lines" || not_ok "placeholders differ between lines"
assert_grep "/mnt/c/Users/<user-1>/.wslconfig" "$OUT" "the Windows user name becomes <user-1>"
assert_grep "WSL distro name    <distro-1>" "$OUT" "a personal distro name becomes <distro-1>"
assert_grep "Ubuntu 24.04.1 LTS" "$OUT" "the distro's release stays"
finish
