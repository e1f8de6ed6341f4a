#!/bin/sh
# SPDX-License-Identifier: MIT
# Proxy credentials never appear in any output (issue 11, interface.md
# §2 --redact): a known user and password in every place the proxy check
# reads (the process, its parent, /etc/environment, systemd), in valid
# and invalid values, through every format the binary accepts, live and
# replayed, with and without -v; grepped in stdout, stderr, --output
# files and the saved snapshot.  With --no-redact only the snapshot may
# hold them (which also proves the grep can fail).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
PW=Wp-S3cret-pw7
USR=wpuser-x9
SECRETS="$PW $USR Wp%2DS3cret"

# The formats: the reporter table (--list-formats), each kept when the
# binary accepts it.
snap0="$WP_TMP/probe0.json"
pprobe "" "" --root "$FIXTURES/wsl2-mirrored" --only proxy -f json --save-snapshot "$snap0"
FORMATS=""
for f in $("$WSLPROBE" --list-formats); do
	"$WSLPROBE" --replay "$snap0" -f "$f" >/dev/null 2>"$WP_TMP/fmt.err"
	rc=$?
	[ "$rc" != 2 ] && ! grep -q "format" "$WP_TMP/fmt.err" && FORMATS="$FORMATS $f"
done
if echo " $FORMATS " | grep -q " text " && echo " $FORMATS " | grep -q " json "; then
	ok "formats accepted:$FORMATS"
else
	not_ok "text and json are not both accepted ($FORMATS)"
fi

r="$WP_TMP/root"
cp -a "$FIXTURES/wsl2-mirrored" "$r"
mkdir -p "$r/proc/self" "$r/proc/4242" "$r/etc/systemd" "$r/run/systemd/system"
printf 'PPid:\t4242\nUid:\t0\t0\t0\t0\n' >"$r/proc/self/status"
printf 'PPid:\t1\nUid:\t0\t0\t0\t0\n' >"$r/proc/4242/status"
echo bash >"$r/proc/4242/comm"
printf 'http_proxy=http://%s:%s@127.0.0.1:2\0HTTPS_PROXY=%s:%s@127.0.0.1:3\0' "$USR" "$PW" "$USR" "$PW" >"$r/proc/4242/environ"
printf 'http_proxy="http://%s:%s@127.0.0.1:4"\n' "$USR" "$PW" >"$r/etc/environment"
printf '[Manager]\nDefaultEnvironment="https_proxy=http://%s:%s@127.0.0.1:5"\n' "$USR" "$PW" >"$r/etc/systemd/system.conf"
VARS="http_proxy=http://$USR:$PW@127.0.0.1:1 HTTP_PROXY=http://$USR:Wp%2DS3cret-pw7@127.0.0.1:1
 https_proxy=http://$USR:$PW@127.0.0.1:99999 HTTPS_PROXY=socks9://$USR:$PW@127.0.0.1:1
 all_proxy=$USR:$PW@127.0.0.1:6 ALL_PROXY=\"http://$USR:$PW@127.0.0.1:7\"
 no_proxy=$USR:$PW@x,<local> WSL_PAC_URL=http://$USR:$PW@wpad.example/wpad.dat"

# leaks FILE...: the files holding any secret.
leaks() {
	for s in $SECRETS; do grep -l -F -- "$s" "$@" 2>/dev/null; done | sort -u
}

n=0
for f in $FORMATS; do
	for v in "" -v; do
		n=$((n + 1))
		snap="$WP_TMP/snap.$n.json"
		rep="$WP_TMP/report.$n.$f"
		# shellcheck disable=SC2086
		pprobe "" "$VARS" --root "$r" --only proxy -f "$f" $v --save-snapshot "$snap" -o "$rep"
		cp "$ERR" "$WP_TMP/stderr.$n"
		pprobe "" "$VARS" --root "$r" --only proxy -f "$f" $v
		cp "$OUT" "$WP_TMP/stdout.$n"; cp "$ERR" "$WP_TMP/stderr2.$n"
		pprobe "" "" --replay "$snap" -f "$f" $v
		cp "$OUT" "$WP_TMP/replay.$n"; cp "$ERR" "$WP_TMP/replay-err.$n"
		l=$(leaks "$snap" "$rep" "$WP_TMP/stderr.$n" "$WP_TMP/stdout.$n" \
		    "$WP_TMP/stderr2.$n" "$WP_TMP/replay.$n" "$WP_TMP/replay-err.$n")
		if [ -z "$l" ] && [ -s "$WP_TMP/stdout.$n" ] && [ -s "$rep" ]; then
			ok "$f ${v:-(default)}: no secret in the report, stderr or snapshot"
		else
			not_ok "$f ${v:-(default)}: secret in $l"
		fi
	done
done
if jq -e '.proxy.env_credentials | length >= 5' "$WP_TMP/snap.1.json" >/dev/null &&
    jq -e '.proxy.parents[0].credentials == ["http_proxy", "HTTPS_PROXY"] and
      .proxy.etc_environment.credentials == ["http_proxy"] and
      .proxy.systemd.system.credentials == ["https_proxy"] and .proxy.redacted == true' "$WP_TMP/snap.1.json" >/dev/null; then
	ok "the snapshot records where credentials were"
else
	not_ok "credentials not recorded"; jq -c '.proxy | {env_credentials, parents, etc_environment, systemd}' "$WP_TMP/snap.1.json"
fi
assert_grep '"http_proxy": "http://\*\*\*@127.0.0.1:1"' "$WP_TMP/snap.1.json" "the snapshot keeps the value with *** for the credentials"

# --no-redact: the snapshot keeps them, the outputs still do not.
for f in $FORMATS; do
	snap="$WP_TMP/keep.$f.json"
	pprobe "" "$VARS" --root "$r" --only proxy -f "$f" -v --no-redact --save-snapshot "$snap"
	if [ -n "$(leaks "$snap")" ]; then ok "$f --no-redact: the snapshot holds the credentials"; else not_ok "$f --no-redact: snapshot lacks them"; fi
	l=$(leaks "$OUT" "$ERR")
	if [ -z "$l" ]; then ok "$f --no-redact: the report still shows none"; else not_ok "$f --no-redact: secret in the report"; fi
	pprobe "" "" --replay "$snap" -f "$f" -v
	l=$(leaks "$OUT" "$ERR")
	if [ -z "$l" ]; then ok "$f: replaying a --no-redact snapshot shows none"; else not_ok "$f: replay of --no-redact shows a secret"; fi
done

finish
