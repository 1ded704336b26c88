/*
 * passwords_test.c — lib/passwords.c: the list loader, the stem, and the
 * check of new passwords against the project's list
 * (data/common_passwords.txt) and cracklib's dictionary (Debian's
 * cracklib-runtime), as tables of passwords that must be refused and
 * passwords that must pass; and valid.c's answer (common_password on the
 * field). Issue 16, ASVS V6.2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stddef.h>
#include <crack.h>

#include "arena.h"
#include "http.h"
#include "json.h"
#include "passwords.h"
#include "problem.h"
#include "tap.h"
#include "valid.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* Too easy to guess: each must be refused. The first three are the ones
 * cracklib alone accepts (issue 16). */
static const char *const refused[] = {
	"wachtwoord123",
	"password12345",
	"Wachtwoord2024!",
	"WACHTWOORD!!2025",
	"welkom2024!!",
	"Feyenoord1908",
	"ajaxajaxajax",
	"P@ssw0rd2024",
	"p4ssw0rd!!!!",
	"Burenhulp2025",
	"emmen1234567",
	"Zonneschijn10",
	"qwertyuiop",
	"1q2w3e4r5t",
	"1234567890",
	"0000000000",
	"aaaaaaaaaaaa",
	"abcdefghij",
	"iloveyou2024",
	"Summer2024!",
	"sunshine1234",
	"monkey123456",
	"dragon!!2025",
	"letmein12345",
	"Amsterdam1987",
	"!!Computer99",
	"prinses12345",
	"wachtwoordwachtwoord",
	"Schatje@2024",
};

/* Not common: each must pass. Sentences, random strings, the passwords
 * the test suites register with. */
static const char *const accepted[] = {
	"mijn hond heet Bello en blaft",
	"paard-batterij-nietje-correct",
	"Kx9#mP2$vLq7",
	"lang-genoeg-wachtwoord",
	"nieuw-en-lang-genoeg",
	"een-nieuw-wachtwoord",
	"weer-een-nieuw-wachtwoord",
	"cookie passphrase 42",
	"first admin passphrase 7",
	"resident passphrase 9",
	"pw-a1b2c3d4e5f6-Burenhulp!",
	"Tr0ub4dor&3horse",
	"zeven vrolijke slakken",
	"Grünkohl-mit-Pinkel",
	"burenhulp-demo",
};

static void
test_list(void)
{
	static const char text[] =
	    "# a comment\n"
	    "  Welkom \t\r\n"
	    "\n"
	    "welkom\n"
	    "GEHEIM\n"
	    "   # indented: a comment too\n"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
	    "zon";
	struct pwlist *l = pwlist_new();
	char many[64 * 8];
	size_t i;
	int n;

	ok(l != NULL, "pwlist_new");
	n = pwlist_add_text(l, text, sizeof(text) - 1);
	ok(n == 3, "three new words: welkom (twice, folded), geheim, zon (got %d)", n);
	ok(pwlist_has(l, "welkom", 6), "the folded, trimmed word is in the set");
	ok(pwlist_has(l, "geheim", 6), "upper case is folded");
	ok(pwlist_has(l, "zon", 3), "the last line needs no newline");
	ok(!pwlist_has(l, "Welkom", 6), "look-ups are of folded words");
	ok(!pwlist_has(l, "welko", 5) && !pwlist_has(l, "welkomm", 7),
	    "no prefix and no longer word");
	ok(!pwlist_has(l, "# a comment", 11), "comments are no words");
	/* Enough words to grow the table several times. */
	for (i = 0; i < 3000; i++) {
		n = snprintf(many, sizeof(many), "w%zu\n", i);
		if (pwlist_add_text(l, many, (size_t)n) != 1)
			break;
	}
	ok(i == 3000 && pwlist_has(l, "w0", 2) && pwlist_has(l, "w2999", 5) &&
	    pwlist_has(l, "welkom", 6), "the set grows and keeps every word");
	ok(pwlist_add_file(l, "/nonexistent/common_passwords.txt") == -1,
	    "a missing file is -1");
	pwlist_free(l);
	pwlist_free(NULL);
}

static void
test_stem(void)
{
	static const struct { const char *pw, *stem; } cases[] = {
		{ "Wachtwoord2024!", "wachtwoord" },
		{ "!!Welkom01", "welkom" },
		{ "  zon  ", "zon" },
		{ "p@ssw0rd1", "p@ssw0rd" },
		{ "ab12cd", "ab12cd" },
		{ "1234567890", "" },
		{ "Grünkohl1", "grünkohl" },
	};
	char out[PASSWORDS_WORD_MAX + 1];
	size_t i, n;

	for (i = 0; i < N(cases); i++) {
		n = passwords_stem(out, cases[i].pw, strlen(cases[i].pw));
		ok(n == strlen(cases[i].stem) && (n == 0 || strcmp(out, cases[i].stem) == 0),
		    "stem of \"%s\" is \"%s\"", cases[i].pw, cases[i].stem);
	}
}

static void
test_check(void)
{
	size_t i;

	ok(!passwords_ready() && !passwords_common("wachtwoord123", 13),
	    "before passwords_init nothing is refused");
	ok(passwords_init_paths(TOP_SRCDIR "/data/common_passwords.txt",
	    GetDefaultCracklibDict()) == 0, "the list and cracklib's dictionary load");
	ok(passwords_ready(), "ready");
	ok(passwords_init_paths("/nonexistent", NULL) == 0, "a second init keeps the first");
	for (i = 0; i < N(refused); i++)
		ok(passwords_common(refused[i], strlen(refused[i])),
		    "refused: %s", refused[i]);
	for (i = 0; i < N(accepted); i++)
		ok(!passwords_common(accepted[i], strlen(accepted[i])),
		    "accepted: %s", accepted[i]);
	ok(!passwords_common("wacht\0woord123", 14),
	    "a NUL inside is no word of the list (and does not crash cracklib)");
}

static json_object *
parse(const char *json)
{
	return json_parse(json, strlen(json));
}

static const struct field fields[] = {
	{ "password", F_PASSWORD, FIELD_REQUIRED, 10, 1024, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL },
};

static void
test_valid(void)
{
	struct arena a = { NULL };
	struct req r;
	json_object *o, *e;
	const char *code, *field, *msg;

	memset(&r, 0, sizeof(r));
	r.arena = &a;
	o = parse("{\"password\": \"Wachtwoord2024!\"}");
	ok(valid_object(&r, o, fields, NULL) == 1, "a common password is one problem");
	e = r.errors != NULL ? json_object_array_get_idx(r.errors, 0) : NULL;
	code = e != NULL ? json_get_str(e, "code") : NULL;
	field = e != NULL ? json_get_str(e, "field") : NULL;
	msg = e != NULL ? json_get_str(e, "message") : NULL;
	ok(code != NULL && strcmp(code, "common_password") == 0 &&
	    field != NULL && strcmp(field, "password") == 0,
	    "password:common_password");
	ok(msg != NULL && strstr(msg, "too easy to guess") != NULL &&
	    strstr(msg, "Wachtwoord") == NULL, "a clear message that does not echo it");
	json_object_put(o);
	if (r.errors != NULL)
		json_object_put(r.errors);
	r.errors = NULL;

	o = parse("{\"password\": \"wacht\"}");
	valid_object(&r, o, fields, NULL);
	e = r.errors != NULL ? json_object_array_get_idx(r.errors, 0) : NULL;
	code = e != NULL ? json_get_str(e, "code") : NULL;
	ok(code != NULL && strcmp(code, "too_short") == 0,
	    "too short stays too_short (length first)");
	json_object_put(o);
	if (r.errors != NULL)
		json_object_put(r.errors);
	r.errors = NULL;

	o = parse("{\"password\": \"zeven vrolijke slakken\"}");
	ok(valid_object(&r, o, fields, NULL) == 0, "a sentence passes");
	json_object_put(o);
	arena_reset(&a);
}

int
main(void)
{
	test_list();
	test_stem();
	test_check();
	test_valid();
	return tap_done();
}
