/*
 * cursor.h — opaque keyset cursors for lists.
 *
 * A cursor carries the sort key of the last item sent (e.g. created_at and
 * id, or distance and id) as base64url text. Decoding checks the shape, so a
 * mangled cursor is a 400, never a 500 or a full scan.
 */
#ifndef BH_CURSOR_H
#define BH_CURSOR_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* Encodes n strings (none may contain '\n'); arena-owned. */
char *cursor_encode(struct arena *a, const char *const *parts, size_t n);
/* Decodes s into exactly n parts (arena-owned); -1 when malformed. */
int cursor_decode(struct arena *a, const char *s, char **parts, size_t n)
	__attribute__((warn_unused_result));

/* A created_at sort key as the lists write it (DATE_FORMAT "%Y-%m-%d
 * %H:%i:%s.%f"): "dddd-dd-dd dd:dd:dd.dddddd", digits in each d. Anything
 * else in a decoded cursor is not ours, and is answered 400 before it
 * reaches a comparison in SQL. */
bool cursor_time_key_ok(const char *s);

#endif
