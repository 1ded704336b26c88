/*
 * passwords.h — is a new password too easy to guess? (ASVS 5.0 V6.2,
 * issue 16). Two checks, both needed:
 *
 *   1. cracklib (Debian's libcrack2 with the dictionary cracklib-runtime
 *      builds in /var/cache/cracklib): FascistLook's rules — too few
 *      different characters, too systematic ("abcdefghij"), or a
 *      dictionary word behind its mangling rules.
 *   2. Our own, because cracklib accepts "wachtwoord123", "password12345"
 *      and "Wachtwoord2024!": the password folded to lower case with its
 *      digits and symbols at both ends stripped (its stem: "wachtwoord"),
 *      and that stem with the usual letter swaps undone ("p@ssw0rd" →
 *      "password"), looked up in cracklib's dictionary and in a short list
 *      of common Dutch and English password stems (data/common_passwords.txt,
 *      its sources in its header). The whole folded password is looked up
 *      in the list too ("1q2w3e4r5t").
 *
 * The list is loaded once at start-up into a hash set that is never
 * changed again, so threads read it without locks; cracklib's dictionary
 * is opened once, and its look-ups (which share buffers inside cracklib)
 * run one at a time under a mutex.
 */
#ifndef BH_PASSWORDS_H
#define BH_PASSWORDS_H

#include <stdbool.h>
#include <stddef.h>

struct config;

/* A stem (or list entry) longer than this is no common password. */
#define PASSWORDS_WORD_MAX	64
/* Stems shorter than this are not looked up on their own: "ab" is in
 * every dictionary, and "ab#8301!xq" is not a common password. */
#define PASSWORDS_STEM_MIN	3

/* ---- the list: a set of lower-case words ---------------------------- */

struct pwlist;

/* A new, empty set; NULL when out of memory. Free with pwlist_free. */
struct pwlist *pwlist_new(void);
void pwlist_free(struct pwlist *l);	/* accepts NULL */

/* Adds the words of a list's text: one a line, folded to lower case (ASCII),
 * spaces and tabs around it trimmed; a line that starts with '#' and an
 * empty line are skipped, and so is a word longer than PASSWORDS_WORD_MAX
 * bytes or holding a NUL. Returns the number of new words, -1 when out of
 * memory. */
int pwlist_add_text(struct pwlist *l, const char *text, size_t len)
	__attribute__((warn_unused_result));
/* The same from a file; -1 also when it cannot be read (errno). */
int pwlist_add_file(struct pwlist *l, const char *path)
	__attribute__((warn_unused_result));
/* Is the word of len bytes (already folded) in the set? */
bool pwlist_has(const struct pwlist *l, const char *word, size_t len);

/* ---- the check ------------------------------------------------------ */

/* The stem of a password of len bytes into out (at least
 * PASSWORDS_WORD_MAX + 1 bytes): ASCII folded to lower case, ASCII digits,
 * punctuation and spaces stripped at both ends. Its length, or 0 when it
 * is empty or longer than PASSWORDS_WORD_MAX. */
size_t passwords_stem(char *out, const char *pw, size_t len);

/* Loads the list (config `common_passwords`, default
 * <words_dir>/common_passwords.txt) and opens cracklib's dictionary
 * (config `cracklib_dict`, default cracklib's own). 0, or -1 (logged) when
 * either cannot be read: a handler that sets passwords must not start
 * without its check. Safe to call twice. */
int passwords_init(const struct config *cfg);
/* The same from explicit paths (tests, the fuzz target); dict NULL: no
 * cracklib, only the list. */
int passwords_init_paths(const char *list_path, const char *dict);
/* Has passwords_init succeeded? */
bool passwords_ready(void);

/* Is the password (len bytes, any bytes) too easy to guess? Before
 * passwords_init, false: valid.c then checks the length only, as unit
 * tests of other validators want; every program that sets passwords calls
 * passwords_init first and refuses to start when it fails. */
bool passwords_common(const char *pw, size_t len);

#endif
