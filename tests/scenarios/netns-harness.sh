#!/bin/sh
# SPDX-License-Identifier: MIT
# The harness itself: a namespace with veth links renamed eth0 and
# loopback0 (as WSL names them), wslprobe run inside it with --root, its
# JSON asserted; and the proof that a failing scenario still cleans up.
. "$(dirname "$0")/lib.sh"
require_root
require_cmd ping

guest=$(netns_new guest)
host=$(netns_new host)
veth_pair "$guest" eth0 "$host" vEthernetWSL
veth_pair "$guest" loopback0 "$host" gelnic
in_ns "$guest" ip addr add 192.0.2.50/24 dev eth0
in_ns "$host" ip addr add 192.0.2.1/24 dev vEthernetWSL

if in_ns "$guest" ip -o link show | grep -q "eth0@" && in_ns "$guest" ip -o link show | grep -q "loopback0@"; then
	ok "guest has eth0 and loopback0"
else
	not_ok "guest links"; in_ns "$guest" ip link show
fi
if in_ns "$guest" ping -c1 -W1 192.0.2.1 >/dev/null 2>&1; then
	ok "guest reaches the host namespace"
else
	not_ok "guest cannot reach 192.0.2.1"
fi

probe "$guest" --root "$FIXTURES/wsl2-mirrored" --only environment -f json
assert_rc 0 "wslprobe runs inside the namespace"
assert_contract
assert_verdict environment.wsl pass

# A scenario that fails half-way must still remove its namespaces.
child="$WP_TMP/failing.sh"
cat >"$child" <<CHILD
#!/bin/sh
. "$SRCDIR/tests/scenarios/lib.sh"
ns=\$(netns_new leak)
echo "\$ns" > "$WP_TMP/child-ns"
false || exit 1
CHILD
sh "$child" >/dev/null 2>&1
leaked=$(cat "$WP_TMP/child-ns" 2>/dev/null)
if [ -n "$leaked" ] && ! ip netns list | grep -q "^$leaked\b"; then
	ok "failing scenario removed its namespace ($leaked)"
else
	not_ok "namespace '$leaked' left behind"
	ip netns del "$leaked" 2>/dev/null
fi

finish
