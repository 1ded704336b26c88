/*
 * words.h — finds listed words in public text: names of diagnoses,
 * conditions and medicines (health terms) and asks for what a volunteer
 * may not do (professional care), issue 17. Pure: no database, no JSON
 * (lib/warnings.c makes the answers' `warnings` of what this finds).
 *
 * The lists are data (data/health_terms.txt, data/care_terms.txt, see
 * their headers), loaded once at start-up into two tries over a folded
 * alphabet (a-z, 0-9, space): matching is case- and accent-insensitive
 * ("Patiënt", "PATIENT" and "patient" are one word) and on whole words
 * only ("kanker" is not found in "kankeren"). A term may be a phrase
 * ("ziekte van parkinson"); hyphens and punctuation separate words, so
 * "hiv-positief" holds "hiv". Dutch compounds are found where the list
 * says so: a term written "~kanker" also matches as the last part of a
 * longer word ("longkanker", "borstkanker") whose first part has at
 * least WORDS_COMPOUND_HEAD letters; a word that merely starts with a
 * term ("suikerbrood", "kankeren") is not a match.
 *
 * A loaded struct words is never changed again, so every worker thread
 * reads it without locks.
 */
#ifndef BH_WORDS_H
#define BH_WORDS_H

#include <stddef.h>

struct config;

enum words_kind {
	WORDS_HEALTH	= 1 << 0,	/* a diagnosis, condition or medicine */
	WORDS_CARE	= 1 << 1,	/* professional care: personal care,
					 * wound care, medication, nursing */
};

#define WORDS_COMPOUND_HEAD	3

struct words;

struct words_match {
	size_t		off, len;	/* the matched bytes of the text */
	unsigned	kind;		/* one enum words_kind */
};

/* A new, empty list; NULL when out of memory. Free with words_free. */
struct words *words_new(void);
void words_free(struct words *w);	/* accepts NULL */

/* Adds the terms of a list's text (the format of data/health_terms.txt:
 * one line per concept, its variants separated by '|', '#' starts a
 * comment, '~' before a term also allows it at the end of a compound) as
 * terms of kind. Returns the number of terms added, -1 when out of memory. */
int words_add_text(struct words *w, const char *text, size_t len, unsigned kind)
	__attribute__((warn_unused_result));
/* The same from a file; -1 also when it cannot be read (errno). */
int words_add_file(struct words *w, const char *path, unsigned kind)
	__attribute__((warn_unused_result));

/* Calls fn for every match in text (any bytes: invalid UTF-8 separates
 * words), left to right; at one place the longest term of each kind, and
 * no match inside an earlier one of the same kind. Returns the number of
 * matches, -1 when out of memory. */
int words_scan(const struct words *w, const char *text, size_t len,
    void (*fn)(void *ctx, const struct words_match *m), void *ctx);

/* The folded form of text as words_scan sees it (lower case, accents
 * off, runs of separators as one space) into out (at least 2 * len + 1
 * bytes); its length. For tests and for comparing matches. */
size_t words_fold(char *out, const char *text, size_t len);

/* The process's lists: health_terms.txt and care_terms.txt from the
 * config's words_dir (default WORDS_DIR_DEFAULT), loaded by a handler's
 * init. 0, or -1 (logged) when a list cannot be read or is empty. */
#define WORDS_DIR_DEFAULT	"/usr/share/burenhulp/data"
int words_init(const struct config *cfg);
/* The lists loaded by words_init, or NULL before it. */
const struct words *words_global(void);

#endif
