/*
 * reports.c — POST /reports (anyone logged in flags a request, an offer, a
 * message or a user) and GET /admin/reports (moderators list them with the
 * reported content in view). Resolving lives in resolve.c.
 *
 * One may only report what one may see: a request or offer visible to the
 * caller, a message of a match the caller is a party of, a user who exists.
 * Anything else is 404, so a report cannot probe for hidden objects.
 *
 * The moderator's list shows the public part of a reported post and, for a
 * reported message, its body: that is a read of private data and every one
 * is written to the audit log (message.private_read) before it is sent.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "crypto.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "postcode.h"
#include "problem.h"
#include "valid.h"

/* Reports one user may file per hour; more is a flood, not a concern. */
#define REPORTS_PER_HOUR	30

/* Finds the target and decides whether the caller may report it: 0 and
 * *author (the user behind it, arena-owned) when yes, 1 when it does not
 * exist for the caller (404), -1 on a database failure. */
static int
find_target(struct req *r, const char *type, const char *id, const char **author)
{
	struct auth_object obj = { NULL, NULL, NULL };
	struct db_rows rows;
	enum action act;
	int idx;

	*author = NULL;
	if (strcmp(type, "request") == 0) {
		idx = STMT_TARGET_REQUEST;
		act = ACT_REQUEST_VIEW;
	} else if (strcmp(type, "offer") == 0) {
		idx = STMT_TARGET_OFFER;
		act = ACT_OFFER_VIEW;
	} else if (strcmp(type, "message") == 0) {
		idx = STMT_TARGET_MESSAGE;
		act = ACT_MESSAGE_READ;
	} else {
		idx = STMT_TARGET_USER;
		act = ACT__MAX;
	}
	if (db_exec(r->db, r->arena, idx, DB_PARAMS(DB_STR(id)), &rows) != DB_OK)
		return -1;
	if (rows.nrows != 1)
		return 1;
	switch (idx) {
	case STMT_TARGET_REQUEST:	/* owner, status, accepted volunteer */
		obj.owner_id = db_str(&rows, 0, 0);
		obj.status = db_str(&rows, 0, 1);
		obj.volunteer_id = db_str(&rows, 0, 2);
		*author = obj.owner_id;
		break;
	case STMT_TARGET_OFFER:		/* volunteer, status */
		obj.owner_id = db_str(&rows, 0, 0);
		obj.status = db_str(&rows, 0, 1);
		*author = obj.owner_id;
		break;
	case STMT_TARGET_MESSAGE:	/* sender, volunteer, request owner */
		obj.volunteer_id = db_str(&rows, 0, 1);
		obj.owner_id = db_str(&rows, 0, 2);
		*author = db_str(&rows, 0, 0);
		break;
	default:			/* id, status, roles */
		*author = db_str(&rows, 0, 0);
		return 0;
	}
	return auth_decide(&r->who, act, &obj) == AUTH_ALLOW ? 0 : 1;
}

/* The report as its maker sees it (row i of STMT_REPORT_GET). */
static json_object *
report_json(const struct db_rows *rows, size_t i)
{
	json_object *o = json_object_new_object(), *t = json_object_new_object();

	json_put_str(o, "id", db_str(rows, i, RC_ID));
	json_put_str(t, "type", db_str(rows, i, RC_TARGET_TYPE));
	json_put_str(t, "id", db_str(rows, i, RC_TARGET_ID));
	json_put(o, "target", t);
	json_put_str(o, "reason", db_str(rows, i, RC_REASON));
	json_put_str(o, "status", db_str(rows, i, RC_STATUS));
	json_put_str(o, "resolution", db_str(rows, i, RC_RESOLUTION));
	json_put_str(o, "note", db_str(rows, i, RC_NOTE));
	json_put_str(o, "created_at", db_str(rows, i, RC_CREATED));
	json_put_str(o, "resolved_at", db_str(rows, i, RC_RESOLVED));
	return o;
}

json_object *
report_moderator_json(const struct db_rows *rows, size_t i)
{
	json_object *o = report_json(rows, i), *tu;

	json_put(o, "reporter", admin_user_json(db_str(rows, i, RC_REPORTER_ID),
	    db_str(rows, i, RC_REPORTER_NAME)));
	tu = admin_user_json(db_str(rows, i, RC_TARGET_USER_ID),
	    db_str(rows, i, RC_TARGET_USER_NAME));
	if (tu != NULL)
		json_put_str(tu, "status", db_str(rows, i, RC_TARGET_USER_STATUS));
	json_put(o, "target_user", tu);
	json_put(o, "resolved_by", admin_user_json(db_str(rows, i, RC_RESOLVED_BY),
	    db_str(rows, i, RC_RESOLVED_BY_NAME)));
	return o;
}

void
reports_create(struct req *r)
{
	json_object *target = json_get_obj(r->json, "target"), *body;
	const char *type = json_get_str(target, "type");
	const char *target_id = json_get_str(target, "id");
	const char *author;
	char id[CRYPTO_ID_LEN + 1];
	struct db_rows rows;
	int rc;

	if (!auth_require(r, ACT_REPORT_CREATE, NULL))
		return;
	if (db_exec(r->db, r->arena, STMT_REPORTS_RECENT,
	    DB_PARAMS(DB_STR(r->who.user_id)), &rows) != DB_OK)
		goto internal;
	if (db_int(&rows, 0, 0) >= REPORTS_PER_HOUR) {
		http_header(r, "Retry-After", "3600");
		problem_send(r, 429, "rate_limited", "Too many reports in the last hour.");
		return;
	}
	if ((rc = find_target(r, type, target_id, &author)) < 0)
		goto internal;
	if (rc > 0) {
		problem_send(r, 404, "not_found", "No such target.");
		return;
	}
	if (strcmp(type, "user") == 0 && strcmp(target_id, r->who.user_id) == 0) {
		problem_field(r, "target.id", "not_allowed", "You cannot report yourself.");
		problem_invalid(r);
		return;
	}
	crypto_id_new(id);
	if (db_exec(r->db, r->arena, STMT_REPORT_INSERT, DB_PARAMS(DB_STR(id),
	    DB_STR(r->who.user_id), DB_STR(type), DB_STR(target_id), DB_STR(author),
	    DB_STR(json_get_str(r->json, "reason"))), NULL) != DB_OK)
		goto internal;
	(void)audit_write(r, "report.create", type, target_id,
	    arena_printf(r->arena, "report %s", id));
	if (db_exec(r->db, r->arena, STMT_REPORT_GET, DB_PARAMS(DB_STR(id)), &rows) != DB_OK ||
	    rows.nrows != 1)
		goto internal;
	body = json_object_new_object();
	json_put(body, "report", report_json(&rows, 0));
	http_send_json(r, 201, body);
	return;
internal:
	problem_internal(r, "report create");
}

/* ---- the moderator's list ------------------------------------------------ */

/* The public part of a reported request or offer. */
static int
content_post(struct req *r, const char *type, const char *id, json_object **out)
{
	bool request = strcmp(type, "request") == 0;
	struct db_rows rows;
	struct area area;
	json_object *c;

	*out = NULL;
	if (db_exec(r->db, r->arena, request ? STMT_CONTENT_REQUEST : STMT_CONTENT_OFFER,
	    DB_PARAMS(DB_STR(id)), &rows) != DB_OK)
		return -1;
	if (rows.nrows != 1)
		return 0;
	/* title, description, category(ies), status, pc4, place,
	 * municipality, created */
	c = json_object_new_object();
	json_put_str(c, "type", type);
	json_put_str(c, "title", db_str(&rows, 0, 0));
	json_put_str(c, "description", db_str(&rows, 0, 1));
	if (request)
		json_put_str(c, "category", db_str(&rows, 0, 2));
	else
		json_put(c, "categories", admin_csv_array(db_str(&rows, 0, 2)));
	json_put_str(c, "status", db_str(&rows, 0, 3));
	memset(&area, 0, sizeof(area));
	snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(&rows, 0, 4));
	area.place = db_str(&rows, 0, 5);
	area.municipality = db_str(&rows, 0, 6);
	json_put(c, "area", postcode_area_json(&area));
	json_put_str(c, "created_at", db_str(&rows, 0, 7));
	*out = c;
	return 0;
}

/* A reported message with its body: a private read, audited first. */
static int
content_message(struct req *r, const char *id, const char *report_id,
    json_object **out)
{
	struct db_rows rows;
	json_object *c;
	char *body = NULL;
	size_t len;

	*out = NULL;
	if (db_exec(r->db, r->arena, STMT_CONTENT_MESSAGE, DB_PARAMS(DB_STR(id)),
	    &rows) != DB_OK)
		return -1;
	if (rows.nrows != 1)
		return 0;	/* deleted since (hidden, or erased with its sender) */
	/* No audit row, no read. */
	if (audit_write(r, "message.private_read", "message", id,
	    arena_printf(r->arena, "report %s", report_id)) != 0)
		return -1;
	if (crypto_field_open(r->arena, &body, &len, "messages", "body", id,
	    (const unsigned char *)db_str(&rows, 0, 3), db_len(&rows, 0, 3)) != 0) {
		log_error("reports: cannot open the body of a reported message");
		body = NULL;
	}
	c = json_object_new_object();
	json_put_str(c, "type", "message");
	json_put_str(c, "match_id", db_str(&rows, 0, 0));
	json_put(c, "sender", admin_user_json(db_str(&rows, 0, 1), db_str(&rows, 0, 2)));
	json_put_str(c, "body", body);
	json_put_str(c, "created_at", db_str(&rows, 0, 4));
	*out = c;
	return 0;
}

/* What the public sees of a reported user, and their status. */
static int
content_user(struct req *r, const char *id, json_object **out)
{
	struct db_rows rows;
	json_object *c;

	*out = NULL;
	if (db_exec(r->db, r->arena, STMT_CONTENT_USER, DB_PARAMS(DB_STR(id)),
	    &rows) != DB_OK)
		return -1;
	if (rows.nrows != 1)
		return 0;
	c = json_object_new_object();
	json_put_str(c, "type", "user");
	json_put_str(c, "id", id);
	json_put_str(c, "display_name", db_str(&rows, 0, 0));
	json_put_str(c, "status", db_str(&rows, 0, 1));
	json_put_str(c, "created_at", db_str(&rows, 0, 2));
	*out = c;
	return 0;
}

void
reports_list(struct req *r)
{
	const char *status = http_query(r, "status"), *type, *tid;
	char *after[2];
	struct db_rows rows;
	json_object *body, *items, *item, *content;
	long limit;
	size_t i, shown;
	int rc;

	if (!auth_require(r, ACT_MODERATE, NULL))
		return;
	if (status == NULL)
		status = "open";
	else if (strcmp(status, "open") != 0 && strcmp(status, "resolved") != 0)
		problem_field(r, "status", "not_allowed", "status is open or resolved.");
	admin_limit(r, &limit);
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (admin_cursor(r, after, 2, admin_sortkey_ok) != 0)
		return;
	if (db_exec(r->db, r->arena, STMT_REPORTS_LIST, DB_PARAMS(DB_STR(status),
	    DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[1]),
	    DB_INT(limit + 1)), &rows) != DB_OK)
		goto internal;
	shown = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < shown; i++) {
		item = report_moderator_json(&rows, i);
		json_object_array_add(items, item);
		type = db_str(&rows, i, RC_TARGET_TYPE);
		tid = db_str(&rows, i, RC_TARGET_ID);
		if (strcmp(type, "message") == 0)
			rc = content_message(r, tid, db_str(&rows, i, RC_ID), &content);
		else if (strcmp(type, "user") == 0)
			rc = content_user(r, tid, &content);
		else
			rc = content_post(r, type, tid, &content);
		if (rc != 0) {
			json_object_put(body);
			goto internal;
		}
		json_put(item, "content", content);
	}
	if (rows.nrows > (size_t)limit) {
		const char *parts[2] = { db_str(&rows, shown - 1, RC_SORT_KEY),
		    db_str(&rows, shown - 1, RC_ID) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 2));
	} else
		json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
	return;
internal:
	problem_internal(r, "reports list");
}
