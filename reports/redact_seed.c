/* SPDX-License-Identifier: MIT */
/*
 * The seeds of a redaction (redact.h): values that the snapshot shows to
 * be personal but that free text alone would not reveal — search
 * domains, host names, proxy hosts, DNS names asked for, and a distro
 * name that is not one of the Store's.
 */
#include "config.h"

#include "reports/redact.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "engine/snapshot.h"
#include "util/xalloc.h"

/* Distro names as the Store and `wsl --install` give them: not personal. */
static const char *const store_distros[] = {
	"Ubuntu", "Debian", "kali-linux", "openSUSE", "SUSE", "SLES",
	"AlmaLinux", "OracleLinux", "FedoraLinux", "archlinux", "Arch",
	"docker-desktop", "Alpine", "Pengwin", "NixOS", NULL
};

void
redact_seed_words(struct wp_redact *r, enum redact_kind k, const char *line)
{
	char *copy = xstrdup(line), *save = NULL, *w;

	for (w = strtok_r(copy, " \t,", &save); w;
	    w = strtok_r(NULL, " \t,", &save)) {
		while (*w == '*' || *w == '.')
			w++;
		redact_seed(r, k, w);
	}
	free(copy);
}

/* Every "search" and "domain" line of every resolv.conf read. */
static void
seed_resolvconf(struct wp_redact *r, json_object *snap)
{
	json_object *files = snap_get(snap, "files");

	if (!files || !json_object_is_type(files, json_type_object))
		return;
	json_object_object_foreach(files, path, f) {
		size_t pl = strlen(path), len;
		char *text, *save = NULL, *line;

		if (pl < 11 || strcmp(path + pl - 11, "resolv.conf") != 0)
			continue;
		(void)f;
		text = snap_file_data(snap, path, &len);
		for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
		    line = strtok_r(NULL, "\n", &save)) {
			line += strspn(line, " \t");
			if (strncmp(line, "search", 6) == 0)
				redact_seed_words(r, REDACT_DOMAIN, line + 6);
			else if (strncmp(line, "domain", 6) == 0)
				redact_seed_words(r, REDACT_DOMAIN, line + 6);
		}
		free(text);
	}
}

static void
seed_url_host(struct wp_redact *r, const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL;

	if (!u)
		return;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_GUESS_SCHEME |
	    CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		redact_seed(r, REDACT_HOST, host);
	curl_free(host);
	curl_url_cleanup(u);
}

/* Proxy variables, wherever the snapshot keeps them (env, proxy.*). */
static void
seed_proxies(struct wp_redact *r, json_object *o, int depth)
{
	if (!o || depth > 8 || !json_object_is_type(o, json_type_object))
		return;
	json_object_object_foreach(o, key, v) {
		const char *s;

		if (json_object_is_type(v, json_type_object)) {
			seed_proxies(r, v, depth + 1);
			continue;
		}
		if (!json_object_is_type(v, json_type_string) ||
		    !strcasestr(key, "proxy"))
			continue;
		s = json_object_get_string(v);
		if (strcasecmp(key, "no_proxy") == 0)
			redact_seed_words(r, REDACT_HOST, s);
		else
			seed_url_host(r, s);
	}
}

static void
seed_distro(struct wp_redact *r, const char *name)
{
	if (!name)
		return;
	for (size_t i = 0; store_distros[i]; i++)
		if (strncasecmp(name, store_distros[i],
		    strlen(store_distros[i])) == 0)
			return;
	redact_seed(r, REDACT_DISTRO, name);
}

static void
seed_dns_names(struct wp_redact *r, json_object *snap)
{
	json_object *dns = snap_get(snap, "probes.dns");

	if (!dns || !json_object_is_type(dns, json_type_array))
		return;
	for (size_t i = 0; i < json_object_array_length(dns); i++) {
		const char *name = snap_str(json_object_array_get_idx(dns, i),
		    "name");

		/* The default name is Microsoft's, nobody's own. */
		if (name && strcasecmp(name, "www.msftconnecttest.com") != 0)
			redact_seed(r, REDACT_HOST, name);
	}
}

void
redact_seed_snapshot(struct wp_redact *r, json_object *snap)
{
	char *host;
	size_t len;

	if (!r || !snap || !redact_pseudonymises(r))
		return;
	seed_resolvconf(r, snap);
	seed_proxies(r, snap_get(snap, "env"), 0);
	seed_proxies(r, snap_get(snap, "proxy"), 0);
	seed_dns_names(r, snap);
	seed_distro(r, snap_str(snap, "wsl.distro_name"));
	seed_distro(r, snap_str(snap, "env.WSL_DISTRO_NAME"));
	redact_seed(r, REDACT_HOST, snap_str(snap, "system.hostname"));
	host = snap_file_data(snap, "/etc/hostname", &len);
	if (host) {
		host[strcspn(host, " \t\r\n")] = '\0';
		redact_seed(r, REDACT_HOST, host);
		free(host);
	}
}
