/*
 * fuzz_route.c — libFuzzer target for route_match (lib/route.c) on a real
 * route table: the accounts handler's, taken from handlers/accounts/main.c
 * itself (included, its main renamed), so the table fuzzed is the one that
 * ships.
 *
 * Input: "METHOD /path". Invariants: a found route has this method (or GET
 * for HEAD), and putting its parameters into its pattern gives the path
 * back, each parameter one non-empty segment; a 405 lists only other
 * methods, each of a route whose pattern the path fits.
 */
#define main accounts_main
#include "handlers/accounts/main.c"
#undef main

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "route.h"

/* The pattern of rt with r's parameters put in. */
static char *
fill(struct req *r, const struct route *rt)
{
	const char *p = rt->pattern, *close;
	char *out = arena_strdup(r->arena, "");
	size_t k = 0;

	while (*p != '\0') {
		if (*p == '{' && (close = strchr(p, '}')) != NULL) {
			assert(k < r->nparams);
			assert(strlen(r->param_names[k]) == (size_t)(close - p - 1) &&
			    memcmp(r->param_names[k], p + 1, (size_t)(close - p - 1)) == 0);
			assert(r->param_values[k][0] != '\0' &&
			    strchr(r->param_values[k], '/') == NULL);
			out = arena_printf(r->arena, "%s%s", out, r->param_values[k++]);
			p = close + 1;
		} else {
			out = arena_printf(r->arena, "%s%c", out, *p);
			p++;
		}
	}
	assert(k == r->nparams);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	struct req	 r;
	const struct route *out = NULL;
	const char	*allow = NULL, *m;
	char		*s, *sp, *method, *path, *list, *save = NULL;
	enum route_result res;
	size_t		 i;
	bool		 fits;

	memset(&r, 0, sizeof(r));
	r.arena = &a;
	s = arena_strndup(&a, (const char *)data, size);
	if ((sp = strchr(s, ' ')) == NULL)
		goto done;
	*sp = '\0';
	method = s;
	path = sp + 1;

	res = route_match(routes, accounts.nroutes, &r, method, path, &out, &allow);
	switch (res) {
	case ROUTE_FOUND:
		assert(out >= routes && out < routes + accounts.nroutes);
		assert(strcmp(out->method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(out->method, "GET") == 0));
		assert(strcmp(fill(&r, out), path) == 0);
		break;
	case ROUTE_BAD_METHOD:
		assert(allow != NULL && *allow != '\0');
		list = arena_strdup(&a, allow);
		for (m = strtok_r(list, ", ", &save); m != NULL;
		    m = strtok_r(NULL, ", ", &save)) {
			assert(strcmp(m, method) != 0);
			assert(strcmp(method, "HEAD") != 0 || strcmp(m, "GET") != 0);
			fits = false;
			for (i = 0; i < accounts.nroutes && !fits; i++) {
				struct req probe;
				const struct route *o = NULL;
				const char *al = NULL;

				if (strcmp(routes[i].method, m) != 0)
					continue;
				memset(&probe, 0, sizeof(probe));
				probe.arena = &a;
				fits = route_match(&routes[i], 1, &probe, m, path,
				    &o, &al) == ROUTE_FOUND;
			}
			assert(fits);
		}
		break;
	case ROUTE_NOT_FOUND:
		/* No route fits the path with any of the table's methods. */
		for (i = 0; i < accounts.nroutes; i++) {
			struct req probe;
			const struct route *o = NULL;
			const char *al = NULL;

			memset(&probe, 0, sizeof(probe));
			probe.arena = &a;
			assert(route_match(&routes[i], 1, &probe, routes[i].method,
			    path, &o, &al) == ROUTE_NOT_FOUND);
		}
		break;
	}
done:
	arena_reset(&a);
	return 0;
}
