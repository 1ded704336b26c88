/*
 * search.c — the words of a search box as a FULLTEXT boolean-mode query,
 * shared by every list that takes `q` (requests, offers).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "search.h"

/* A code point of a word: ASCII letters and digits, and beyond ASCII
 * everything but the punctuation, symbol and space blocks. */
static bool
word_cp(unsigned long cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	if (cp < 0xc0 || cp == 0xd7 || cp == 0xf7)
		return false;
	if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff0f) ||
	    cp == 0xfeff)
		return false;
	return true;
}

/* Decodes one code point of valid UTF-8 (checked by valid_text) at s. */
static size_t
utf8_step(const unsigned char *s, unsigned long *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xe0) {
		*cp = ((unsigned long)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] < 0xf0) {
		*cp = ((unsigned long)(s[0] & 0x0f) << 12) |
		    ((unsigned long)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		return 3;
	}
	*cp = ((unsigned long)(s[0] & 0x07) << 18) | ((unsigned long)(s[1] & 0x3f) << 12) |
	    ((unsigned long)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
	return 4;
}

/*
 * The words of q as a boolean-mode search: every word required, each as a
 * prefix ("+hulp* +boodsch*"). Only word characters go in, so nothing the
 * caller types can be an operator. Words shorter than the index holds are
 * left out. NULL when no word is left.
 */
const char *
search_text_query(struct arena *a, const char *q)
{
	const unsigned char *p = (const unsigned char *)q, *start;
	size_t step, nwords = 0, used = 0, n = strlen(q);
	char *out = arena_alloc(a, 2 * n + 4 * SEARCH_MAX_WORDS + 1);
	unsigned long cp;
	long chars;

	while (*p != '\0' && nwords < SEARCH_MAX_WORDS) {
		step = utf8_step(p, &cp);
		if (!word_cp(cp)) {
			p += step;
			continue;
		}
		start = p;
		chars = 0;
		while (*p != '\0' && (step = utf8_step(p, &cp)) > 0 && word_cp(cp)) {
			p += step;
			chars++;
		}
		if (chars < SEARCH_WORD_MIN_CHARS || chars > SEARCH_WORD_MAX_CHARS)
			continue;
		used += (size_t)snprintf(out + used, 2 * n + 4 * SEARCH_MAX_WORDS + 1 - used,
		    "%s+%.*s*", nwords > 0 ? " " : "", (int)(p - start),
		    (const char *)start);
		nwords++;
	}
	return nwords > 0 ? out : NULL;
}

