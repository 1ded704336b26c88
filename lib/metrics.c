/*
 * metrics.c — the counters of one program; see metrics.h.
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "metrics.h"
#include "route.h"

#define ROUTES_MAX	64
#define NBUCKETS	10

static const double bucket_ms[NBUCKETS] = { 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000 };
static const char *const bucket_le[NBUCKETS] = {
	"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5"
};
static const char *const classes[5] = { "1xx", "2xx", "3xx", "4xx", "5xx" };

const char *const metrics_families[] = {
	"burenhulp_requests_total", "burenhulp_request_duration_seconds",
	"burenhulp_db_errors_total", NULL
};
const char *const metrics_family_help[] = {
	"Requests answered, by handler, route and status class.",
	"Time from reading a request to its answer, by handler and route.",
	"Database statements that failed (not counting constraint refusals).",
	NULL
};
const char *const metrics_family_type[] = { "counter", "histogram", "counter", NULL };

struct route_counts {
	atomic_ullong	 by_class[5];
	atomic_ullong	 bucket[NBUCKETS];	/* not cumulative; summed when written */
	atomic_ullong	 sum_us;
	atomic_ullong	 count;
};

static const char		*program = "burenhulp";
static const struct route	*table;
static size_t			 ntable;
static struct route_counts	 counts[ROUTES_MAX + 1];	/* the last: no route */
static atomic_ullong		 db_errors;

void
metrics_init(const char *name, const struct route *routes, size_t nroutes)
{
	program = name;
	table = routes;
	ntable = nroutes < ROUTES_MAX ? nroutes : ROUTES_MAX;
}

void
metrics_observe(const struct route *route, int status, double duration_ms)
{
	size_t i = ROUTES_MAX, b;
	struct route_counts *c;

	if (route != NULL && table != NULL && route >= table && route < table + ntable)
		i = (size_t)(route - table);
	c = &counts[i];
	if (status >= 100 && status < 600)
		atomic_fetch_add_explicit(&c->by_class[status / 100 - 1], 1, memory_order_relaxed);
	for (b = 0; b < NBUCKETS && duration_ms > bucket_ms[b]; b++)
		;
	if (b < NBUCKETS)
		atomic_fetch_add_explicit(&c->bucket[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->sum_us,
	    (unsigned long long)(duration_ms * 1000.0), memory_order_relaxed);
	atomic_fetch_add_explicit(&c->count, 1, memory_order_relaxed);
}

void
metrics_db_error(void)
{
	atomic_fetch_add_explicit(&db_errors, 1, memory_order_relaxed);
}

/* Appends to the growing text. */
static void
put(struct arena *a, char **text, size_t *len, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
put(struct arena *a, char **text, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *bigger;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(*text + *len, *cap - *len, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < *cap - *len) {
			*len += (size_t)n;
			return;
		}
		bigger = arena_alloc(a, *cap * 2);
		memcpy(bigger, *text, *len + 1);
		*text = bigger;
		*cap *= 2;
	}
}

char *
metrics_text(struct arena *a)
{
	size_t cap = 16384, len = 0, i, k;
	char *text = arena_alloc(a, cap);
	unsigned long long v, cum;

	text[0] = '\0';
	for (i = 0; i <= ntable; i++) {
		const struct route_counts *c = &counts[i == ntable ? ROUTES_MAX : i];
		const char *m = i == ntable ? "-" : table[i].method;
		const char *p = i == ntable ? "(none)" : table[i].pattern;

		for (k = 0; k < 5; k++) {
			v = atomic_load_explicit(&c->by_class[k], memory_order_relaxed);
			if (v > 0 || (k == 1 && i < ntable))
				put(a, &text, &len, &cap, "burenhulp_requests_total{handler=\"%s\",method=\"%s\","
				    "route=\"%s\",status=\"%s\"} %llu\n", program, m, p, classes[k], v);
		}
	}
	for (i = 0; i <= ntable; i++) {
		const struct route_counts *c = &counts[i == ntable ? ROUTES_MAX : i];
		const char *m = i == ntable ? "-" : table[i].method;
		const char *p = i == ntable ? "(none)" : table[i].pattern;

		cum = 0;
		for (k = 0; k < NBUCKETS; k++) {
			cum += atomic_load_explicit(&c->bucket[k], memory_order_relaxed);
			put(a, &text, &len, &cap, "burenhulp_request_duration_seconds_bucket{handler=\"%s\","
			    "method=\"%s\",route=\"%s\",le=\"%s\"} %llu\n", program, m, p, bucket_le[k], cum);
		}
		v = atomic_load_explicit(&c->count, memory_order_relaxed);
		put(a, &text, &len, &cap, "burenhulp_request_duration_seconds_bucket{handler=\"%s\","
		    "method=\"%s\",route=\"%s\",le=\"+Inf\"} %llu\n", program, m, p, v);
		put(a, &text, &len, &cap, "burenhulp_request_duration_seconds_sum{handler=\"%s\","
		    "method=\"%s\",route=\"%s\"} %.6f\n", program, m, p,
		    (double)atomic_load_explicit(&c->sum_us, memory_order_relaxed) / 1e6);
		put(a, &text, &len, &cap, "burenhulp_request_duration_seconds_count{handler=\"%s\","
		    "method=\"%s\",route=\"%s\"} %llu\n", program, m, p, v);
	}
	put(a, &text, &len, &cap, "burenhulp_db_errors_total{handler=\"%s\"} %llu\n", program,
	    atomic_load_explicit(&db_errors, memory_order_relaxed));
	return text;
}
