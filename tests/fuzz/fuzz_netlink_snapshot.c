/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: what the network and localhost judges read from a
 * snapshot.  The input is a whole snapshot, or (when it is not a JSON
 * object) the text of /proc/sys/net/ipv4/ip_local_port_range, which the
 * probe reads through --root from trees it does not control.  Both
 * judges and the classifier must survive anything: wrong types, NUL
 * bytes, huge arrays (interface.md §4: missing means "not gathered").
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checks/localhost.h"
#include "checks/network.h"
#include "engine/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
judge_all(json_object *snap)
{
	struct wp_expect *x = expect_build(snap);
	struct wp_results rs;
	char **why = NULL;

	wp_results_init(&rs);
	check_network_judge(snap, x, &rs);
	check_localhost_judge(snap, x, &rs);
	(void)network_classify(snap, &why);
	network_why_free(why);
	wp_results_release(&rs);
	expect_free(x);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_tokener *tok;
	json_object *snap, *files, *f;
	long lo, hi;

	(void)network_port_range((const char *)data, size, &lo, &hi);
	tok = json_tokener_new_ex(64);
	if (!tok)
		return 0;
	snap = json_tokener_parse_ex(tok, (const char *)data, (int)size);
	json_tokener_free(tok);
	if (snap && json_object_is_type(snap, json_type_object)) {
		/* As gathered inside WSL2, then as a hand-made snapshot. */
		judge_all(snap);
		json_object_object_add(snap, "active_probes",
		    json_object_new_boolean(1));
		judge_all(snap);
		json_object_put(snap);
		return 0;
	}
	json_object_put(snap);
	/* Not JSON: the bytes are the port range file of a mirrored VM. */
	snap = json_object_new_object();
	json_object_object_add(snap, "active_probes",
	    json_object_new_boolean(1));
	files = snap_obj(snap, "files");
	f = json_object_new_object();
	json_object_object_add(f, "text", json_object_new_string_len(
	    (const char *)data, (int)(size > 1 << 20 ? 1 << 20 : size)));
	json_object_object_add(files,
	    "/proc/sys/net/ipv4/ip_local_port_range", f);
	json_object_object_add(snap_obj(snap, "net"), "links",
	    json_object_new_array());
	judge_all(snap);
	json_object_put(snap);
	return 0;
}
