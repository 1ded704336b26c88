/*
 * route_test.c — route table matching: literal paths, {id} parameters,
 * 404 versus 405 with the Allow list, trailing slashes and HEAD.
 */
#include <string.h>

#include "http.h"
#include "route.h"
#include "tap.h"

static void noop(struct req *r) { (void)r; }

static const struct route table[] = {
	{ "GET",    "/api/v1/requests",             noop, ACCESS_ANYONE,  0, NULL, 0 },
	{ "POST",   "/api/v1/requests",             noop, ACCESS_SESSION, 0, NULL, 0 },
	{ "GET",    "/api/v1/requests/{id}",        noop, ACCESS_ANYONE,  0, NULL, 0 },
	{ "PATCH",  "/api/v1/requests/{id}",        noop, ACCESS_SESSION, 0, NULL, 0 },
	{ "POST",   "/api/v1/requests/{id}/cancel", noop, ACCESS_SESSION, 0, NULL, 0 },
	{ "GET",    "/api/v1/me/requests",          noop, ACCESS_SESSION, 0, NULL, 0 },
};
#define NROUTES	(sizeof(table) / sizeof(table[0]))

struct match_case {
	const char		*method, *path;
	enum route_result	 want;
	int			 index;		/* expected route when found */
	const char		*id;		/* expected {id} */
	const char		*allow;		/* expected Allow on 405 */
};

static const struct match_case cases[] = {
	{ "GET",    "/api/v1/requests", ROUTE_FOUND, 0, NULL, NULL },
	{ "POST",   "/api/v1/requests", ROUTE_FOUND, 1, NULL, NULL },
	{ "HEAD",   "/api/v1/requests", ROUTE_FOUND, 0, NULL, NULL },
	{ "DELETE", "/api/v1/requests", ROUTE_BAD_METHOD, -1, NULL, "GET, POST" },
	{ "GET",    "/api/v1/requests/abc", ROUTE_FOUND, 2, "abc", NULL },
	{ "PATCH",  "/api/v1/requests/abc", ROUTE_FOUND, 3, "abc", NULL },
	{ "PUT",    "/api/v1/requests/abc", ROUTE_BAD_METHOD, -1, NULL, "GET, PATCH" },
	{ "POST",   "/api/v1/requests/x-y_z/cancel", ROUTE_FOUND, 4, "x-y_z", NULL },
	{ "GET",    "/api/v1/requests/x/cancel", ROUTE_BAD_METHOD, -1, NULL, "POST" },
	{ "GET",    "/api/v1/requests/", ROUTE_NOT_FOUND, -1, NULL, NULL },
	{ "GET",    "/api/v1/requests//cancel", ROUTE_NOT_FOUND, -1, NULL, NULL },
	{ "GET",    "/api/v1/requests/a/b", ROUTE_NOT_FOUND, -1, NULL, NULL },
	{ "GET",    "/api/v1/request", ROUTE_NOT_FOUND, -1, NULL, NULL },
	{ "GET",    "/api/v1/requestsX", ROUTE_NOT_FOUND, -1, NULL, NULL },
	{ "GET",    "/api/v1/me/requests", ROUTE_FOUND, 5, NULL, NULL },
	{ "GET",    "/", ROUTE_NOT_FOUND, -1, NULL, NULL },
	{ "GET",    "", ROUTE_NOT_FOUND, -1, NULL, NULL },
};

int
main(void)
{
	struct arena a = { NULL };
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct match_case *c = &cases[i];
		const struct route *found = NULL;
		const char *allow = NULL;
		struct req r;
		enum route_result got;

		memset(&r, 0, sizeof(r));
		r.arena = &a;
		got = route_match(table, NROUTES, &r, c->method, c->path, &found, &allow);
		ok(got == c->want, "%s %s: result %d (want %d)", c->method, c->path, got, c->want);
		if (c->want == ROUTE_FOUND && got == ROUTE_FOUND)
			ok(found == &table[c->index], "%s %s: the right route", c->method, c->path);
		if (c->id != NULL)
			ok(http_param(&r, "id") != NULL && strcmp(http_param(&r, "id"), c->id) == 0,
			    "%s %s: {id} is %s", c->method, c->path, c->id);
		if (c->allow != NULL)
			ok(allow != NULL && strcmp(allow, c->allow) == 0,
			    "%s %s: Allow is \"%s\" (got \"%s\")", c->method, c->path,
			    c->allow, allow ? allow : "(null)");
		arena_reset(&a);
	}
	return tap_done();
}
