/*
 * fuzz_words.c — libFuzzer target for lib/words.c (the scan of a post's
 * public text for health terms and asks for professional care) and
 * lib/warnings.c (the answers' warnings), fed as the handlers feed them:
 * any bytes of a title or description, against the project's own lists
 * (data/, loaded once). An input whose first byte is odd also adds its
 * first line as a list of its own (words_add_text: the list format).
 *
 * Invariants: the callbacks are as many as words_scan says; every match
 * lies inside the text, is not empty, and comes after the last match of
 * its kind ended (left to right, none inside another); the bytes of a
 * match scanned alone are again a match of that kind from their start to
 * their end (a match is a whole term, not a piece of one); and the
 * warnings made of the text list each term once, at most
 * WARNINGS_TERMS_MAX.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warnings.h"
#include "words.h"

static struct words *lists;

struct check {
	const uint8_t	*text;
	size_t		 len;
	size_t		 last_end[3];
	int		 calls;
	const struct words *w;
};

struct whole {
	size_t		len;
	unsigned	kind;
	int		found;
};

static void
on_whole(void *ctx, const struct words_match *m)
{
	struct whole *wh = ctx;

	if (m->kind == wh->kind && m->off == 0 && m->len == wh->len)
		wh->found = 1;
}

static void
on_match(void *ctx, const struct words_match *m)
{
	struct check *c = ctx;
	struct whole wh = { m->len, m->kind, 0 };

	c->calls++;
	assert(m->kind == WORDS_HEALTH || m->kind == WORDS_CARE);
	assert(m->len > 0 && m->off + m->len <= c->len);
	assert(m->off >= c->last_end[m->kind]);
	c->last_end[m->kind] = m->off + m->len;
	assert(words_scan(c->w, (const char *)c->text + m->off, m->len, on_whole, &wh) >= 1);
	assert(wh.found);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[4096], path[4096 + 32], *slash;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s", __FILE__);	/* .../tests/fuzz/fuzz_words.c */
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	lists = words_new();
	snprintf(path, sizeof(path), "%s/../../data/health_terms.txt", dir);
	if (lists == NULL || words_add_file(lists, path, WORDS_HEALTH) <= 0)
		abort();
	snprintf(path, sizeof(path), "%s/../../data/care_terms.txt", dir);
	if (words_add_file(lists, path, WORDS_CARE) <= 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct words *own = NULL;
	const uint8_t *text = data;
	size_t len = size, i, j, n;
	struct check c;
	json_object *warnings, *terms;
	int found;

	if (size > 0 && (data[0] & 1)) {
		const uint8_t *eol = memchr(data, '\n', size);

		n = eol != NULL ? (size_t)(eol - data) : size;
		own = words_new();
		assert(own != NULL);
		assert(words_add_text(own, (const char *)data + 1, n > 0 ? n - 1 : 0,
		    WORDS_HEALTH | WORDS_CARE) >= 0);
		text = data + n + (eol != NULL);
		len = size - n - (eol != NULL);
	}

	memset(&c, 0, sizeof(c));
	c.text = text;
	c.len = len;
	c.w = lists;
	found = words_scan(lists, (const char *)text, len, on_match, &c);
	assert(found == c.calls);

	if (own != NULL) {
		memset(&c, 0, sizeof(c));
		c.text = text;
		c.len = len;
		c.w = own;
		found = words_scan(own, (const char *)text, len, on_match, &c);
		assert(found == c.calls);
		words_free(own);
	}

	warnings = json_object_new_array();
	(void)warnings_text(warnings, lists, "description", (const char *)text, len);
	for (i = 0; i < json_object_array_length(warnings); i++) {
		terms = json_object_object_get(json_object_array_get_idx(warnings, i), "terms");
		n = json_object_array_length(terms);
		assert(n >= 1 && n <= WARNINGS_TERMS_MAX);
		for (j = 0; j < n; j++)
			assert(json_object_get_string_len(json_object_array_get_idx(terms, j)) > 0);
	}
	json_object_put(warnings);
	return 0;
}
