/*
 * audit_line.c — an audit_log row as an RFC 5424-style line (see
 * audit_line.h). Nothing here allocates; everything is written into the
 * caller's buffer or fails whole.
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "audit_line.h"

/* Appends to buf at *len (n the size); -1 when it does not fit. */
static int
put(char *buf, size_t n, size_t *len, const char *s, size_t k)
{
	if (k >= n - *len)
		return -1;
	memcpy(buf + *len, s, k);
	*len += k;
	buf[*len] = '\0';
	return 0;
}

static int
puts_(char *buf, size_t n, size_t *len, const char *s)
{
	return put(buf, n, len, s, strlen(s));
}

/* A parameter name="value" with its leading space; NULL value: nothing. */
static int
param(char *buf, size_t n, size_t *len, const char *name, const char *value)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;
	char esc[4];

	if (value == NULL)
		return 0;
	if (puts_(buf, n, len, " ") != 0 || puts_(buf, n, len, name) != 0 ||
	    puts_(buf, n, len, "=\"") != 0)
		return -1;
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\' || *p == ']') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			if (put(buf, n, len, esc, 2) != 0)
				return -1;
		} else if (*p < 0x20 || *p == 0x7f) {
			esc[0] = '\\';
			esc[1] = 'x';
			esc[2] = hex[*p >> 4];
			esc[3] = hex[*p & 0xf];
			if (put(buf, n, len, esc, 4) != 0)
				return -1;
		} else if (put(buf, n, len, (const char *)p, 1) != 0)
			return -1;
	}
	return puts_(buf, n, len, "\"");
}

/* The action as the line's MSG: printable ASCII only (it is one of our
 * codes; anything else becomes '?'). */
static int
msg(char *buf, size_t n, size_t *len, const char *action)
{
	const char *p;
	char c;

	for (p = action != NULL ? action : "-"; *p != '\0'; p++) {
		c = (*p > 0x20 && *p < 0x7f) ? *p : '?';
		if (put(buf, n, len, &c, 1) != 0)
			return -1;
	}
	return 0;
}

int
audit_line_severity(const char *action)
{
	static const char *const warn[] = {
		"auth.refused", "session.failed", "session.blocked",
		"session.mfa_failed", NULL
	};
	size_t i;

	for (i = 0; action != NULL && warn[i] != NULL; i++)
		if (strcmp(action, warn[i]) == 0)
			return LOG_WARNING;
	return LOG_NOTICE;
}

static int
body(char *buf, size_t n, size_t *len, const struct audit_row *row)
{
	if (puts_(buf, n, len, "audit [audit@32473") != 0 ||
	    param(buf, n, len, "id", row->id) != 0 ||
	    param(buf, n, len, "at", row->at) != 0 ||
	    param(buf, n, len, "actor", row->actor_id) != 0 ||
	    param(buf, n, len, "address", row->address) != 0 ||
	    param(buf, n, len, "action", row->action) != 0 ||
	    param(buf, n, len, "target_type", row->target_type) != 0 ||
	    param(buf, n, len, "target_id", row->target_id) != 0 ||
	    param(buf, n, len, "detail", row->detail) != 0 ||
	    puts_(buf, n, len, "] ") != 0 ||
	    msg(buf, n, len, row->action) != 0)
		return -1;
	return 0;
}

int
audit_line_body(char *buf, size_t n, const struct audit_row *row)
{
	size_t len = 0;

	if (n == 0)
		return -1;
	buf[0] = '\0';
	if (body(buf, n, &len, row) != 0) {
		buf[0] = '\0';
		return -1;
	}
	return (int)len;
}

/* A header field: printable ASCII without spaces, or "-" (RFC 5424 6.2). */
static int
field(char *buf, size_t n, size_t *len, const char *s)
{
	const char *p;
	char c;

	if (s == NULL || *s == '\0')
		return puts_(buf, n, len, "- ");
	for (p = s; *p != '\0'; p++) {
		c = (*p > 0x20 && *p < 0x7f) ? *p : '_';
		if (put(buf, n, len, &c, 1) != 0)
			return -1;
	}
	return puts_(buf, n, len, " ");
}

int
audit_line_full(char *buf, size_t n, const struct audit_row *row,
    int facility, const char *host, long procid)
{
	char head[32], pid[24];
	size_t len = 0;

	if (n == 0)
		return -1;
	buf[0] = '\0';
	snprintf(head, sizeof(head), "<%d>1 ",
	    (facility & LOG_FACMASK) | audit_line_severity(row->action));
	snprintf(pid, sizeof(pid), "%ld", procid);
	if (puts_(buf, n, &len, head) != 0 ||
	    field(buf, n, &len, row->at) != 0 ||
	    field(buf, n, &len, host) != 0 ||
	    puts_(buf, n, &len, "burenhulp ") != 0 ||
	    field(buf, n, &len, procid > 0 ? pid : NULL) != 0 ||
	    body(buf, n, &len, row) != 0) {
		buf[0] = '\0';
		return -1;
	}
	return (int)len;
}
