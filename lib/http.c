/*
 * http.c — reading a FastCGI request and writing its one response.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "json.h"

static const char *
env(const struct req *r, const char *name)
{
	return FCGX_GetParam(name, r->fcgi->envp);
}

int
http_read(struct req *r)
{
	const char *uri, *q, *cl;
	unsigned long long want = 0;
	size_t cap, size;
	int n;

	r->method = env(r, "REQUEST_METHOD");
	if (r->method == NULL)
		r->method = "GET";
	uri = env(r, "DOCUMENT_URI");
	if (uri == NULL) {
		uri = env(r, "REQUEST_URI");
		if (uri == NULL)
			uri = "/";
		if ((q = strchr(uri, '?')) != NULL)
			uri = arena_strndup(r->arena, uri, (size_t)(q - uri));
	}
	r->path = uri;
	r->query = env(r, "QUERY_STRING");
	if (r->query == NULL)
		r->query = "";
	r->content_type = env(r, "CONTENT_TYPE");
	r->remote_addr = env(r, "REMOTE_ADDR");
	if (r->remote_addr == NULL)
		r->remote_addr = "";
	r->cookie = env(r, "HTTP_COOKIE");
	r->csrf_header = env(r, "HTTP_X_CSRF_TOKEN");
	r->accept = env(r, "HTTP_ACCEPT");

	cl = env(r, "CONTENT_LENGTH");
	if (cl != NULL && *cl != '\0') {
		char *end;

		want = strtoull(cl, &end, 10);
		if (*end != '\0')
			return 400;
		if (want > HTTP_BODY_MAX)
			return 413;
	}
	/* Read what was announced, and never more than the cap plus one byte
	 * (to tell "exactly the cap" from "over it" when no length came).
	 * Without a length (every GET) the body is almost always empty: it
	 * is read into a buffer that grows from 1 KiB, not into 64 KiB that
	 * the arena would zero and wipe on every request (the bench found
	 * that to be half the work of a GET). */
	cap = cl != NULL && *cl != '\0' ? (size_t)want : HTTP_BODY_MAX + 1;
	size = cl != NULL && *cl != '\0' ? cap : (cap < 1024 ? cap : 1024);
	r->body = arena_alloc(r->arena, size + 1);
	r->body_len = 0;
	while (r->body_len < cap) {
		if (r->body_len == size) {
			char *bigger;

			size = size * 4 < cap ? size * 4 : cap;
			bigger = arena_alloc(r->arena, size + 1);
			memcpy(bigger, r->body, r->body_len);
			r->body = bigger;
		}
		n = FCGX_GetStr(r->body + r->body_len, (int)(size - r->body_len), r->fcgi->in);
		if (n <= 0)
			break;
		r->body_len += (size_t)n;
	}
	if (r->body_len > HTTP_BODY_MAX)
		return 413;
	r->body[r->body_len] = '\0';
	return 0;
}

const char *
http_param(const struct req *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->param_names[i], name) == 0)
			return r->param_values[i];
	return NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Percent-decodes n bytes of s ('+' is a space) into the arena. */
static char *
url_decode(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			*o++ = ' ';
		else if (s[i] == '%' && i + 2 < n &&
		    hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			*o++ = (char)(hexval((unsigned char)s[i + 1]) * 16 +
			    hexval((unsigned char)s[i + 2]));
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

const char *
http_query(struct req *r, const char *name)
{
	const char *p = r->query, *amp, *eq;
	size_t nlen = strlen(name), klen;

	while (*p != '\0') {
		amp = strchr(p, '&');
		if (amp == NULL)
			amp = p + strlen(p);
		eq = memchr(p, '=', (size_t)(amp - p));
		klen = (size_t)((eq != NULL ? eq : amp) - p);
		if (klen == nlen && memcmp(p, name, nlen) == 0)
			return eq == NULL ? "" :
			    url_decode(r->arena, eq + 1, (size_t)(amp - eq - 1));
		p = *amp == '&' ? amp + 1 : amp;
	}
	return NULL;
}

const char *
http_cookie(struct req *r, const char *name)
{
	const char *p = r->cookie, *end;
	size_t nlen = strlen(name);

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) > nlen && memcmp(p, name, nlen) == 0 &&
		    p[nlen] == '=')
			return arena_strndup(r->arena, p + nlen + 1,
			    (size_t)(end - p - (ptrdiff_t)nlen - 1));
		p = end;
	}
	return NULL;
}

void
http_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders < HTTP_MAX_HEADERS)
		r->headers[r->nheaders++] = arena_printf(r->arena, "%s: %s", name, value);
}

/* The reason phrase of status (RFC 9110, section 15) for the status line
 * nginx writes from ours: without one, it wrote "HTTP/1.1 503" with not
 * even the space the grammar asks for after the code. */
static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 412: return "Precondition Failed";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default:  return status < 300 ? "Success" : status < 500 ? "Client Error" : "Server Error";
	}
}

int
http_send(struct req *r, int status, const char *content_type,
    const char *body, size_t len)
{
	FCGX_Stream *out = r->fcgi->out;
	size_t i;

	if (r->sent)
		return -1;
	r->sent = true;
	r->status = status;
	FCGX_FPrintF(out, "Status: %d %s\r\n", status, reason(status));
	if (content_type != NULL) {
		char length[32];

		/* Not FCGX_FPrintF: libfcgi's own printf knows no %zu and
		 * wrote "Content-Length: " with nothing after it, which made
		 * nginx drop the header line below it (Cache-Control). */
		snprintf(length, sizeof(length), "%zu", len);
		FCGX_FPrintF(out, "Content-Type: %s\r\nContent-Length: %s\r\n",
		    content_type, length);
	}
	/* API answers may carry private data: never cached anywhere. */
	FCGX_PutS("Cache-Control: no-store\r\n", out);
	for (i = 0; i < r->nheaders; i++)
		FCGX_FPrintF(out, "%s\r\n", r->headers[i]);
	FCGX_PutS("\r\n", out);
	if (len > 0 && FCGX_PutStr(body, (int)len, out) != (int)len)
		return -1;
	return 0;
}

int
http_send_json(struct req *r, int status, json_object *body)
{
	const char *text;
	size_t len;
	int rc;

	text = json_text(body, &len);
	rc = http_send(r, status, "application/json", text, len);
	json_object_put(body);
	return rc;
}

int
http_send_empty(struct req *r, int status)
{
	return http_send(r, status, NULL, NULL, 0);
}
