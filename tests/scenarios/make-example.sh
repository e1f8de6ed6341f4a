#!/bin/sh
# SPDX-License-Identifier: MIT
# Makes examples/mirrored.json, the snapshot the README shows: a mirrored
# VM built in network namespaces (wsl-facts.md §10.2) with a "Windows"
# listener on 127.0.0.1:13500 behind loopback0, WSL's DNS tunnel stood in
# for by dnsmasq on 10.255.255.254, and the wsl2-mirrored fixture tree.
# Run as root from a build (make update-examples); review the diff.
: "${SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$SRCDIR/tests/scenarios/lib.sh"
. "$SRCDIR/tests/scenarios/netmodes.sh"
. "$SRCDIR/tests/scenarios/dns-lib.sh"
require_root
OUT_FILE=${1:-$SRCDIR/examples/mirrored.json}

build_mirrored
listen "$W" 13500
dnsmasq_in "$G" 10.255.255.254
tree=$(tree_from "$G" wsl2-mirrored)
touch -d @1732532000 "$tree/mnt/c/Users/alice/.wslconfig"
in_ns "$G" env -i PATH="$PATH" WSL_DISTRO_NAME=Ubuntu WAYLAND_DISPLAY=wayland-0 \
	WSL_INTEROP=/run/WSL/335_interop "$WSLPROBE" --root "$tree" \
	--host-port 13500 --dns-name example.test \
	--save-snapshot "$WP_TMP/snap.json" -q
jq '.root = "/" | .taken_at = "2024-11-25T11:13:32Z"
    | .timings |= with_entries(.value = 40)' "$WP_TMP/snap.json" >"$OUT_FILE"
echo "wrote $OUT_FILE"
