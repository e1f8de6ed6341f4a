#!/bin/sh
# SPDX-License-Identifier: MIT
# The Debian package, as CI checks it (tests/run-all.sh calls this last):
# build a .deb from a clean copy of the tracked files with
# `DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b` (the suite has
# already run), require no lintian errors, install it, run
# `wslprobe --version` and `man wslprobe` from the installed package,
# check the completion is installed, and remove it again.
# Exit 0 pass, 1 fail, 77 skip (not root, tools missing, or a wslprobe
# package already installed: this machine's own is never replaced).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
for c in dpkg-buildpackage dh lintian man; do
	command -v $c >/dev/null || { echo "SKIP: deb-check needs $c (Debian: dpkg-dev debhelper lintian man-db)"; exit 77; }
done
[ "$(id -u)" = 0 ] || { echo "SKIP: deb-check installs the package: needs root"; exit 77; }
if dpkg -s wslprobe >/dev/null 2>&1; then
	echo "SKIP: a wslprobe package is already installed; not replacing it"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wslprobe-deb.XXXXXX")
installed=0
cleanup() {
	[ $installed = 1 ] && dpkg --purge wslprobe >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "not ok - $*"; exit 1; }

# A clean tree: the tracked files only (no build directories).
mkdir "$tmp/src"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$top" && git ls-files -z | tar --null -T - -cf -) | tar -C "$tmp/src" -xf - ||
	    fail "copying the tracked files"
else
	(cd "$top" && tar --exclude='./build*' -cf - .) | tar -C "$tmp/src" -xf -
fi
(cd "$tmp/src" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b) \
    >"$tmp/build.log" 2>&1 || { tail -40 "$tmp/build.log"; fail "dpkg-buildpackage"; }
deb=$(ls "$tmp"/wslprobe_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb built"
echo "ok - built $(basename "$deb")"

lintian --fail-on error "$deb" >"$tmp/lintian.log" 2>&1 ||
    { cat "$tmp/lintian.log"; fail "lintian reports errors"; }
echo "ok - lintian: no errors ($(grep -c '^[WIE]:' "$tmp/lintian.log") notes)"

dpkg -i "$deb" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "dpkg -i"; }
installed=1
/usr/bin/wslprobe --version | grep -q '^wslprobe ' || fail "wslprobe --version"
echo "ok - installed: $(/usr/bin/wslprobe --version | head -1)"
MANPAGER=cat MANWIDTH=80 man wslprobe 2>/dev/null | grep -q 'wslprobe diff' ||
    fail "man wslprobe"
echo "ok - man wslprobe"
comp=$(dpkg -L wslprobe | grep 'bash-completion/completions/wslprobe$')
[ -n "$comp" ] && [ -f "$comp" ] || fail "bash completion not installed"
echo "ok - completion in $comp"
dpkg --purge wslprobe >/dev/null 2>&1 || fail "dpkg --purge"
installed=0
[ ! -e /usr/bin/wslprobe ] || fail "/usr/bin/wslprobe left after removal"
echo "ok - removed"
