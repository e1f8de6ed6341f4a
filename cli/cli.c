/* SPDX-License-Identifier: MIT */
/* Command-line parsing with getopt_long; see cli.h. */
#include "config.h"

#include "cli/cli.h"

#include <ares.h>
#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <json-c/json_c_version.h>
#include <limits.h>
#include <stdarg.h>
#include <netlink/version.h>
#include <stdlib.h>
#include <string.h>

#include "engine/check.h"
#include "util/xalloc.h"
#include "reports/report.h"

enum {
	OPT_NO_CONFIG = 256,
	OPT_WSL_CONF,
	OPT_ONLY,
	OPT_SKIP,
	OPT_LIST_CHECKS,
	OPT_LIST_FORMATS,
	OPT_HOST_PORT,
	OPT_DNS_NAME,
	OPT_PROXY_URL,
	OPT_ROOT,
	OPT_WATCH_RECLAIM,
	OPT_SAVE_SNAPSHOT,
	OPT_REPLAY,
	OPT_REDACT,
	OPT_NO_REDACT,
	OPT_FAIL_ON,
	OPT_COLOR,
	OPT_NO_WINDOWS,
};

static const struct option long_opts[] = {
	{ "config",		required_argument, NULL, 'c' },
	{ "no-config",		no_argument,	   NULL, OPT_NO_CONFIG },
	{ "wsl-conf",		required_argument, NULL, OPT_WSL_CONF },
	{ "format",		required_argument, NULL, 'f' },
	{ "output",		required_argument, NULL, 'o' },
	{ "only",		required_argument, NULL, OPT_ONLY },
	{ "skip",		required_argument, NULL, OPT_SKIP },
	{ "list-checks",	no_argument,	   NULL, OPT_LIST_CHECKS },
	{ "list-formats",	no_argument,	   NULL, OPT_LIST_FORMATS },
	{ "timeout",		required_argument, NULL, 't' },
	{ "host-port",		required_argument, NULL, OPT_HOST_PORT },
	{ "dns-name",		required_argument, NULL, OPT_DNS_NAME },
	{ "proxy-url",		required_argument, NULL, OPT_PROXY_URL },
	{ "root",		required_argument, NULL, OPT_ROOT },
	{ "no-windows",		no_argument,	   NULL, OPT_NO_WINDOWS },
	{ "watch-reclaim",	required_argument, NULL, OPT_WATCH_RECLAIM },
	{ "save-snapshot",	required_argument, NULL, OPT_SAVE_SNAPSHOT },
	{ "replay",		required_argument, NULL, OPT_REPLAY },
	{ "redact",		no_argument,	   NULL, OPT_REDACT },
	{ "no-redact",		no_argument,	   NULL, OPT_NO_REDACT },
	{ "fail-on",		required_argument, NULL, OPT_FAIL_ON },
	{ "color",		required_argument, NULL, OPT_COLOR },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "verbose",		no_argument,	   NULL, 'v' },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "version",		no_argument,	   NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

void
cli_usage(FILE *fp)
{
	fputs(
"Usage: wslprobe [OPTION]...\n"
"       wslprobe lint [OPTION]... [FILE]\n"
"       wslprobe diff [OPTION]... OLD NEW\n"
"Check, setting by setting, whether what .wslconfig asks for is what this\n"
"WSL2 VM applied.  'lint' reads a .wslconfig (or wsl.conf) exactly as WSL\n"
"does and reports every line WSL ignores or misreads; it sends nothing.\n"
"'diff' shows what changed between two JSON reports or snapshots (exit 1\n"
"when anything did).\n"
"\n"
"  -c, --config FILE      the .wslconfig to compare against (default: found\n"
"                         through interop, $USERPROFILE or /mnt/c/Users)\n"
"      --no-config        judge against WSL's defaults only\n"
"      --wsl-conf FILE    the distro's wsl.conf (default /etc/wsl.conf)\n"
"  -f, --format FMT       ", fp);
	report_print_names(fp, 0, ", ");
	fputs("\n"
"                         (text is the default; lint writes ", fp);
	report_print_names(fp, WP_REPORT_LINT, ", ");
	fputs(")\n"
"      --list-formats     list the report formats, one per line\n"
"  -o, --output FILE      write the report to FILE (atomically)\n"
"      --only LIST        run only these checks (comma-separated)\n"
"      --skip LIST        run all checks but these\n"
"      --list-checks      list check ids, titles, and the settings and findings\n"
"                         each one reports\n"
"  -t, --timeout MS       deadline for each active probe (default 1500)\n"
"      --host-port N      a Windows TCP port expected to listen (repeatable)\n"
"      --dns-name NAME    a name to resolve in the DNS checks (repeatable)\n"
"      --proxy-url URL    URL to fetch through the configured proxy\n"
"      --root DIR         read files and helper programs under DIR; active\n"
"                         probes still run live in this network namespace,\n"
"                         against the targets the tree and the live routes\n"
"                         name, but only those this namespace holds or\n"
"                         reaches on-link (its own addresses, loopback, a\n"
"                         directly connected network); any other target is\n"
"                         not run (result unknown); nothing is probed when\n"
"                         the tree is not WSL2\n"
"      --no-windows       ask Windows nothing through interop\n"
"      --watch-reclaim S  sample memory reclaim while idle for S seconds\n"
"      --save-snapshot F  also save the gathered snapshot as JSON\n"
"      --replay FILE      judge a saved snapshot instead of gathering\n"
"      --redact           pseudonymise addresses and names (the default for\n"
"                         markdown); proxy credentials are never printed\n"
"      --no-redact        do not pseudonymise\n"
"      --fail-on LEVEL    fail (default) or warn: what makes the exit status 1\n"
"      --color WHEN       auto (default), always or never; NO_COLOR is honoured\n"
"  -q, --quiet            print only the summary line\n"
"  -v, --verbose          also print evidence of passing results and timings\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show version information and exit\n"
"\n"
"Exit status: 0 nothing at or above --fail-on; 1 a fail or error result;\n"
"2 usage error, unreadable file or bad snapshot; 3 not inside WSL2;\n"
"4 wslprobe itself failed.\n", fp);
}

static void
print_version(FILE *fp)
{
	fprintf(fp, "wslprobe %s\n", PACKAGE_VERSION);
	fprintf(fp, "libcurl %s, c-ares %s, libnl %s, json-c %s\n",
	    curl_version_info(CURLVERSION_NOW)->version, ares_version(NULL),
	    LIBNL_STRING, json_c_version());
}

static int
usage_error(FILE *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
usage_error(FILE *err, const char *fmt, ...)
{
	va_list ap;

	fputs("wslprobe: ", err);
	va_start(ap, fmt);
	vfprintf(err, fmt, ap);
	va_end(ap);
	fputs("\nTry 'wslprobe --help' for more information.\n", err);
	return -1;
}

static int
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static void
list_append(char ***list, const char *item)
{
	size_t n = 0;

	while (*list && (*list)[n])
		n++;
	*list = xreallocarray(*list, n + 2, sizeof **list);
	(*list)[n] = xstrdup(item);
	(*list)[n + 1] = NULL;
}

static void
list_free(char **list)
{
	for (size_t i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

/* Splits a comma list of check names, each resolved to its full name. */
static int
parse_checks(const char *arg, const char *opt, char ***list, FILE *err)
{
	char *copy = xstrdup(arg), *save = NULL, *tok;
	int rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		const struct wp_check *c;
		char *why;

		while (*tok == ' ')
			tok++;
		c = wp_check_find(tok, &why);
		if (!c) {
			rc = usage_error(err, "%s: %s", opt, why);
			free(why);
			break;
		}
		list_append(list, c->name);
	}
	if (rc == 0 && !*list)
		rc = usage_error(err, "%s needs at least one check name", opt);
	free(copy);
	return rc;
}

static void
list_checks(FILE *fp)
{
	for (size_t i = 0; wp_checks[i]; i++) {
		const struct wp_check *c = wp_checks[i];

		fprintf(fp, "%-12s %s\n", c->name, c->title);
		for (size_t j = 0; c->settings && c->settings[j]; j++)
			fprintf(fp, "%-12s   %s\n", "", c->settings[j]);
	}
}

static void
opts_init(struct cli_opts *o)
{
	memset(o, 0, sizeof *o);
	o->format = "text";
	o->timeout_ms = 1500;
	o->redact = -1;
	o->fail_on = WP_FAIL;
	o->color = CLI_COLOR_AUTO;
}

enum cli_status
cli_parse(int argc, char **argv, struct cli_opts *o, FILE *out, FILE *err)
{
	int c;
	long v;

	opts_init(o);
	/* "lint" and "diff" are subcommands only as the first word. */
	if (argc > 1 && (strcmp(argv[1], "lint") == 0 ||
	    strcmp(argv[1], "diff") == 0)) {
		o->command = strcmp(argv[1], "lint") == 0 ? CLI_LINT :
		    CLI_DIFF;
		argv++;
		argc--;
	}
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:f:o:t:qvhV", long_opts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			o->config = optarg;
			break;
		case OPT_NO_CONFIG:
			o->no_config = 1;
			break;
		case OPT_WSL_CONF:
			o->wsl_conf = optarg;
			break;
		case 'f':
			if (!report_find(optarg)) {
				char *names = report_names(0);

				usage_error(err, "unknown format '%s' "
				    "(available: %s)", optarg, names);
				free(names);
				return CLI_EXIT_USAGE;
			}
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_ONLY:
			if (parse_checks(optarg, "--only", &o->only, err) < 0)
				return CLI_EXIT_USAGE;
			break;
		case OPT_SKIP:
			if (parse_checks(optarg, "--skip", &o->skip, err) < 0)
				return CLI_EXIT_USAGE;
			break;
		case OPT_LIST_CHECKS:
			o->list_checks = 1;
			break;
		case OPT_LIST_FORMATS:
			report_print_names(out, 0, "\n");
			fputc('\n', out);
			return CLI_EXIT_OK;
		case 't':
			if (parse_long(optarg, 1, 600000, &o->timeout_ms) < 0) {
				usage_error(err, "invalid --timeout '%s' "
				    "(milliseconds, 1 to 600000)", optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_HOST_PORT:
			if (parse_long(optarg, 1, 65535, &v) < 0) {
				usage_error(err, "invalid --host-port '%s' "
				    "(a TCP port, 1 to 65535)", optarg);
				return CLI_EXIT_USAGE;
			}
			o->host_ports = xreallocarray(o->host_ports,
			    o->n_host_ports + 1, sizeof *o->host_ports);
			o->host_ports[o->n_host_ports++] = (int)v;
			break;
		case OPT_DNS_NAME:
			if (!*optarg || strlen(optarg) > 253) {
				usage_error(err, "invalid --dns-name '%s'",
				    optarg);
				return CLI_EXIT_USAGE;
			}
			list_append(&o->dns_names, optarg);
			break;
		case OPT_PROXY_URL:
			o->proxy_url = optarg;
			break;
		case OPT_ROOT:
			if (optarg[0] == '\0') {
				usage_error(err, "--root needs a directory");
				return CLI_EXIT_USAGE;
			}
			/*
			 * Absolute, so that helper programs found under it
			 * still resolve after they change directory.
			 */
			free(o->root_abs);
			o->root_abs = realpath(optarg, NULL);
			if (!o->root_abs) {
				usage_error(err, "--root '%s': %s", optarg,
				    strerror(errno));
				return CLI_EXIT_USAGE;
			}
			o->root = o->root_abs;
			break;
		case OPT_NO_WINDOWS:
			o->no_windows = 1;
			break;
		case OPT_WATCH_RECLAIM:
			if (parse_long(optarg, 1, 86400, &o->watch_reclaim_s)
			    < 0) {
				usage_error(err, "invalid --watch-reclaim "
				    "'%s' (seconds, 1 to 86400)", optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_SAVE_SNAPSHOT:
			o->save_snapshot = optarg;
			break;
		case OPT_REPLAY:
			o->replay = optarg;
			break;
		case OPT_REDACT:
			o->redact = 1;
			break;
		case OPT_NO_REDACT:
			o->redact = 0;
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "fail") == 0)
				o->fail_on = WP_FAIL;
			else if (strcmp(optarg, "warn") == 0)
				o->fail_on = WP_WARN;
			else {
				usage_error(err, "invalid --fail-on '%s' "
				    "(fail or warn)", optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = CLI_COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				o->color = CLI_COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				o->color = CLI_COLOR_NEVER;
			else {
				usage_error(err, "invalid --color '%s' "
				    "(auto, always or never)", optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'h':
			cli_usage(out);
			return CLI_EXIT_OK;
		case 'V':
			print_version(out);
			return CLI_EXIT_OK;
		case ':':
			usage_error(err, "option '%s' needs a value",
			    argv[optind - 1]);
			return CLI_EXIT_USAGE;
		default:
			if (optopt && optopt < 256)
				usage_error(err, "unknown option '-%c'",
				    optopt);
			else
				usage_error(err, "unknown option '%s'",
				    argv[optind - 1]);
			return CLI_EXIT_USAGE;
		}
	}
	if (o->list_checks) {
		list_checks(out);
		return CLI_EXIT_OK;
	}
	if (o->command == CLI_LINT) {
		if (optind < argc)
			o->config = argv[optind++];
	}
	if (o->command == CLI_DIFF) {
		if (argc - optind < 2) {
			usage_error(err, "diff needs two files: OLD NEW");
			return CLI_EXIT_USAGE;
		}
		o->diff_old = argv[optind++];
		o->diff_new = argv[optind++];
	}
	if (optind < argc) {
		usage_error(err, "unexpected argument '%s'", argv[optind]);
		return CLI_EXIT_USAGE;
	}
	if (o->config && o->no_config) {
		usage_error(err, "--config and --no-config exclude each other");
		return CLI_EXIT_USAGE;
	}
	if (o->replay && o->save_snapshot) {
		usage_error(err, "--replay and --save-snapshot exclude each "
		    "other");
		return CLI_EXIT_USAGE;
	}
	/* The watch samples a live VM over time: a snapshot has no time. */
	if (o->replay && o->watch_reclaim_s) {
		usage_error(err, "--watch-reclaim needs a live run, not "
		    "--replay (a saved snapshot holds the samples of the watch "
		    "it was taken with)");
		return CLI_EXIT_USAGE;
	}
	if (o->quiet && o->verbose) {
		usage_error(err, "--quiet and --verbose exclude each other");
		return CLI_EXIT_USAGE;
	}
	if (!o->n_host_ports) {
		/* TCP 135 (RPC endpoint mapper) listens on every Windows. */
		o->host_ports = xmalloc(sizeof *o->host_ports);
		o->host_ports[o->n_host_ports++] = 135;
	}
	if (!o->dns_names)
		list_append(&o->dns_names, "www.msftconnecttest.com");
	return CLI_OK;
}

void
cli_opts_release(struct cli_opts *o)
{
	list_free(o->only);
	list_free(o->skip);
	list_free(o->dns_names);
	free(o->host_ports);
	free(o->root_abs);
	memset(o, 0, sizeof *o);
}

int
cli_check_selected(const struct cli_opts *o, const char *name)
{
	size_t i;

	if (o->only) {
		for (i = 0; o->only[i]; i++)
			if (strcmp(o->only[i], name) == 0)
				break;
		if (!o->only[i])
			return 0;
	}
	for (i = 0; o->skip && o->skip[i]; i++)
		if (strcmp(o->skip[i], name) == 0)
			return 0;
	return 1;
}

void
cli_params(const struct cli_opts *o, struct wp_params *p)
{
	wp_params_release(p);
	p->root = o->root ? xstrdup(o->root) : NULL;
	p->config = o->config ? xstrdup(o->config) : NULL;
	p->no_config = o->no_config;
	p->wsl_conf = o->wsl_conf ? xstrdup(o->wsl_conf) : NULL;
	p->timeout_ms = o->timeout_ms;
	if (o->n_host_ports) {
		p->host_ports = xcalloc(o->n_host_ports, sizeof *p->host_ports);
		memcpy(p->host_ports, o->host_ports,
		    o->n_host_ports * sizeof *p->host_ports);
		p->n_host_ports = o->n_host_ports;
	}
	p->dns_names = wp_strv_dup(o->dns_names);
	p->proxy_url = o->proxy_url ? xstrdup(o->proxy_url) : NULL;
	p->watch_reclaim_s = o->watch_reclaim_s;
	p->no_windows = o->no_windows;
	p->keep_secrets = o->redact == 0;
	p->only = wp_strv_dup(o->only);
	p->skip = wp_strv_dup(o->skip);
}
