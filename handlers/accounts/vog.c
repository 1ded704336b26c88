/*
 * vog.c — the VOG (Verklaring Omtrent het Gedrag) of a volunteer, issue 17
 * part 4: PUT /me/vog (the volunteer records the issue date of theirs),
 * POST /users/{id}/vog (a moderator, having seen the paper or the
 * screening result, verifies or rejects it with a note), the `vog` of the
 * user object (GET /me, the admin's user page, the export), and its
 * erasure with the account.
 *
 * A verified VOG holds until its issue date plus vog_valid_years (lib/vog.c,
 * 3 by default), fixed when it is verified; past that its status reads
 * "expired". A new date starts over as "submitted". The moderator's note is
 * sealed (users_vog, note, user id): it is about a person's screening.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "accounts.h"
#include "auth.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "problem.h"
#include "valid.h"
#include "vog.h"

/* Columns of STMT_VOG_GET. */
enum { VG_STATUS, VG_ISSUED, VG_EXPIRES, VG_NOTE_CT };

/* The earliest issue date taken: older papers are long expired anyway. */
#define VOG_EARLIEST	"1990-01-01"

/* True when s is a real calendar date written YYYY-MM-DD. */
static bool
is_date(const char *s)
{
	struct tm tm;
	int y, m, d;
	char tail;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return false;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	if (timegm(&tm) == (time_t)-1)
		return false;
	/* timegm normalises 2026-02-30 into March: not a date. */
	return tm.tm_year == y - 1900 && tm.tm_mon == m - 1 && tm.tm_mday == d;
}

int
vog_put_json(struct req *r, json_object *user, const char *user_id)
{
	struct db_rows rows;
	json_object *v;
	char *note = NULL;
	size_t len;

	if (db_exec(r->db, r->arena, STMT_VOG_GET, DB_PARAMS(DB_STR(user_id)),
	    &rows) != DB_OK)
		return -1;
	if (rows.nrows != 1) {
		json_put(user, "vog", NULL);
		return 0;
	}
	if (!db_is_null(&rows, 0, VG_NOTE_CT) &&
	    crypto_field_open(r->arena, &note, &len, "users_vog", "note", user_id,
	    (const unsigned char *)db_str(&rows, 0, VG_NOTE_CT),
	    db_len(&rows, 0, VG_NOTE_CT)) != 0) {
		log_error("vog: cannot open the note of a VOG");
		return -1;
	}
	v = json_object_new_object();
	json_put_str(v, "status", db_str(&rows, 0, VG_STATUS));
	json_put_str(v, "issued_on", db_str(&rows, 0, VG_ISSUED));
	json_put_str(v, "expires_on", db_str(&rows, 0, VG_EXPIRES));
	json_put_str(v, "note", note);
	json_put(user, "vog", v);
	return 0;
}

/* {"vog": ...} of user_id, status 200. */
static void
send_vog(struct req *r, const char *user_id)
{
	json_object *o = json_object_new_object();

	if (vog_put_json(r, o, user_id) != 0) {
		json_object_put(o);
		problem_internal(r, "vog");
		return;
	}
	http_send_json(r, 200, o);
}

void
vog_submit(struct req *r)
{
	const char *issued = json_get_str(r->json, "issued_on");
	char today[11];
	time_t now = time(NULL);
	struct tm tm;

	if (!auth_require(r, ACT_VOG_SUBMIT, NULL))
		return;
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (!is_date(issued))
		problem_field(r, "issued_on", "invalid", "A date: YYYY-MM-DD.");
	else if (strcmp(issued, today) > 0)
		problem_field(r, "issued_on", "out_of_range",
		    "The issue date of a VOG cannot be in the future.");
	else if (strcmp(issued, VOG_EARLIEST) < 0)
		problem_field(r, "issued_on", "out_of_range",
		    "The issue date cannot be before 1990.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (db_exec(r->db, r->arena, STMT_VOG_SUBMIT,
	    DB_PARAMS(DB_STR(r->who.user_id), DB_STR(issued)), NULL) != DB_OK) {
		problem_internal(r, "vog submit");
		return;
	}
	(void)audit_write(r, "user.vog_submit", "user", r->who.user_id, NULL);
	send_vog(r, r->who.user_id);
}

void
vog_decide(struct req *r)
{
	const char *id = http_param(r, "id");
	const char *decision = json_get_str(r->json, "decision");
	const char *note = json_get_str(r->json, "note");
	struct auth_object obj = { id, NULL, NULL };
	struct db_rows rows;
	unsigned char *ct = NULL;
	size_t ctlen = 0;
	bool verify;

	if (!auth_require(r, ACT_VOG_DECIDE, &obj))
		return;
	if (id == NULL || valid_id(id) != NULL)
		goto none;
	if (db_exec(r->db, r->arena, STMT_VOG_GET, DB_PARAMS(DB_STR(id)), &rows) != DB_OK)
		goto internal;
	if (rows.nrows != 1) {
		if (user_load(r, id, &rows) == 0)
			problem_send(r, 409, "invalid_transition",
			    "This user has not recorded a VOG.");
		else
			goto none;
		return;
	}
	verify = strcmp(decision, "verify") == 0;
	if (note != NULL && crypto_field_seal(r->arena, &ct, &ctlen, "users_vog",
	    "note", id, note, strlen(note)) != 0)
		goto internal;
	if (db_exec(r->db, r->arena, STMT_VOG_DECIDE, DB_PARAMS(
	    DB_STR(verify ? "verified" : "rejected"), DB_INT(verify),
	    DB_INT(vog_valid_years(r->cfg)), DB_BLOB(ct, ctlen),
	    DB_STR(r->who.user_id), DB_STR(id)), NULL) != DB_OK)
		goto internal;
	(void)audit_write(r, verify ? "user.vog_verify" : "user.vog_reject",
	    "user", id, NULL);
	send_vog(r, id);
	return;
none:
	problem_send(r, 404, "not_found", "No such user.");
	return;
internal:
	problem_internal(r, "vog decide");
}

int
gdpr_vog_export(struct req *r, const char *user_id, json_object *doc)
{
	/* The profile part carries it (user_own_json). */
	(void)r;
	(void)user_id;
	(void)doc;
	return 0;
}

int
gdpr_vog_erase(struct req *r, const char *user_id)
{
	return db_exec(r->db, r->arena, STMT_VOG_DELETE, DB_PARAMS(DB_STR(user_id)),
	    NULL);
}
