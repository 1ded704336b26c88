/*
 * arena.h — per-request memory.
 *
 * Every allocation a handler makes while answering one request comes from the
 * request's arena and is released in one go when the response has been sent
 * (nginx's ngx_pool_t idea), so handlers never free piece by piece and never
 * leak between requests. Allocation failure aborts the process: a worker that
 * cannot get a few KiB cannot answer anything sensible anyway.
 */
#ifndef BH_ARENA_H
#define BH_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

/* Zeroed memory of n bytes, aligned for any type; lives until arena_reset. */
void *arena_alloc(struct arena *a, size_t n);
/* Copy of the n bytes at p, plus a terminating NUL. */
char *arena_strndup(struct arena *a, const char *p, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
/* Releases everything (wiping it first: requests carry private data). */
void arena_reset(struct arena *a);

#endif
