/*
 * hsds_import.c — `burenhulpctl import-hsds FILE.json`: loads another
 * municipality's directory, exported in Open Referral HSDS 3.0 (ours comes
 * from GET /api/hsds/organizations?full=true; docs/hsds.md).
 *
 * The whole file is read and checked first (hsds_parse.c: every record,
 * every field we keep, taxonomy terms mapped to our categories), then each
 * postal code against the postcodes table; only then is it upserted, in
 * one transaction: an organisation whose hsds_id is known is updated,
 * otherwise inserted with that hsds_id, so that an export re-imported
 * keeps its ids. Its categories become those the file names, and the ids
 * of its services are kept in hsds_services. Bad input names the record
 * and the field, exits 1 and writes nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "ctl.h"
#include "db.h"
#include "hsds_parse.h"

#define FILE_MAX	(64L * 1024 * 1024)

struct upsert {
	struct ctl		*c;
	const struct hsds_file	*file;
	size_t			 inserted, updated;
};

/* Reads all of path into an arena buffer. 0 or -1 (printed). */
static int
read_file(struct ctl *c, const char *path, char **text, size_t *len)
{
	FILE *f;
	long size;
	int rc = -1;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "burenhulpctl: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "burenhulpctl: cannot read %s\n", path);
		goto out;
	}
	if (size > FILE_MAX) {
		fprintf(stderr, "burenhulpctl: %s is larger than 64 MiB\n", path);
		goto out;
	}
	*text = arena_alloc(&c->a, (size_t)size + 1);
	if (fread(*text, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "burenhulpctl: cannot read %s\n", path);
		goto out;
	}
	(*text)[size] = '\0';
	*len = (size_t)size;
	rc = 0;
out:
	fclose(f);
	return rc;
}

static int
upsert_org(struct upsert *u, const struct hsds_org_in *o)
{
	struct db *db = u->c->db;
	struct arena *a = &u->c->a;
	struct db_rows rows;
	const char *loc = o->location_id[0] != '\0' ? o->location_id : NULL;
	char *id;
	size_t i;
	int rc;

	if ((rc = db_exec(db, a, STMT_HSDS_ORG_BY_ID, DB_PARAMS(DB_STR(o->id)),
	    &rows)) != DB_OK)
		return rc;
	if (rows.nrows == 1) {
		id = arena_strdup(a, db_str(&rows, 0, 0));
		rc = db_exec(db, a, STMT_HSDS_ORG_UPDATE, DB_PARAMS(DB_STR(o->pc4),
		    DB_STR(loc), DB_STR(o->name), DB_STR(o->description),
		    DB_STR(o->website), DB_STR(o->phone), DB_STR(o->email),
		    DB_STR(id)), NULL);
		u->updated++;
	} else {
		id = arena_alloc(a, CRYPTO_ID_LEN + 1);
		crypto_id_new(id);
		rc = db_exec(db, a, STMT_HSDS_ORG_INSERT, DB_PARAMS(DB_STR(id),
		    DB_STR(o->id), DB_STR(loc), DB_STR(o->name),
		    DB_STR(o->description), DB_STR(o->website), DB_STR(o->phone),
		    DB_STR(o->email), DB_STR(o->pc4)), NULL);
		if (rc == DB_OK && db_affected(db) != 1)
			rc = DB_ERROR;	/* the postcode went away meanwhile */
		u->inserted++;
	}
	if (rc != DB_OK)
		return rc;
	if ((rc = db_exec(db, a, STMT_HSDS_CATS_CLEAR, DB_PARAMS(DB_STR(id)), NULL)) != DB_OK ||
	    (rc = db_exec(db, a, STMT_HSDS_SERVICES_CLEAR, DB_PARAMS(DB_STR(id)), NULL)) != DB_OK)
		return rc;
	for (i = 0; i < o->ncategories; i++)
		if ((rc = db_exec(db, a, STMT_HSDS_CAT_ADD, DB_PARAMS(DB_STR(id),
		    DB_STR(o->categories[i])), NULL)) != DB_OK)
			return rc;
	for (i = 0; i < o->nservices; i++)
		if ((rc = db_exec(db, a, STMT_HSDS_SERVICE_ADD, DB_PARAMS(DB_STR(id),
		    DB_STR(o->services[i].category), DB_STR(o->services[i].id)),
		    NULL)) != DB_OK)
			return rc;
	return DB_OK;
}

static int
upsert_all(void *ctx)
{
	struct upsert *u = ctx;
	size_t i;
	int rc;

	u->inserted = u->updated = 0;
	for (i = 0; i < u->file->n; i++)
		if ((rc = upsert_org(u, &u->file->orgs[i])) != DB_OK)
			return rc;
	return 0;
}

int
cmd_import_hsds(struct ctl *c, int argc, char **argv)
{
	struct hsds_category *cats;
	struct hsds_file file;
	struct upsert u;
	struct db_rows rows;
	char *text = NULL, err[512];
	size_t len = 0, i;

	if (argc != 1) {
		fprintf(stderr, "usage: burenhulpctl import-hsds FILE.json\n");
		return 2;
	}
	if (read_file(c, argv[0], &text, &len) != 0)
		return 1;
	if (db_exec(c->db, &c->a, STMT_HSDS_CATEGORIES, NULL, 0, &rows) != DB_OK) {
		fprintf(stderr, "burenhulpctl: cannot read the categories\n");
		return 1;
	}
	cats = arena_alloc(&c->a, (rows.nrows + 1) * sizeof(*cats));
	for (i = 0; i < rows.nrows; i++) {
		cats[i].id = db_str(&rows, i, 0);
		cats[i].name_nl = db_str(&rows, i, 1);
		cats[i].name_en = db_str(&rows, i, 2);
	}
	if (hsds_parse(&file, &c->a, text, len, cats, rows.nrows, err, sizeof(err)) != 0) {
		fprintf(stderr, "burenhulpctl: %s: %s; nothing imported\n", argv[0], err);
		return 1;
	}
	for (i = 0; i < file.n; i++) {
		struct db_rows pc;

		if (db_exec(c->db, &c->a, STMT_POSTCODE_EXISTS,
		    DB_PARAMS(DB_STR(file.orgs[i].pc4)), &pc) != DB_OK) {
			fprintf(stderr, "burenhulpctl: cannot read the postcodes\n");
			return 1;
		}
		if (pc.nrows != 1) {
			fprintf(stderr, "burenhulpctl: %s: organizations[%zu] (id %s): "
			    "locations[0].addresses[0].postal_code: PC4 %s is not in "
			    "the postcodes table; nothing imported\n", argv[0],
			    file.orgs[i].index, file.orgs[i].id, file.orgs[i].pc4);
			return 1;
		}
	}
	memset(&u, 0, sizeof(u));
	u.c = c;
	u.file = &file;
	if (db_txn(c->db, upsert_all, &u) < 0) {
		fprintf(stderr, "burenhulpctl: import failed (a service id that "
		    "another organisation holds?); nothing changed\n");
		return 1;
	}
	printf("import-hsds: %zu organizations read, %zu new, %zu updated\n",
	    file.n, u.inserted, u.updated);
	return 0;
}
