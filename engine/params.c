/* SPDX-License-Identifier: MIT */
/* The checks' parameters; see params.h. */
#include "config.h"

#include "engine/params.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void
wp_params_init(struct wp_params *p)
{
	memset(p, 0, sizeof *p);
	p->timeout_ms = 1500;
}

char **
wp_strv_dup(char *const *v)
{
	size_t n = 0;
	char **out;

	if (!v)
		return NULL;
	while (v[n])
		n++;
	out = xcalloc(n + 1, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	return out;
}

static void
strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static char *
str_dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
wp_params_release(struct wp_params *p)
{
	free(p->root);
	free(p->config);
	free(p->wsl_conf);
	free(p->host_ports);
	strv_free(p->dns_names);
	free(p->proxy_url);
	strv_free(p->only);
	strv_free(p->skip);
	wp_params_init(p);
}

struct wp_params *
wp_params_dup(const struct wp_params *p)
{
	struct wp_params *d = xcalloc(1, sizeof *d);

	*d = *p;
	d->root = str_dup(p->root);
	d->config = str_dup(p->config);
	d->wsl_conf = str_dup(p->wsl_conf);
	d->host_ports = NULL;
	if (p->n_host_ports) {
		d->host_ports = xcalloc(p->n_host_ports, sizeof *d->host_ports);
		memcpy(d->host_ports, p->host_ports,
		    p->n_host_ports * sizeof *d->host_ports);
	}
	d->dns_names = wp_strv_dup(p->dns_names);
	d->proxy_url = str_dup(p->proxy_url);
	d->only = wp_strv_dup(p->only);
	d->skip = wp_strv_dup(p->skip);
	return d;
}

void
wp_params_free(struct wp_params *p)
{
	if (!p)
		return;
	wp_params_release(p);
	free(p);
}

static int
in_list(char *const *v, const char *name)
{
	for (size_t i = 0; v && v[i]; i++) {
		if (strcmp(v[i], name) == 0)
			return 1;
	}
	return 0;
}

int
wp_params_selected(const struct wp_params *p, const char *name)
{
	if (p->only && !in_list(p->only, name))
		return 0;
	return !in_list(p->skip, name);
}
