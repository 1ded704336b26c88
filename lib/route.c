/*
 * route.c — matching a method and path against a handler's route table.
 */
#include <string.h>

#include "http.h"
#include "route.h"

/* Matches path against pattern segment by segment; {name} takes one
 * non-empty segment. Fills r's parameters only on a match. */
static bool
pattern_match(const char *pattern, const char *path, struct req *r, bool fill)
{
	const char *names[HTTP_MAX_PARAMS], *values[HTTP_MAX_PARAMS];
	size_t n = 0, plen, slen, i;
	const char *pe, *se;

	while (*pattern != '\0' && *path != '\0') {
		if (*pattern != '/' || *path != '/')
			return false;
		pattern++;
		path++;
		pe = strchr(pattern, '/');
		if (pe == NULL)
			pe = pattern + strlen(pattern);
		se = strchr(path, '/');
		if (se == NULL)
			se = path + strlen(path);
		plen = (size_t)(pe - pattern);
		slen = (size_t)(se - path);
		if (plen >= 2 && pattern[0] == '{' && pattern[plen - 1] == '}') {
			if (slen == 0 || n == HTTP_MAX_PARAMS)
				return false;
			if (fill) {
				names[n] = arena_strndup(r->arena, pattern + 1, plen - 2);
				values[n] = arena_strndup(r->arena, path, slen);
			}
			n++;
		} else if (plen != slen || memcmp(pattern, path, plen) != 0)
			return false;
		pattern = pe;
		path = se;
	}
	/* A trailing slash on the request is not the same resource. */
	if (*pattern != '\0' || *path != '\0')
		return false;
	if (fill) {
		for (i = 0; i < n; i++) {
			r->param_names[i] = names[i];
			r->param_values[i] = values[i];
		}
		r->nparams = n;
	}
	return true;
}

enum route_result
route_match(const struct route *table, size_t n, struct req *r,
    const char *method, const char *path, const struct route **out,
    const char **allow)
{
	const char *methods = NULL;
	bool head = strcmp(method, "HEAD") == 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!pattern_match(table[i].pattern, path, r, false))
			continue;
		if (strcmp(table[i].method, method) == 0 ||
		    (head && strcmp(table[i].method, "GET") == 0)) {
			pattern_match(table[i].pattern, path, r, true);
			*out = &table[i];
			return ROUTE_FOUND;
		}
		methods = methods == NULL ? table[i].method :
		    arena_printf(r->arena, "%s, %s", methods, table[i].method);
	}
	if (methods == NULL)
		return ROUTE_NOT_FOUND;
	*allow = methods;
	return ROUTE_BAD_METHOD;
}
