/*
 * mime.h — one mail as RFC 5322 / MIME text: the headers (RFC 2047
 * encoded-words for non-ASCII, folded), a text/plain UTF-8 body in base64.
 *
 * Pure functions on arena memory, no I/O: tests/unit/mime_test.c holds
 * them to the RFCs. Nothing a user typed can add a header line: every
 * value is checked or cleaned of CR, LF and other control characters
 * before it is written.
 */
#ifndef BH_MIME_H
#define BH_MIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct arena;

struct mime_mail {
	const char	*from;		/* "Name <addr>" or addr: printable ASCII */
	const char	*to;		/* one address: printable ASCII, no <>, () , ; */
	const char	*subject;	/* UTF-8; may hold user text (cleaned) */
	const char	*message_id;	/* "<id.epoch@host>" */
	time_t		 date;
	const char	*language;	/* "nl" | "en" */
	const char	*kind;		/* X-Burenhulp-Kind (ASCII; NULL: none) */
	const char	*unsubscribe_url;	/* NULL: no List-Unsubscribe */
	const char	*body;		/* UTF-8, lines ended by \n */
};

/* The whole message with CRLF line ends, NUL-terminated, arena-owned; *len
 * its length. NULL when from, to, message_id or unsubscribe_url is not
 * safe to put in a header (a control character, a bracket, non-ASCII). */
char *mime_build(struct arena *a, const struct mime_mail *m, size_t *len);

/* "Name: value\r\n", the value as it is when it is printable ASCII (folded
 * at spaces past 78 columns), else as UTF-8 "B" encoded-words of at most
 * 75 characters, never splitting a character, one per folded line. Control
 * characters (CR, LF, TAB...) and invalid UTF-8 become spaces / U+FFFD. */
char *mime_header(struct arena *a, const char *name, const char *value);

/* s (n bytes) with \n turned into CRLF, in base64, lines of 76 + CRLF. */
char *mime_base64_body(struct arena *a, const char *s, size_t n);

/* RFC 5322 date in UTC: "Tue, 01 Dec 2026 18:15:27 +0000" (32 bytes). */
void mime_date(char out[40], time_t t);

/* "<id.epoch@host>" into an arena string. */
char *mime_message_id(struct arena *a, const char *id, long long epoch,
    const char *host);

/* The host of an http(s) URL, without user, port or path, into out
 * (n bytes); "localhost" when there is none. */
void mime_url_host(char *out, size_t n, const char *url);

/* The bare address of "Name <addr>" or "addr", arena-owned; NULL when
 * there is none. */
char *mime_address(struct arena *a, const char *from);

#endif
