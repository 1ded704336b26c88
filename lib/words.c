/*
 * words.c — the tries of listed words and the scan of a text (see words.h).
 *
 * Text and terms are folded the same way (fold_next): ASCII letters to
 * lower case, the accented Latin letters of Latin-1 and Latin Extended-A
 * to their base letters ("ĳ" to "ij", "ß" to "ss"), combining accents and
 * soft hyphens dropped, digits kept, every other character a separator.
 * A letter outside those ranges (Greek, Cyrillic, ...) stays part of its
 * word as FOLD_OTHER, which no term holds: a word with one never matches,
 * and it does not split the word around it.
 *
 * The forward trie holds every term, phrases with one space between their
 * words; a scan walks it from the start of each word of the folded text,
 * so its cost is the length of the longest listed prefix at each word, not
 * the size of the list. The reverse trie holds the compound ends ("~kanker"
 * reversed) and is walked from the end of each word back.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "words.h"

#define ALPHABET	37		/* a-z, 0-9, space */
#define FOLD_OTHER	'#'		/* a letter no term holds */
#define TERM_MAX	200		/* folded bytes of one term */

struct node {
	int32_t		child[ALPHABET];
	uint8_t		kinds;		/* a term of these kinds ends here */
};

struct trie {
	struct node	*nodes;
	size_t		 n, cap;
};

struct words {
	struct trie	 fwd, rev;
};

static int
letter_index(char c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= '0' && c <= '9')
		return 26 + (c - '0');
	if (c == ' ')
		return 36;
	return -1;
}

/* Base letters of U+00C0..U+00FF; '.' a separator, digraphs below. */
static const char latin1[65] =
	"aaaaaaaceeeeiiii"	/* C0-CF: À..Ï (Æ: digraph) */
	"dnooooo.ouuuuyts"	/* D0-DF: Ð..ß (× separator, Þ, ß: digraph) */
	"aaaaaaaceeeeiiii"	/* E0-EF */
	"dnooooo.ouuuuyty";	/* F0-FF (÷ separator, þ) */

/* The base letter of code point cp in U+0100..U+017F. */
static char
latin_ext_a(uint32_t cp)
{
	static const struct { uint16_t from, to; char base; } ranges[] = {
		{ 0x100, 0x105, 'a' }, { 0x106, 0x10d, 'c' }, { 0x10e, 0x111, 'd' },
		{ 0x112, 0x11b, 'e' }, { 0x11c, 0x123, 'g' }, { 0x124, 0x127, 'h' },
		{ 0x128, 0x131, 'i' }, { 0x134, 0x135, 'j' }, { 0x136, 0x138, 'k' },
		{ 0x139, 0x142, 'l' }, { 0x143, 0x14b, 'n' }, { 0x14c, 0x151, 'o' },
		{ 0x154, 0x159, 'r' }, { 0x15a, 0x161, 's' }, { 0x162, 0x167, 't' },
		{ 0x168, 0x173, 'u' }, { 0x174, 0x175, 'w' }, { 0x176, 0x178, 'y' },
		{ 0x179, 0x17e, 'z' }, { 0x17f, 0x17f, 's' },
	};
	size_t i;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (cp >= ranges[i].from && cp <= ranges[i].to)
			return ranges[i].base;
	return FOLD_OTHER;
}

/*
 * Decodes one character at s (n bytes left) into its folded form: up to
 * two bytes in out, their count in *nout (0: nothing, as for a combining
 * accent), or a separator (*nout 1, out[0] ' '). Returns the bytes read
 * (at least 1).
 */
static size_t
fold_next(const unsigned char *s, size_t n, char out[2], size_t *nout)
{
	uint32_t cp;
	size_t len, i;
	unsigned char c = s[0];

	*nout = 1;
	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			out[0] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[0] = (char)c;
		else
			out[0] = ' ';
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		out[0] = ' ';
		return 1;
	}
	if (len > n) {
		out[0] = ' ';
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			out[0] = ' ';
			return 1;
		}
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms and surrogates are not characters. */
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
		out[0] = ' ';
		return 1;
	}
	if (cp == 0xad || (cp >= 0x300 && cp <= 0x36f) || cp == 0x200b ||
	    cp == 0x200c || cp == 0x200d || cp == 0x2060 || cp == 0xfeff) {
		*nout = 0;	/* soft hyphen, combining accent, zero width */
		return len;
	}
	if (cp >= 0xc0 && cp <= 0xff) {
		if (cp == 0xc6 || cp == 0xe6) {
			out[0] = 'a';
			out[1] = 'e';
			*nout = 2;
		} else if (cp == 0xdf) {
			out[0] = 's';
			out[1] = 's';
			*nout = 2;
		} else
			out[0] = latin1[cp - 0xc0] == '.' ? ' ' : latin1[cp - 0xc0];
		return len;
	}
	if (cp >= 0x100 && cp <= 0x17f) {
		if (cp == 0x132 || cp == 0x133) {
			out[0] = 'i';
			out[1] = 'j';
			*nout = 2;
		} else if (cp == 0x152 || cp == 0x153) {
			out[0] = 'o';
			out[1] = 'e';
			*nout = 2;
		} else
			out[0] = latin_ext_a(cp);
		return len;
	}
	/* Punctuation, spaces and symbols of the general blocks separate;
	 * anything else is a letter of some other script. */
	if (cp < 0xc0 || (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff0f) ||
	    cp >= 0x1f000)
		out[0] = ' ';
	else
		out[0] = FOLD_OTHER;
	return len;
}

/*
 * Folds text into out, words separated by one space, with one space
 * before the first word and after the last. When from is not NULL, from[j]
 * and to[j] are the bytes of text that folded byte j came from (start and
 * end). Returns the length of out (at most 2 * len + 2).
 */
static size_t
fold(char *out, uint32_t *from, uint32_t *to, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, j = 0, step, n, k;
	char c[2];

	out[j] = ' ';
	if (from != NULL)
		from[j] = to[j] = 0;
	j++;
	while (i < len) {
		step = fold_next(s + i, len - i, c, &n);
		for (k = 0; k < n; k++) {
			if (c[k] == ' ' && out[j - 1] == ' ')
				continue;
			out[j] = c[k];
			if (from != NULL) {
				from[j] = (uint32_t)i;
				to[j] = (uint32_t)(i + step);
			}
			j++;
		}
		i += step;
	}
	if (out[j - 1] != ' ') {
		out[j] = ' ';
		if (from != NULL)
			from[j] = to[j] = (uint32_t)len;
		j++;
	}
	out[j] = '\0';
	return j;
}

size_t
words_fold(char *out, const char *text, size_t len)
{
	size_t n = fold(out, NULL, NULL, text, len);

	/* Without the spaces around. */
	if (n <= 1) {
		out[0] = '\0';
		return 0;
	}
	memmove(out, out + 1, n - 2);
	out[n - 2] = '\0';
	return n - 2;
}

/* ---- tries ---------------------------------------------------------- */

static int32_t
node_new(struct trie *t)
{
	struct node *grown;
	size_t cap;

	if (t->n == t->cap) {
		cap = t->cap != 0 ? t->cap * 2 : 256;
		if (cap > INT32_MAX || (grown = realloc(t->nodes, cap * sizeof(*grown))) == NULL)
			return -1;
		t->nodes = grown;
		t->cap = cap;
	}
	memset(&t->nodes[t->n], 0, sizeof(t->nodes[0]));
	return (int32_t)t->n++;
}

/* Inserts s (n folded bytes, of the alphabet) forward or reversed. */
static int
trie_insert(struct trie *t, const char *s, size_t n, bool reverse, unsigned kind)
{
	int32_t at = 0, next;
	size_t i;
	int c;

	if (t->n == 0 && node_new(t) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		c = letter_index(s[reverse ? n - 1 - i : i]);
		if (c < 0)
			return 0;	/* a term we cannot match: skipped */
		if ((next = t->nodes[at].child[c]) == 0) {
			if ((next = node_new(t)) < 0)
				return -1;
			t->nodes[at].child[c] = next;
		}
		at = next;
	}
	t->nodes[at].kinds |= (uint8_t)kind;
	return 1;
}

struct words *
words_new(void)
{
	return calloc(1, sizeof(struct words));
}

void
words_free(struct words *w)
{
	if (w == NULL)
		return;
	free(w->fwd.nodes);
	free(w->rev.nodes);
	free(w);
}

/* Adds one variant (raw bytes s..s+n of a list line). */
static int
add_term(struct words *w, const char *s, size_t n, unsigned kind)
{
	char folded[2 * TERM_MAX + 3];
	bool compound = false;
	size_t len;
	int rc;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n > 0 && *s == '~') {
		compound = true;
		s++;
		n--;
	}
	if (n > TERM_MAX)
		return 0;
	len = words_fold(folded, s, n);
	if (len == 0)
		return 0;
	if ((rc = trie_insert(&w->fwd, folded, len, false, kind)) <= 0)
		return rc;
	if (compound && strchr(folded, ' ') == NULL &&
	    trie_insert(&w->rev, folded, len, true, kind) < 0)
		return -1;
	return 1;
}

int
words_add_text(struct words *w, const char *text, size_t len, unsigned kind)
{
	const char *p = text, *end = text + len, *eol, *stop, *bar;
	int added = 0, rc;

	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		stop = memchr(p, '#', (size_t)(eol - p));
		if (stop == NULL)
			stop = eol;
		while (p < stop) {
			bar = memchr(p, '|', (size_t)(stop - p));
			if (bar == NULL)
				bar = stop;
			if ((rc = add_term(w, p, (size_t)(bar - p), kind)) < 0)
				return -1;
			added += rc;
			p = bar + 1;
		}
		p = eol + 1;
	}
	return added;
}

int
words_add_file(struct words *w, const char *path, unsigned kind)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	int rc = -1;

	if (f == NULL)
		return -1;
	for (;;) {
		if (n == cap) {
			char *grown;

			cap = cap != 0 ? cap * 2 : 65536;
			if ((grown = realloc(buf, cap)) == NULL)
				goto out;
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		goto out;
	rc = words_add_text(w, buf, n, kind);
out:
	free(buf);
	fclose(f);
	return rc;
}

/* ---- scan ----------------------------------------------------------- */

#define NKINDS	2

int
words_scan(const struct words *w, const char *text, size_t len,
    void (*fn)(void *ctx, const struct words_match *m), void *ctx)
{
	const struct node *fwd = w->fwd.nodes, *rev = w->rev.nodes;
	size_t cap = 2 * len + 3, n, j, s, e, k;
	size_t best_end[NKINDS], last_end[NKINDS] = { 0, 0 };
	struct words_match m;
	uint32_t *from, *to;
	char *f;
	int32_t at;
	int c, found = 0;

	if (w->fwd.n == 0)
		return 0;
	f = malloc(cap);
	from = malloc(cap * sizeof(*from));
	to = malloc(cap * sizeof(*to));
	if (f == NULL || from == NULL || to == NULL) {
		found = -1;
		goto out;
	}
	n = fold(f, from, to, text, len);

	/* Each word starts after a space and ends before one. */
	for (s = 1; s < n; s = e + 1) {
		for (e = s; e < n && f[e] != ' '; e++)
			;
		if (e == s)
			continue;

		/* Forward: the longest term of each kind that starts here. */
		memset(best_end, 0, sizeof(best_end));
		at = 0;
		for (j = s; j < n; j++) {
			if ((c = letter_index(f[j])) < 0 || (at = fwd[at].child[c]) == 0)
				break;
			if (fwd[at].kinds != 0 && f[j + 1] == ' ')
				for (k = 0; k < NKINDS; k++)
					if (fwd[at].kinds & (1u << k))
						best_end[k] = j + 1;
		}
		/* Reverse: this word ends in a compound end (with a head). */
		if (w->rev.n > 0) {
			at = 0;
			for (j = e; j > s; j--) {
				if ((c = letter_index(f[j - 1])) < 0 ||
				    (at = rev[at].child[c]) == 0)
					break;
				if (rev[at].kinds != 0 && j - 1 - s >= WORDS_COMPOUND_HEAD)
					for (k = 0; k < NKINDS; k++)
						if ((rev[at].kinds & (1u << k)) && best_end[k] < e)
							best_end[k] = e;
			}
		}
		for (k = 0; k < NKINDS; k++) {
			if (best_end[k] == 0 || s < last_end[k])
				continue;
			last_end[k] = best_end[k];
			m.off = from[s];
			m.len = to[best_end[k] - 1] - from[s];
			m.kind = 1u << k;
			found++;
			if (fn != NULL)
				fn(ctx, &m);
		}
	}
out:
	free(f);
	free(from);
	free(to);
	return found;
}

/* ---- the process's lists ------------------------------------------- */

static struct words *loaded;

int
words_init(const struct config *cfg)
{
	static const struct { const char *file; unsigned kind; } lists[] = {
		{ "health_terms.txt", WORDS_HEALTH },
		{ "care_terms.txt", WORDS_CARE },
	};
	const char *dir = config_str(cfg, "words_dir", WORDS_DIR_DEFAULT);
	struct words *w;
	char path[4096];
	size_t i;
	int n;

	if (loaded != NULL)
		return 0;
	if ((w = words_new()) == NULL) {
		log_error("words: out of memory");
		return -1;
	}
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, lists[i].file);
		if ((n = words_add_file(w, path, lists[i].kind)) <= 0) {
			log_error("words: cannot load %s: %s", path,
			    n < 0 ? strerror(errno) : "no terms");
			words_free(w);
			return -1;
		}
		log_info("words: %d terms from %s", n, path);
	}
	loaded = w;
	return 0;
}

const struct words *
words_global(void)
{
	return loaded;
}
