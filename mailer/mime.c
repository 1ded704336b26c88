/*
 * mime.c — mails as RFC 5322 / MIME text; see mime.h.
 *
 * What lives here: header encoding (RFC 2047 "B" encoded-words in UTF-8,
 * only when a value is not plain printable ASCII), folding (RFC 5322
 * 2.2.3), the base64 body (RFC 2045 6.8: lines of 76), the date and
 * Message-ID formats. What does not: which headers a kind of mail gets
 * (send.c decides, render.c writes the words), any I/O.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "mime.h"

#define LINE_MAX_SOFT	78	/* RFC 5322 2.1.1 */
#define EW_BYTES	39	/* UTF-8 bytes per encoded-word: 52 base64 chars,
				 * 64 with "=?UTF-8?B?" and "?=" (limit 75) */

struct buf {
	struct arena	*a;
	char		*p;
	size_t		 len, cap;
};

/* The Content-Language of a mail in language (the site's six, render.c;
 * anything else is worded in Dutch). */
static const char *
mime_language(const char *language)
{
	static const char *const known[] = { "nl", "en", "tr", "ar", "pl", "uk" };
	size_t i;

	for (i = 0; language != NULL && i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(language, known[i]) == 0)
			return known[i];
	return "nl";
}

static void
buf_grow(struct buf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 256;
	char *p;

	if (b->len + more + 1 <= b->cap)
		return;
	while (cap < b->len + more + 1)
		cap *= 2;
	p = arena_alloc(b->a, cap);
	if (b->len > 0)
		memcpy(p, b->p, b->len);
	b->p = p;
	b->cap = cap;
}

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Standard base64 with padding of n bytes at in, appended to b. */
static void
buf_b64(struct buf *b, const unsigned char *in, size_t n)
{
	char q[4];
	uint32_t v;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		q[0] = b64chars[v >> 18 & 63];
		q[1] = b64chars[v >> 12 & 63];
		q[2] = b64chars[v >> 6 & 63];
		q[3] = b64chars[v & 63];
		buf_add(b, q, 4);
	}
	if (i < n) {
		v = (uint32_t)in[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		q[0] = b64chars[v >> 18 & 63];
		q[1] = b64chars[v >> 12 & 63];
		q[2] = i + 1 < n ? b64chars[v >> 6 & 63] : '=';
		q[3] = '=';
		buf_add(b, q, 4);
	}
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and past U+10FFFF are not UTF-8. */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* value as valid UTF-8 without control characters: C0 controls and DEL
 * become spaces, invalid bytes U+FFFD. *ascii: every byte printable ASCII. */
static char *
clean(struct arena *a, const char *value, bool *ascii)
{
	const unsigned char *s = (const unsigned char *)value;
	size_t n = strlen(value), i = 0, k;
	struct buf b = { a, NULL, 0, 0 };

	*ascii = true;
	buf_grow(&b, n);
	while (i < n) {
		if (s[i] < 0x20 || s[i] == 0x7f) {
			buf_add(&b, " ", 1);
			i++;
		} else if ((k = utf8_seq(s + i, n - i)) == 0) {
			buf_add(&b, "\xef\xbf\xbd", 3);
			*ascii = false;
			i++;
		} else {
			if (k > 1)
				*ascii = false;
			buf_add(&b, (const char *)s + i, k);
			i += k;
		}
	}
	return b.p != NULL ? b.p : arena_strdup(a, "");
}

char *
mime_header(struct arena *a, const char *name, const char *value)
{
	struct buf b = { a, NULL, 0, 0 };
	const char *v, *sp, *word;
	size_t col, n, i, take, k;
	bool ascii;

	v = clean(a, value != NULL ? value : "", &ascii);
	/* Plain text that looks like an encoded-word is encoded too, so a
	 * reader cannot be told to decode what was typed. */
	if (ascii && strstr(v, "=?") != NULL)
		ascii = false;
	buf_str(&b, name);
	buf_str(&b, ":");
	col = strlen(name) + 1;
	if (ascii) {
		/* Words separated by single spaces; fold before a word that
		 * would pass the soft limit (the space starts the next line). */
		word = v;
		while (*word == ' ')
			word++;
		if (*word == '\0')
			buf_str(&b, " ");
		while (*word != '\0') {
			sp = strchr(word, ' ');
			n = sp != NULL ? (size_t)(sp - word) : strlen(word);
			if (col + 1 + n > LINE_MAX_SOFT && col > strlen(name) + 1) {
				buf_str(&b, "\r\n");
				col = 0;
			}
			buf_str(&b, " ");
			buf_add(&b, word, n);
			col += 1 + n;
			word += n;
			while (*word == ' ')
				word++;
		}
	} else {
		n = strlen(v);
		for (i = 0; i < n; i += take) {
			/* Whole characters only (RFC 2047 5.3). */
			take = 0;
			while (i + take < n) {
				k = utf8_seq((const unsigned char *)v + i + take, n - i - take);
				if (k == 0)
					k = 1;	/* cannot happen after clean() */
				if (take + k > EW_BYTES)
					break;
				take += k;
			}
			buf_str(&b, i == 0 ? " " : "\r\n ");
			buf_str(&b, "=?UTF-8?B?");
			buf_b64(&b, (const unsigned char *)v + i, take);
			buf_str(&b, "?=");
		}
		if (n == 0)
			buf_str(&b, " ");
	}
	buf_str(&b, "\r\n");
	return b.p;
}

char *
mime_base64_body(struct arena *a, const char *s, size_t n)
{
	struct buf crlf = { a, NULL, 0, 0 }, out = { a, NULL, 0, 0 };
	size_t i, line;

	/* Canonical form first (RFC 2045 6.8): CRLF line ends. */
	buf_grow(&crlf, n + n / 20 + 2);
	for (i = 0; i < n; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			buf_add(&crlf, "\r", 1);
		buf_add(&crlf, s + i, 1);
	}
	buf_grow(&out, (crlf.len + 2) / 3 * 4 + crlf.len / 57 * 2 + 4);
	for (i = 0; i < crlf.len; i += line) {
		line = crlf.len - i < 57 ? crlf.len - i : 57;	/* 76 characters */
		buf_b64(&out, (const unsigned char *)crlf.p + i, line);
		buf_str(&out, "\r\n");
	}
	return out.p != NULL ? out.p : arena_strdup(a, "");
}

void
mime_date(char out[40], time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

char *
mime_message_id(struct arena *a, const char *id, long long epoch, const char *host)
{
	return arena_printf(a, "<%s.%lld@%s>", id, epoch, host);
}

void
mime_url_host(char *out, size_t n, const char *url)
{
	const char *p = url != NULL ? strstr(url, "://") : NULL, *at, *end;
	size_t len;

	p = p != NULL ? p + 3 : (url != NULL ? url : "");
	end = p + strcspn(p, "/?#");
	/* The user part ends at the last '@' of the authority. */
	for (at = end; at > p && at[-1] != '@'; at--)
		;
	p = at;
	if (*p == '[') {	/* [v6]: kept as the literal it is */
		const char *close = memchr(p, ']', (size_t)(end - p));

		len = close != NULL ? (size_t)(close - p) + 1 : (size_t)(end - p);
	} else
		len = strcspn(p, ":/?#");
	if (len > (size_t)(end - p))
		len = (size_t)(end - p);
	if (len == 0 || len >= n) {
		snprintf(out, n, "localhost");
		return;
	}
	memcpy(out, p, len);
	out[len] = '\0';
}

/* Printable ASCII only (what may follow "Name: " as it is). */
static bool
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/* A bare address: printable, no space or specials, one @ inside. */
static bool
address_ok(const char *s)
{
	const char *at = strchr(s, '@');

	if (*s == '\0' || !printable(s) || strpbrk(s, " <>()[],;:\\\"") != NULL)
		return false;
	return at != NULL && at != s && at[1] != '\0' && strchr(at + 1, '@') == NULL;
}

char *
mime_address(struct arena *a, const char *from)
{
	const char *lt, *gt;
	char *addr;

	if (from == NULL)
		return NULL;
	lt = strrchr(from, '<');
	gt = lt != NULL ? strchr(lt, '>') : NULL;
	if (lt != NULL && gt != NULL)
		addr = arena_strndup(a, lt + 1, (size_t)(gt - lt - 1));
	else if (lt == NULL && strchr(from, '>') == NULL)
		addr = arena_strdup(a, from);
	else
		return NULL;
	return address_ok(addr) ? addr : NULL;
}

char *
mime_build(struct arena *a, const struct mime_mail *m, size_t *len)
{
	struct buf b = { a, NULL, 0, 0 };
	char date[40];

	if (m->from == NULL || !printable(m->from) || mime_address(a, m->from) == NULL ||
	    m->to == NULL || !address_ok(m->to) ||
	    m->message_id == NULL || !printable(m->message_id) ||
	    strpbrk(m->message_id, " ") != NULL ||
	    (m->kind != NULL && (!printable(m->kind) || strchr(m->kind, ' ') != NULL)) ||
	    (m->unsubscribe_url != NULL && (!printable(m->unsubscribe_url) ||
	    strpbrk(m->unsubscribe_url, " <>") != NULL)))
		return NULL;
	mime_date(date, m->date);
	buf_str(&b, "From: ");
	buf_str(&b, m->from);
	buf_str(&b, "\r\nTo: ");
	buf_str(&b, m->to);
	buf_str(&b, "\r\n");
	buf_str(&b, mime_header(a, "Subject", m->subject));
	buf_str(&b, "Date: ");
	buf_str(&b, date);
	buf_str(&b, "\r\nMessage-ID: ");
	buf_str(&b, m->message_id);
	buf_str(&b, "\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "Content-Language: ");
	buf_str(&b, mime_language(m->language));
	buf_str(&b, "\r\nAuto-Submitted: auto-generated\r\n");
	if (m->kind != NULL) {
		buf_str(&b, "X-Burenhulp-Kind: ");
		buf_str(&b, m->kind);
		buf_str(&b, "\r\n");
	}
	if (m->unsubscribe_url != NULL) {
		/* RFC 8058: the one-click POST goes to the same URL. */
		buf_str(&b, "List-Unsubscribe: <");
		buf_str(&b, m->unsubscribe_url);
		buf_str(&b, ">\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	}
	buf_str(&b, "\r\n");
	buf_str(&b, mime_base64_body(a, m->body != NULL ? m->body : "",
	    m->body != NULL ? strlen(m->body) : 0));
	*len = b.len;
	return b.p;
}
