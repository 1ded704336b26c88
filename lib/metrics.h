/*
 * metrics.h — what one program counts for GET /metrics (Prometheus text).
 *
 * Per route of the program's table: answers by status class and a
 * histogram of durations; per program: database errors. Lock-free
 * (relaxed atomics: a scrape may see one request half counted, never a
 * torn number). Nothing about who asked or what: routes are the table's
 * patterns ("/api/v1/requests/{id}"), never a path with an id in it.
 *
 * Every handler answers GET /metrics on its own socket with metrics_text
 * (lib/server.c: the path is no route of theirs and nginx never sends it
 * there); the admin handler's GET /metrics, which nginx serves, puts its
 * own and the others' together (handlers/admin/metrics.c).
 */
#ifndef BH_METRICS_H
#define BH_METRICS_H

#include <stddef.h>

#include "arena.h"

struct route;

/* The families metrics_text writes, in this order; each sample line
 * starts with its family's name (histograms: _bucket, _sum, _count). */
extern const char *const metrics_families[];
extern const char *const metrics_family_help[];
extern const char *const metrics_family_type[];

void metrics_init(const char *program, const struct route *routes, size_t nroutes);
/* One answered request: route (NULL when it matched none), status, ms. */
void metrics_observe(const struct route *route, int status, double duration_ms);
void metrics_db_error(void);
/* The sample lines of this program (no HELP or TYPE), arena-owned. */
char *metrics_text(struct arena *a);

#endif
