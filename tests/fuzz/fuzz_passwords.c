/*
 * fuzz_passwords.c — libFuzzer target for lib/passwords.c: the loader of
 * the list of common passwords (pwlist_add_text, the format of
 * data/common_passwords.txt) and the check every new password goes through
 * (passwords_common: the stem, the letter swaps, cracklib's FascistLook),
 * fed any bytes, as valid.c feeds it the bytes of a JSON string.
 *
 * Invariants: the loader never adds more words than the text has lines;
 * every word it was given (trimmed, folded, not a comment, not too long)
 * is in the set afterwards, and a second load of the same text adds
 * nothing; the stem is never longer than the input and holds no folded
 * upper case; the check gives the same answer twice (no state leaks
 * between calls).
 */
#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stddef.h>
#include <crack.h>

#include "passwords.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[4096], path[4096 + 64], *slash;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s", __FILE__);	/* .../tests/fuzz/fuzz_passwords.c */
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	snprintf(path, sizeof(path), "%s/../../data/common_passwords.txt", dir);
	if (passwords_init_paths(path, GetDefaultCracklibDict()) != 0)
		abort();
	return 0;
}

/* Every listed word of text is in l. */
static void
check_loaded(const struct pwlist *l, const uint8_t *text, size_t len)
{
	char word[PASSWORDS_WORD_MAX];
	size_t at = 0, end, from, to, i;

	while (at < len) {
		const uint8_t *eol = memchr(text + at, '\n', len - at);

		end = eol != NULL ? (size_t)(eol - text) : len;
		from = at;
		to = end;
		at = end + 1;
		while (from < to && (text[from] == ' ' || text[from] == '\t'))
			from++;
		while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\t' ||
		    text[to - 1] == '\r'))
			to--;
		if (from == to || text[from] == '#' || to - from > sizeof(word) ||
		    memchr(text + from, '\0', to - from) != NULL)
			continue;
		for (i = from; i < to; i++)
			word[i - from] = (char)tolower(text[i]);
		assert(pwlist_has(l, word, to - from));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char stem[PASSWORDS_WORD_MAX + 1];
	size_t n, i, lines = 1;
	bool first;

	if (size > 0 && (data[0] & 1)) {
		struct pwlist *l = pwlist_new();
		int added;

		assert(l != NULL);
		for (i = 1; i < size; i++)
			lines += data[i] == '\n';
		added = pwlist_add_text(l, (const char *)data + 1, size - 1);
		assert(added >= 0 && (size_t)added <= lines);
		check_loaded(l, data + 1, size - 1);
		assert(pwlist_add_text(l, (const char *)data + 1, size - 1) == 0);
		pwlist_free(l);
		return 0;
	}

	n = passwords_stem(stem, (const char *)data, size);
	assert(n <= size && n <= PASSWORDS_WORD_MAX);
	for (i = 0; i < n; i++)
		assert(!(stem[i] >= 'A' && stem[i] <= 'Z'));
	first = passwords_common((const char *)data, size);
	assert(passwords_common((const char *)data, size) == first);
	return 0;
}
