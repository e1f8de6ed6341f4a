#!/bin/sh
# SPDX-License-Identifier: MIT
# Asking Windows through interop (gather/windows.c) with fake wsl.exe,
# reg.exe, cmd.exe, powershell.exe and fsutil.exe printing outputs
# captured from real machines (tests/fixtures/windows-answers/README).
. "$(dirname "$0")/lib.sh"
require_cmd jq

ANS="$FIXTURES/windows-answers"
cp -a "$FIXTURES/wsl2-windows" "$WP_TMP/tree"
TREE="$WP_TMP/tree"
LOG="$WP_TMP/fake.log"
export WSL_DISTRO_NAME=Ubuntu WSLPROBE_FAKE_LOG="$LOG"
unset USERPROFILE WSLPROBE_FAKE_HANG WSLPROBE_FAKE_HUGE

# assert_observed SETTING TEXT
assert_observed() {
	o=$(jq -r --arg s "$1" '[.results[] | select(.setting == $s)][0].observed' "$OUT")
	if [ "$o" = "$2" ]; then ok "$1 observed '$2'"; else not_ok "$1 observed '$o', wanted '$2'"; fi
}

# win ANSWERS ARGS...: a run against the fakes answering from ANSWERS.
win() {
	a=$1; shift
	rm -f "$LOG"
	WSLPROBE_FAKE_WINDOWS="$ANS/$a" probe "" --root "$TREE" -f json \
	    --only environment,network --save-snapshot "$WP_TMP/snap.json" "$@"
}

# Windows 10 host, mirrored asked, NAT running: the build is the cause.
win win10
assert_contract
assert_verdict environment.windows warn
assert_observed environment.windows "Windows build 19045"
assert_jq '[.results[] | select(.setting == "environment.windows")][0].evidence
  | index("mirrored networking, DNS tunneling, autoProxy and the Hyper-V firewall need Windows 11 22H2 (build 22621) or later") != null' "support line"
assert_verdict wsl2.networkingMode fail
assert_jq '[.results[] | select(.setting == "wsl2.networkingMode")][0]
  | (.hint | test("most likely first: this Windows build lacks mirrored support \\(Windows build 19045 is older than 22621"))
  and (.evidence | index("Windows build 19045 (from Windows: wsl.exe --version)") != null)' "the Windows build is named first, with the build"
assert_jq '[.results[] | select(.setting == "environment.windows")][0].evidence | any(test("^Professional edition, 22H2, build 19045.3393 \\(from Windows: reg.exe query"))' "edition from the registry"
assert_jq '.config.path == "/mnt/c/Users/alice/.wslconfig" and .environment.windows_build == 19045' ".wslconfig found, build in the header"
assert_verdict wsl2.firewall skip
OUT="$WP_TMP/snap.json"
assert_jq '.windows.asked and .windows.programs.wsl_version.argv == ["wsl.exe", "--version"]
  and .windows.programs.wsl_version.exit == 0 and (.windows.programs.wsl_version.ms | type == "number")
  and (.windows.programs.wsl_version.stdout_b64 | type == "string")' "wsl.exe's UTF-16LE answer stored raw with argv, exit and time"
assert_jq '.windows.vhd.windows_path == "C:\\Users\\alice\\AppData\\Local\\wsl\\{0e6c5b2a-8f43-4e3c-9d55-2b1c6a7e4f10}\\ext4.vhdx"
  and .windows.vhd.size > 0 and .windows.programs.sparse.exit == 0
  and (.windows.programs.sparse.stdout | test("NOT set as sparse"))' "the distro's VHD from Lxss, fsutil asked about that file"
assert_jq '.windows.programs.cpus.stdout == "8\r\n" and (.windows.programs.powershell.stdout | test("memory=17058267136"))' "host CPUs and memory answered"
assert_jq '.windows.programs.powershell.argv[5] | test("DistributionName -eq .Ubuntu.")' "PowerShell looks for this distro's VHD"
assert_grep "cmd.exe /u /c echo %USERPROFILE%" "$LOG" "discovery asked cmd.exe"
for p in wsl.exe reg.exe fsutil.exe powershell.exe; do
	assert_grep "^$p " "$LOG" "$p was run"
done
# The same snapshot judges the same anywhere (parsed at judge time).
probe "" --replay "$WP_TMP/snap.json" -f json --only environment,network
assert_verdict environment.windows warn
assert_verdict wsl2.networkingMode fail

# WSL too old for --version: the registry still gives the build.
mkdir -p "$WP_TMP/oldwsl"
cp "$ANS"/win10/* "$WP_TMP/oldwsl/"
cp "$ANS"/garbage/wsl-version "$ANS"/garbage/wsl-version.exit "$WP_TMP/oldwsl/"
rm -f "$LOG"
WSLPROBE_FAKE_WINDOWS="$WP_TMP/oldwsl" probe "" --root "$TREE" -f json --only environment,network
assert_verdict environment.windows warn
assert_jq '[.results[] | select(.setting == "environment.windows")][0].evidence[0] | test("^Windows build 19045 \\(from Windows: reg.exe query")' "build from the registry"
assert_jq '[.results[] | select(.setting == "wsl2.networkingMode")][0].hint | test("most likely first: this Windows build lacks")' "still named first"

# Windows Server 2025: new enough, but no mirrored networking.
win server
assert_verdict environment.windows warn
assert_jq '[.results[] | select(.setting == "wsl2.networkingMode")][0].hint | test("most likely first: this Windows build lacks mirrored support \\(Windows Server \\(build 26100\\) has no mirrored")' "Windows Server named first"

# Windows 11 in German, WSL_UTF8 honoured (the fake has only a UTF-8
# answer, printed only when WSL_UTF8=1 reaches it through WSLENV).
win win11-de
assert_verdict environment.windows pass
assert_observed environment.windows "Windows build 26100"
assert_jq '[.results[] | select(.setting == "environment.windows")][0].evidence | any(. == "Professional edition, 24H2, build 26100.1742 (from Windows: reg.exe query \"HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\")")' "edition and version, not ProductName"
assert_verdict wsl2.firewall pass
assert_jq '[.results[] | select(.setting == "wsl2.firewall")][0].evidence[0] | test("from Windows: powershell.exe Get-NetFirewallHyperVVMSetting")' "firewall evidence names the command"
assert_jq '[.results[] | select(.setting == "wsl2.networkingMode")][0].hint | test("this Windows build lacks") | not' "a new build is not blamed"
OUT="$WP_TMP/snap.json"
assert_jq '(.windows.programs.proxy.stdout | test("ProxyServer    REG_SZ    127.0.0.1:7890"))
  and .windows.programs.proxy.credentials_removed == false' "Windows proxy 127.0.0.1:7890 stored"
assert_jq '.windows.programs.sparse.stdout | test("is set as sparse")' "sparse flag set"

# Credentials in the Windows proxy never reach the snapshot; powershell.exe
# too slow for the deadline is named, the rest still answers.
win slow --timeout 1000
assert_jq '[.results[] | select(.setting == "wsl2.firewall")][0].evidence | any(test("powershell.exe did not answer in [0-9]+ ms"))' "late powershell.exe named"
assert_verdict environment.windows pass
OUT="$WP_TMP/snap.json"
assert_jq '(.windows.programs.proxy.stdout | test("s3cret") | not) and .windows.programs.proxy.credentials_removed
  and (.windows.programs.proxy.stdout | test("http=\\*\\*\\*@proxy.corp.example:8080"))' "proxy credentials removed"
assert_jq '.windows.programs.powershell.timed_out and .windows.programs.sparse.exit == 1' "timeout and fsutil's refusal recorded"
win slow --timeout 300 --no-redact
OUT="$WP_TMP/snap.json"
assert_jq '.windows.programs.proxy.stdout_b64 | @base64d | test("bob:s3cret@")' "--no-redact keeps them"

# Garbage and an old wsl.exe: unknown, never a crash.
win garbage
assert_contract
assert_verdict environment.windows unknown
assert_jq '[.results[] | select(.setting == "environment.windows")][0].evidence[0] == "Windows build not known: wsl.exe exited with status 1"' "says why"

# Huge output is cut and the program killed.
WSLPROBE_FAKE_HUGE=1 win win10
assert_verdict environment.windows unknown
OUT="$WP_TMP/snap.json"
assert_jq '.windows.programs.wsl_version.truncated and (.windows.programs.wsl_version.why | test("printed more than"))' "huge output truncated"

# --no-windows: no Windows program at all, discovery included.
win win10 --no-windows
assert_verdict environment.windows unknown
assert_jq '[.results[] | select(.setting == "environment.windows")][0].evidence[0] == "Windows build not known: --no-windows"' "--no-windows named"
assert_jq '.environment.wslconfig_source == "guess"' "discovery guessed instead of asking cmd.exe"
if [ -s "$LOG" ]; then not_ok "--no-windows ran: $(cat "$LOG")"; else ok "--no-windows ran no Windows program"; fi

# ... and no reverse localhost test through curl.exe either.
probe "" --root "$FIXTURES/wsl2-nat-interop" -f json --only localhost --no-windows
assert_jq '[.results[] | select(.setting == "wsl2.localhostForwarding")][0].evidence | any(test("--no-windows"))' "--no-windows: no curl.exe"

# Interop disabled in wsl.conf: nothing runs, and the reason is named.
cp -a "$TREE" "$WP_TMP/nointerop"
printf '[interop]\nenabled=false\n' >"$WP_TMP/nointerop/etc/wsl.conf"
printf 'disabled\n' >"$WP_TMP/nointerop/proc/sys/fs/binfmt_misc/WSLInterop"
rm -f "$LOG"
WSLPROBE_FAKE_WINDOWS="$ANS/win10" probe "" --root "$WP_TMP/nointerop" -f json --only environment,network
assert_jq '[.results[] | select(.setting == "environment.windows")][0].evidence[0] == "Windows build not known: interop disabled in wsl.conf"' "interop off named"
assert_jq '[.results[] | select(.setting == "wsl2.networkingMode")][0].hint | test("Windows 10 or a WSL build")' "no-interop hint as before"
if [ -s "$LOG" ]; then not_ok "interop off ran: $(cat "$LOG")"; else ok "interop off ran no Windows program"; fi

# Every fake hangs: the run still ends within 1.1 x --timeout plus the
# process's own start and judging, measured here on a --no-windows run.
ms_of() {
	s=$(date +%s%N); "$@"; echo $(( ($(date +%s%N) - s) / 1000000 ))
}
# Noise on a loaded machine only adds time: the better of two runs counts,
# with 200 ms of margin for scheduling.
base=$(ms_of win win10 --no-windows --timeout 1000 | tail -1)
hang=$(WSLPROBE_FAKE_HANG=1 ms_of win win10 --timeout 1000 | tail -1)
again=$(WSLPROBE_FAKE_HANG=1 ms_of win win10 --timeout 1000 | tail -1)
[ "$again" -lt "$hang" ] && hang=$again
bound=$((1100 + base + 200))
if [ "$hang" -le "$bound" ]; then ok "all hanging: $hang ms <= $bound ms (1.1 x 1000 + start $base + 200)"; else not_ok "all hanging took $hang ms > $bound ms"; fi
assert_verdict environment.wsl pass
assert_verdict environment.windows unknown
OUT="$WP_TMP/snap.json"
assert_jq '[.windows.programs[] | .timed_out] | all' "every program timed out"
if ps -eo args | grep -F "$TREE/mnt/c" | grep -v grep >/dev/null; then
	not_ok "a fake Windows program survived the deadline"
else
	ok "no fake Windows program left running"
fi

# The host's size from Windows turns the memory and processors defaults
# into verdicts (issue 13): a 32 GiB, 16-CPU host, no memory or
# processors key, MemTotal about 15.6 GiB and 16 CPUs in the VM.
cp -a "$FIXTURES/wsl2-windows" "$WP_TMP/host"
HOST="$WP_TMP/host"
printf '[wsl2]\nnetworkingMode=mirrored\n' >"$(ls -d "$HOST"/mnt/c/Users/*)/.wslconfig"
sed -i 's/^MemTotal:.*/MemTotal:       16357588 kB/' "$HOST/proc/meminfo"
sed -i 's/nr_cpus=4/nr_cpus=16/' "$HOST/proc/cmdline"
echo 0-15 >"$HOST/sys/devices/system/cpu/online"
WSLPROBE_FAKE_WINDOWS="$ANS/server" probe "" --root "$HOST" -f json \
    --only environment,memory
assert_verdict wsl2.memory pass
assert_jq '[.results[] | select(.setting == "wsl2.memory")][0]
  | (.expected_source | test("50% of the host.s 34359738368 bytes"))
  and (.evidence | map(select(test("came from Windows: powershell.exe"))) | length == 1)' \
    "wsl2.memory: the default is 50 % of the 32 GiB Windows reported, and says which command told"
assert_verdict wsl2.processors pass
assert_jq '[.results[] | select(.setting == "wsl2.processors")][0].evidence
  | map(select(test("16 logical processors came from Windows"))) | length == 1' \
    "wsl2.processors says Windows told the host's count"
# The same VM with the host's answers gone: the defaults are unknown.
probe "" --root "$HOST" -f json --only environment,memory --no-windows
assert_verdict wsl2.memory unknown
assert_verdict wsl2.processors unknown
# A host of 64 GiB would give the VM 32 GiB: 15.6 GiB is then a fail.
mkdir -p "$WP_TMP/ans64" && cp -a "$ANS/server/." "$WP_TMP/ans64/"
sed -i 's/^memory=.*/memory=68719476736/' "$WP_TMP/ans64/powershell"
WSLPROBE_FAKE_WINDOWS="$WP_TMP/ans64" probe "" --root "$HOST" -f json \
    --only environment,memory
assert_verdict wsl2.memory fail

# The sparse flag Windows reports judges experimental.sparseVhd.
printf '[wsl2]\nnetworkingMode=mirrored\n[experimental]\nsparseVhd=true\n' \
    >"$(ls -d "$HOST"/mnt/c/Users/*)/.wslconfig"
WSLPROBE_FAKE_WINDOWS="$ANS/win10" probe "" --root "$HOST" -f json --only environment,disk
assert_verdict experimental.sparseVhd warn
assert_jq '[.results[] | select(.setting == "experimental.sparseVhd")][0]
  | .observed == "not sparse" and (.hint | test("--set-sparse true"))
  and (.evidence | any(test("from Windows: .*fsutil.exe sparse queryflag")))' "sparseVhd asked, the VHD is not sparse: the fix, and where the fact came from"
WSLPROBE_FAKE_WINDOWS="$ANS/win11-de" probe "" --root "$HOST" -f json --only environment,disk
assert_verdict experimental.sparseVhd pass
probe "" --root "$HOST" -f json --only environment,disk --no-windows
assert_verdict experimental.sparseVhd unknown
assert_jq '[.results[] | select(.setting == "experimental.sparseVhd")][0].evidence | any(test("--no-windows"))' \
    "without Windows, sparseVhd is unknown and says why"

# autoProxy on, no variables, Windows' proxy on 127.0.0.1:7890, NAT: the
# loopback drop is named as the cause (issue 13).
env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy \
    -u ALL_PROXY -u no_proxy -u NO_PROXY \
    WSLPROBE_FAKE_WINDOWS="$ANS/win11-de" "$WSLPROBE" --root "$TREE" -f json \
    --only environment,proxy >"$WP_TMP/proxy.json" 2>/dev/null
OUT="$WP_TMP/proxy.json"
assert_verdict wsl2.autoProxy warn
assert_jq '[.results[] | select(.setting == "wsl2.autoProxy")][0]
  | (.evidence | any(test("127.0.0.1:7890 is on a loopback address, which WSL drops in nat mode")))
  and (.hint | test("mirrored"))' "the Windows proxy on loopback is named as the cause"

finish
