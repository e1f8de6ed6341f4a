#!/bin/sh
# SPDX-License-Identifier: MIT
# The disk check on fixture trees (wsl-facts.md §7): the root's device
# from mountinfo and sysfs, online discard present and absent,
# sparseVhd (never observable: unknown with the Windows command), and
# defaultVhdSize against the VHD's virtual size (a warning, never a fail).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/memory-lib.sh"
require_cmd jq

t=$(tree ok wsl2-memory)
probe "" --root "$t" --only disk -f json
assert_contract
assert_rc 0 "discard in effect, size as expected"
assert_verdict disk.discard pass
assert_jq '[.results[] | select(.setting == "disk.discard") | .evidence[]]
  | any(startswith("/ is sdd (/dev/sdd) on ext4"))' "names the root's device"
assert_verdict experimental.sparseVhd unknown
assert_jq '[.results[] | select(.setting == "experimental.sparseVhd")][0]
  | (.hint | contains("fsutil sparse queryflag"))
    and (.expected == "true") and (.expected_source == ".wslconfig:9")
    and ([.evidence[] | select(contains("--allow-unsafe"))] | length == 1)' "sparseVhd: the Windows command and the version facts"
assert_verdict wsl2.defaultVhdSize pass
assert_jq '[.results[] | select(.setting == "wsl2.defaultVhdSize")][0].observed == "1099511627776 bytes (1024GB)"' "the VHD's virtual size"
assert_verdict disk.usage pass
assert_jq '[.results[] | select(.setting == "disk.usage") | .evidence[]]
  | any(. == "the VHD'"'"'s virtual size: 1099511627776 bytes")' "facts: the virtual size"

# No discard option, a device that takes no discard, defaultVhdSize set
# after the distro was created.
t=$(tree off wsl2-memory-off)
WSL_DISTRO_NAME=Ubuntu probe "" --root "$t" --only disk -f json
assert_rc 1 "discard missing is a failure"
assert_verdict disk.discard fail
assert_jq '[.results[] | select(.setting == "disk.discard")][0]
  | (.hint | contains("fstrim"))
    and ([.evidence[] | select(contains("mounted without discard") or contains("does not accept discard"))] | length == 2)' "both reasons and fstrim"
assert_verdict wsl2.defaultVhdSize warn
assert_jq '[.results[] | select(.setting == "wsl2.defaultVhdSize")][0].hint
  | contains("wsl --manage Ubuntu --resize 256GB")' "the resize command in the user's units"

# Only the mount option missing.
t=$(tree noopt wsl2-memory)
sed -i 's/rw,discard,errors/rw,errors/' "$t/proc/self/mountinfo"
probe "" --root "$t" --only disk -f json
assert_verdict disk.discard fail

# A root whose device files are missing (not gathered): unknown.
t=$(tree nosys wsl2-memory)
rm -rf "$t/sys/dev"
probe "" --root "$t" --only disk -f json
assert_verdict disk.discard unknown
assert_verdict wsl2.defaultVhdSize unknown

# Outside WSL2 nothing applies.
probe "" --root "$FIXTURES/not-wsl" --only memory,disk -f json
assert_jq '[.results[] | .verdict] | unique == ["skip"]' "not WSL2: every result is skip"

finish
