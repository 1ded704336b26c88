/*
 * fuzz_http.c — libFuzzer target for lib/http.c: http_read (the CGI
 * environment, Content-Length and the body), then http_query with its URL
 * decoding and http_cookie on what it read, as lib/server.c and lib/auth.c
 * call them for every request.
 *
 * Input: "NAME=value" lines (the FastCGI environment nginx passes) up to an
 * empty line, then the body. Two lines steer the fake stream instead:
 * FUZZ_CHUNK=n (bytes per read, default 1) and FUZZ_REPEAT=n (the body is
 * sent n times over, up to 100: bodies past the 64 KiB cap).
 *
 * Invariants: the body read is a NUL-terminated prefix of what was sent,
 * never more than Content-Length or the cap; 413 exactly when the announced
 * or the sent length passes the cap; a decoded query value is never longer
 * than its raw text, and percent-encoding it and decoding again gives it
 * back; a cookie value is the text after "name=" up to the next ';'.
 */
#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "fake_fcgi.h"

static const char *const names[] = { "cursor", "q", "limit", "near", "a", "" };
static const char *const cookies[] = { "bh_session", "bh_csrf", "a" };

static long
steer(char *line, const char *name, long def, long max)
{
	size_t n = strlen(name);
	long v;

	if (strncmp(line, name, n) != 0 || line[n] != '=')
		return def;
	v = strtol(line + n + 1, NULL, 10);
	return v < 1 ? 1 : v > max ? max : v;
}

/* Every byte of s as %XX. */
static char *
pct_all(struct arena *a, const char *s)
{
	size_t n = strlen(s), i;
	char *out = arena_alloc(a, 3 * n + 3), *o = out;

	*o++ = 'k';
	*o++ = '=';
	for (i = 0; i < n; i++, o += 3)
		snprintf(o, 4, "%%%02X", (unsigned char)s[i]);
	return out;
}

static void
check_query(struct req *r)
{
	const char *saved = r->query, *v, *again;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		r->query = saved;
		if ((v = http_query(r, names[i])) == NULL)
			continue;
		assert(strlen(v) <= strlen(saved));
		if (strpbrk(saved, "%+") == NULL)
			assert(strstr(saved, v) != NULL);
		r->query = pct_all(r->arena, v);
		again = http_query(r, "k");
		assert(again != NULL && strcmp(again, v) == 0);
	}
	r->query = saved;
}

static void
check_cookie(struct req *r)
{
	const char *v, *at;
	char *want;
	size_t i;

	for (i = 0; i < sizeof(cookies) / sizeof(cookies[0]); i++) {
		if ((v = http_cookie(r, cookies[i])) == NULL)
			continue;
		assert(r->cookie != NULL && strchr(v, ';') == NULL);
		want = arena_printf(r->arena, "%s=%s", cookies[i], v);
		at = strstr(r->cookie, want);
		assert(at != NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	struct fake_fcgi f;
	struct req	 r;
	char		*text, *line, *nl, *end;
	const char	*cl = NULL;
	size_t		 body_at, sent;
	unsigned long long want = 0;
	int		 rc;

	fake_fcgi_init(&f);
	text = arena_alloc(&a, size + 1);
	memcpy(text, data, size);
	/* The environment: lines up to the first empty one. */
	line = text;
	body_at = size;
	while ((size_t)(line - text) < size) {
		nl = memchr(line, '\n', size - (size_t)(line - text));
		if (nl == NULL)
			break;
		*nl = '\0';
		if (line == nl) {
			body_at = (size_t)(nl + 1 - text);
			break;
		}
		if (strlen(line) == (size_t)(nl - line)) {	/* no NUL inside */
			f.chunk = (size_t)steer(line, "FUZZ_CHUNK", (long)f.chunk, 100000);
			f.repeat = (size_t)steer(line, "FUZZ_REPEAT", (long)f.repeat, 100);
			fake_fcgi_env(&f, line);
		}
		line = nl + 1;
	}
	if (body_at == size)
		f.body_len = 0;
	else {
		f.body = (const uint8_t *)text + body_at;
		f.body_len = size - body_at;
	}
	sent = f.body_len * f.repeat;

	memset(&r, 0, sizeof(r));
	r.arena = &a;
	r.fcgi = &f.req;
	rc = http_read(&r);
	assert(r.method != NULL && r.path != NULL);

	/* What FCGX_GetParam finds first is what http_read saw. */
	cl = FCGX_GetParam("CONTENT_LENGTH", f.envp);
	if (cl != NULL && *cl != '\0') {
		want = strtoull(cl, &end, 10);
		if (*end != '\0') {
			assert(rc == 400);
			goto out;
		}
		if (want > HTTP_BODY_MAX) {
			assert(rc == 413);
			goto out;
		}
		assert(rc == 0);
		assert(r.body_len == (want < sent ? want : sent));
	} else {
		if (sent > HTTP_BODY_MAX) {
			assert(rc == 413);
			goto out;
		}
		assert(rc == 0 && r.body_len == sent);
	}
	assert(r.body[r.body_len] == '\0');
	assert(f.body_len == 0 || r.body_len == 0 ||
	    memcmp(r.body, f.body, r.body_len < f.body_len ? r.body_len : f.body_len) == 0);
	if (FCGX_GetParam("DOCUMENT_URI", f.envp) == NULL)
		assert(strchr(r.path, '?') == NULL);
	check_query(&r);
	check_cookie(&r);
out:
	arena_reset(&a);
	return 0;
}
