/*
 * server.h — the life of a request, shared by every handler program.
 *
 * server_main parses the command line (-c config file; the FastCGI socket is
 * the config's `socket` path, or fd 0 when none is given, so spawn-fcgi and
 * systemd socket activation work), loads keys, starts the worker pool (each
 * worker with its own database connection) and runs each request through the
 * same spine: read → front line of defence (known route? right method? right
 * content type? body within limits?) → session → CSRF → role → body
 * validation → the route's function → one log line.
 */
#ifndef BH_SERVER_H
#define BH_SERVER_H

#include <stddef.h>
#include "route.h"

struct config;

struct handler {
	const char		*name;		/* "accounts": log prefix, config */
	const struct route	*routes;
	size_t			 nroutes;
	const char *const	*stmts;		/* the program's statement table */
	size_t			 nstmts;
	int			 needs_master_key;	/* may decrypt private fields */
	/* Optional, once at start-up after the config is read: 0 or -1. */
	int			(*init)(const struct config *cfg);
};

int server_main(int argc, char **argv, const struct handler *h);

/* The config of the running program (for handlers' own settings). */
const struct config *server_config(void);

#endif
