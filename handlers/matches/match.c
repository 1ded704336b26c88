/*
 * match.c — loading requests and matches for the rules, the match object,
 * and the two reads: GET /matches (own matches, keyset paged) and
 * GET /matches/{id} (parties and moderators; anyone else 404).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "matches.h"
#include "problem.h"
#include "valid.h"

static const char *const match_statuses[] = {
	"responded", "invited", "accepted", "declined", "completed", "cancelled", NULL
};

int
request_load(struct req *r, const char *id, struct db_rows *rows)
{
	if (id == NULL || valid_id(id) != NULL)
		return 1;
	if (db_exec(r->db, r->arena, STMT_REQUEST_GET, DB_PARAMS(DB_STR(id)), rows) != DB_OK)
		return -1;
	return rows->nrows == 1 ? 0 : 1;
}

struct auth_object
request_auth(const struct db_rows *rows)
{
	struct auth_object o = {
		.owner_id = db_str(rows, 0, RQ_OWNER),
		.volunteer_id = db_str(rows, 0, RQ_VOLUNTEER),
		.status = db_str(rows, 0, RQ_STATUS),
	};

	return o;
}

int
matches_request_circle(struct req *r, const char *request_id, struct auth_circle *out,
    const char **circle_id)
{
	struct db_rows rows;
	const char *me = r->who.logged_in ? r->who.user_id : NULL;

	out->circle = false;
	out->member = false;
	*circle_id = NULL;
	if (db_exec(r->db, r->arena, STMT_REQUEST_CIRCLE, DB_PARAMS(DB_STR(me), DB_STR(me),
	    DB_STR(request_id)), &rows) != DB_OK)
		return -1;
	if (rows.nrows == 1) {
		out->circle = strcmp(db_str(&rows, 0, 0), "circle") == 0;
		out->member = me != NULL && db_int(&rows, 0, 2) != 0;
		*circle_id = db_str(&rows, 0, 1);
	}
	return 0;
}

int
match_load(struct req *r, const char *id, struct db_rows *rows)
{
	if (id == NULL || valid_id(id) != NULL)
		return 1;
	if (db_exec(r->db, r->arena, STMT_MATCH_GET, DB_PARAMS(DB_STR(id)), rows) != DB_OK)
		return -1;
	return rows->nrows == 1 ? 0 : 1;
}

struct auth_object
match_auth(const struct db_rows *rows, size_t i)
{
	struct auth_object o = {
		.owner_id = db_str(rows, i, MC_OWNER_ID),
		.volunteer_id = db_str(rows, i, MC_VOLUNTEER_ID),
		.status = db_str(rows, i, MC_STATUS),
	};

	return o;
}

json_object *
json_decimal(double v, int decimals)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	/* "2.50" → "2.5", "3.00" → "3": the shortest text of the value. */
	if (decimals > 0) {
		size_t n = strlen(buf);

		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (n > 0 && buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, sizeof(buf), "0");
	return json_object_new_double_s(v, buf);
}

static json_object *
public_user(const char *id, const char *name)
{
	json_object *u = json_object_new_object();

	json_put_str(u, "id", id);
	json_put_str(u, "display_name", name);
	return u;
}

json_object *
match_json(const struct db_rows *rows, size_t i)
{
	json_object *m = json_object_new_object(), *rq = json_object_new_object();

	json_put_str(m, "id", db_str(rows, i, MC_ID));
	json_put_str(rq, "id", db_str(rows, i, MC_REQUEST_ID));
	json_put_str(rq, "title", db_str(rows, i, MC_REQUEST_TITLE));
	json_put_str(rq, "status", db_str(rows, i, MC_REQUEST_STATUS));
	/* Others only ever see {id, display_name} of a user (API.md). */
	json_put(rq, "owner", public_user(db_str(rows, i, MC_OWNER_ID),
	    db_str(rows, i, MC_OWNER_NAME)));
	json_put(m, "request", rq);
	json_put(m, "volunteer", public_user(db_str(rows, i, MC_VOLUNTEER_ID),
	    db_str(rows, i, MC_VOLUNTEER_NAME)));
	json_put_str(m, "status", db_str(rows, i, MC_STATUS));
	json_put_str(m, "initiated_by", db_str(rows, i, MC_INITIATED_BY));
	json_put_str(m, "created_at", db_str(rows, i, MC_CREATED));
	json_put_str(m, "accepted_at", db_str(rows, i, MC_ACCEPTED));
	json_put_str(m, "completed_at", db_str(rows, i, MC_COMPLETED));
	json_put(m, "hours", db_is_null(rows, i, MC_HOURS) ? NULL :
	    json_decimal(db_double(rows, i, MC_HOURS), 2));
	json_put_str(m, "thanks", db_str(rows, i, MC_THANKS));
	json_put(m, "volunteer_hours", db_is_null(rows, i, MC_VOLUNTEER_HOURS) ? NULL :
	    json_decimal(db_double(rows, i, MC_VOLUNTEER_HOURS), 2));
	return m;
}

void
match_send(struct req *r, const char *id, int status)
{
	struct db_rows rows;
	json_object *body;

	if (match_load(r, id, &rows) != 0) {
		problem_internal(r, "match reload");
		return;
	}
	body = json_object_new_object();
	json_put(body, "match", match_json(&rows, 0));
	http_send_json(r, status, body);
}

int
query_limit(struct req *r, long def, long max, long *out)
{
	const char *lim = http_query(r, "limit");

	*out = def;
	if (lim != NULL && valid_long(lim, 1, max, out) != NULL) {
		problem_field(r, "limit", "out_of_range",
		    arena_printf(r->arena, "limit is 1 to %ld.", max));
		return -1;
	}
	return 0;
}

bool
sort_key_ok(const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd.dddddd";
	size_t i;

	if (s == NULL || strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	return true;
}

static bool
among(const char *const *choices, const char *s)
{
	size_t i;

	for (i = 0; choices[i] != NULL; i++)
		if (strcmp(choices[i], s) == 0)
			return true;
	return false;
}

/* Puts on match i of rows the first message of whoever began it, as
 * "introduction", when the caller may read the match's messages (the rule
 * of GET /matches/{id}/messages: a declined volunteer may not). The owner
 * decides on a response without opening the conversation (issue 15.8).
 * Returns 0, or -1 on a database or crypto failure. */
static int
add_introduction(struct req *r, json_object *m, const struct db_rows *rows, size_t i)
{
	struct auth_object obj = match_auth(rows, i);
	struct db_rows msg;
	json_object *intro;
	const char *sender;

	if (auth_decide(&r->who, ACT_MESSAGE_READ, &obj) != AUTH_ALLOW)
		return 0;
	sender = strcmp(db_str(rows, i, MC_INITIATED_BY), "volunteer") == 0 ?
	    db_str(rows, i, MC_VOLUNTEER_ID) : db_str(rows, i, MC_OWNER_ID);
	if (db_exec(r->db, r->arena, STMT_MATCH_INTRODUCTION, DB_PARAMS(
	    DB_STR(db_str(rows, i, MC_ID)), DB_STR(sender)), &msg) != DB_OK)
		return -1;
	if (msg.nrows == 0)
		return 0;
	if ((intro = message_json(r, &msg, 0)) == NULL)
		return -1;
	json_put(m, "introduction", intro);
	return 0;
}

void
matches_list(struct req *r)
{
	const char *as = http_query(r, "as"), *status = http_query(r, "status");
	const char *cur = http_query(r, "cursor"), *me = r->who.user_id;
	char *after[2] = { NULL, NULL };
	struct db_rows rows;
	json_object *body, *items;
	long limit;
	size_t i, n;
	int rc;

	(void)query_limit(r, 20, 100, &limit);
	if (as != NULL && strcmp(as, "volunteer") != 0 && strcmp(as, "requester") != 0)
		problem_field(r, "as", "not_allowed", "as is volunteer or requester.");
	if (status != NULL && !among(match_statuses, status))
		problem_field(r, "status", "not_allowed", "Not a match status.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (cur != NULL && (cursor_decode(r->arena, cur, after, 2) != 0 ||
	    !sort_key_ok(after[0]) || valid_id(after[1]) != NULL)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	if (as == NULL)
		rc = db_exec(r->db, r->arena, STMT_MATCHES_MINE, DB_PARAMS(
		    DB_STR(me), DB_STR(status), DB_STR(status), DB_STR(after[0]),
		    DB_STR(after[0]), DB_STR(after[1]), DB_INT(limit + 1),
		    DB_STR(me), DB_STR(status), DB_STR(status), DB_STR(after[0]),
		    DB_STR(after[0]), DB_STR(after[1]), DB_INT(limit + 1),
		    DB_INT(limit + 1)), &rows);
	else
		rc = db_exec(r->db, r->arena, strcmp(as, "volunteer") == 0 ?
		    STMT_MATCHES_AS_VOLUNTEER : STMT_MATCHES_AS_REQUESTER, DB_PARAMS(
		    DB_STR(me), DB_STR(status), DB_STR(status), DB_STR(after[0]),
		    DB_STR(after[0]), DB_STR(after[1]), DB_INT(limit + 1)), &rows);
	if (rc != DB_OK) {
		problem_internal(r, "matches list");
		return;
	}
	n = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < n; i++) {
		json_object *m = match_json(&rows, i);

		json_object_array_add(items, m);
		if (add_introduction(r, m, &rows, i) != 0) {
			json_object_put(body);
			problem_internal(r, "matches list: introduction");
			return;
		}
	}
	if (rows.nrows > (size_t)limit) {
		const char *parts[2] = { db_str(&rows, n - 1, MC_SORT_KEY),
		    db_str(&rows, n - 1, MC_ID) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 2));
	} else
		json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
}

void
matches_get(struct req *r)
{
	const char *id = http_param(r, "id");
	struct auth_object obj;
	struct db_rows rows;
	json_object *body;
	int rc;

	if ((rc = match_load(r, id, &rows)) != 0) {
		if (rc < 0)
			problem_internal(r, "match get");
		else
			problem_send(r, 404, "not_found", "No such match.");
		return;
	}
	obj = match_auth(&rows, 0);
	if (!auth_require(r, ACT_MATCH_VIEW, &obj))
		return;
	if (auth_read_is_audited(&r->who, &obj) &&
	    audit_write(r, "match.view", "match", id, NULL) != 0) {
		problem_internal(r, "match audit");
		return;
	}
	body = json_object_new_object();
	json_put(body, "match", match_json(&rows, 0));
	http_send_json(r, 200, body);
}
