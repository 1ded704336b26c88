/*
 * view.c — GET /requests/{id}, and loading and sending one request, which
 * every write answers with.
 *
 * Who sees what is lib/auth.c's to say: ACT_REQUEST_VIEW for the request,
 * ACT_REQUEST_VIEW_PRIVATE for its private part. Every read of a private
 * part by someone other than its owner (a moderator, or the volunteer of the
 * accepted match) is written to the audit log before it is sent; when that
 * write fails, nothing private is sent.
 */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "problem.h"
#include "requests.h"
#include "valid.h"
#include "vog.h"

int
request_load(struct req *r, const char *id, struct db_rows *rows)
{
	if (id == NULL || valid_id(id) != NULL)
		return 1;
	if (db_exec(r->db, r->arena, STMT_REQUEST_GET, DB_PARAMS(DB_STR(id)),
	    rows) != DB_OK)
		return -1;
	return rows->nrows == 1 ? 0 : 1;
}

void
request_datetime(char *out, size_t size, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%d %H:%M:%S", &tm);
}

/* ACT_REQUEST_VIEW_PRIVATE with the VOG rule: on a request that needs a
 * VOG, its volunteer reads the private part only while theirs holds. */
static bool
request_may_see_private(struct req *r, const struct db_rows *rows,
    const struct auth_object *obj)
{
	struct auth_vog vog = { db_int(rows, 0, RC_NEEDS_VOG) != 0, false };

	if (auth_decide(&r->who, ACT_REQUEST_VIEW_PRIVATE, obj) != AUTH_ALLOW)
		return false;
	if (vog.needed && vog_user_ok(r->db, r->arena, r->who.user_id, &vog.ok) != DB_OK)
		return false;	/* shown nothing private rather than too much */
	return auth_decide_vog(&r->who, ACT_REQUEST_VIEW_PRIVATE, obj, &vog) == AUTH_ALLOW;
}

bool
request_require(struct req *r, enum action act, const struct db_rows *rows,
    const struct auth_object *obj)
{
	struct request_circle c;

	if (request_circle_load(r, db_str(rows, 0, RC_ID), &c) != 0) {
		problem_internal(r, "request circle");
		return false;
	}
	return auth_require_circle(r, act, obj, &c.c);
}

json_object *
request_body(struct req *r, const struct db_rows *rows, bool may_show_private)
{
	struct auth_object obj;
	json_object *body, *request;
	unsigned flags = 0;
	bool owner;

	request_auth_object(&obj, rows, 0);
	owner = r->who.logged_in && strcmp(r->who.user_id, obj.owner_id) == 0;
	if (owner || auth_decide(&r->who, ACT_MODERATE, NULL) == AUTH_ALLOW)
		flags |= RENDER_OWNER;
	if (may_show_private && request_may_see_private(r, rows, &obj)) {
		flags |= RENDER_PRIVATE;
		/* DESIGN: every read of a private field by someone other than
		 * its owner writes an audit row; for moderators that is
		 * auth_read_is_audited, for the matched volunteer it is the
		 * same promise. */
		if (!owner && audit_write(r, "request.private_read", "request",
		    db_str(rows, 0, RC_ID),
		    auth_read_is_audited(&r->who, &obj) ? "moderator" : "volunteer") != 0) {
			problem_internal(r, "request audit");
			return NULL;
		}
	}
	if ((request = request_json(r, rows, 0, flags)) == NULL) {
		problem_internal(r, "request view");
		return NULL;
	}
	/* Who sees it (issue 18 part 3). Only insiders see a circle request,
	 * so the circle's id is theirs to know; of a published one, only the
	 * owner learns it came from a circle. */
	{
		struct request_circle c;

		if (request_circle_load(r, db_str(rows, 0, RC_ID), &c) != 0) {
			json_object_put(request);
			problem_internal(r, "request circle");
			return NULL;
		}
		json_put_str(request, "audience", c.c.circle ? "circle" : "public");
		if (c.circle_id != NULL && (c.c.circle || owner || c.c.member)) {
			json_put_str(request, "circle_id", c.circle_id);
			json_put_str(request, "circle_until", c.circle_until);
		}
	}
	body = json_object_new_object();
	json_put(body, "request", request);
	return body;
}

void
request_send(struct req *r, const struct db_rows *rows, int status,
    bool may_show_private)
{
	json_object *body = request_body(r, rows, may_show_private);

	if (body != NULL)
		http_send_json(r, status, body);
}

void
request_send_fresh(struct req *r, const char *id, int status,
    bool may_show_private)
{
	struct db_rows rows;

	if (request_load(r, id, &rows) != 0) {
		problem_internal(r, "request reload");
		return;
	}
	request_send(r, &rows, status, may_show_private);
}

void
requests_get(struct req *r)
{
	struct db_rows rows;
	struct auth_object obj;
	const char *priv = http_query(r, "private");
	int rc = request_load(r, http_param(r, "id"), &rows);

	if (rc < 0) {
		problem_internal(r, "request get");
		return;
	}
	if (rc > 0) {
		problem_send(r, 404, "not_found", "No such request.");
		return;
	}
	/* ?private=false: the request without its private part, and so no
	 * audited read; a moderator's page asks for the private part only when
	 * they choose to see it (issue 15.9). */
	if (priv != NULL && strcmp(priv, "true") != 0 && strcmp(priv, "false") != 0) {
		problem_field(r, "private", "invalid", "private is true or false.");
		problem_invalid(r);
		return;
	}
	request_auth_object(&obj, &rows, 0);
	if (!request_require(r, ACT_REQUEST_VIEW, &rows, &obj))
		return;
	request_send(r, &rows, 200, priv == NULL || strcmp(priv, "true") == 0);
}
