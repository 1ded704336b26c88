/*
 * caregiver_check.c — POST/GET /me/caregiver-check: a caregiver's own check
 * of caregiver strain; GET/PUT /me/caregiver-check/reminder: whether they
 * want a monthly reminder to take it again (sent by the mailer,
 * mailer/caregiver_check.c); and their part of GET /me/export and
 * DELETE /me (issue 17, part 6; API.md "Caregiver check").
 *
 * The check is the Caregiver Strain Index (CSI): Robinson BC, "Validation
 * of a Caregiver Strain Index", Journal of Gerontology 38(3):344-348, 1983;
 * 13 yes/no items, one point per yes, a score of 7 or more means high
 * strain. The page asks its Dutch wording, commonly known as the "Caregiver
 * Strain Index (CSI), Nederlandse versie" (web/caregiver-check.html names
 * the source beside the questions). Here only the booleans arrive.
 *
 * Privacy: the answers, the score and the level are sealed together
 * ("caregiver_checks.result:<id>", a 13-character string of 0 and 1) and
 * opened for their owner only. No other route reads this table: not the
 * moderators, not the admins; the figures count rows and nothing else
 * (handlers/admin, suppressed below 5). Never logged.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "accounts.h"
#include "arena.h"
#include "auth.h"
#include "crypto.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "page.h"
#include "problem.h"
#include "support.h"
#include "valid.h"

#define CSI_ITEMS	13	/* Robinson 1983 */
#define CSI_HIGH	7	/* a score of 7 or more: high strain */
#define SUPPORT_SHOWN	5
#define CHECK_REPEAT_S	10	/* the same answers again this soon: the same check */

/* Columns of STMT_CGC_LIST and STMT_CGC_EXPORT. */
enum { CG_ID, CG_RESULT, CG_CREATED, CG_SORT };

static const char *
csi_level(int score)
{
	return score >= CSI_HIGH ? "high" : "low";
}

/* The check of row i as its owner sees it; NULL when it does not open. */
static json_object *
check_json(struct req *r, const struct db_rows *rows, size_t i)
{
	json_object *o, *answers;
	char *pt = NULL;
	size_t len = 0, k;
	int score = 0;

	if (crypto_field_open(r->arena, &pt, &len, "caregiver_checks", "result",
	    db_str(rows, i, CG_ID), (const unsigned char *)db_str(rows, i, CG_RESULT),
	    db_len(rows, i, CG_RESULT)) != 0 || len != CSI_ITEMS) {
		log_error("caregiver check: cannot open caregiver_checks.result");
		return NULL;
	}
	o = json_object_new_object();
	answers = json_object_new_array();
	for (k = 0; k < CSI_ITEMS; k++) {
		json_object_array_add(answers, json_object_new_boolean(pt[k] == '1'));
		score += pt[k] == '1';
	}
	json_put_str(o, "id", db_str(rows, i, CG_ID));
	json_put_int(o, "score", score);
	json_put_str(o, "level", csi_level(score));
	json_put(o, "answers", answers);
	json_put_str(o, "created_at", db_str(rows, i, CG_CREATED));
	return o;
}

/* Checks answers: exactly 13 booleans. Fills bits ("0"/"1" each) and
 * returns the score, or -1 after naming the field. */
static int
answers_read(struct req *r, char bits[CSI_ITEMS + 1])
{
	json_object *arr = NULL;
	size_t k;
	int score = 0;

	if (!json_object_object_get_ex(r->json, "answers", &arr) ||
	    !json_object_is_type(arr, json_type_array) ||
	    json_object_array_length(arr) != CSI_ITEMS) {
		problem_field(r, "answers", "invalid",
		    "answers is a list of 13 answers, each true (yes) or false (no).");
		return -1;
	}
	for (k = 0; k < CSI_ITEMS; k++) {
		json_object *a = json_object_array_get_idx(arr, k);

		if (a == NULL || !json_object_is_type(a, json_type_boolean)) {
			problem_field(r, arena_printf(r->arena, "answers[%zu]", k),
			    "invalid", "Each answer is true (yes) or false (no).");
			return -1;
		}
		bits[k] = json_object_get_boolean(a) ? '1' : '0';
		score += bits[k] == '1';
	}
	bits[CSI_ITEMS] = '\0';
	return score;
}

/* The check being taken: the caller's answers and, after the
 * transaction, the row they are in. */
struct take {
	struct req	*r;
	const char	*bits;
	char		 id[CRYPTO_ID_LEN + 1];
	bool		 again;		/* the same answers were just taken */
};

/*
 * A double click or a retried request sends the same answers twice within
 * a moment: the check taken in the last CHECK_REPEAT_S seconds with the
 * same answers is the one (200), none is added. The share lock on the
 * user's recent range of caregiver_checks_user makes two at once take
 * turns (the second insert waits or deadlocks and db_txn runs it again,
 * when it finds the first).
 */
static int
take_txn(void *ctx)
{
	struct take *t = ctx;
	struct req *r = t->r;
	struct db_rows recent;
	unsigned char *ct = NULL;
	size_t ctlen = 0, i;
	int rc;

	t->again = false;
	if ((rc = db_exec(r->db, r->arena, STMT_CGC_RECENT, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_INT(CHECK_REPEAT_S)), &recent)) != DB_OK)
		return rc;
	for (i = 0; i < recent.nrows; i++) {
		char *pt = NULL;
		size_t len = 0;

		if (crypto_field_open(r->arena, &pt, &len, "caregiver_checks",
		    "result", db_str(&recent, i, 0),
		    (const unsigned char *)db_str(&recent, i, 1),
		    db_len(&recent, i, 1)) != 0) {
			log_error("caregiver check: cannot open caregiver_checks.result");
			return DB_ERROR;
		}
		if (len == CSI_ITEMS && memcmp(pt, t->bits, CSI_ITEMS) == 0) {
			sodium_memzero(pt, len);
			snprintf(t->id, sizeof(t->id), "%s", db_str(&recent, i, 0));
			t->again = true;
			return DB_OK;
		}
		sodium_memzero(pt, len);
	}
	crypto_id_new(t->id);
	if (crypto_field_seal(r->arena, &ct, &ctlen, "caregiver_checks", "result",
	    t->id, t->bits, CSI_ITEMS) != 0)
		return DB_ERROR;
	return db_exec(r->db, r->arena, STMT_CGC_INSERT, DB_PARAMS(DB_STR(t->id),
	    DB_STR(r->who.user_id), DB_BLOB(ct, ctlen)), NULL);
}

void
caregiver_check_create(struct req *r)
{
	char bits[CSI_ITEMS + 1];
	struct take t = { .r = r, .bits = bits };
	const char *id = t.id;
	struct db_rows user;
	json_object *body, *orgs;
	int score;

	if ((score = answers_read(r, bits)) < 0) {
		problem_invalid(r);
		return;
	}
	if (db_txn(r->db, take_txn, &t) != DB_OK)
		goto internal;
	sodium_memzero(bits, sizeof(bits));
	/* Support near the user's own area: respite and caregiver support. */
	if (user_load(r, r->who.user_id, &user) != 0)
		goto internal;
	orgs = support_near_pc4(r, db_str(&user, 0, UC_PC4),
	    SUPPORT_RESPITE | SUPPORT_CAREGIVER, SUPPORT_SHOWN);
	if (orgs == NULL)
		goto internal;
	body = json_object_new_object();
	json_put_str(body, "id", id);
	json_put_int(body, "score", score);
	json_put_str(body, "level", csi_level(score));
	json_put(body, "suggested_organisations", orgs);
	http_header(r, "Location", "/api/v1/me/caregiver-check");
	http_send_json(r, t.again ? 200 : 201, body);
	return;
internal:
	sodium_memzero(bits, sizeof(bits));
	problem_internal(r, "caregiver check");
}

/* Renders row i of a history page (lib/page.h). */
static json_object *
render_check(struct req *r, const struct db_rows *rows, size_t i,
    const void *ctx)
{
	(void)ctx;
	return check_json(r, rows, i);
}

void
caregiver_check_list(struct req *r)
{
	const char *lim = http_query(r, "limit"), *cur = http_query(r, "cursor");
	char *after[2] = { NULL, NULL };
	static const int cols[2] = { CG_SORT, CG_ID };
	struct db_rows rows;
	struct page pg;
	long limit = 20;

	if (lim != NULL && valid_long(lim, 1, 100, &limit) != NULL) {
		problem_field(r, "limit", "out_of_range", "limit is 1 to 100.");
		problem_invalid(r);
		return;
	}
	if (cur != NULL && (cursor_decode(r->arena, cur, after, 2) != 0 ||
	    !cursor_time_key_ok(after[0]) || valid_id(after[1]) != NULL)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_CGC_LIST, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_STR(after[0]), DB_STR(after[0]),
	    DB_STR(after[0]), DB_STR(after[1]), DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "caregiver check list");
		return;
	}
	page_init(&pg, limit, render_check, NULL);
	if (page_add(r, &pg, &rows) != 0) {
		page_drop(&pg);
		problem_internal(r, "caregiver check list");
		return;
	}
	page_send(r, &pg, NULL, cols, 2);
}

int
gdpr_caregiver_checks_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows;
	json_object *arr, *o;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_CGC_EXPORT, DB_PARAMS(DB_STR(user_id)),
	    &rows) != DB_OK)
		return -1;
	arr = json_object_new_array();
	for (i = 0; i < rows.nrows; i++) {
		if ((o = check_json(r, &rows, i)) == NULL) {
			json_object_put(arr);
			return -1;
		}
		json_object_array_add(arr, o);
	}
	json_put(doc, "caregiver_checks", arr);
	return 0;
}

int
gdpr_caregiver_checks_erase(struct req *r, const char *user_id)
{
	return db_exec(r->db, r->arena, STMT_CGC_DELETE, DB_PARAMS(DB_STR(user_id)),
	    NULL);
}

/* ---- the monthly reminder (migration 096) ----------------------------- */

/* Columns of STMT_CGC_REMINDER_GET. */
enum { CR_SINCE, CR_LAST_SENT };

/* {monthly, since, last_sent_at} of user_id; NULL on a database failure. */
static json_object *
reminder_json(struct req *r, const char *user_id)
{
	struct db_rows rows;
	json_object *o;

	if (db_exec(r->db, r->arena, STMT_CGC_REMINDER_GET,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return NULL;
	o = json_object_new_object();
	json_put_bool(o, "monthly", rows.nrows == 1);
	json_put_str(o, "since", rows.nrows == 1 ? db_str(&rows, 0, CR_SINCE) : NULL);
	json_put_str(o, "last_sent_at", rows.nrows == 1 ?
	    db_str(&rows, 0, CR_LAST_SENT) : NULL);
	return o;
}

void
caregiver_reminder_get(struct req *r)
{
	json_object *o = reminder_json(r, r->who.user_id);

	if (o == NULL) {
		problem_internal(r, "caregiver check reminder");
		return;
	}
	http_send_json(r, 200, o);
}

void
caregiver_reminder_put(struct req *r)
{
	bool monthly = false;
	json_object *o;

	/* The field table requires a boolean. */
	(void)json_get_bool(r->json, "monthly", &monthly);
	if (db_exec(r->db, r->arena, monthly ? STMT_CGC_REMINDER_ON :
	    STMT_CGC_REMINDER_OFF, DB_PARAMS(DB_STR(r->who.user_id)), NULL) != DB_OK ||
	    (o = reminder_json(r, r->who.user_id)) == NULL) {
		problem_internal(r, "caregiver check reminder");
		return;
	}
	http_send_json(r, 200, o);
}

int
gdpr_caregiver_reminder_export(struct req *r, const char *user_id, json_object *doc)
{
	json_object *o = reminder_json(r, user_id);

	if (o == NULL)
		return -1;
	json_put(doc, "caregiver_check_reminder", o);
	return 0;
}

int
gdpr_caregiver_reminder_erase(struct req *r, const char *user_id)
{
	return db_exec(r->db, r->arena, STMT_CGC_REMINDER_OFF,
	    DB_PARAMS(DB_STR(user_id)), NULL);
}
