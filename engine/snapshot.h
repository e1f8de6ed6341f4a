/* SPDX-License-Identifier: MIT */
/*
 * The snapshot (interface.md §4): everything judging needs, as a json-c
 * object, so that what is saved is exactly what is judged and --replay
 * gives the same results on any machine.
 */
#ifndef WSLPROBE_ENGINE_SNAPSHOT_H
#define WSLPROBE_ENGINE_SNAPSHOT_H

#include <stddef.h>

#include <json-c/json.h>

#include "util/rootfs.h"

#define SNAPSHOT_SCHEMA		"wslprobe-snapshot/1"
#define SNAPSHOT_MAX_SIZE	(64 * 1024 * 1024)

/* A new snapshot with schema, taken_at, wslprobe_version and root. */
json_object	*snapshot_new(const char *root);
/* Merges FRAGMENT's members into SNAP (objects merge one level deep). */
void		 snapshot_merge(json_object *snap, json_object *fragment);

/* The object at KEY of OBJ, created when missing. */
json_object	*snap_obj(json_object *obj, const char *key);
/* Records a file read in FRAGMENT's "files" map under PATH. */
void		 snap_add_file(json_object *fragment, const char *path,
		    const struct rootfs_file *);
/* Appends {what, why} to FRAGMENT's "errors" array. */
void		 snap_add_error(json_object *fragment, const char *what,
		    const char *why);
void		 snap_set_str(json_object *obj, const char *key,
		    const char *value);	/* NULL → JSON null */
/* The same, taking ownership of VALUE (allocated, or NULL). */
void		 snap_take_str(json_object *obj, const char *key, char *value);

/*
 * Getters by dotted path ("wsl.wslinfo.version").  They never fail:
 * a missing or mistyped member gives NULL / the fallback, so a snapshot
 * with missing parts judges as "not gathered", never a crash.
 */
json_object	*snap_get(json_object *snap, const char *dotted);
const char	*snap_str(json_object *snap, const char *dotted);
/* 1, 0, or -1 when absent or not a boolean. */
int		 snap_bool(json_object *snap, const char *dotted);
/* Returns 0 and sets *out, or -1 when absent or not a number. */
int		 snap_num(json_object *snap, const char *dotted, double *out);

/*
 * The bytes of a file recorded in snap.files (text or text_b64), or NULL
 * when the file was not read or could not be.  Returns an allocated copy.
 */
char		*snap_file_data(json_object *snap, const char *path,
		    size_t *len);
/* The file's record in snap.files, or NULL. */
json_object	*snap_file(json_object *snap, const char *path);

/* Writes SNAP to PATH atomically.  Returns 0, or -1 with *error set. */
int		 snapshot_save(json_object *snap, const char *path,
		    char **error);
/*
 * Reads and validates a saved snapshot.  Returns NULL with *error set
 * (allocated) for unreadable, malformed or newer-schema files.
 */
json_object	*snapshot_load(const char *path, char **error);
/* The same for bytes in memory; NAME is used in messages. */
json_object	*snapshot_parse(const char *data, size_t len, const char *name,
		    char **error);

#endif
