/*
 * main.c — the admin handler: health, categories, and (issue 6) moderation,
 * reports, the directory, figures and the audit log.
 */
#include "admin.h"
#include "auth.h"
#include "server.h"

static const struct route routes[] = {
	/* method   path                     action           access         roles  body  flags */
	{ "GET",    "/api/v1/health",        health_get,      ACCESS_ANYONE, 0,     NULL, 0 },
	{ "GET",    "/api/v1/categories",    categories_list, ACCESS_ANYONE, 0,     NULL, 0 },
};

static const struct handler admin = {
	.name = "admin",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.stmts = admin_stmts,
	.nstmts = STMT__MAX,
	.needs_master_key = 1,
};

int
main(int argc, char **argv)
{
	return server_main(argc, argv, &admin);
}
