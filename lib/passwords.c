/*
 * passwords.c — the check of new passwords against common ones (see
 * passwords.h for what it refuses and why two checks).
 *
 * Lives here: the word set and its loader, the stem of a password, and the
 * process's check with cracklib. Not here: the length rule (valid.c, the
 * field tables) and the answer (valid.c turns a hit into 422
 * `common_password` on the field).
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* <crack.h> and <packer.h> use size_t without including <stddef.h>. */
#include <stddef.h>
#include <crack.h>
#include <packer.h>
#include <sodium.h>

#include "config.h"
#include "log.h"
#include "passwords.h"
#include "words.h"

/* ---- the set -------------------------------------------------------- */

/*
 * Open addressing over a power-of-two table of offsets into one buffer of
 * NUL-terminated words (offset 0 means empty: the buffer starts with a NUL
 * of its own). Kept at most half full.
 */
struct pwlist {
	uint32_t	*slot;
	size_t		 nslots, nwords;
	char		*buf;
	size_t		 used, cap;
};

/* FNV-1a, 32 bits: short words, no adversary who can choose the list. */
static uint32_t
hash_word(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

struct pwlist *
pwlist_new(void)
{
	struct pwlist *l;

	if ((l = calloc(1, sizeof(*l))) == NULL)
		return NULL;
	l->nslots = 1024;
	l->cap = 4096;
	l->slot = calloc(l->nslots, sizeof(*l->slot));
	l->buf = malloc(l->cap);
	if (l->slot == NULL || l->buf == NULL) {
		pwlist_free(l);
		return NULL;
	}
	l->buf[0] = '\0';
	l->used = 1;
	return l;
}

void
pwlist_free(struct pwlist *l)
{
	if (l == NULL)
		return;
	free(l->slot);
	free(l->buf);
	free(l);
}

/* The slot that holds the word, or the empty one where it would go. */
static size_t
find_slot(const struct pwlist *l, const char *w, size_t len)
{
	size_t i = hash_word(w, len) & (l->nslots - 1);
	const char *s;

	while (l->slot[i] != 0) {
		s = l->buf + l->slot[i];
		if (strncmp(s, w, len) == 0 && s[len] == '\0')
			break;
		i = (i + 1) & (l->nslots - 1);
	}
	return i;
}

static int
grow_slots(struct pwlist *l)
{
	uint32_t *old = l->slot, *slot;
	size_t n = l->nslots, i, j;

	if ((slot = calloc(n * 2, sizeof(*slot))) == NULL)
		return -1;
	l->slot = slot;
	l->nslots = n * 2;
	for (i = 0; i < n; i++) {
		if (old[i] == 0)
			continue;
		j = find_slot(l, l->buf + old[i], strlen(l->buf + old[i]));
		l->slot[j] = old[i];
	}
	free(old);
	return 0;
}

/* Adds one folded word; 1 when new, 0 when known, -1 when out of memory. */
static int
add_word(struct pwlist *l, const char *w, size_t len)
{
	size_t i;
	char *buf;

	i = find_slot(l, w, len);
	if (l->slot[i] != 0)
		return 0;
	if (l->used + len + 1 > UINT32_MAX)
		return -1;
	while (l->used + len + 1 > l->cap) {
		if ((buf = realloc(l->buf, l->cap * 2)) == NULL)
			return -1;
		l->buf = buf;
		l->cap *= 2;
	}
	memcpy(l->buf + l->used, w, len);
	l->buf[l->used + len] = '\0';
	l->slot[i] = (uint32_t)l->used;
	l->used += len + 1;
	l->nwords++;
	if (l->nwords * 2 > l->nslots && grow_slots(l) != 0)
		return -1;
	return 1;
}

int
pwlist_add_text(struct pwlist *l, const char *text, size_t len)
{
	char word[PASSWORDS_WORD_MAX];
	size_t at = 0, end, from, to, i;
	int added = 0, r;

	while (at < len) {
		const char *eol = memchr(text + at, '\n', len - at);

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
			word[i - from] = (char)tolower((unsigned char)text[i]);
		if ((r = add_word(l, word, to - from)) < 0)
			return -1;
		added += r;
	}
	return added;
}

int
pwlist_add_file(struct pwlist *l, const char *path)
{
	FILE *f;
	char *text = NULL, *more;
	size_t len = 0, cap = 0, n;
	int r = -1, saved;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if ((more = realloc(text, cap)) == NULL)
				goto out;
			text = more;
		}
		if ((n = fread(text + len, 1, cap - len, f)) == 0)
			break;
		len += n;
	}
	if (ferror(f))
		goto out;
	r = pwlist_add_text(l, text, len);
out:
	saved = errno;
	free(text);
	fclose(f);
	errno = saved;
	return r;
}

bool
pwlist_has(const struct pwlist *l, const char *word, size_t len)
{
	if (l == NULL || len == 0 || len > PASSWORDS_WORD_MAX)
		return false;
	return l->slot[find_slot(l, word, len)] != 0;
}

/* ---- the stem ------------------------------------------------------- */

static bool
is_edge(unsigned char c)
{
	return c < 0x80 && (isdigit(c) || ispunct(c) || isspace(c));
}

size_t
passwords_stem(char *out, const char *pw, size_t len)
{
	size_t from = 0, to = len, i;

	while (from < to && is_edge((unsigned char)pw[from]))
		from++;
	while (to > from && is_edge((unsigned char)pw[to - 1]))
		to--;
	if (from == to || to - from > PASSWORDS_WORD_MAX)
		return 0;
	for (i = from; i < to; i++)
		out[i - from] = (char)tolower((unsigned char)pw[i]);
	out[to - from] = '\0';
	return to - from;
}

/*
 * The stem with the usual swaps of letters for digits and symbols undone
 * into out (same length); which is 0 or 1 for the two readings of '1' and
 * '!' (i or l). False when nothing was swapped.
 */
static bool
unswap(char *out, const char *stem, size_t len, int which)
{
	bool changed = false;
	size_t i;
	char c;

	for (i = 0; i < len; i++) {
		switch (stem[i]) {
		case '0': c = 'o'; break;
		case '1': case '!': c = which ? 'l' : 'i'; break;
		case '|': c = 'l'; break;
		case '3': c = 'e'; break;
		case '4': case '@': c = 'a'; break;
		case '5': case '$': c = 's'; break;
		case '7': case '+': c = 't'; break;
		case '8': c = 'b'; break;
		case '9': c = 'g'; break;
		default: c = stem[i]; break;
		}
		changed |= c != stem[i];
		out[i] = c;
	}
	out[len] = '\0';
	return changed;
}

/* The shortest unit the word is a repetition of ("abcabc": 3), or len. */
static size_t
period(const char *w, size_t len)
{
	size_t p, i;

	for (p = 1; p <= len / 2; p++) {
		if (len % p != 0)
			continue;
		for (i = p; i < len && w[i] == w[i - p]; i++)
			;
		if (i == len)
			return p;
	}
	return len;
}

/* ---- the process's check -------------------------------------------- */

static struct pwlist *list;
static PWDICT *dict;
/* What FindPW answers for a word not in the dictionary (its number of
 * words; packer.h shows PW_WORDS to cracklib itself only). */
static unsigned dict_notfound;
static bool ready;
/* cracklib keeps its last block and Mangle's result in shared buffers,
 * and holds one open dictionary per process (PWOpen refuses a second). */
static pthread_mutex_t dict_lock = PTHREAD_MUTEX_INITIALIZER;

int
passwords_init_paths(const char *list_path, const char *dict_path)
{
	struct pwlist *l;
	int n;

	if (ready)
		return 0;
	if ((l = pwlist_new()) == NULL) {
		log_error("passwords: out of memory");
		return -1;
	}
	if ((n = pwlist_add_file(l, list_path)) <= 0) {
		log_error("passwords: cannot load %s: %s", list_path,
		    n < 0 ? strerror(errno) : "no words");
		pwlist_free(l);
		return -1;
	}
	if (dict_path != NULL &&
	    (dict = PWOpen(dict_path, (char *)"r")) == NULL) {
		log_error("passwords: cannot open cracklib's dictionary %s "
		    "(Debian: cracklib-runtime)", dict_path);
		pwlist_free(l);
		return -1;
	}
	if (dict != NULL) {
		char probe[] = "\001not a word\001";

		dict_notfound = FindPW(dict, probe);
	}
	log_info("passwords: %d common stems from %s%s%s", n, list_path,
	    dict != NULL ? ", cracklib " : "", dict != NULL ? dict_path : "");
	list = l;
	ready = true;
	return 0;
}

int
passwords_init(const struct config *cfg)
{
	char path[4096];
	const char *list_path = config_str(cfg, "common_passwords", NULL);
	const char *dict_path = config_str(cfg, "cracklib_dict",
	    GetDefaultCracklibDict());

	if (list_path == NULL) {
		snprintf(path, sizeof(path), "%s/common_passwords.txt",
		    config_str(cfg, "words_dir", WORDS_DIR_DEFAULT));
		list_path = path;
	}
	return passwords_init_paths(list_path, dict_path);
}

bool
passwords_ready(void)
{
	return ready;
}

/* Is the folded word in the list or in cracklib's dictionary? */
static bool
known_word(char *w, size_t len)
{
	bool found;

	if (len < PASSWORDS_STEM_MIN)
		return false;
	if (pwlist_has(list, w, len))
		return true;
	if (dict == NULL)
		return false;
	pthread_mutex_lock(&dict_lock);
	found = FindPW(dict, w) != dict_notfound;
	pthread_mutex_unlock(&dict_lock);
	return found;
}

/* The stem, its unit when it repeats, each with swaps undone. */
static bool
known_stem(char *stem, size_t len)
{
	char swapped[PASSWORDS_WORD_MAX + 1];
	size_t p = period(stem, len);
	int which;

	if (p < len && p >= PASSWORDS_STEM_MIN) {
		stem[p] = '\0';
		len = p;
	}
	if (known_word(stem, len))
		return true;
	for (which = 0; which < 2; which++)
		if (unswap(swapped, stem, len, which) &&
		    known_word(swapped, len))
			return true;
	return false;
}

bool
passwords_common(const char *pw, size_t len)
{
	char folded[PASSWORDS_WORD_MAX + 1], stem[PASSWORDS_WORD_MAX + 1];
	char copy[TRUNCSTRINGSIZE];
	bool common = false;
	size_t n, i;

	if (!ready)
		return false;
	/* The whole password, only folded ("1q2w3e4r5t", "qwertyuiop"). */
	if (len <= PASSWORDS_WORD_MAX) {
		for (i = 0; i < len; i++)
			folded[i] = (char)tolower((unsigned char)pw[i]);
		if ((common = pwlist_has(list, folded, len)))
			goto out;
	}
	if ((n = passwords_stem(stem, pw, len)) > 0 &&
	    (common = known_stem(stem, n)))
		goto out;
	/* cracklib's own rules read a C string of at most TRUNCSTRINGSIZE - 1
	 * bytes: a NUL would end it early (such a password is no word). */
	if (dict == NULL || memchr(pw, '\0', len) != NULL)
		goto out;
	n = len < sizeof(copy) - 1 ? len : sizeof(copy) - 1;
	memcpy(copy, pw, n);
	copy[n] = '\0';
	pthread_mutex_lock(&dict_lock);
	common = FascistLookUser(dict, copy, "", "") != NULL;
	pthread_mutex_unlock(&dict_lock);
out:
	sodium_memzero(folded, sizeof(folded));
	sodium_memzero(stem, sizeof(stem));
	sodium_memzero(copy, sizeof(copy));
	return common;
}
