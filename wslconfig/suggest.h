/* SPDX-License-Identifier: MIT */
/*
 * Did-you-mean for .wslconfig and wsl.conf names: how close a name the user
 * wrote is to a name WSL reads.  The measure is git's (help.c,
 * levenshtein.c): a weighted Damerau–Levenshtein distance in which
 * leaving letters out is cheap and adding letters is dear, with a
 * similarity threshold, here scaled with the length of the known name.
 * Before measuring, both names are normalised (ASCII case folded, '_',
 * '-', '.' and blanks dropped); a known name that starts with what was
 * written gets a prefix bonus, and well-known synonyms (cpus, cores ->
 * processors; swapSize -> swap) match outright.
 *
 * Pure functions of their arguments; no table of keys lives here.
 */
#ifndef WSLPROBE_WSLCONFIG_SUGGEST_H
#define WSLPROBE_WSLCONFIG_SUGGEST_H

#include <limits.h>
#include <stddef.h>

#define SUGGEST_FAR	INT_MAX		/* not similar enough */
#define SUGGEST_NAME_MAX 64		/* longer names are never close */

/* ASCII letters and digits of IN, lower case, into OUT (SIZE bytes). */
void	suggest_normalize(const char *in, char *out, size_t size);
/*
 * git's levenshtein(typed, known, 0, 2, 1, 3): a swap of two neighbours
 * costs 0, a substitution 2 (4 for one digit by another: "ipv4" is not
 * a typo of "ipv6"), a letter missing from TYPED 1, an extra letter 3.
 * Both names as given (normalise first); -1 when either is longer than
 * SUGGEST_NAME_MAX.
 */
int	suggest_distance(const char *typed, const char *known);
/*
 * How close TYPED is to KNOWN, both raw names: 0 when they differ only
 * in case and separators, 1 for a synonym or when KNOWN starts with
 * TYPED (at least 4 letters), 2 when TYPED is KNOWN plus a noise word
 * ("memorySize"), else 3 + the distance when within the threshold
 * (distance * 4 <= max(length of KNOWN, 6) + 2); SUGGEST_FAR otherwise.
 * Lower is closer.
 */
int	suggest_score(const char *typed, const char *known);
/* The canonical normalised name a synonym stands for, or NULL. */
const char *suggest_synonym(const char *normalized);

#endif
