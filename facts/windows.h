/* SPDX-License-Identifier: MIT */
/*
 * What Windows answered through interop (gather/windows.c), parsed from
 * the raw outputs in the snapshot's "windows" object: pure functions of
 * the snapshot, in the states of facts/state.h.  SOURCE (may be NULL)
 * gets a static string naming the Windows command the fact came from,
 * for evidence ("from Windows: wsl.exe --version").
 *
 * PRESENT: the answer is there.  ABSENT: Windows answered, and there is
 * no such thing (no proxy configured, no VHD for this distro).
 * NOT_GATHERED: not asked, no answer in time, or an answer wslprobe
 * cannot read; facts_windows_why says why.
 */
#ifndef WSLPROBE_FACTS_WINDOWS_H
#define WSLPROBE_FACTS_WINDOWS_H

#include <json-c/json.h>

#include "facts/state.h"

/* Windows 11 22H2: mirrored, DNS tunneling, autoProxy, Hyper-V firewall. */
#define WINDOWS_MIRRORED_BUILD	22621u

/*
 * The Windows build (26100 of 10.0.26100.1742), from wsl.exe --version,
 * else from the registry (old WSL has no --version).
 */
enum fact_state	facts_windows_build(json_object *snap, unsigned *build,
		    const char **source);
/* What the registry says of Windows (HKLM\...\Windows NT\CurrentVersion). */
struct win_os {
	unsigned	 build;		/* CurrentBuild: 22631 */
	unsigned	 revision;	/* UBR: 4460, or 0 */
	int		 server;	/* InstallationType says Server */
	char		*edition;	/* EditionID: "Professional", or NULL */
	char		*display;	/* DisplayVersion: "23H2", or NULL */
};
/* PRESENT: *OUT is filled (release it). */
enum fact_state	facts_windows_os(json_object *snap, struct win_os *out,
		    const char **source);
void		facts_windows_os_release(struct win_os *);
/*
 * Does this Windows lack what mirrored networking needs?  1 with an
 * allocated sentence in *WHY (build older than 22621; 22621 before the
 * September 2023 update 22621.2359, KB5030310, microsoft/WSL#10495;
 * Windows Server, microsoft/WSL#40439), 0 when it has it, -1 when the
 * build is not known.  WHY may be NULL.
 */
int		facts_windows_lacks_mirrored(json_object *snap, char **why);

/* The host's physical memory in bytes. */
enum fact_state	facts_windows_host_memory(json_object *snap,
		    unsigned long long *bytes, const char **source);
/* The host's logical processors. */
enum fact_state	facts_windows_host_cpus(json_object *snap, unsigned *n,
		    const char **source);

/* The user's Windows proxy (Internet Settings). */
struct win_proxy {
	int	 enabled;	/* ProxyEnable */
	char	*server;	/* ProxyServer: "127.0.0.1:7890", or NULL */
	char	*override;	/* ProxyOverride, or NULL */
	char	*pac_url;	/* AutoConfigURL, or NULL */
};
/*
 * PRESENT: *OUT is filled (release it).  ABSENT: no proxy at all (not
 * enabled, no PAC URL).  Non-ASCII values may arrive garbled: reg.exe
 * writes the OEM code page.
 */
enum fact_state	facts_windows_proxy(json_object *snap, struct win_proxy *out,
		    const char **source);
void		facts_windows_proxy_release(struct win_proxy *);

/*
 * The distro's VHD: *SPARSE (1 or 0; -1 when neither fsutil.exe nor
 * PowerShell's file attributes answered), *SIZE_BYTES (0 when its size
 * could not be read), *PATH (the Windows path reg.exe named, into the
 * snapshot, or NULL).  PRESENT needs the sparse flag.
 */
enum fact_state	facts_windows_vhd(json_object *snap, int *sparse,
		    unsigned long long *size_bytes, const char **path,
		    const char **source);
/*
 * The Hyper-V firewall's Enabled state for WSL's VM creator (ActiveStore):
 * "True", "False" or "NotConfigured", into the snapshot.
 */
enum fact_state	facts_windows_firewall(json_object *snap, const char **state,
		    const char **source);

/*
 * Why the fact WHAT ("build", "os", "memory", "cpus", "proxy", "vhd",
 * "firewall") is not there, for evidence: "--no-windows", "interop
 * disabled in wsl.conf", "powershell.exe did not answer in 1500 ms";
 * NULL when it is there.  Points into the snapshot or at a constant.
 */
const char	*facts_windows_why(json_object *snap, const char *what);

#endif
