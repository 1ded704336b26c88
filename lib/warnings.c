/*
 * warnings.c — the `warnings` items of a post (see warnings.h). The words
 * are found by lib/words.c; here they become the API's objects, each term
 * once in the form the author wrote it first.
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "warnings.h"
#include "words.h"

static const struct {
	unsigned	 kind;
	const char	*code;
	const char	*message;
} codes[] = {
	{ WORDS_HEALTH, "health_term",
	  "This names a diagnosis, condition or medicine that anyone can read; "
	  "health details belong in the private part (care_situation)." },
	{ WORDS_CARE, "professional_care",
	  "This asks for care a volunteer may not give (personal care, wound "
	  "care, medication, nursing); home care or caregiver support can help." },
};

#define NCODES	(sizeof(codes) / sizeof(codes[0]))

struct found {
	const char	*text;
	unsigned	 kinds;
	json_object	*terms[NCODES];
	/* The folded forms already listed, per kind, for "each once". */
	char		*seen[NCODES];
	size_t		 seen_len[NCODES], seen_cap[NCODES];
};

static void
on_match(void *ctx, const struct words_match *m)
{
	struct found *f = ctx;
	char folded[2 * 512 + 3], *grown;
	size_t k, n, need;

	for (k = 0; k < NCODES && codes[k].kind != m->kind; k++)
		;
	if (k == NCODES || m->len > 512)
		return;
	f->kinds |= m->kind;
	if (json_object_array_length(f->terms[k]) >= WARNINGS_TERMS_MAX)
		return;
	n = words_fold(folded, f->text + m->off, m->len);
	/* seen[k] holds "\nterm\n...": look for "\nfolded\n". */
	if (f->seen[k] != NULL) {
		char *p = f->seen[k];

		while ((p = strstr(p, folded)) != NULL) {
			if (p[-1] == '\n' && p[n] == '\n')
				return;
			p++;
		}
	}
	need = f->seen_len[k] + n + 3;
	if (need > f->seen_cap[k]) {
		if ((grown = realloc(f->seen[k], need * 2)) == NULL)
			return;
		if (f->seen[k] == NULL)
			grown[0] = '\0';
		f->seen[k] = grown;
		f->seen_cap[k] = need * 2;
	}
	if (f->seen_len[k] == 0) {
		f->seen[k][0] = '\n';
		f->seen_len[k] = 1;
	}
	memcpy(f->seen[k] + f->seen_len[k], folded, n);
	f->seen_len[k] += n;
	f->seen[k][f->seen_len[k]++] = '\n';
	f->seen[k][f->seen_len[k]] = '\0';
	json_object_array_add(f->terms[k],
	    json_object_new_string_len(f->text + m->off, (int)m->len));
}

unsigned
warnings_text(json_object *warnings, const struct words *words,
    const char *field, const char *text, size_t len)
{
	struct found f;
	json_object *w;
	size_t k;

	if (words == NULL)
		words = words_global();
	if (words == NULL || text == NULL)
		return 0;
	memset(&f, 0, sizeof(f));
	f.text = text;
	for (k = 0; k < NCODES; k++)
		f.terms[k] = json_object_new_array();
	(void)words_scan(words, text, len, on_match, &f);
	for (k = 0; k < NCODES; k++) {
		if (json_object_array_length(f.terms[k]) == 0) {
			json_object_put(f.terms[k]);
		} else {
			w = json_object_new_object();
			json_put_str(w, "field", field);
			json_put_str(w, "code", codes[k].code);
			json_put(w, "terms", f.terms[k]);
			json_put_str(w, "message", codes[k].message);
			json_object_array_add(warnings, w);
		}
		free(f.seen[k]);
	}
	return f.kinds;
}

unsigned
warnings_category(json_object *warnings, const char *field, const char *category)
{
	json_object *w;

	if (category == NULL || strcmp(category, WARNINGS_CARE_CATEGORY) != 0)
		return 0;
	w = json_object_new_object();
	json_put_str(w, "field", field);
	json_put_str(w, "code", "professional_care");
	json_put(w, "terms", json_object_new_array());
	json_put_str(w, "message", codes[1].message);
	json_object_array_add(warnings, w);
	return WORDS_CARE;
}

json_object *
warnings_flags(const char *title, const char *description, const char *category)
{
	json_object *scratch = json_object_new_array(), *flags = json_object_new_array();
	unsigned kinds = 0;
	size_t k;

	if (title != NULL)
		kinds |= warnings_text(scratch, NULL, "title", title, strlen(title));
	if (description != NULL)
		kinds |= warnings_text(scratch, NULL, "description", description,
		    strlen(description));
	kinds |= warnings_category(scratch, "category", category);
	json_object_put(scratch);
	for (k = 0; k < NCODES; k++)
		if (kinds & codes[k].kind)
			json_object_array_add(flags, json_object_new_string(codes[k].code));
	return flags;
}
