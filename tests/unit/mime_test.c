/*
 * mime_test.c — mailer/mime.c: what a mail reader relies on. A Dutch
 * subject with accents becomes RFC 2047 encoded-words that decode back to
 * the same text, none longer than 75 characters, none splitting a
 * character, one per folded line; plain ASCII stays as it is; CR/LF in a
 * request's title cannot add a header (header_injection_*); the body is
 * base64 in lines of 76 that decode to the text with CRLF line ends; the
 * Date is RFC 5322 in UTC; the Message-ID depends on the row alone; a To
 * or From that would break a header is refused.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "mime.h"
#include "tap.h"

/* Decodes every "=?UTF-8?B?...?=" word of a header value (after the
 * name), joined as RFC 2047 6.2 says (whitespace between words dropped). */
static char *
decode_header(struct arena *a, const char *h)
{
	char *out = arena_alloc(a, strlen(h) + 1), *w;
	const char *p = strchr(h, ':') + 1, *end;
	size_t n = 0, bin;
	int prev_word = 0;

	while (*p != '\0') {
		if (strncmp(p, "=?UTF-8?B?", 10) == 0 && (end = strstr(p + 10, "?=")) != NULL) {
			w = arena_strndup(a, p + 10, (size_t)(end - p - 10));
			if (sodium_base642bin((unsigned char *)out + n, strlen(h) - n, w,
			    strlen(w), NULL, &bin, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
				return NULL;
			n += bin;
			p = end + 2;
			prev_word = 1;
			continue;
		}
		if (prev_word && (*p == ' ' || *p == '\r' || *p == '\n')) {
			p++;
			continue;
		}
		if (*p == '\r' || *p == '\n') {
			p++;
			continue;
		}
		prev_word = 0;
		out[n++] = *p++;
	}
	out[n] = '\0';
	/* The space after "Name:". */
	return out[0] == ' ' ? out + 1 : out;
}

/* Every line of s (CRLF-separated) at most max characters. */
static int
lines_within(const char *s, size_t max)
{
	const char *p = s, *e;

	while (*p != '\0') {
		e = strstr(p, "\r\n");
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) > max)
			return 0;
		p = *e != '\0' ? e + 2 : e;
	}
	return 1;
}

static int
no_bare_newlines(const char *start)
{
	const char *s;

	for (s = start; *s != '\0'; s++) {
		if (*s == '\n' && (s == start || s[-1] != '\r'))
			return 0;
		if (*s == '\r' && s[1] != '\n')
			return 0;
	}
	return 1;
}

/* Header lines of a message: every line before the blank one that starts
 * a field (not a fold) and names name. */
static int
count_header(const char *msg, const char *name)
{
	const char *p = msg, *end = strstr(msg, "\r\n\r\n");
	size_t n = strlen(name);
	int c = 0;

	while (p != NULL && p < end) {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':')
			c++;
		p = strstr(p, "\r\n");
		if (p != NULL)
			p += 2;
	}
	return c;
}

static void
test_subjects(struct arena *a)
{
	static const char *const subjects[] = {
		"Café-bezoek: é ë ï ö ü — “Boodschappen” voor mevrouw",
		"Een vrijwilliger reageert op uw vraag “Hulp bij het ophalen van "
		    "medicijnen bij de apotheek in Emmen-Centrum, liefst dinsdag”",
		"日本語のテキスト 😀 and more 😀😀😀😀😀😀😀😀😀😀😀😀😀",
		"ë",
	};
	size_t i;

	for (i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		char *h = mime_header(a, "Subject", subjects[i]), *d = decode_header(a, h);
		const char *w;
		int words_ok = 1;

		ok(strncmp(h, "Subject: =?UTF-8?B?", 19) == 0, "non-ASCII subject %zu is encoded", i);
		ok(d != NULL && strcmp(d, subjects[i]) == 0,
		    "subject %zu decodes to what it was (%s)", i, d != NULL ? d : "(null)");
		ok(lines_within(h, 78) && no_bare_newlines(h), "subject %zu is folded within 78 columns", i);
		/* Each word alone decodes to valid UTF-8: none splits a character. */
		for (w = strstr(h, "=?UTF-8?B?"); w != NULL; w = strstr(w + 1, "=?UTF-8?B?")) {
			const char *e = strstr(w, "?=");
			char *one = arena_strndup(a, w + 10, (size_t)(e - w - 10));
			unsigned char bin[128];
			size_t bl;

			if ((size_t)(e + 2 - w) > 75 ||
			    sodium_base642bin(bin, sizeof(bin) - 1, one, strlen(one), NULL, &bl,
			    NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
			    (bl > 0 && (bin[0] & 0xc0) == 0x80) ||
			    (bl > 0 && bin[bl - 1] >= 0xc0))
				words_ok = 0;
		}
		ok(words_ok, "subject %zu: words of at most 75 characters, whole characters each", i);
	}
}

static void
test_ascii(struct arena *a)
{
	char *h = mime_header(a, "Subject", "Nieuw wachtwoord voor Burenhulp");
	char *longer;

	ok(strcmp(h, "Subject: Nieuw wachtwoord voor Burenhulp\r\n") == 0,
	    "an ASCII subject is written as it is");
	longer = mime_header(a, "Subject", "A volunteer responded to your request about "
	    "shopping for groceries on Tuesday morning near the station please");
	ok(lines_within(longer, 78) && strstr(longer, "\r\n ") != NULL &&
	    strncmp(longer, "Subject: A volunteer", 20) == 0,
	    "a long ASCII subject is folded at a space");
	h = mime_header(a, "Subject", "=?UTF-8?B?SGFjaw==?= typed by a user");
	ok(strncmp(h, "Subject: =?UTF-8?B?", 19) == 0 &&
	    strcmp(decode_header(a, h), "=?UTF-8?B?SGFjaw==?= typed by a user") == 0,
	    "text that looks like an encoded-word is encoded, not passed on");
}

static void
header_injection_subject(struct arena *a)
{
	struct mime_mail m = {
		.from = "Burenhulp <noreply@localhost>", .to = "a@example.org",
		.subject = "Hulp\r\nBcc: victim@example.org\nX-Evil: 1",
		.message_id = "<1.1700000000@localhost>", .date = 0, .language = "nl",
		.body = "x\n",
	};
	size_t len;
	char *msg = mime_build(a, &m, &len);

	ok(msg != NULL && count_header(msg, "Bcc") == 0 && count_header(msg, "X-Evil") == 0,
	    "header_injection_subject: CR/LF in a subject adds no header");
	ok(msg != NULL && no_bare_newlines(msg), "header_injection_subject: no bare CR or LF");
	m.subject = "Caf\xc3\xa9\r\nBcc: victim@example.org";
	msg = mime_build(a, &m, &len);
	ok(msg != NULL && count_header(msg, "Bcc") == 0,
	    "header_injection_subject: nor in a non-ASCII one");
}

static void
header_injection_addresses(struct arena *a)
{
	static const char *const bad_to[] = {
		"a@example.org\r\nBcc: b@example.org", "a@example.org\n", "<a@example.org>",
		"a b@example.org", "no-at-sign", "a@b@c", "caf\xc3\xa9@example.org", "",
		"a@example.org, b@example.org",
	};
	struct mime_mail m = {
		.from = "Burenhulp <noreply@localhost>", .subject = "s",
		.message_id = "<1.1@localhost>", .language = "nl", .body = "x",
	};
	size_t i, len;

	for (i = 0; i < sizeof(bad_to) / sizeof(bad_to[0]); i++) {
		m.to = bad_to[i];
		ok(mime_build(a, &m, &len) == NULL, "header_injection_to %zu is refused", i);
	}
	m.to = "a@example.org";
	m.from = "Burenhulp <noreply@localhost>\r\nBcc: x@y";
	ok(mime_build(a, &m, &len) == NULL, "a From with CR/LF is refused");
	m.from = "Burenhulp <noreply@localhost>";
	m.unsubscribe_url = "http://x/api/v1/unsubscribe?token=a>\r\nBcc: x@y";
	ok(mime_build(a, &m, &len) == NULL, "an unsubscribe URL with CR/LF is refused");
}

static void
test_build(struct arena *a)
{
	static const char body[] = "Hallo Anna,\n\nEen vrijwilliger reageert op uw vraag "
	    "“Boodschappen”. Dit is een langere regel met é en ë, zodat de base64 meer dan "
	    "één regel van 76 tekens beslaat.\n\n-- \nBurenhulp\n";
	struct mime_mail m = {
		.from = "Burenhulp <noreply@localhost>", .to = "anna@example.org",
		.subject = "Reactie op “Boodschappen”",
		.message_id = "<42.1764612927@burenhulp.example>", .date = 1764612927,
		.language = "en", .kind = "match.responded",
		.unsubscribe_url = "https://burenhulp.example/api/v1/unsubscribe?token=abc",
		.body = body,
	};
	const char *b64, *p;
	unsigned char dec[1024];
	char *flat, *msg;
	size_t len, dl, i, j;

	msg = mime_build(a, &m, &len);
	ok(msg != NULL && len == strlen(msg), "a mail is built");
	if (msg == NULL)
		return;
	ok(strstr(msg, "\r\nDate: Mon, 01 Dec 2025 18:15:27 +0000\r\n") != NULL,
	    "Date is RFC 5322 in UTC");
	ok(strstr(msg, "\r\nMessage-ID: <42.1764612927@burenhulp.example>\r\n") != NULL,
	    "Message-ID as given");
	ok(strncmp(msg, "From: Burenhulp <noreply@localhost>\r\nTo: anna@example.org\r\n", 57) == 0,
	    "From and To first");
	ok(strstr(msg, "\r\nMIME-Version: 1.0\r\n") != NULL &&
	    strstr(msg, "\r\nContent-Type: text/plain; charset=UTF-8\r\n") != NULL &&
	    strstr(msg, "\r\nContent-Transfer-Encoding: base64\r\n") != NULL,
	    "MIME headers");
	ok(strstr(msg, "\r\nContent-Language: en\r\n") != NULL, "Content-Language");
	ok(strstr(msg, "\r\nAuto-Submitted: auto-generated\r\n") != NULL, "Auto-Submitted");
	ok(strstr(msg, "\r\nList-Unsubscribe: <https://burenhulp.example/api/v1/unsubscribe?token=abc>\r\n") != NULL &&
	    strstr(msg, "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n") != NULL,
	    "List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)");
	ok(no_bare_newlines(msg), "CRLF everywhere");
	b64 = strstr(msg, "\r\n\r\n") + 4;
	ok(lines_within(b64, 76), "base64 lines of at most 76");
	/* All but the last line exactly 76. */
	for (p = b64, i = 0; (p = strstr(p, "\r\n")) != NULL && p[2] != '\0'; p += 2)
		i++;
	flat = arena_alloc(a, strlen(b64) + 1);
	for (p = b64, j = 0; *p != '\0'; p++)
		if (*p != '\r' && *p != '\n')
			flat[j++] = *p;
	ok(i >= 2 && strlen(b64) > 3 * 78, "the body takes several lines");
	ok(sodium_base642bin(dec, sizeof(dec) - 1, flat, j, NULL, &dl, NULL,
	    sodium_base64_VARIANT_ORIGINAL) == 0, "the body is valid base64");
	dec[dl] = '\0';
	ok(strstr((char *)dec, "Hallo Anna,\r\n\r\nEen vrijwilliger") != NULL &&
	    strstr((char *)dec, "-- \r\nBurenhulp\r\n") != NULL && no_bare_newlines((char *)dec),
	    "the body decodes to the text with CRLF line ends");

	m.unsubscribe_url = NULL;
	msg = mime_build(a, &m, &len);
	ok(msg != NULL && count_header(msg, "List-Unsubscribe") == 0 &&
	    count_header(msg, "List-Unsubscribe-Post") == 0,
	    "no List-Unsubscribe when there is none (account mails)");
}

static void
test_helpers(struct arena *a)
{
	char host[64];

	mime_url_host(host, sizeof(host), "http://localhost:8181");
	ok(strcmp(host, "localhost") == 0, "host of http://localhost:8181");
	mime_url_host(host, sizeof(host), "https://user:pw@burenhulp.emmen.nl/sub/path?x");
	ok(strcmp(host, "burenhulp.emmen.nl") == 0, "host without user, port, path");
	ok(strcmp(mime_message_id(a, "17", 1764612927, "burenhulp.nl"),
	    "<17.1764612927@burenhulp.nl>") == 0, "Message-ID <ID.EPOCH@HOST>");
	ok(strcmp(mime_address(a, "Burenhulp <noreply@localhost>"), "noreply@localhost") == 0,
	    "the address of a From");
	ok(strcmp(mime_address(a, "noreply@localhost"), "noreply@localhost") == 0,
	    "a bare address");
	ok(mime_address(a, "Burenhulp <noreply") == NULL, "no address in a broken From");
}

int
main(void)
{
	struct arena a = { NULL };

	if (sodium_init() < 0)
		return 99;
	test_subjects(&a);
	test_ascii(&a);
	header_injection_subject(&a);
	header_injection_addresses(&a);
	test_build(&a);
	test_helpers(&a);
	arena_reset(&a);
	return tap_done();
}
