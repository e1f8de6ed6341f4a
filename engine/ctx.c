/* SPDX-License-Identifier: MIT */
/* The gather context; see ctx.h. */
#include "config.h"

#include "engine/ctx.h"

#include <stdarg.h>
#include <stdlib.h>

#include "util/clock.h"
#include "util/xalloc.h"

long
wp_ctx_remaining_ms(const struct wp_ctx *ctx)
{
	long long left = ctx->deadline_ms - clock_mono_ms();

	return left > 0 ? (long)left : 0;
}

int
wp_ctx_error(struct wp_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	free(ctx->error);
	va_start(ap, fmt);
	ctx->error = xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}
