/* SPDX-License-Identifier: MIT */
/* UTF-8 validation and base64, for storing raw file bytes in JSON. */
#ifndef WSLPROBE_UTIL_ENCODING_H
#define WSLPROBE_UTIL_ENCODING_H

#include <stddef.h>

/* 1 if BUF is valid UTF-8 without NUL bytes, else 0. */
int	 utf8_valid(const char *buf, size_t len);
/* The same for a NUL-terminated string. */
int	 utf8_valid_cstr(const char *s);
/* Returns an allocated, NUL-terminated base64 text. */
char	*base64_encode(const char *buf, size_t len);
/* Returns allocated bytes (NUL-terminated), or NULL on invalid input. */
char	*base64_decode(const char *text, size_t *len);

#endif
