/*
 * fuzz_mime.c — libFuzzer target for mailer/mime.c, the mail renderer's
 * last step: the Subject (it may hold a post's title) through mime_header,
 * the body through mime_base64_body, and a whole message through
 * mime_build with the input's lines as subject, recipient, sender and body;
 * mime_address and mime_url_host on the config's sender and public URL.
 *
 * Invariants: nothing typed adds a header line — a header is printable
 * ASCII whose CRLFs are each followed by a space, one final CRLF; encoded
 * words are at most 75 characters; the body decodes to the input with CRLF
 * line ends; a built message has exactly the headers mime_build writes.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "mailer/mime.h"
#include "valid.h"

/* Header text: printable ASCII, every CR in a CRLF, a final CRLF; in one
 * field (one) each CRLF but the last is followed by a space (folding). */
static void
check_header(const char *h, size_t len, bool one)
{
	size_t i, ew;
	const char *p;

	assert(len >= 2 && h[len - 2] == '\r' && h[len - 1] == '\n');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)h[i];

		if (c == '\r') {
			assert(h[i + 1] == '\n');
			assert(!one || i + 2 == len || h[i + 2] == ' ');
			i++;
			continue;
		}
		assert(c >= 0x20 && c <= 0x7e);
	}
	for (p = h; (p = strstr(p, "=?UTF-8?B?")) != NULL; p += ew) {
		ew = (size_t)(strstr(p, "?=") != NULL &&
		    strstr(p + 10, "?=") != NULL ? strstr(p + 10, "?=") + 2 - p : 0);
		assert(ew > 0 && ew <= 75);
	}
}

static char *
next_line(char **p)
{
	char *s = *p, *nl = strchr(s, '\n');

	if (nl != NULL) {
		*nl = '\0';
		*p = nl + 1;
	} else
		*p = s + strlen(s);
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "From", "To", "Subject", "Date",
	    "Message-ID", "MIME-Version", "Content-Type",
	    "Content-Transfer-Encoding", "Content-Language", "Auto-Submitted",
	    "X-Burenhulp-Kind", "List-Unsubscribe", "List-Unsubscribe-Post" };
	struct arena	 a = { NULL };
	struct mime_mail m;
	char		*s, *p, *h, *b64, *msg, *line, host[64];
	unsigned char	*bin, *want;
	size_t		 binlen, wantlen = 0, i, len, k, nh;
	const char	*end, *addr;

	s = arena_strndup(&a, (const char *)data, size);
	h = mime_header(&a, "Subject", s);
	assert(strncmp(h, "Subject: ", 9) == 0);
	check_header(h, strlen(h), true);

	/* The body, NULs and all. */
	b64 = mime_base64_body(&a, (const char *)data, size);
	want = arena_alloc(&a, 2 * size + 1);
	for (i = 0; i < size; i++) {
		if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
			want[wantlen++] = '\r';
		want[wantlen++] = data[i];
	}
	bin = arena_alloc(&a, wantlen + 1);
	assert(sodium_base642bin(bin, wantlen + 1, b64, strlen(b64), "\r\n",
	    &binlen, &end, sodium_base64_VARIANT_ORIGINAL) == 0);
	assert(binlen == wantlen && memcmp(bin, want, wantlen) == 0);
	for (line = b64; *line != '\0'; line = strstr(line, "\r\n") + 2)
		assert(strstr(line, "\r\n") != NULL &&
		    strstr(line, "\r\n") - line <= 76);

	/* A whole message: subject, to, from, then the body. */
	p = arena_strdup(&a, s);
	memset(&m, 0, sizeof(m));
	m.subject = next_line(&p);
	/* A mail's subject is a title the handlers took through valid_text
	 * (valid UTF-8, no control characters): the whole message is built
	 * only from such a subject, as the mailer does. */
	if (valid_text(m.subject, strlen(m.subject), 0, 100000, false) != NULL)
		goto done;
	m.to = next_line(&p);
	m.from = next_line(&p);
	/* From is the operator's mail_from and To a checked address: neither
	 * holds the text of an encoded word, which the check below counts. */
	if (strstr(m.from, "=?") != NULL || strstr(m.to, "=?") != NULL)
		goto done;
	m.body = p;
	mime_url_host(host, sizeof(host), m.from);
	assert(strlen(host) > 0 && strlen(host) < sizeof(host) &&
	    strpbrk(host, "/?#@") == NULL);
	if ((addr = mime_address(&a, m.from)) != NULL)
		assert(*addr != '\0' && strpbrk(addr, " <>()[],;:\\\"\r\n") == NULL &&
		    strchr(addr, '@') != NULL);
	m.message_id = "<AAAAAAAAAAAAAAAAAAAAAA.1764612000@burenhulp.example>";
	m.date = 1764612000;
	m.language = "nl";
	m.kind = "digest";
	m.unsubscribe_url = "https://burenhulp.example/api/v1/unsubscribe?t=abc";
	if ((msg = mime_build(&a, &m, &len)) == NULL)
		goto done;
	assert(strlen(msg) == len);
	end = strstr(msg, "\r\n\r\n");
	assert(end != NULL);
	check_header(msg, (size_t)(end - msg) + 2, false);
	h = mime_header(&a, "Subject", m.subject);
	assert(strstr(msg, h) != NULL);
	/* Each line that does not continue a field starts a known one, and
	 * each known one comes once. */
	for (line = msg, nh = 0; line < end; line = strstr(line, "\r\n") + 2) {
		if (*line == ' ')
			continue;
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strncmp(line, names[k], strlen(names[k])) == 0 &&
			    line[strlen(names[k])] == ':')
				break;
		assert(k < sizeof(names) / sizeof(names[0]));
		nh++;
	}
	assert(nh == sizeof(names) / sizeof(names[0]));
done:
	arena_reset(&a);
	return 0;
}
