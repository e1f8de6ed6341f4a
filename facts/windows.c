/* SPDX-License-Identifier: MIT */
/* Windows facts from the raw answers in the snapshot; see windows.h. */
#include "config.h"

#include "facts/windows.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/snapshot.h"
#include "parse/windows_text.h"
#include "util/encoding.h"
#include "util/xalloc.h"
#include "wslconfig/wslconfig.h"

#define SRC_VERSION	"wsl.exe --version"
#define SRC_OS		"reg.exe query \"HKLM\\SOFTWARE\\Microsoft\\Windows " \
			"NT\\CurrentVersion\""
#define SRC_MEMORY	"powershell.exe (Get-CimInstance " \
			"Win32_ComputerSystem).TotalPhysicalMemory"
#define SRC_CPUS	"cmd.exe /c echo %NUMBER_OF_PROCESSORS%"
#define SRC_CPUS_PS	"powershell.exe [Environment]::ProcessorCount"
#define SRC_PROXY	"reg.exe query \"HKCU\\Software\\Microsoft\\Windows" \
			"\\CurrentVersion\\Internet Settings\""
#define SRC_VHD		"reg.exe query \"HKCU\\Software\\Microsoft\\Windows" \
			"\\CurrentVersion\\Lxss\" /s, fsutil.exe sparse " \
			"queryflag"
#define SRC_VHD_PS	"powershell.exe (Get-Item <VHD>).Attributes " \
			"(FILE_ATTRIBUTE_SPARSE_FILE)"
#define SRC_FIREWALL	"powershell.exe " WINDOWS_FIREWALL_CMD

static json_object *
program(json_object *snap, const char *key)
{
	json_object *p = snap_get(snap, "windows.programs");

	if (!p || !json_object_is_type(p, json_type_object))
		return NULL;
	p = json_object_object_get(p, key);
	return p && json_object_is_type(p, json_type_object) ? p : NULL;
}

/*
 * The decoded stdout of program KEY when it ran; COMPLETE asks that it
 * also finished in time with its whole output.  Allocated, or NULL.
 */
static char *
answer(json_object *snap, const char *key, int complete, int *garbled)
{
	json_object *p = program(snap, key);
	const char *t, *b;
	char *raw, *out;
	size_t len;

	if (!p || snap_bool(p, "started") != 1)
		return NULL;
	if (complete && (snap_bool(p, "timed_out") == 1 ||
	    snap_bool(p, "truncated") == 1))
		return NULL;
	t = snap_str(p, "stdout");
	if (t)
		return win_decode(t, strlen(t), NULL, garbled);
	b = snap_str(p, "stdout_b64");
	raw = b ? base64_decode(b, &len) : NULL;
	if (!raw)
		return NULL;
	out = win_decode(raw, len, NULL, garbled);
	free(raw);
	return out;
}

static void
set_source(const char **source, const char *s)
{
	if (source)
		*source = s;
}

static char *
reg_sz(const struct win_reg *reg, const char *name)
{
	const struct win_reg_value *v = win_reg_find(reg, NULL, name);

	return v && *v->data && strncmp(v->type, "REG_", 4) == 0 ?
	    xstrdup(v->data) : NULL;
}

/* wsl.exe --version parsed, or -1. */
static int
version_answer(json_object *snap, struct win_version *v)
{
	char *text = answer(snap, "wsl_version", 1, NULL);
	int rc = text ? win_version_parse(text, v) : -1;

	free(text);
	return rc;
}

static unsigned
reg_uint(const struct win_reg *reg, const char *name)
{
	const struct win_reg_value *v = win_reg_find(reg, NULL, name);
	unsigned long long n;

	return v && win_number(v->data, &n) == 0 && n <= 999999 ?
	    (unsigned)n : 0;
}

enum fact_state
facts_windows_os(json_object *snap, struct win_os *out, const char **source)
{
	char *text = answer(snap, "os", 1, NULL);
	const struct win_reg_value *t;
	struct win_reg reg;

	set_source(source, SRC_OS);
	memset(out, 0, sizeof *out);
	if (!text)
		return FACT_NOT_GATHERED;
	win_reg_parse(text, &reg);
	free(text);
	out->build = reg_uint(&reg, "CurrentBuild");
	if (!out->build)
		out->build = reg_uint(&reg, "CurrentBuildNumber");
	out->revision = reg_uint(&reg, "UBR");
	t = win_reg_find(&reg, NULL, "InstallationType");
	out->server = t && strstr(t->data, "Server") != NULL;
	out->edition = reg_sz(&reg, "EditionID");
	out->display = reg_sz(&reg, "DisplayVersion");
	win_reg_release(&reg);
	if (!out->build) {
		facts_windows_os_release(out);
		return FACT_NOT_GATHERED;
	}
	return FACT_PRESENT;
}

void
facts_windows_os_release(struct win_os *o)
{
	free(o->edition);
	free(o->display);
	memset(o, 0, sizeof *o);
}

enum fact_state
facts_windows_build(json_object *snap, unsigned *build, const char **source)
{
	struct win_version v;
	struct win_os os;

	set_source(source, SRC_VERSION);
	if (version_answer(snap, &v) == 0) {
		if (build)
			*build = v.build;
		win_version_release(&v);
		return FACT_PRESENT;
	}
	/* WSL before 1.0 has no --version; the registry still knows. */
	if (facts_windows_os(snap, &os, source) != FACT_PRESENT) {
		set_source(source, SRC_VERSION);
		return FACT_NOT_GATHERED;
	}
	if (build)
		*build = os.build;
	facts_windows_os_release(&os);
	return FACT_PRESENT;
}

int
facts_windows_lacks_mirrored(json_object *snap, char **why)
{
	struct win_version v;
	struct win_os os;
	unsigned build, rev = 0;
	int have_os = facts_windows_os(snap, &os, NULL) == FACT_PRESENT;
	int lacks = -1;

	if (why)
		*why = NULL;
	if (facts_windows_build(snap, &build, NULL) != FACT_PRESENT)
		goto done;
	if (version_answer(snap, &v) == 0) {
		rev = v.revision;
		win_version_release(&v);
	} else if (have_os) {
		rev = os.revision;
	}
	lacks = 1;
	if (build < WINDOWS_MIRRORED_BUILD) {
		if (why)
			*why = xasprintf("Windows build %u is older than 22621 "
			    "(Windows 11 22H2)", build);
	} else if (build == WINDOWS_MIRRORED_BUILD && rev && rev < 2359) {
		if (why)
			*why = xasprintf("Windows 22621.%u predates the "
			    "September 2023 update (22621.2359, KB5030310) that "
			    "brought mirrored networking", rev);
	} else if (have_os && os.server) {
		if (why)
			*why = xasprintf("Windows Server (build %u) has no "
			    "mirrored networking (microsoft/WSL#40439)", build);
	} else {
		lacks = 0;
	}
done:
	if (have_os)
		facts_windows_os_release(&os);
	return lacks;
}

/* NAME=number in the PowerShell answer (partial output counts). */
static int
ps_number(json_object *snap, const char *name, unsigned long long *out)
{
	char *text = answer(snap, "powershell", 0, NULL), *v;
	int rc = -1;

	if (!text)
		return -1;
	v = win_keyval(text, name);
	if (v && win_number(v, out) == 0)
		rc = 0;
	free(v);
	free(text);
	return rc;
}

enum fact_state
facts_windows_host_memory(json_object *snap, unsigned long long *bytes,
    const char **source)
{
	unsigned long long v;

	set_source(source, SRC_MEMORY);
	/* Less than 256 MiB is not a Windows host WSL2 runs on. */
	if (ps_number(snap, "memory", &v) != 0 || v < 256ULL << 20)
		return FACT_NOT_GATHERED;
	if (bytes)
		*bytes = v;
	return FACT_PRESENT;
}

enum fact_state
facts_windows_host_cpus(json_object *snap, unsigned *n, const char **source)
{
	char *text = answer(snap, "cpus", 1, NULL);
	unsigned long long v;
	int ok;

	ok = text && win_number(text, &v) == 0 && v >= 1 && v <= 65536;
	free(text);
	set_source(source, SRC_CPUS);
	if (!ok) {
		set_source(source, SRC_CPUS_PS);
		ok = ps_number(snap, "cpus", &v) == 0 && v >= 1 &&
		    v <= 65536;
	}
	if (!ok)
		return FACT_NOT_GATHERED;
	if (n)
		*n = (unsigned)v;
	return FACT_PRESENT;
}

enum fact_state
facts_windows_proxy(json_object *snap, struct win_proxy *out,
    const char **source)
{
	json_object *p = program(snap, "proxy");
	char *text = answer(snap, "proxy", 1, NULL);
	const struct win_reg_value *en;
	unsigned long long on = 0;
	struct win_reg reg;
	struct win_proxy w = { 0 };

	set_source(source, SRC_PROXY);
	memset(out, 0, sizeof *out);
	if (!text || !p || snap_bool(p, "started") != 1) {
		free(text);
		return FACT_NOT_GATHERED;
	}
	/* reg.exe exits 1 when the key does not exist: no proxy at all. */
	if (win_reg_parse(text, &reg) == 0) {
		double ex;

		free(text);
		win_reg_release(&reg);
		return snap_num(p, "exit", &ex) == 0 && ex == 1 ?
		    FACT_ABSENT : FACT_NOT_GATHERED;
	}
	free(text);
	en = win_reg_find(&reg, NULL, "ProxyEnable");
	if (en && win_number(en->data, &on) == 0)
		w.enabled = on != 0;
	w.server = reg_sz(&reg, "ProxyServer");
	w.override = reg_sz(&reg, "ProxyOverride");
	w.pac_url = reg_sz(&reg, "AutoConfigURL");
	win_reg_release(&reg);
	if (!w.enabled && !w.pac_url) {
		facts_windows_proxy_release(&w);
		return FACT_ABSENT;
	}
	*out = w;
	return FACT_PRESENT;
}

void
facts_windows_proxy_release(struct win_proxy *w)
{
	free(w->server);
	free(w->override);
	free(w->pac_url);
	memset(w, 0, sizeof *w);
}

enum fact_state
facts_windows_vhd(json_object *snap, int *sparse,
    unsigned long long *size_bytes, const char **path, const char **source)
{
	json_object *vhd = snap_get(snap, "windows.vhd");
	const char *wp = vhd ? snap_str(vhd, "windows_path") : NULL;
	unsigned long long n;
	char *text, *v;
	double d;
	int flag = -1;

	set_source(source, SRC_VHD);
	if (sparse)
		*sparse = -1;
	if (size_bytes)
		*size_bytes = 0;
	if (path)
		*path = wp;
	if (size_bytes && vhd && snap_num(vhd, "size", &d) == 0 && d > 0)
		*size_bytes = (unsigned long long)d;
	if (size_bytes && !*size_bytes && ps_number(snap, "vhd_size", &n) ==
	    0)
		*size_bytes = n;
	text = wp ? answer(snap, "sparse", 1, NULL) : NULL;
	flag = text ? win_sparse_flag(text) : -1;
	free(text);
	if (flag < 0) {
		/* fsutil.exe in another language, or wanting elevation. */
		text = answer(snap, "powershell", 0, NULL);
		v = text ? win_keyval(text, "vhd_sparse") : NULL;
		if (v && strcasecmp(v, "True") == 0)
			flag = 1;
		else if (v && strcasecmp(v, "False") == 0)
			flag = 0;
		if (flag >= 0)
			set_source(source, SRC_VHD_PS);
		free(v);
		free(text);
	}
	if (flag < 0)
		return FACT_NOT_GATHERED;
	if (sparse)
		*sparse = flag;
	return FACT_PRESENT;
}

enum fact_state
facts_windows_firewall(json_object *snap, const char **state,
    const char **source)
{
	static const char *const states[] = { "True", "False",
	    "NotConfigured", NULL };
	char *text = answer(snap, "powershell", 0, NULL), *v;
	enum fact_state st = FACT_NOT_GATHERED;

	set_source(source, SRC_FIREWALL);
	v = text ? win_keyval(text, "firewall") : NULL;
	for (size_t i = 0; v && states[i]; i++)
		if (strcasecmp(v, states[i]) == 0) {
			if (state)
				*state = states[i];
			st = FACT_PRESENT;
		}
	free(v);
	free(text);
	return st;
}

/* 1 when the snapshot's wsl.conf sets [interop] enabled=false. */
static int
wslconf_disables_interop(json_object *snap)
{
	const char *path = snap_str(snap, "wsl.wslconf_path");
	const struct wslconfig_setting *s;
	struct wslconfig_result *r;
	size_t len;
	char *data = path ? snap_file_data(snap, path, &len) : NULL;
	int off = 0;

	if (!data)
		return 0;
	r = wslconfig_parse(data, len, WSLCONFIG_WSLCONF, path);
	s = wslconfig_get(r, "interop.enabled");
	off = s && s->typed.valid && !s->typed.u.b;
	wslconfig_result_free(r);
	free(data);
	return off;
}

/* Why program KEY gave no usable answer. */
static const char *
program_why(json_object *snap, const char *key, const char *unread)
{
	json_object *p = program(snap, key);
	const char *why = p ? snap_str(p, "why") : NULL;

	if (!p)
		return "no record of it in the snapshot";
	return why ? why : unread;
}

const char *
facts_windows_why(json_object *snap, const char *what)
{
	json_object *win = snap_get(snap, "windows");
	const char *why;
	struct win_proxy w;
	enum fact_state st = FACT_NOT_GATHERED;

	if (!win || !json_object_is_type(win, json_type_object))
		return "Windows was not asked (not gathered)";
	if (snap_bool(win, "asked") != 1) {
		why = snap_str(win, "why");
		if (why && strcmp(why, "interop unavailable") == 0 &&
		    wslconf_disables_interop(snap))
			return "interop disabled in wsl.conf";
		return why ? why : "Windows was not asked";
	}
	if (strcmp(what, "os") == 0) {
		struct win_os os;

		st = facts_windows_os(snap, &os, NULL);
		facts_windows_os_release(&os);
		why = program_why(snap, "os", "reg.exe's answer could not be "
		    "read");
	} else if (strcmp(what, "build") == 0) {
		st = facts_windows_build(snap, NULL, NULL);
		why = program_why(snap, "wsl_version", "wsl.exe --version "
		    "printed no Windows version (WSL before 1.0 has no "
		    "--version)");
	} else if (strcmp(what, "memory") == 0) {
		st = facts_windows_host_memory(snap, NULL, NULL);
		why = program_why(snap, "powershell", "powershell.exe gave "
		    "no memory size");
	} else if (strcmp(what, "cpus") == 0) {
		st = facts_windows_host_cpus(snap, NULL, NULL);
		why = program_why(snap, "cpus", "cmd.exe gave no processor "
		    "count");
	} else if (strcmp(what, "proxy") == 0) {
		st = facts_windows_proxy(snap, &w, NULL);
		facts_windows_proxy_release(&w);
		why = program_why(snap, "proxy", "reg.exe's answer could "
		    "not be read");
	} else if (strcmp(what, "firewall") == 0) {
		st = facts_windows_firewall(snap, NULL, NULL);
		why = program_why(snap, "powershell", "powershell.exe could "
		    "not read the Hyper-V firewall setting (Windows before "
		    "11 22H2 has none)");
	} else if (strcmp(what, "vhd") == 0) {
		json_object *vhd = snap_get(snap, "windows.vhd");

		st = facts_windows_vhd(snap, NULL, NULL, NULL, NULL);
		why = vhd && snap_str(vhd, "why") ? snap_str(vhd, "why") :
		    !vhd || !snap_str(vhd, "windows_path") ?
		    program_why(snap, "lxss", "reg.exe named no VHD") :
		    program_why(snap, "sparse", "fsutil.exe's answer could "
		    "not be read (another language, or it needs "
		    "elevation)");
		/* When fsutil.exe failed, PowerShell was the fallback. */
		if (st == FACT_NOT_GATHERED && program(snap, "powershell") &&
		    snap_str(program(snap, "powershell"), "why"))
			why = snap_str(program(snap, "powershell"), "why");
	} else {
		return "unknown Windows fact";
	}
	return st == FACT_NOT_GATHERED ? why : NULL;
}
