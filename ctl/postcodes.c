/*
 * postcodes.c — `burenhulpctl import-postcodes FILE.csv`: load PC4 areas.
 *
 * The first row names the columns, in any order: pc4, place, lat, lon and
 * optionally municipality (other columns are ignored). Fields may be quoted
 * ("..." with "" for a quote). The whole file is checked before anything is
 * written, then upserted in one transaction with one prepared statement, so
 * a bad file changes nothing. Without a municipality column a new area's
 * municipality is its place, and a known area keeps the municipality it has.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctl.h"
#include "db.h"
#include "valid.h"

#define CSV_MAX_FIELDS	32

enum col { COL_PC4, COL_PLACE, COL_LAT, COL_LON, COL_MUNICIPALITY, COL__MAX };
static const char *const col_names[COL__MAX] = {
	"pc4", "place", "lat", "lon", "municipality"
};

struct area_row {
	char		 pc4[5];
	const char	*place, *municipality;
	double		 lat, lon;
};

struct import {
	struct ctl		*c;
	struct area_row		*rows;
	size_t			 n;
	bool			 have_municipality;
	size_t			 changed;
};

/* Splits one CSV line in place into fields (quotes removed). Returns the
 * number of fields, or -1 on an unterminated quote or too many fields. */
static int
csv_split(char *line, char *fields[CSV_MAX_FIELDS])
{
	char *r = line, *w;
	int n = 0;

	for (;;) {
		if (n == CSV_MAX_FIELDS)
			return -1;
		fields[n++] = w = r;
		if (*r == '"') {
			r++;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else
					*w++ = *r++;
			}
		} else
			while (*r != ',' && *r != '\0')
				*w++ = *r++;
		if (*r == '\0') {
			*w = '\0';
			return n;
		}
		if (*r != ',')
			return -1;	/* text after a closing quote */
		r++;
		*w = '\0';
	}
}

static char *
trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

static bool
parse_coord(const char *s, double lo, double hi, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return *s != '\0' && *end == '\0' && errno == 0 && isfinite(*out) &&
	    *out >= lo && *out <= hi;
}

/* Moves the requests or offers of area a onto its centroid (stmt). */
static int
move_area(struct import *im, const struct area_row *a, int stmt)
{
	return db_exec(im->c->db, &im->c->a, stmt, DB_PARAMS(DB_DOUBLE(a->lat),
	    DB_DOUBLE(a->lon), DB_STR(a->pc4), DB_DOUBLE(a->lat),
	    DB_DOUBLE(a->lon)), NULL);
}

static int
upsert_all(void *ctx)
{
	struct import *im = ctx;
	size_t i;
	int rc;

	im->changed = 0;
	for (i = 0; i < im->n; i++) {
		const struct area_row *a = &im->rows[i];

		rc = db_exec(im->c->db, &im->c->a, im->have_municipality ?
		    STMT_POSTCODE_UPSERT : STMT_POSTCODE_UPSERT_KEEP_MUNICIPALITY,
		    DB_PARAMS(DB_STR(a->pc4), DB_STR(a->place),
		    DB_STR(a->municipality), DB_DOUBLE(a->lat), DB_DOUBLE(a->lon)),
		    NULL);
		if (rc != DB_OK)
			return rc;
		if (db_affected(im->c->db) > 0)
			im->changed++;
		if (db_affected(im->c->db) == 2 &&	/* an existing area changed */
		    ((rc = move_area(im, a, STMT_AREA_MOVE_REQUESTS)) != DB_OK ||
		    (rc = move_area(im, a, STMT_AREA_MOVE_OFFERS)) != DB_OK))
			return rc;
	}
	return 0;
}

/* Reads the whole CSV file f (named path in messages) into im->rows,
 * arena-owned, checking every row; nothing is written. 0, or -1 with the
 * reason on stderr. The pure half of the import, so tests/fuzz/fuzz_csv.c
 * can feed it. */
static int
read_areas(struct import *im, struct arena *ar, FILE *f, const char *path)
{
	char *line = NULL, *fields[CSV_MAX_FIELDS], *s;
	int idx[COL__MAX], nf, i, j, rc = -1;
	size_t cap = 0, lineno = 0, rows_cap = 0;
	const char *why;

	/* The header row. */
	if (getline(&line, &cap, f) == -1) {
		fprintf(stderr, "burenhulpctl: %s is empty\n", path);
		goto out;
	}
	lineno = 1;
	s = line;
	if ((unsigned char)s[0] == 0xef && (unsigned char)s[1] == 0xbb &&
	    (unsigned char)s[2] == 0xbf)
		s += 3;		/* UTF-8 byte order mark */
	if ((nf = csv_split(trim(s), fields)) == -1) {
		fprintf(stderr, "burenhulpctl: %s:1: cannot read the header\n", path);
		goto out;
	}
	for (j = 0; j < COL__MAX; j++) {
		idx[j] = -1;
		for (i = 0; i < nf; i++)
			if (strcasecmp(trim(fields[i]), col_names[j]) == 0)
				idx[j] = i;
		if (idx[j] == -1 && j != COL_MUNICIPALITY) {
			fprintf(stderr, "burenhulpctl: %s:1: no column \"%s\" (the "
			    "header must name pc4, place, lat, lon and optionally "
			    "municipality)\n", path, col_names[j]);
			goto out;
		}
	}
	im->have_municipality = idx[COL_MUNICIPALITY] != -1;

	/* Every row, checked before anything is written. */
	while (getline(&line, &cap, f) != -1) {
		struct area_row *a;
		const char *muni;
		char *l;

		lineno++;
		l = trim(line);
		if (*l == '\0')
			continue;
		if ((nf = csv_split(l, fields)) == -1) {
			fprintf(stderr, "burenhulpctl: %s:%zu: malformed CSV\n",
			    path, lineno);
			goto out;
		}
		for (j = 0; j < COL__MAX; j++)
			if (idx[j] >= nf) {
				fprintf(stderr, "burenhulpctl: %s:%zu: too few "
				    "fields\n", path, lineno);
				goto out;
			}
		if (im->n == rows_cap) {
			struct area_row *grown;

			rows_cap = rows_cap ? rows_cap * 2 : 4096;
			grown = arena_alloc(ar, rows_cap * sizeof(*grown));
			if (im->n > 0)
				memcpy(grown, im->rows, im->n * sizeof(*grown));
			im->rows = grown;
		}
		a = &im->rows[im->n];
		s = trim(fields[idx[COL_PC4]]);
		if (strlen(s) != 4 || s[0] < '1' || s[0] > '9' ||
		    !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[2]) ||
		    !isdigit((unsigned char)s[3])) {
			fprintf(stderr, "burenhulpctl: %s:%zu: pc4 must be 4 digits "
			    "(1000-9999)\n", path, lineno);
			goto out;
		}
		memcpy(a->pc4, s, 5);
		s = trim(fields[idx[COL_PLACE]]);
		if ((why = valid_text(s, strlen(s), 1, 100, false)) != NULL) {
			fprintf(stderr, "burenhulpctl: %s:%zu: place: %s\n", path,
			    lineno, why);
			goto out;
		}
		a->place = arena_strdup(ar, s);
		muni = a->place;
		if (im->have_municipality) {
			s = trim(fields[idx[COL_MUNICIPALITY]]);
			if (*s != '\0') {
				if ((why = valid_text(s, strlen(s), 1, 100, false)) != NULL) {
					fprintf(stderr, "burenhulpctl: %s:%zu: "
					    "municipality: %s\n", path, lineno, why);
					goto out;
				}
				muni = arena_strdup(ar, s);
			}
		}
		a->municipality = muni;
		if (!parse_coord(trim(fields[idx[COL_LAT]]), -90, 90, &a->lat) ||
		    !parse_coord(trim(fields[idx[COL_LON]]), -180, 180, &a->lon)) {
			fprintf(stderr, "burenhulpctl: %s:%zu: lat and lon must be "
			    "decimal degrees\n", path, lineno);
			goto out;
		}
		im->n++;
	}
	if (ferror(f)) {
		fprintf(stderr, "burenhulpctl: cannot read %s\n", path);
		goto out;
	}
	rc = 0;
out:
	free(line);
	return rc;
}

int
cmd_import_postcodes(struct ctl *c, int argc, char **argv)
{
	struct import im;
	FILE *f = NULL;
	int rc = 1;
	const char *path;

	memset(&im, 0, sizeof(im));
	im.c = c;
	if (argc != 1) {
		fprintf(stderr, "usage: burenhulpctl import-postcodes FILE.csv\n");
		return 2;
	}
	path = argv[0];
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "burenhulpctl: cannot open %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	if (read_areas(&im, &c->a, f, path) != 0)
		goto out;
	if (im.n == 0) {
		fprintf(stderr, "burenhulpctl: %s holds no rows\n", path);
		goto out;
	}
	if (db_txn(c->db, upsert_all, &im) < 0) {
		fprintf(stderr, "burenhulpctl: import failed; nothing changed\n");
		goto out;
	}
	printf("import-postcodes: %zu areas read, %zu new or changed\n",
	    im.n, im.changed);
	rc = 0;
out:
	fclose(f);
	return rc;
}
