/* SPDX-License-Identifier: MIT */
/* Building, reading, saving and loading snapshots; see snapshot.h. */
#include "config.h"

#include "engine/snapshot.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/atomic.h"
#include "util/clock.h"
#include "util/encoding.h"
#include "util/xalloc.h"

json_object *
snapshot_new(const char *root)
{
	json_object *snap = json_object_new_object();
	char *now = time_iso8601(clock_wall());

	json_object_object_add(snap, "schema",
	    json_object_new_string(SNAPSHOT_SCHEMA));
	json_object_object_add(snap, "taken_at", json_object_new_string(now));
	json_object_object_add(snap, "wslprobe_version",
	    json_object_new_string(PACKAGE_VERSION));
	json_object_object_add(snap, "root",
	    json_object_new_string(root && *root ? root : "/"));
	free(now);
	return snap;
}

void
snapshot_merge(json_object *snap, json_object *fragment)
{
	json_object_object_foreach(fragment, key, val) {
		json_object *have;

		if (json_object_object_get_ex(snap, key, &have) &&
		    json_object_is_type(have, json_type_object) &&
		    json_object_is_type(val, json_type_object)) {
			json_object_object_foreach(val, k2, v2)
				json_object_object_add(have, k2,
				    json_object_get(v2));
		} else if (json_object_object_get_ex(snap, key, &have) &&
		    json_object_is_type(have, json_type_array) &&
		    json_object_is_type(val, json_type_array)) {
			size_t i, n = json_object_array_length(val);

			for (i = 0; i < n; i++)
				json_object_array_add(have, json_object_get(
				    json_object_array_get_idx(val, i)));
		} else {
			json_object_object_add(snap, key,
			    json_object_get(val));
		}
	}
}

json_object *
snap_obj(json_object *obj, const char *key)
{
	json_object *o;

	if (json_object_object_get_ex(obj, key, &o) &&
	    json_object_is_type(o, json_type_object))
		return o;
	o = json_object_new_object();
	json_object_object_add(obj, key, o);
	return o;
}

void
snap_set_str(json_object *obj, const char *key, const char *value)
{
	json_object_object_add(obj, key,
	    value ? json_object_new_string(value) : NULL);
}

void
snap_take_str(json_object *obj, const char *key, char *value)
{
	snap_set_str(obj, key, value);
	free(value);
}

void
snap_add_file(json_object *fragment, const char *path,
    const struct rootfs_file *f)
{
	json_object *files = snap_obj(fragment, "files");
	json_object *rec = json_object_new_object();

	if (f->data && !f->error) {
		if (utf8_valid(f->data, f->len)) {
			json_object_object_add(rec, "text",
			    json_object_new_string_len(f->data, (int)f->len));
		} else {
			char *b = base64_encode(f->data, f->len);

			json_object_object_add(rec, "text_b64",
			    json_object_new_string(b));
			free(b);
		}
	} else {
		json_object_object_add(rec, "text", NULL);
	}
	json_object_object_add(rec, "mtime", f->mtime >= 0 ?
	    json_object_new_double(f->mtime) : NULL);
	snap_set_str(rec, "error", f->error);
	if (f->link_target)
		snap_set_str(rec, "link_target", f->link_target);
	if (f->truncated)
		json_object_object_add(rec, "truncated",
		    json_object_new_boolean(1));
	json_object_object_add(files, path, rec);
}

void
snap_add_error(json_object *fragment, const char *what, const char *why)
{
	json_object *errs, *e = json_object_new_object();

	if (!json_object_object_get_ex(fragment, "errors", &errs) ||
	    !json_object_is_type(errs, json_type_array)) {
		errs = json_object_new_array();
		json_object_object_add(fragment, "errors", errs);
	}
	snap_set_str(e, "what", what);
	snap_set_str(e, "why", why);
	json_object_array_add(errs, e);
}

json_object *
snap_get(json_object *snap, const char *dotted)
{
	json_object *cur = snap;
	const char *p = dotted;

	while (cur && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		char key[128];

		if (n >= sizeof key || !json_object_is_type(cur,
		    json_type_object))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		if (!json_object_object_get_ex(cur, key, &cur))
			return NULL;
		p += n + (dot ? 1 : 0);
	}
	return cur;
}

const char *
snap_str(json_object *snap, const char *dotted)
{
	json_object *o = snap_get(snap, dotted);

	if (!o || !json_object_is_type(o, json_type_string))
		return NULL;
	return json_object_get_string(o);
}

int
snap_bool(json_object *snap, const char *dotted)
{
	json_object *o = snap_get(snap, dotted);

	if (!o || !json_object_is_type(o, json_type_boolean))
		return -1;
	return json_object_get_boolean(o) ? 1 : 0;
}

int
snap_num(json_object *snap, const char *dotted, double *out)
{
	json_object *o = snap_get(snap, dotted);

	if (!o || !(json_object_is_type(o, json_type_int) ||
	    json_object_is_type(o, json_type_double)))
		return -1;
	*out = json_object_get_double(o);
	return 0;
}

json_object *
snap_file(json_object *snap, const char *path)
{
	json_object *files = snap_get(snap, "files"), *rec;

	if (!files || !json_object_is_type(files, json_type_object) ||
	    !json_object_object_get_ex(files, path, &rec) ||
	    !json_object_is_type(rec, json_type_object))
		return NULL;
	return rec;
}

char *
snap_file_data(json_object *snap, const char *path, size_t *len)
{
	json_object *rec = snap_file(snap, path), *t;

	if (!rec)
		return NULL;
	if (json_object_object_get_ex(rec, "text", &t) &&
	    json_object_is_type(t, json_type_string)) {
		*len = (size_t)json_object_get_string_len(t);
		return xstrndup(json_object_get_string(t), *len);
	}
	if (json_object_object_get_ex(rec, "text_b64", &t) &&
	    json_object_is_type(t, json_type_string))
		return base64_decode(json_object_get_string(t), len);
	return NULL;
}

static int
write_snapshot(FILE *fp, void *arg)
{
	const char *s = json_object_to_json_string_ext(arg,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	    JSON_C_TO_STRING_NOSLASHESCAPE);

	return fputs(s, fp) < 0 || fputc('\n', fp) < 0 ? -1 : 0;
}

int
snapshot_save(json_object *snap, const char *path, char **error)
{
	return atomic_write(path, write_snapshot, snap, error);
}

/* Schema "wslprobe-snapshot/N": refuse N newer than ours. */
static int
schema_check(json_object *snap, char **error)
{
	const char *schema = snap_str(snap, "schema");
	const char *prefix = "wslprobe-snapshot/";
	char *end;
	long n;

	if (!schema || strncmp(schema, prefix, strlen(prefix)) != 0) {
		*error = xasprintf("not a wslprobe snapshot (schema '%s')",
		    schema ? schema : "missing");
		return -1;
	}
	n = strtol(schema + strlen(prefix), &end, 10);
	if (*end || n < 1) {
		*error = xasprintf("unknown snapshot schema '%s'", schema);
		return -1;
	}
	if (n > 1) {
		*error = xasprintf("snapshot schema '%s' is newer than this "
		    "wslprobe understands (%s); upgrade wslprobe", schema,
		    SNAPSHOT_SCHEMA);
		return -1;
	}
	return 0;
}

json_object *
snapshot_parse(const char *data, size_t len, const char *name, char **error)
{
	struct json_tokener *tok;
	json_object *snap;
	enum json_tokener_error jerr;
	size_t end;

	*error = NULL;
	if (len > SNAPSHOT_MAX_SIZE || len > INT_MAX) {
		*error = xasprintf("snapshot '%s' is larger than %d MiB", name,
		    SNAPSHOT_MAX_SIZE / (1024 * 1024));
		return NULL;
	}
	tok = json_tokener_new_ex(64);
	snap = json_tokener_parse_ex(tok, data, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	/* Only blanks may follow the object (the data need not end in NUL). */
	while (snap && jerr == json_tokener_success && end < len) {
		if (!strchr(" \t\r\n", data[end]) || data[end] == '\0') {
			jerr = json_tokener_error_parse_unexpected;
			break;
		}
		end++;
	}
	if (!snap || jerr != json_tokener_success) {
		*error = xasprintf("snapshot '%s' is not valid JSON: %s", name,
		    snap && jerr != json_tokener_continue ?
		    "trailing data after the object" :
		    jerr == json_tokener_continue ? "unexpected end of file" :
		    json_tokener_error_desc(jerr));
		json_object_put(snap);
		snap = NULL;
	} else if (!json_object_is_type(snap, json_type_object)) {
		*error = xasprintf("snapshot '%s' is not a JSON object", name);
		json_object_put(snap);
		snap = NULL;
	} else if (schema_check(snap, error) < 0) {
		char *e = xasprintf("snapshot '%s': %s", name, *error);

		free(*error);
		*error = e;
		json_object_put(snap);
		snap = NULL;
	}
	json_tokener_free(tok);
	return snap;
}

json_object *
snapshot_load(const char *path, char **error)
{
	struct rootfs_file f;
	json_object *snap;

	*error = NULL;
	rootfs_read_plain(path, SNAPSHOT_MAX_SIZE, &f);
	if (f.error) {
		*error = xasprintf("cannot read snapshot '%s': %s", path,
		    f.error);
		rootfs_file_release(&f);
		return NULL;
	}
	if (f.truncated) {
		*error = xasprintf("snapshot '%s' is larger than %d MiB",
		    path, SNAPSHOT_MAX_SIZE / (1024 * 1024));
		rootfs_file_release(&f);
		return NULL;
	}
	snap = snapshot_parse(f.data, f.len, path, error);
	rootfs_file_release(&f);
	return snap;
}
