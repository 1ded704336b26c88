/*
 * checkins.c — GET /admin/checkins and PUT /admin/checkins/{match_id}/note:
 * the moderators' list of recurring help that needs attention (issue 17,
 * part 5; API.md "Recurring help and check-ins").
 *
 * A match needs attention when its last check-in answer was not `good`, or
 * when it was asked (the mailer's checkin job) and left the question
 * unanswered for CHECKIN_UNANSWERED_DAYS. Without ?attention=true the list
 * holds every match that was ever asked. A request posted for someone
 * carries that person's first name and how consent was recorded (issue 17,
 * part 1), for the moderator to revoke it. Each item carries the coordinator's
 * note (the moderators' own record, set with PUT .../note) and the parties'
 * notes of the last answers, opened here for the moderator only: every
 * list that opens one writes an audit row. Paged on the match id.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "arena.h"
#include "auth.h"
#include "cursor.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "problem.h"
#include "valid.h"

#define CHECKIN_UNANSWERED_DAYS	14
#define CHECKIN_NOTES_SHOWN	5

/* Columns of STMT_CHECKINS_LIST. */
enum { CK_MATCH, CK_REQUEST, CK_TITLE, CK_VOL_ID, CK_VOL_NAME, CK_OWNER_ID,
    CK_OWNER_NAME, CK_ASKED, CK_ANSWERED, CK_LAST, CK_UNANSWERED, CK_NOTE,
    CK_NOTE_AT, CK_BEHALF, CK_CONSENT_HOW, CK_CONSENT_AT, CK_CONSENT_BY,
    CK_CONSENT_BY_NAME };
/* Columns of STMT_CHECKINS_OF_MATCH. */
enum { CN_ID, CN_USER, CN_NAME, CN_ANSWER, CN_NOTE_CT, CN_CREATED };

static bool
id_ok(const char *s)
{
	return valid_id(s) == NULL;
}

static json_object *
answers_json(struct req *r, const char *match_id, bool *opened)
{
	struct db_rows rows;
	json_object *arr, *o;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_CHECKINS_OF_MATCH, DB_PARAMS(
	    DB_STR(match_id), DB_INT(CHECKIN_NOTES_SHOWN)), &rows) != DB_OK)
		return NULL;
	arr = json_object_new_array();
	for (i = 0; i < rows.nrows; i++) {
		char *pt = NULL;
		size_t len = 0;

		o = json_object_new_object();
		json_put_str(o, "id", db_str(&rows, i, CN_ID));
		json_put(o, "by", admin_user_json(db_str(&rows, i, CN_USER),
		    db_str(&rows, i, CN_NAME)));
		json_put_str(o, "answer", db_str(&rows, i, CN_ANSWER));
		if (db_is_null(&rows, i, CN_NOTE_CT))
			json_put(o, "note", NULL);
		else if (crypto_field_open(r->arena, &pt, &len, "checkins", "note",
		    db_str(&rows, i, CN_ID),
		    (const unsigned char *)db_str(&rows, i, CN_NOTE_CT),
		    db_len(&rows, i, CN_NOTE_CT)) != 0) {
			log_error("checkins: cannot open checkins.note");
			json_object_put(o);
			json_object_put(arr);
			return NULL;
		} else {
			json_put_strn(o, "note", pt, len);
			*opened = true;
		}
		json_put_str(o, "created_at", db_str(&rows, i, CN_CREATED));
		json_object_array_add(arr, o);
	}
	return arr;
}

void
checkins_list(struct req *r)
{
	const char *att = http_query(r, "attention");
	char *after[1] = { NULL };
	struct db_rows rows;
	json_object *body, *items, *o, *m, *rq, *note, *answers;
	long limit = 20;
	bool attention = false, opened = false;
	size_t i, n;

	admin_limit(r, &limit);
	if (att != NULL && strcmp(att, "true") != 0 && strcmp(att, "false") != 0)
		problem_field(r, "attention", "invalid", "attention is true or false.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	attention = att != NULL && strcmp(att, "true") == 0;
	if (admin_cursor(r, after, 1, id_ok) != 0)
		return;
	if (db_exec(r->db, r->arena, STMT_CHECKINS_LIST, DB_PARAMS(
	    DB_INT(CHECKIN_UNANSWERED_DAYS), DB_INT(attention),
	    DB_INT(CHECKIN_UNANSWERED_DAYS), DB_STR(after[0]), DB_STR(after[0]),
	    DB_INT(limit + 1)), &rows) != DB_OK)
		goto internal;
	n = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < n; i++) {
		const char *last = db_str(&rows, i, CK_LAST);

		o = json_object_new_object();
		m = json_object_new_object();
		rq = json_object_new_object();
		json_put_str(m, "id", db_str(&rows, i, CK_MATCH));
		json_put_str(rq, "id", db_str(&rows, i, CK_REQUEST));
		json_put_str(rq, "title", db_str(&rows, i, CK_TITLE));
		json_put(rq, "on_behalf_of", admin_behalf_json(&rows, i, CK_BEHALF));
		json_put(m, "request", rq);
		json_put(m, "volunteer", admin_user_json(db_str(&rows, i, CK_VOL_ID),
		    db_str(&rows, i, CK_VOL_NAME)));
		json_put(m, "requester", admin_user_json(db_str(&rows, i, CK_OWNER_ID),
		    db_str(&rows, i, CK_OWNER_NAME)));
		json_put(o, "match", m);
		json_put_str(o, "asked_at", db_str(&rows, i, CK_ASKED));
		json_put_str(o, "answered_at", db_str(&rows, i, CK_ANSWERED));
		json_put_str(o, "last_answer", last);
		json_put_bool(o, "unanswered", db_int(&rows, i, CK_UNANSWERED) != 0);
		json_put_bool(o, "attention", db_int(&rows, i, CK_UNANSWERED) != 0 ||
		    (last != NULL && strcmp(last, "good") != 0));
		if (db_is_null(&rows, i, CK_NOTE))
			json_put(o, "coordinator_note", NULL);
		else {
			note = json_object_new_object();
			json_put_str(note, "text", db_str(&rows, i, CK_NOTE));
			json_put_str(note, "updated_at", db_str(&rows, i, CK_NOTE_AT));
			json_put(o, "coordinator_note", note);
		}
		if ((answers = answers_json(r, db_str(&rows, i, CK_MATCH), &opened)) == NULL) {
			json_object_put(o);
			json_object_put(body);
			goto internal;
		}
		json_put(o, "answers", answers);
		json_object_array_add(items, o);
	}
	if (rows.nrows > (size_t)limit) {
		const char *parts[1] = { db_str(&rows, n - 1, CK_MATCH) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 1));
	} else
		json_put(body, "next_cursor", NULL);
	if (opened)
		(void)audit_write(r, "checkins.read_notes", "checkins", NULL, NULL);
	http_send_json(r, 200, body);
	return;
internal:
	problem_internal(r, "checkins list");
}

void
checkins_note_put(struct req *r)
{
	const char *id = http_param(r, "match_id");
	const char *note = json_get_str(r->json, "note");
	json_object *body;

	if (valid_id(id) != NULL) {
		problem_send(r, 404, "not_found", "No check-ins for that match.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_CHECKIN_NOTE_SET, DB_PARAMS(
	    DB_STR(note != NULL && *note != '\0' ? note : NULL), DB_STR(r->who.user_id),
	    DB_STR(id)), NULL) != DB_OK) {
		problem_internal(r, "checkin note");
		return;
	}
	if (db_affected(r->db) == 0) {
		/* No row, or the same note again: tell them apart. */
		struct db_rows rows;

		if (db_exec(r->db, r->arena, STMT_CHECKIN_STATE_EXISTS,
		    DB_PARAMS(DB_STR(id)), &rows) != DB_OK) {
			problem_internal(r, "checkin note");
			return;
		}
		if (rows.nrows == 0) {
			problem_send(r, 404, "not_found", "No check-ins for that match.");
			return;
		}
	}
	(void)audit_write(r, "checkins.note", "match", id, NULL);
	body = json_object_new_object();
	json_put_str(body, "match_id", id);
	json_put_str(body, "note", note != NULL && *note != '\0' ? note : NULL);
	http_send_json(r, 200, body);
}
