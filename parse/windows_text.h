/* SPDX-License-Identifier: MIT */
/*
 * Pure parsers of what Windows programs print when asked through interop
 * (gather/windows.c stores the raw bytes; facts/windows.c parses them at
 * judge time).  None trusts its input: all are fuzzed by
 * tests/fuzz/fuzz_windows.c.
 *
 * Encodings: wsl.exe prints UTF-16LE unless WSL_UTF8=1 reached it
 * (microsoft/WSL#4607, WSL 0.64+); cmd.exe /u prints UTF-16LE; reg.exe,
 * fsutil.exe and a redirected powershell.exe print in the console's OEM
 * code page, which wslprobe cannot know: bytes that are not ASCII are
 * then replaced by U+FFFD, and *GARBLED says so.
 */
#ifndef WSLPROBE_PARSE_WINDOWS_TEXT_H
#define WSLPROBE_PARSE_WINDOWS_TEXT_H

#include <stddef.h>

/*
 * The one Windows command the Hyper-V firewall state comes from (WSL's VM
 * creator id); gather/windows.c runs it, judges name it in hints.
 */
#define WINDOWS_FIREWALL_CMD "Get-NetFirewallHyperVVMSetting -PolicyStore " \
	"ActiveStore -Name '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}'"

enum win_encoding {
	WIN_ENC_UTF8,		/* valid UTF-8 (or plain ASCII) */
	WIN_ENC_UTF16LE,	/* a BOM, or NULs in the odd bytes */
	WIN_ENC_OEM,		/* neither: an OEM code page */
};

/*
 * The text of BUF (LEN bytes, any content) as UTF-8 without NULs:
 * allocated.  *ENC (may be NULL) gets the encoding found; *GARBLED (may be
 * NULL) is set to 1 when characters could not be decoded.
 */
char	*win_decode(const char *buf, size_t len, enum win_encoding *enc,
	    int *garbled);
/* "utf-8", "utf-16le", "oem". */
const char *win_encoding_name(enum win_encoding);

/* What `wsl.exe --version` says, each field allocated or NULL. */
struct win_version {
	char		*wsl;		/* first line: "2.3.26.0" */
	char		*kernel;	/* second line: "5.15.167.4-1" */
	char		*windows;	/* last line: "10.0.26100.1742" */
	unsigned	 build;		/* third part of windows: 26100 */
	unsigned	 revision;	/* fourth part (1742), or 0 */
};

/*
 * Parses by line position, never by label (the labels are localised:
 * "WSL-Version:", "Version WSL :", "WSL 版本："): the WSL version is the
 * first non-empty line, the kernel the second, the Windows version the
 * last.  The Windows line must end in 10.0.BUILD[.REV]; anything else
 * (old wsl.exe printing its usage text) returns -1.  Returns 0.
 */
int	win_version_parse(const char *text, struct win_version *out);
void	win_version_release(struct win_version *);

/* One value of `reg.exe query` output. */
struct win_reg_value {
	char	*key;		/* the key it is under, "HKEY_CURRENT_USER\..." */
	char	*name;		/* "ProxyServer", or "(Default)" */
	char	*type;		/* "REG_SZ", "REG_DWORD", ... */
	char	*data;		/* as printed: "0x1", "127.0.0.1:7890" */
};

struct win_reg {
	struct win_reg_value	*v;
	size_t			 n;
};

/*
 * Parses `reg.exe query KEY [/s]` output: key lines start with "HKEY_",
 * value lines with four spaces, NAME, four spaces, REG_TYPE, four spaces
 * and the data (which may be empty or hold spaces).  Returns the number
 * of values found.
 */
size_t	win_reg_parse(const char *text, struct win_reg *out);
void	win_reg_release(struct win_reg *);
/* The first value NAME (case-insensitive) under a key ending in KEY_TAIL
   (NULL: any key), or NULL. */
const struct win_reg_value *win_reg_find(const struct win_reg *,
	    const char *key_tail, const char *name);

/*
 * A whole unsigned number in TEXT: decimal or 0x hex, surrounded by
 * blanks only.  Returns 0 with *OUT set, or -1.
 */
int	win_number(const char *text, unsigned long long *out);
/*
 * The value of "NAME=value" on a line of its own (PowerShell's answer
 * format), allocated and trimmed, or NULL.
 */
char	*win_keyval(const char *text, const char *name);
/*
 * `fsutil.exe sparse queryflag FILE`: 1 "This file is set as sparse",
 * 0 "This file is NOT set as sparse", -1 anything else (another language,
 * an error such as "requires that you have administrative privileges").
 */
int	win_sparse_flag(const char *text);
/*
 * TEXT without proxy credentials: in every word holding "user:password@"
 * (after the word's start, "://" or "NAME="), what stands before the last
 * '@' becomes "***".  Allocated; *REMOVED (may be NULL) is set to 1 when
 * something was removed.
 */
char	*win_scrub_credentials(const char *text, int *removed);

#endif
