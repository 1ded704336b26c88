/*
 * vacancy_responses.c — a volunteer's response to a vacancy and the
 * conversation it opens with the organisation's coordinators (issue 18
 * part 2): POST and GET /vacancies/{id}/responses, GET
 * /vacancy-responses/{id}, GET and POST /vacancy-responses/{id}/messages,
 * GET /me/vacancy-responses.
 *
 * Private like match messages: every body is sealed with the associated
 * data (vacancy_messages, body, message id) and opened only for the two
 * sides (lib/auth.c ACT_VACANCY_CONVERSATION: the volunteer, and every
 * coordinator of the vacancy's organisation, who see it as owner_id; a
 * moderator 403, anyone else 404). The list of a vacancy's responses is for
 * its coordinators only (ACT_VACANCY_RESPONSES_VIEW). No body reaches a log
 * line or a notification; a notification names the vacancy's public title.
 *
 * One response per volunteer and vacancy (the unique key of migration
 * 103): a second POST answers 200 with the first and writes nothing, so a
 * repeated click does no harm. Responding needs an open vacancy.
 */
#include <string.h>

#include "auth.h"
#include "crypto.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "matches.h"
#include "notify.h"
#include "problem.h"
#include "valid.h"

#define FIRST_CREATED	"9999-12-31 23:59:59.999999"

static bool
is(const char *s, const char *want)
{
	return s != NULL && strcmp(s, want) == 0;
}

/* Whether the caller coordinates org_id: 1, 0, -1 on failure. */
static int
coordinates(struct req *r, const char *org_id)
{
	struct db_rows rows;

	if (!r->who.logged_in)
		return 0;
	if (db_exec(r->db, r->arena, STMT_VR_COORDINATOR_IS, DB_PARAMS(DB_STR(org_id),
	    DB_STR(r->who.user_id)), &rows) != DB_OK)
		return -1;
	return rows.nrows > 0 ? 1 : 0;
}

/* The vacancy's status as the rules see it: an open vacancy of an
 * organisation gone from the directory is no longer open. */
static const char *
vacancy_status(const char *status, long long org_active)
{
	return is(status, "open") && org_active == 0 ? "withdrawn" : status;
}

/* A sealed body → JSON string, or NULL (logged) when it cannot be opened. */
static json_object *
body_json(struct req *r, const char *id, const char *ct, size_t ctlen)
{
	char *body;
	size_t len;

	if (crypto_field_open(r->arena, &body, &len, "vacancy_messages", "body", id,
	    (const unsigned char *)ct, ctlen) != 0) {
		log_error("vacancy messages: cannot open the body of message %s", id);
		return NULL;
	}
	return json_object_new_string_len(body, (int)len);
}

static json_object *
response_json(struct req *r, const struct db_rows *rows, size_t i)
{
	json_object *o = json_object_new_object(), *v, *g, *u, *m = NULL;

	json_put_str(o, "id", db_str(rows, i, VR_ID));
	v = json_object_new_object();
	json_put_str(v, "id", db_str(rows, i, VR_VACANCY_ID));
	json_put_str(v, "title", db_str(rows, i, VR_TITLE));
	json_put_str(v, "status", vacancy_status(db_str(rows, i, VR_VACANCY_STATUS),
	    db_int(rows, i, VR_ORG_ACTIVE)));
	g = json_object_new_object();
	json_put_str(g, "id", db_str(rows, i, VR_ORG_ID));
	json_put_str(g, "name", db_str(rows, i, VR_ORG_NAME));
	json_put(v, "organisation", g);
	json_put(o, "vacancy", v);
	u = json_object_new_object();
	json_put_str(u, "id", db_str(rows, i, VR_VOLUNTEER_ID));
	json_put_str(u, "display_name", db_str(rows, i, VR_VOLUNTEER_NAME));
	json_put(o, "volunteer", u);
	if (!db_is_null(rows, i, VR_FIRST_ID) &&
	    (m = body_json(r, db_str(rows, i, VR_FIRST_ID), db_str(rows, i, VR_FIRST_CT),
	    db_len(rows, i, VR_FIRST_CT))) == NULL) {
		json_object_put(o);
		return NULL;
	}
	json_put(o, "message", m);
	json_put_str(o, "created_at", db_str(rows, i, VR_CREATED));
	return o;
}

static json_object *
message_row_json(struct req *r, const struct db_rows *rows, size_t i)
{
	json_object *m, *sender = NULL, *body;

	if ((body = body_json(r, db_str(rows, i, VM_ID), db_str(rows, i, VM_BODY_CT),
	    db_len(rows, i, VM_BODY_CT))) == NULL)
		return NULL;
	m = json_object_new_object();
	json_put_str(m, "id", db_str(rows, i, VM_ID));
	if (!db_is_null(rows, i, VM_SENDER_ID)) {
		sender = json_object_new_object();
		json_put_str(sender, "id", db_str(rows, i, VM_SENDER_ID));
		json_put_str(sender, "display_name", db_str(rows, i, VM_SENDER_NAME));
	}
	json_put(m, "sender", sender);
	json_put_bool(m, "from_volunteer", !db_is_null(rows, i, VM_SENDER_ID) &&
	    strcmp(db_str(rows, i, VM_SENDER_ID), db_str(rows, i, VM_VOLUNTEER_ID)) == 0);
	json_put(m, "body", body);
	json_put_str(m, "created_at", db_str(rows, i, VM_CREATED));
	return m;
}

/* Sends rows (limit + 1 fetched) as {items, next_cursor} keyed (sort, id). */
static void
send_page(struct req *r, const struct db_rows *rows, long limit,
    json_object *(*render)(struct req *, const struct db_rows *, size_t),
    int sort_col, int id_col)
{
	size_t n = rows->nrows > (size_t)limit ? (size_t)limit : rows->nrows, i;
	json_object *body = json_object_new_object(), *items = json_object_new_array(), *o;

	json_put(body, "items", items);
	for (i = 0; i < n; i++) {
		if ((o = render(r, rows, i)) == NULL) {
			json_object_put(body);
			problem_internal(r, "vacancy responses render");
			return;
		}
		json_object_array_add(items, o);
	}
	if (rows->nrows > (size_t)limit) {
		const char *parts[2] = { db_str(rows, n - 1, sort_col), db_str(rows, n - 1, id_col) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 2));
	} else
		json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
}

/* limit and cursor of a list; false when bad (answer sent). */
static bool
read_page(struct req *r, long *limit, char **after)
{
	const char *cur = http_query(r, "cursor");

	after[0] = after[1] = NULL;
	if (query_limit(r, 20, 100, limit) != 0) {
		problem_invalid(r);
		return false;
	}
	if (cur != NULL && (cursor_decode(r->arena, cur, after, 2) != 0 ||
	    !sort_key_ok(after[0]) || valid_id(after[1]) != NULL)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return false;
	}
	return true;
}

/* The vacancy of the path, for act; the caller a coordinator or not.
 * false when refused or absent (answer sent). */
static bool
vacancy_fetch(struct req *r, enum action act, struct db_rows *v, bool *coordinator)
{
	const char *id = http_param(r, "id");
	struct auth_object obj = { 0 };
	int rc;

	if (valid_id(id) != NULL)
		goto not_found;
	if (db_exec(r->db, r->arena, STMT_VR_VACANCY_GET, DB_PARAMS(DB_STR(id)), v) != DB_OK)
		goto internal;
	if (v->nrows != 1)
		goto not_found;
	if ((rc = coordinates(r, db_str(v, 0, 3))) < 0)
		goto internal;
	*coordinator = rc == 1;
	obj.owner_id = *coordinator ? r->who.user_id : NULL;
	obj.status = vacancy_status(db_str(v, 0, 2), db_int(v, 0, 5));
	/* A vacancy that is not open is not there for a volunteer. */
	if (act == ACT_VACANCY_RESPOND && !is(obj.status, "open") && !*coordinator)
		goto not_found;
	return auth_require(r, act, &obj);
not_found:
	problem_send(r, 404, "not_found", "No such vacancy.");
	return false;
internal:
	problem_internal(r, "vacancy load");
	return false;
}

/* The response of the path, for ACT_VACANCY_CONVERSATION. */
static bool
response_fetch(struct req *r, struct db_rows *rows)
{
	const char *id = http_param(r, "id");
	struct auth_object obj = { 0 };
	int rc;

	if (valid_id(id) != NULL)
		goto not_found;
	if (db_exec(r->db, r->arena, STMT_VR_GET, DB_PARAMS(DB_STR(id)), rows) != DB_OK)
		goto internal;
	if (rows->nrows != 1)
		goto not_found;
	if ((rc = coordinates(r, db_str(rows, 0, VR_ORG_ID))) < 0)
		goto internal;
	obj.owner_id = rc == 1 ? r->who.user_id : NULL;
	obj.volunteer_id = db_str(rows, 0, VR_VOLUNTEER_ID);
	obj.status = db_str(rows, 0, VR_VACANCY_STATUS);
	return auth_require(r, ACT_VACANCY_CONVERSATION, &obj);
not_found:
	problem_send(r, 404, "not_found", "No such response.");
	return false;
internal:
	problem_internal(r, "vacancy response load");
	return false;
}

static void
response_send(struct req *r, const char *id, int status)
{
	struct db_rows rows;
	json_object *body, *o;

	if (db_exec(r->db, r->arena, STMT_VR_GET, DB_PARAMS(DB_STR(id)), &rows) != DB_OK ||
	    rows.nrows != 1 || (o = response_json(r, &rows, 0)) == NULL) {
		problem_internal(r, "vacancy response reload");
		return;
	}
	body = json_object_new_object();
	json_put(body, "response", o);
	http_send_json(r, status, body);
}

/* Notifies every coordinator of org_id but the caller: kind, link, arg;
 * group: the bundling key. Inside the caller's transaction. */
static int
notify_coordinators(struct req *r, const char *org_id, const char *kind,
    const char *link, const char *arg, const char *group)
{
	struct db_rows rows;
	size_t i;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_VR_COORDINATORS, DB_PARAMS(DB_STR(org_id)),
	    &rows)) != DB_OK)
		return rc;
	for (i = 0; i < rows.nrows; i++) {
		if (strcmp(db_str(&rows, i, 0), r->who.user_id) == 0)
			continue;
		if ((rc = notify(r->db, r->arena, db_str(&rows, i, 0), kind, link, arg,
		    group, NULL, -1)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* ---- POST /vacancies/{id}/responses -------------------------------------- */

struct respond {
	struct req		*r;
	const char		*id, *msg_id, *vacancy_id, *org_id, *title;
	const unsigned char	*ct;
	size_t			 ctlen;
};

static int
respond_txn(void *ctx)
{
	struct respond *p = ctx;
	struct req *r = p->r;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_VR_INSERT, DB_PARAMS(DB_STR(p->id),
	    DB_STR(p->vacancy_id), DB_STR(r->who.user_id)), NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_VR_MESSAGE_INSERT, DB_PARAMS(
	    DB_STR(p->msg_id), DB_STR(p->id), DB_STR(r->who.user_id),
	    DB_BLOB(p->ct, p->ctlen)), NULL)) != DB_OK)
		return rc;
	return notify_coordinators(r, p->org_id, "vacancy.response",
	    arena_printf(r->arena, "/vacature-gesprek.html?id=%s", p->id), p->title,
	    arena_printf(r->arena, "vr:%s", p->vacancy_id));
}

/* The caller's response to the vacancy: 1 found (id set), 0 none, -1. */
static int
earlier_response(struct req *r, const char *vacancy_id, const char **id)
{
	struct db_rows rows;

	if (db_exec(r->db, r->arena, STMT_VR_OF_PAIR, DB_PARAMS(DB_STR(vacancy_id),
	    DB_STR(r->who.user_id)), &rows) != DB_OK)
		return -1;
	if (rows.nrows == 0)
		return 0;
	*id = db_str(&rows, 0, 0);
	return 1;
}

void
vacancy_responses_create(struct req *r)
{
	const char *text = json_get_str(r->json, "message"), *earlier = NULL;
	char id[CRYPTO_ID_LEN + 1], msg_id[CRYPTO_ID_LEN + 1];
	struct respond p = { .r = r, .id = id, .msg_id = msg_id };
	struct db_rows v;
	bool coordinator = false;
	unsigned char *ct;
	int rc;

	if (!vacancy_fetch(r, ACT_VACANCY_RESPOND, &v, &coordinator))
		return;
	p.vacancy_id = db_str(&v, 0, 0);
	p.title = db_str(&v, 0, 1);
	p.org_id = db_str(&v, 0, 3);
	if ((rc = earlier_response(r, p.vacancy_id, &earlier)) < 0)
		goto internal;
	if (rc == 1) {
		response_send(r, earlier, 200);
		return;
	}
	crypto_id_new(id);
	crypto_id_new(msg_id);
	if (crypto_field_seal(r->arena, &ct, &p.ctlen, "vacancy_messages", "body", msg_id,
	    text, strlen(text)) != 0)
		goto internal;
	p.ct = ct;
	rc = db_txn(r->db, respond_txn, &p);
	if (rc == DB_DUPLICATE) {
		/* A second click that crossed the first. */
		if (earlier_response(r, p.vacancy_id, &earlier) == 1) {
			response_send(r, earlier, 200);
			return;
		}
		goto internal;
	}
	if (rc != DB_OK)
		goto internal;
	response_send(r, id, 201);
	return;
internal:
	problem_internal(r, "vacancy respond");
}

/* ---- GET /vacancies/{id}/responses ---------------------------------------- */

void
vacancy_responses_list(struct req *r)
{
	char *after[2];
	struct db_rows v, rows;
	bool coordinator = false;
	long limit;

	if (!vacancy_fetch(r, ACT_VACANCY_RESPONSES_VIEW, &v, &coordinator))
		return;
	if (!read_page(r, &limit, after))
		return;
	if (db_exec(r->db, r->arena, STMT_VR_OF_VACANCY, DB_PARAMS(DB_STR(db_str(&v, 0, 0)),
	    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
	    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
	    DB_STR(after[1] != NULL ? after[1] : ""), DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "vacancy responses");
		return;
	}
	send_page(r, &rows, limit, response_json, VR_SORT_KEY, VR_ID);
}

/* ---- GET /me/vacancy-responses --------------------------------------------- */

void
vacancy_responses_mine(struct req *r)
{
	char *after[2];
	struct db_rows rows;
	long limit;

	if (!read_page(r, &limit, after))
		return;
	if (db_exec(r->db, r->arena, STMT_VR_MINE, DB_PARAMS(DB_STR(r->who.user_id),
	    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
	    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
	    DB_STR(after[1] != NULL ? after[1] : ""), DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "my vacancy responses");
		return;
	}
	send_page(r, &rows, limit, response_json, VR_SORT_KEY, VR_ID);
}

/* ---- GET /vacancy-responses/{id} ------------------------------------------- */

void
vacancy_response_get(struct req *r)
{
	struct db_rows rows;
	json_object *body, *o;

	if (!response_fetch(r, &rows))
		return;
	if ((o = response_json(r, &rows, 0)) == NULL) {
		problem_internal(r, "vacancy response");
		return;
	}
	body = json_object_new_object();
	json_put(body, "response", o);
	http_send_json(r, 200, body);
}

/* ---- GET and POST /vacancy-responses/{id}/messages -------------------------- */

void
vacancy_messages_list(struct req *r)
{
	char *after[2];
	struct db_rows resp, rows;
	long limit;

	if (!response_fetch(r, &resp))
		return;
	if (!read_page(r, &limit, after))
		return;
	if (db_exec(r->db, r->arena, STMT_VR_MESSAGES_LIST, DB_PARAMS(
	    DB_STR(db_str(&resp, 0, VR_ID)), DB_STR(after[0]), DB_STR(after[0]),
	    DB_STR(after[1]), DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "vacancy messages");
		return;
	}
	send_page(r, &rows, limit, message_row_json, VM_SORT_KEY, VM_ID);
}

struct posting {
	struct req		*r;
	const char		*id, *response_id, *volunteer_id, *org_id, *title;
	const unsigned char	*ct;
	size_t			 ctlen;
};

/* The message and its notification to the other side, together: the
 * volunteer writes to every coordinator, a coordinator to the volunteer
 * (and the other coordinators). Unread messages of one conversation bundle
 * into one notification. */
static int
post_txn(void *ctx)
{
	struct posting *p = ctx;
	struct req *r = p->r;
	const char *link = arena_printf(r->arena, "/vacature-gesprek.html?id=%s", p->response_id);
	const char *group = arena_printf(r->arena, "vmsg:%s", p->response_id);
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_VR_MESSAGE_INSERT, DB_PARAMS(
	    DB_STR(p->id), DB_STR(p->response_id), DB_STR(r->who.user_id),
	    DB_BLOB(p->ct, p->ctlen)), NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_VR_TOUCH, DB_PARAMS(DB_STR(p->response_id)),
	    NULL)) != DB_OK)
		return rc;
	if (strcmp(r->who.user_id, p->volunteer_id) != 0 &&
	    (rc = notify(r->db, r->arena, p->volunteer_id, "message.new", link, p->title,
	    group, NULL, -1)) != DB_OK)
		return rc;
	return notify_coordinators(r, p->org_id, "message.new", link, p->title, group);
}

void
vacancy_messages_create(struct req *r)
{
	const char *text = json_get_str(r->json, "body");
	char id[CRYPTO_ID_LEN + 1];
	struct posting p = { .r = r, .id = id };
	struct db_rows resp, rows;
	json_object *body, *m;
	unsigned char *ct;

	if (!response_fetch(r, &resp))
		return;
	crypto_id_new(id);
	if (crypto_field_seal(r->arena, &ct, &p.ctlen, "vacancy_messages", "body", id,
	    text, strlen(text)) != 0)
		goto internal;
	p.ct = ct;
	p.response_id = db_str(&resp, 0, VR_ID);
	p.volunteer_id = db_str(&resp, 0, VR_VOLUNTEER_ID);
	p.org_id = db_str(&resp, 0, VR_ORG_ID);
	p.title = db_str(&resp, 0, VR_TITLE);
	if (db_txn(r->db, post_txn, &p) != DB_OK)
		goto internal;
	if (db_exec(r->db, r->arena, STMT_VR_MESSAGE_GET, DB_PARAMS(DB_STR(id)), &rows) != DB_OK ||
	    rows.nrows != 1 || (m = message_row_json(r, &rows, 0)) == NULL)
		goto internal;
	body = json_object_new_object();
	json_put(body, "message", m);
	http_send_json(r, 201, body);
	return;
internal:
	problem_internal(r, "vacancy message");
}
