/*
 * route.h — declarative route tables (nginx's ngx_command_t, kcgi's pages).
 *
 * Each handler's main.c holds one static array of struct route, read top to
 * bottom as the table of contents of that program. Patterns are literal
 * segments and {name} placeholders: "/api/v1/requests/{id}/cancel".
 */
#ifndef BH_ROUTE_H
#define BH_ROUTE_H

#include <stddef.h>
#include "auth.h"
#include "valid.h"

struct req;

/* Who may call a route at all, before any per-object rule. */
enum route_access {
	ACCESS_ANYONE,		/* no session needed (one is loaded if present) */
	ACCESS_SESSION,		/* logged in, otherwise 401 */
};

struct route {
	const char		*method;
	const char		*pattern;
	void			(*fn)(struct req *);
	enum route_access	 access;
	unsigned		 roles;		/* any of these (0: no role needed), else 403 */
	const struct field	*body;		/* JSON object body checked against this;
						   NULL: no body expected */
	unsigned		 flags;		/* ROUTE_* below */
};

/* No CSRF token needed even with a session: registration, login and
 * password reset (API.md), where the caller may hold a stale session. */
#define ROUTE_NO_CSRF	0x01u
/* Field problems of the table do not answer at once: the action runs too,
 * adds its own (problem_has tells which fields are bad already) and
 * answers them all together, so a form shows every problem in one round
 * (registration). The action must not trust any field that has one. */
#define ROUTE_ALL_PROBLEMS	0x02u

enum route_result { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/* Finds the route for method and path; on ROUTE_FOUND fills r's path
 * parameters and *out. On ROUTE_BAD_METHOD *allow is set to the methods the
 * path does accept ("GET, POST", arena-owned). */
enum route_result route_match(const struct route *table, size_t n, struct req *r,
    const char *method, const char *path, const struct route **out,
    const char **allow);

#endif
