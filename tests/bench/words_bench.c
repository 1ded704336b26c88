/*
 * words_bench.c — how long the scan of one post's public text takes
 * (lib/words.c, issue 17): a 4 000-character Dutch description with a few
 * health terms, a phrase, a compound and accents, scanned against the
 * project's lists, in batches; prints the median time per scan of the
 * batches. The target is 50 µs (docs/performance.md); with --strict the
 * exit status is 1 when the median misses it.
 *
 *   build/dev/tests/bench/words_bench [--strict] [DATA_DIR]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "words.h"

#define TEXT_CHARS	4000
#define BATCH		2000
#define BATCHES		15
#define TARGET_US	50.0

static const char *const pieces[] = {
	"Mijn moeder woont sinds kort alleen in Emmen-Zuid en heeft hulp nodig. ",
	"Zij heeft de ziekte van Parkinson en sinds vorig jaar ook suikerziekte. ",
	"Wie wil er op dinsdagmiddag met haar wandelen in het park bij de vijver? ",
	"Ze houdt van koffie, de krant en een praatje over vroeger op de boerderij. ",
	"Boodschappen doen we samen bij de supermarkt op het Marktplein, één keer per week. ",
	"Na haar heupoperatie loopt ze met een rollator, dus rustig aan graag. ",
	"De huisarts zegt dat beweging goed voor haar is, en gezelschap ook. ",
	"Café-bezoek op zaterdag vindt ze prachtig; zij betaalt zelf haar koffie. ",
};

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	const char *dir = TOP_SRCDIR "/data";
	char text[TEXT_CHARS * 4 + 1], path[4096];
	double per[BATCHES], t0, median;
	size_t len = 0, chars = 0, n;
	struct words *w = words_new();
	int strict = 0, i, b, found = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--strict") == 0)
			strict = 1;
		else
			dir = argv[i];
	}
	snprintf(path, sizeof(path), "%s/health_terms.txt", dir);
	if (w == NULL || words_add_file(w, path, WORDS_HEALTH) <= 0) {
		fprintf(stderr, "words_bench: cannot load %s\n", path);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/care_terms.txt", dir);
	if (words_add_file(w, path, WORDS_CARE) <= 0) {
		fprintf(stderr, "words_bench: cannot load %s\n", path);
		return 2;
	}
	/* 4 000 characters (not bytes) of the pieces, cut at a character. */
	for (i = 0; chars < TEXT_CHARS; i++) {
		const char *p = pieces[i % (sizeof(pieces) / sizeof(pieces[0]))];

		for (; *p != '\0' && chars < TEXT_CHARS; p++) {
			text[len++] = *p;
			if ((*p & 0xc0) != 0x80 && (p[1] & 0xc0) != 0x80)
				chars++;
			else if ((p[1] & 0xc0) != 0x80)
				chars++;
		}
	}
	text[len] = '\0';

	for (b = 0; b < BATCHES; b++) {
		t0 = now_us();
		for (i = 0; i < BATCH; i++)
			found += words_scan(w, text, len, NULL, NULL);
		per[b] = (now_us() - t0) / BATCH;
	}
	qsort(per, BATCHES, sizeof(per[0]), cmp);
	median = per[BATCHES / 2];
	n = (size_t)found / ((size_t)BATCHES * BATCH);
	printf("words: scan of a %zu-character description (%zu bytes, %zu matches): "
	    "median %.1f µs (best %.1f, worst %.1f; target %.0f µs) — %s\n",
	    chars, len, n, median, per[0], per[BATCHES - 1], TARGET_US,
	    median <= TARGET_US ? "ok" : "MISSED");
	words_free(w);
	return strict && median > TARGET_US ? 1 : 0;
}
