/*
 * warnings.h — the `warnings` of a post's answer (issue 17, API.md "Care"):
 * health terms in its public text (code health_term) and asks for
 * professional care in its text or category (code professional_care),
 * found with the process's word lists (lib/words.h). Never blocking: the
 * post goes ahead, the answer tells what the form should ask about.
 */
#ifndef BH_WARNINGS_H
#define BH_WARNINGS_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

struct req;
struct words;

/* Terms one warning lists at most (the first ones, as written). */
#define WARNINGS_TERMS_MAX	20

/* The category a request asks professional care with (migration 080). */
#define WARNINGS_CARE_CATEGORY	"home-care"

/* Appends to warnings (a JSON array) one warning per kind found in text
 * (len bytes, any content) of field: {field, code, terms: [the words as
 * written, each once whatever its case or accents], message}. words NULL:
 * the process's lists. Returns the mask of enum words_kind found (0 when
 * none, or when no lists are loaded). */
unsigned warnings_text(json_object *warnings, const struct words *words,
    const char *field, const char *text, size_t len);

/* Appends the professional_care warning of a category that asks for it
 * (WARNINGS_CARE_CATEGORY); returns WORDS_CARE then, else 0. */
unsigned warnings_category(json_object *warnings, const char *field,
    const char *category);

/* The queue's `flags` of a post with this title and description: a new
 * array holding "health_term" and/or "professional_care". */
json_object *warnings_flags(const char *title, const char *description,
    const char *category);

#endif
