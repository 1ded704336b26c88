/*
 * problem.c — RFC 9457 problem+json; see problem.h.
 */
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "json.h"
#include "log.h"
#include "problem.h"

void
problem_field(struct req *r, const char *field, const char *code,
    const char *message)
{
	json_object *e = json_object_new_object();

	json_put_str(e, "field", field);
	json_put_str(e, "code", code);
	json_put_str(e, "message", message);
	if (r->errors == NULL)
		r->errors = json_object_new_array();
	json_object_array_add(r->errors, e);
}

int
problem_count(const struct req *r)
{
	return r->errors == NULL ? 0 : (int)json_object_array_length(r->errors);
}

static const char *
status_title(int status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Unauthenticated";
	case 403: return "Forbidden";
	case 404: return "Not found";
	case 405: return "Method not allowed";
	case 409: return "Conflict";
	case 413: return "Payload too large";
	case 415: return "Unsupported media type";
	case 422: return "Unprocessable content";
	case 429: return "Too many requests";
	case 503: return "Service unavailable";
	default:  return status >= 500 ? "Internal error" : "Error";
	}
}

int
problem_send(struct req *r, int status, const char *code, const char *detail)
{
	return problem_send_with(r, status, code, detail, NULL);
}

int
problem_send_with(struct req *r, int status, const char *code, const char *detail,
    json_object *extra)
{
	json_object *p = json_object_new_object();
	const char *text;
	char type[96];
	size_t len;
	int rc;

	snprintf(type, sizeof(type), "https://burenhulp.example/problems/%s", code);
	json_put_str(p, "type", type);
	json_put_str(p, "title", status_title(status));
	json_put_int(p, "status", status);
	json_put_str(p, "code", code);
	if (detail != NULL)
		json_put_str(p, "detail", detail);
	if (r->errors != NULL) {
		json_put(p, "errors", r->errors);
		r->errors = NULL;
	}
	if (extra != NULL) {
		json_object_object_foreach(extra, key, val) {
			if (json_object_object_get_ex(p, key, NULL))
				continue;	/* the problem's own members win */
			json_object_object_add(p, key, json_object_get(val));
		}
	}
	text = json_text(p, &len);
	rc = http_send(r, status, "application/problem+json", text, len);
	json_object_put(p);
	return rc;
}

/* True when every field error so far carries code. */
static bool
all_fields_are(const struct req *r, const char *code)
{
	size_t i, n = r->errors == NULL ? 0 : json_object_array_length(r->errors);
	const char *c;

	for (i = 0; i < n; i++) {
		c = json_get_str(json_object_array_get_idx(r->errors, i), "code");
		if (c == NULL || strcmp(c, code) != 0)
			return false;
	}
	return n > 0;
}

bool
problem_has(const struct req *r, const char *field)
{
	size_t i, n = r->errors == NULL ? 0 : json_object_array_length(r->errors), len = strlen(field);
	const char *f;

	for (i = 0; i < n; i++) {
		f = json_get_str(json_object_array_get_idx(r->errors, i), "field");
		if (f != NULL && strncmp(f, field, len) == 0 && (f[len] == '\0' || f[len] == '['))
			return true;
	}
	return false;
}

int
problem_invalid(struct req *r)
{
	/* API.md names its own problem code for a well-formed postcode that is
	 * no known area, when that is all that is wrong. */
	if (all_fields_are(r, "unknown_postcode"))
		return problem_send(r, 422, "unknown_postcode",
		    "The postcode is not a known area.");
	if (all_fields_are(r, "outside_service_area"))
		return problem_send(r, 422, "outside_service_area",
		    "The postcode lies outside the area this site serves.");
	return problem_send(r, 422, "validation_failed",
	    "One or more fields are not valid.");
}

int
problem_internal(struct req *r, const char *where)
{
	log_error("internal error in %s", where);
	if (r->errors != NULL) {
		json_object_put(r->errors);
		r->errors = NULL;
	}
	return problem_send(r, 500, "internal", "Something went wrong on our side.");
}
