/* SPDX-License-Identifier: MIT */
/*
 * Every fact a judge reads has one of three states:
 *
 *   FACT_PRESENT	gathered, and there it is;
 *   FACT_ABSENT	gathered, and it is not there (a file that does not
 *			exist, a JSON null the gatherer wrote on purpose):
 *			a real finding a verdict may rest on;
 *   FACT_NOT_GATHERED	missing from the snapshot (the check was not
 *			selected, the snapshot was built by hand, an older
 *			version), of the wrong JSON type, or the read failed
 *			with an error other than "not found".  A judge that
 *			meets this gives `unknown`, never a verdict.
 *
 * Judges ask here instead of testing json-c pointers for NULL.
 */
#ifndef WSLPROBE_FACTS_STATE_H
#define WSLPROBE_FACTS_STATE_H

#include <stddef.h>

#include <json-c/json.h>

enum fact_state {
	FACT_NOT_GATHERED,
	FACT_ABSENT,
	FACT_PRESENT,
};

/*
 * The file PATH as recorded in snap.files.  PRESENT: *text (may be NULL)
 * points at its bytes (text or the decoded text_b64 is in the record;
 * for binary data use snap_file_data) and *len their length.  ABSENT: the
 * read said "not found".  NOT_GATHERED: no record, or another error,
 * whose text goes to *why (when WHY is not NULL; NULL otherwise).
 */
enum fact_state	 fact_file(json_object *snap, const char *path,
		    const char **text, size_t *len, const char **why);
/*
 * The member at DOTTED.  PRESENT: it has type TYPE (json_type_double
 * accepts integers too), and *out (may be NULL) points at it.  ABSENT:
 * the member is a JSON null.  NOT_GATHERED: missing or of another type.
 */
enum fact_state	 fact_member(json_object *snap, const char *dotted,
		    json_type type, json_object **out);
/* The same for a string member: *out (may be NULL) gets its text. */
enum fact_state	 fact_str(json_object *snap, const char *dotted,
		    const char **out);
/* The same for a boolean: *out (may be NULL) gets 0 or 1. */
enum fact_state	 fact_bool(json_object *snap, const char *dotted, int *out);
/* The same for a number: *out (may be NULL) gets it. */
enum fact_state	 fact_num(json_object *snap, const char *dotted,
		    double *out);
/* "present", "absent", "not gathered". */
const char	*fact_state_name(enum fact_state);

#endif
