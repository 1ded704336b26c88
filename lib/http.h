/*
 * http.h — one FastCGI request in, one response out.
 *
 * struct req is everything a handler sees: the parsed request, the caller
 * (who), the path parameters, the validated JSON body, the worker's database
 * connection and the arena that owns every allocation of this request.
 * Responses are buffered and written once; the first send wins.
 */
#ifndef BH_HTTP_H
#define BH_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <fcgiapp.h>
#include <json-c/json.h>
#include "arena.h"
#include "auth.h"

#define HTTP_BODY_MAX		(64 * 1024)
#define HTTP_MAX_PARAMS		4
#define HTTP_MAX_HEADERS	8

struct config;
struct db;

struct req {
	FCGX_Request		*fcgi;
	struct arena		*arena;
	struct db		*db;
	const struct config	*cfg;

	/* The request. Strings are arena-owned or from the FastCGI env. */
	const char		*method;
	const char		*path;		/* decoded? no: raw, without query */
	const char		*query;		/* raw, without '?', may be "" */
	const char		*content_type;
	const char		*remote_addr;
	const char		*cookie;
	const char		*csrf_header;
	const char		*accept;
	char			*body;		/* NUL-terminated, body_len bytes */
	size_t			 body_len;
	json_object		*json;		/* parsed body when the route has fields */
	const char		*param_names[HTTP_MAX_PARAMS];
	const char		*param_values[HTTP_MAX_PARAMS];
	size_t			 nparams;

	struct principal	 who;

	/* The response. */
	int			 status;
	bool			 sent;
	const char		*headers[HTTP_MAX_HEADERS];	/* "Name: value" */
	size_t			 nheaders;
	json_object		*errors;	/* problem field errors */
};

/* Path parameter {name}, or NULL. */
const char *http_param(const struct req *r, const char *name);
/* Decoded query parameter, or NULL when absent. A parameter given twice: the
 * first wins. */
const char *http_query(struct req *r, const char *name);
/* Value of cookie name, or NULL. */
const char *http_cookie(struct req *r, const char *name);
/* Adds a response header line (copied into the arena). */
void http_header(struct req *r, const char *name, const char *value);

/* Sends status with body as JSON and drops the reference to body. 0 or -1. */
int http_send_json(struct req *r, int status, json_object *body);
/* Sends status with no body (204, 202...). */
int http_send_empty(struct req *r, int status);
/* Sends raw bytes with content type. */
int http_send(struct req *r, int status, const char *content_type,
    const char *body, size_t len);

/* Reads CGI-style environment and the body (up to HTTP_BODY_MAX) into r.
 * Returns 0, or an HTTP status (413) when the body is too large. */
int http_read(struct req *r);

#endif
