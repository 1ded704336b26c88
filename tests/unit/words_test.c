/*
 * words_test.c — lib/words.c and lib/warnings.c against the project's own
 * word lists (data/health_terms.txt, data/care_terms.txt): inflections,
 * misspellings, accents and case, whole words only, compounds that count
 * and look-alikes that do not, phrases, and the warnings' objects.
 * Tables of texts and what they must (not) yield, looped over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "tap.h"
#include "warnings.h"
#include "words.h"

struct seen {
	const char	*text;
	char		 out[4096];
};

/* Appends "h:word" or "c:phrase" (the text's own bytes) to out. */
static void
collect(void *ctx, const struct words_match *m)
{
	struct seen *s = ctx;
	size_t used = strlen(s->out);

	snprintf(s->out + used, sizeof(s->out) - used, "%s%c:%.*s",
	    used > 0 ? "," : "", m->kind == WORDS_HEALTH ? 'h' : 'c',
	    (int)m->len, s->text + m->off);
}

static const char *
scan(const struct words *w, const char *text)
{
	static struct seen s;

	s.text = text;
	s.out[0] = '\0';
	if (words_scan(w, text, strlen(text), collect, &s) < 0)
		return "(out of memory)";
	return s.out;
}

/* Text → exactly these matches, in order. */
static const struct { const char *text, *want; } cases[] = {
	/* plain, inflected, misspelt */
	{ "Mijn moeder heeft dementie.", "h:dementie" },
	{ "Mijn vader is dement geworden", "h:dement" },
	{ "zij is dementerend", "h:dementerend" },
	{ "mijn man heeft Alzheimer", "h:Alzheimer" },
	{ "altzheimer sinds vorig jaar", "h:altzheimer" },
	{ "hij heeft de ziekte van Parkinson", "h:ziekte van Parkinson" },
	{ "parkinsons disease", "h:parkinsons" },
	{ "My mother has diabetes and takes insulin", "h:diabetes,h:insulin" },
	{ "diabetis type 2", "h:diabetis" },
	{ "zij is depressief", "h:depressief" },
	{ "twee tumoren", "h:tumoren" },
	{ "na een beroerte", "h:beroerte" },
	{ "after a stroke last year", "h:stroke" },
	/* case and accents */
	{ "KANKER", "h:KANKER" },
	{ "Mijn vader is kankerpatiënt", "h:kankerpatiënt" },
	{ "kankerpatient", "h:kankerpatient" },
	{ "codeïne en oxazepam", "h:codeïne,h:oxazepam" },
	{ "codeine", "h:codeine" },
	{ "Ze gebruikt MORFINE", "h:MORFINE" },
	{ "su\xc3\xafkerziekte", "h:su\xc3\xafkerziekte" },	/* suïkerziekte */
	{ "dementie\xcc\x88", "h:dementie" },	/* a combining diaeresis after it */
	{ "de\xc2\xadmentie", "h:de\xc2\xadmentie" },		/* a soft hyphen */
	/* compounds: listed ones, and ends marked with '~' */
	{ "suikerziekte", "h:suikerziekte" },
	{ "longkanker", "h:longkanker" },
	{ "alvleesklierkanker", "h:alvleesklierkanker" },
	{ "eierstokkankers", "h:eierstokkankers" },
	{ "een flinke blaasontsteking", "h:blaasontsteking" },
	{ "jongdementie", "h:jongdementie" },
	{ "kanker-patiënt", "h:kanker-patiënt" },
	{ "hiv-positief", "h:hiv-positief" },
	/* look-alikes: no match */
	{ "Suikerbrood bakken voor de buurt", "" },
	{ "wat loopt hij te kankeren", "" },
	{ "als het regent", "" },
	{ "ms word en excel", "" },
	{ "hearing in the long run, add it", "" },
	{ "een mooi toeval", "" },
	{ "hij stroked the cat", "" },	/* "stroked" is not "stroke" */
	{ "suiker en melk", "" },
	{ "de heg scheren en de kat voeren", "" },
	{ "medicijnen ophalen bij de apotheek", "" },
	{ "een lift naar het ziekenhuis", "" },
	{ "diabetestester", "" },	/* a word that only begins with a term */
	{ "ankanker", "" },		/* a compound head of fewer than 3 letters */
	/* phrases and professional care */
	{ "hulp bij het douchen", "c:hulp bij het douchen" },
	{ "Wie kan mijn vader helpen met wassen en aankleden?", "c:helpen met wassen,c:aankleden" },
	{ "wondverzorging aan zijn been", "c:wondverzorging" },
	{ "iemand die medicijnen kan geven", "" },
	{ "medicijnen geven 's avonds", "c:medicijnen geven" },
	{ "insuline spuiten", "h:insuline,c:insuline spuiten" },
	{ "Steunkousen aantrekken elke ochtend", "c:Steunkousen aantrekken" },
	{ "need a nurse", "c:nurse" },
	/* punctuation, spacing and line breaks separate words */
	{ "(dementie),kanker;\nCOPD!", "h:dementie,h:kanker,h:COPD" },
	{ "ziekte\n  van\tparkinson", "h:ziekte\n  van\tparkinson" },
	/* one match per place: the longest; a part of it is not listed again */
	{ "ziekte van alzheimer", "h:ziekte van alzheimer" },
	{ "", "" },
};

/* Folding: what the scan sees. */
static const struct { const char *in, *want; } folds[] = {
	{ "Patiënt", "patient" },
	{ "  Ĳssel  -  ŒUVRE ", "ijssel oeuvre" },
	{ "Straße", "strasse" },
	{ "café-crème", "cafe creme" },
	{ "a\xff" "b", "a b" },			/* invalid UTF-8 separates */
	{ "a\xe2\x80\x94" "b", "a b" },		/* an em dash separates */
	{ "\xce\xb1\xce\xb2" "c", "##c" },	/* Greek stays in its word */
};

int
main(void)
{
	const char *dir = getenv("WORDS_DATA_DIR");
	struct words *w = words_new(), *tiny = words_new();
	char path[4096], folded[512];
	json_object *warnings, *o, *flags;
	size_t i;
	int n;

	if (dir == NULL)
		dir = TOP_SRCDIR "/data";
	snprintf(path, sizeof(path), "%s/health_terms.txt", dir);
	n = words_add_file(w, path, WORDS_HEALTH);
	ok(n >= 1000, "health_terms.txt: %d terms (several hundred concepts)", n);
	snprintf(path, sizeof(path), "%s/care_terms.txt", dir);
	n = words_add_file(w, path, WORDS_CARE);
	ok(n >= 150, "care_terms.txt: %d terms", n);
	ok(words_add_file(w, "/nonexistent/x.txt", WORDS_HEALTH) == -1,
	    "a missing list is an error");

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = scan(w, cases[i].text);

		ok(strcmp(got, cases[i].want) == 0, "\"%s\" → \"%s\" (got \"%s\")",
		    cases[i].text, cases[i].want, got);
	}
	for (i = 0; i < sizeof(folds) / sizeof(folds[0]); i++) {
		words_fold(folded, folds[i].in, strlen(folds[i].in));
		ok(strcmp(folded, folds[i].want) == 0, "fold \"%s\" → \"%s\" (got \"%s\")",
		    folds[i].in, folds[i].want, folded);
	}

	/* A list's own format: '|', '#', '~', blank lines, accents in terms. */
	ok(words_add_text(tiny, "# c\n\nfoo | ~bär  # x\n| |\nzap zop\n",
	    strlen("# c\n\nfoo | ~bär  # x\n| |\nzap zop\n"),
	    WORDS_HEALTH) == 3, "a list of three terms");
	ok(strcmp(scan(tiny, "FOO, stobar and zap  zop"), "h:FOO,h:stobar,h:zap  zop") == 0,
	    "the tiny list matches (got %s)", scan(tiny, "FOO, stobar and zap  zop"));
	ok(strcmp(scan(tiny, "bar foo"), "h:bar,h:foo") == 0, "and its words alone");
	ok(strcmp(scan(tiny, "zap"), "") == 0, "half a phrase is no match");

	/* The warnings' objects: each term once, as written first. */
	warnings = json_object_new_array();
	ok(warnings_text(warnings, w, "description",
	    "Dementie, dementie en DEMENTIE; ook diabetes.",
	    strlen("Dementie, dementie en DEMENTIE; ook diabetes.")) == WORDS_HEALTH,
	    "warnings_text tells the kinds found");
	ok(json_object_array_length(warnings) == 1, "one warning for one kind");
	o = json_object_array_get_idx(warnings, 0);
	ok(strcmp(json_object_to_json_string_ext(json_object_object_get(o, "terms"), 0),
	    "[\"Dementie\",\"diabetes\"]") == 0, "each term once: %s",
	    json_object_to_json_string(json_object_object_get(o, "terms")));
	ok(strcmp(json_object_get_string(json_object_object_get(o, "code")), "health_term") == 0 &&
	    strcmp(json_object_get_string(json_object_object_get(o, "field")), "description") == 0,
	    "field and code");
	ok(warnings_text(warnings, w, "title", "Boodschappen doen", strlen("Boodschappen doen")) == 0 &&
	    json_object_array_length(warnings) == 1, "a plain text adds nothing");
	ok(warnings_category(warnings, "category", "home-care") == WORDS_CARE &&
	    json_object_array_length(warnings) == 2, "the home-care category warns");
	ok(warnings_category(warnings, "category", "shopping") == 0, "shopping does not");
	json_object_put(warnings);

	/* Flags use the process's lists: none loaded here, so none. */
	flags = warnings_flags("dementie", "kanker", "shopping");
	ok(json_object_array_length(flags) == 0, "no lists loaded: no flags");
	json_object_put(flags);

	words_free(w);
	words_free(tiny);
	words_free(NULL);
	return tap_done();
}
