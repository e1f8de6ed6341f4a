/* SPDX-License-Identifier: MIT */
/* Fact states; see state.h. */
#include "config.h"

#include "facts/state.h"

#include <string.h>

#include "engine/snapshot.h"

enum fact_state
fact_file(json_object *snap, const char *path, const char **text,
    size_t *len, const char **why)
{
	json_object *rec = snap_file(snap, path), *t;
	const char *err;

	if (text)
		*text = NULL;
	if (len)
		*len = 0;
	if (why)
		*why = NULL;
	if (!rec || !json_object_is_type(rec, json_type_object))
		return FACT_NOT_GATHERED;
	err = snap_str(rec, "error");
	if (err) {
		if (strcmp(err, "not found") == 0)
			return FACT_ABSENT;
		if (why)
			*why = err;
		return FACT_NOT_GATHERED;
	}
	if (json_object_object_get_ex(rec, "text", &t) &&
	    json_object_is_type(t, json_type_string)) {
		if (text)
			*text = json_object_get_string(t);
		if (len)
			*len = (size_t)json_object_get_string_len(t);
		return FACT_PRESENT;
	}
	if (json_object_object_get_ex(rec, "text_b64", &t) &&
	    json_object_is_type(t, json_type_string))
		return FACT_PRESENT;	/* binary: snap_file_data decodes it */
	return FACT_NOT_GATHERED;
}

enum fact_state
fact_member(json_object *snap, const char *dotted, json_type type,
    json_object **out)
{
	json_object *v = NULL, *parent = snap;
	const char *dot = strrchr(dotted, '.');
	const char *last = dot ? dot + 1 : dotted;

	if (out)
		*out = NULL;
	/* A null leaf must be told apart from a missing one. */
	if (dot) {
		char buf[256];
		size_t n = (size_t)(dot - dotted);

		if (n >= sizeof buf)
			return FACT_NOT_GATHERED;
		memcpy(buf, dotted, n);
		buf[n] = '\0';
		parent = snap_get(snap, buf);
	}
	if (!parent || !json_object_is_type(parent, json_type_object) ||
	    !json_object_object_get_ex(parent, last, &v))
		return FACT_NOT_GATHERED;
	if (!v)
		return FACT_ABSENT;
	if (json_object_is_type(v, type) || (type == json_type_double &&
	    json_object_is_type(v, json_type_int))) {
		if (out)
			*out = v;
		return FACT_PRESENT;
	}
	return FACT_NOT_GATHERED;
}

enum fact_state
fact_str(json_object *snap, const char *dotted, const char **out)
{
	json_object *v;
	enum fact_state st = fact_member(snap, dotted, json_type_string, &v);

	if (out)
		*out = st == FACT_PRESENT ? json_object_get_string(v) : NULL;
	return st;
}

enum fact_state
fact_bool(json_object *snap, const char *dotted, int *out)
{
	json_object *v;
	enum fact_state st = fact_member(snap, dotted, json_type_boolean, &v);

	if (out)
		*out = st == FACT_PRESENT ? json_object_get_boolean(v) : 0;
	return st;
}

enum fact_state
fact_num(json_object *snap, const char *dotted, double *out)
{
	json_object *v;
	enum fact_state st = fact_member(snap, dotted, json_type_double, &v);

	if (out)
		*out = st == FACT_PRESENT ? json_object_get_double(v) : 0;
	return st;
}

const char *
fact_state_name(enum fact_state st)
{
	switch (st) {
	case FACT_PRESENT:
		return "present";
	case FACT_ABSENT:
		return "absent";
	case FACT_NOT_GATHERED:
		break;
	}
	return "not gathered";
}
