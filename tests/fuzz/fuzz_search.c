/*
 * fuzz_search.c — libFuzzer target for search_text_query (lib/search.c),
 * the `q` of the request and offer lists, fed as list.c feeds it: only
 * after valid_text accepted q (1-200 characters of UTF-8 text).
 *
 * Invariants: the query is "+w* +w* ..." with at most SEARCH_MAX_WORDS
 * words, each of 3-84 characters found as they are in q, with no ASCII but
 * letters and digits in them (nothing typed is an operator of boolean
 * mode), and it is valid UTF-8; NULL only when q has no such word.
 */
#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "search.h"
#include "valid.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	const char	*out, *p, *end;
	char		*q, *word;
	size_t		 words = 0, i, n;
	long		 chars;
	bool		 has_alnum3 = false;

	q = arena_strndup(&a, (const char *)data, size);
	if (valid_text(q, strlen(q), 1, SEARCH_MAX_CHARS, false) != NULL)
		goto done;
	/* 3 to 84 ASCII letters or digits between ASCII that is neither (or
	 * the ends of q) are always a word. */
	for (i = 0, n = 0; !has_alnum3; i++) {
		if (isalnum((unsigned char)q[i])) {
			n++;
			continue;
		}
		if ((unsigned char)q[i] < 0x80 && n >= SEARCH_WORD_MIN_CHARS &&
		    n <= SEARCH_WORD_MAX_CHARS && (i == n ||
		    (unsigned char)q[i - n - 1] < 0x80))
			has_alnum3 = true;
		if ((unsigned char)q[i] >= 0x80)
			n = SEARCH_WORD_MAX_CHARS + 1;	/* part of a longer word */
		else
			n = 0;
		if (q[i] == '\0')
			break;
	}
	out = search_text_query(&a, q);
	if (out == NULL) {
		assert(!has_alnum3);
		goto done;
	}
	assert(valid_utf8_chars(out, strlen(out)) >= 0);
	for (p = out; *p != '\0'; p = *end == ' ' ? end + 1 : end) {
		assert(*p == '+');
		end = strchr(p, ' ');
		if (end == NULL)
			end = p + strlen(p);
		assert(end - p >= 2 && end[-1] == '*');
		word = arena_strndup(&a, p + 1, (size_t)(end - p - 2));
		chars = valid_utf8_chars(word, strlen(word));
		assert(chars >= SEARCH_WORD_MIN_CHARS && chars <= SEARCH_WORD_MAX_CHARS);
		for (i = 0; word[i] != '\0'; i++)
			assert((unsigned char)word[i] >= 0x80 ||
			    isalnum((unsigned char)word[i]));
		assert(strstr(q, word) != NULL);
		words++;
	}
	assert(words >= 1 && words <= SEARCH_MAX_WORDS);
done:
	arena_reset(&a);
	return 0;
}
