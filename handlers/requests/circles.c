/*
 * circles.c — the circle around a person cared for (issue 18 part 3):
 * POST/GET /circles, GET /circles/{id}, invitations by e-mail, accepting
 * one, leaving and removing members; and what a circle request needs of
 * them (request_circle_*), used by write.c and view.c.
 *
 * A circle is private through and through: to anyone but its owner and
 * members it is 404 (lib/auth.c: ACT_CIRCLE_*), it is in no public list,
 * and its requests (requests.audience = 'circle') are left out of every
 * public list by PUBLIC_WHERE and out of the alerts by circle_id being set
 * (requests_gone_public is never called for them).
 *
 * An invitation's address is sealed (circle_invitations.email, bound to
 * the invitation's id) and goes with the mail to the outbox sealed as well
 * (outbox.to, bound to the owner whose row it is); the token only as its
 * keyed hash, valid for INVITATION_DAYS, once.
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auth.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "notify.h"
#include "postcode.h"
#include "problem.h"
#include "requests.h"
#include "valid.h"

#define INVITATION_DAYS		14
#define CIRCLE_HOURS_DEFAULT	48

enum circle_col { CC_ID, CC_OWNER, CC_OWNER_NAME, CC_FIRST_NAME, CC_CREATED, CC_MEMBER };

static json_object *
circle_json(const struct req *r, const struct db_rows *rows, size_t i)
{
	json_object *o = json_object_new_object(), *owner = json_object_new_object();
	bool is_owner = strcmp(db_str(rows, i, CC_OWNER), r->who.user_id) == 0;

	json_put_str(o, "id", db_str(rows, i, CC_ID));
	json_put_str(o, "first_name", db_str(rows, i, CC_FIRST_NAME));
	json_put_str(owner, "id", db_str(rows, i, CC_OWNER));
	json_put_str(owner, "display_name", db_str(rows, i, CC_OWNER_NAME));
	json_put(o, "owner", owner);
	json_put_str(o, "role", is_owner ? "owner" : "member");
	json_put_str(o, "created_at", db_str(rows, i, CC_CREATED));
	return o;
}

/* Loads circle id for the caller and fills obj for auth_decide: 0 found,
 * 1 none, -1 failure. */
static int
circle_load(struct req *r, const char *id, struct db_rows *rows, struct auth_object *obj)
{
	memset(obj, 0, sizeof(*obj));
	if (id == NULL || valid_id(id) != NULL)
		return 1;
	if (db_exec(r->db, r->arena, STMT_CIRCLE_GET,
	    DB_PARAMS(DB_STR(r->who.user_id), DB_STR(id)), rows) != DB_OK)
		return -1;
	if (rows->nrows != 1)
		return 1;
	obj->owner_id = db_str(rows, 0, CC_OWNER);
	obj->status = db_int(rows, 0, CC_MEMBER) != 0 ? "member" : NULL;
	return 0;
}

/* The circle in the path, which the caller may act on as act; false when
 * an answer was sent. */
static bool
circle_for(struct req *r, enum action act, struct db_rows *rows, struct auth_object *obj)
{
	int rc = circle_load(r, http_param(r, "id"), rows, obj);

	if (rc < 0) {
		problem_internal(r, "circle load");
		return false;
	}
	if (rc > 0) {
		problem_send(r, 404, "not_found", "No such circle.");
		return false;
	}
	return auth_require(r, act, obj);
}

void
circles_create(struct req *r)
{
	char id[CRYPTO_ID_LEN + 1];
	struct db_rows rows;
	struct auth_object obj;
	json_object *body;

	if (!auth_require(r, ACT_CIRCLE_CREATE, NULL))
		return;
	crypto_id_new(id);
	if (db_exec(r->db, r->arena, STMT_CIRCLE_INSERT, DB_PARAMS(DB_STR(id),
	    DB_STR(r->who.user_id), DB_STR(json_get_str(r->json, "first_name"))), NULL) != DB_OK ||
	    circle_load(r, id, &rows, &obj) != 0) {
		problem_internal(r, "circle create");
		return;
	}
	(void)audit_write(r, "circle.create", "circle", id, NULL);
	body = json_object_new_object();
	json_put(body, "circle", circle_json(r, &rows, 0));
	http_header(r, "Location", arena_printf(r->arena, "/api/v1/circles/%s", id));
	http_send_json(r, 201, body);
}

void
circles_mine(struct req *r)
{
	struct db_rows rows;
	json_object *body, *items;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_CIRCLES_MINE, DB_PARAMS(DB_STR(r->who.user_id),
	    DB_STR(r->who.user_id), DB_STR(r->who.user_id)), &rows) != DB_OK) {
		problem_internal(r, "circles mine");
		return;
	}
	body = json_object_new_object();
	items = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(items, circle_json(r, &rows, i));
	json_put(body, "items", items);
	json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
}

static json_object *
when_json(const struct db_rows *rows, size_t i, int start, int end)
{
	json_object *w;

	if (db_is_null(rows, i, start))
		return NULL;
	w = json_object_new_object();
	json_put_str(w, "start", db_str(rows, i, start));
	json_put_str(w, "end", db_str(rows, i, end));
	return w;
}

void
circles_get(struct req *r)
{
	struct db_rows rows, members, inv, agenda;
	struct auth_object obj;
	json_object *body, *circle, *arr, *o;
	const char *id;
	bool owner;
	size_t i;

	if (!circle_for(r, ACT_CIRCLE_VIEW, &rows, &obj))
		return;
	id = db_str(&rows, 0, CC_ID);
	owner = strcmp(obj.owner_id, r->who.user_id) == 0;
	if (db_exec(r->db, r->arena, STMT_CIRCLE_MEMBERS, DB_PARAMS(DB_STR(id)), &members) != DB_OK ||
	    db_exec(r->db, r->arena, STMT_CIRCLE_AGENDA, DB_PARAMS(DB_STR(id)), &agenda) != DB_OK ||
	    (owner && db_exec(r->db, r->arena, STMT_CIRCLE_INVITATIONS, DB_PARAMS(DB_STR(id)),
	    &inv) != DB_OK)) {
		problem_internal(r, "circle get");
		return;
	}
	circle = circle_json(r, &rows, 0);
	arr = json_object_new_array();
	for (i = 0; i < members.nrows; i++) {
		o = json_object_new_object();
		json_put_str(o, "id", db_str(&members, i, 0));
		json_put_str(o, "display_name", db_str(&members, i, 1));
		json_put_str(o, "joined_at", db_str(&members, i, 2));
		json_object_array_add(arr, o);
	}
	json_put(circle, "members", arr);
	/* The addresses are the owner's own input: only they see them. */
	if (owner) {
		arr = json_object_new_array();
		for (i = 0; i < inv.nrows; i++) {
			char *email = NULL;
			size_t len = 0;

			o = json_object_new_object();
			json_put_str(o, "id", db_str(&inv, i, 0));
			if (!db_is_null(&inv, i, 1) && crypto_field_open(r->arena, &email, &len,
			    "circle_invitations", "email", db_str(&inv, i, 0),
			    (const unsigned char *)db_str(&inv, i, 1), db_len(&inv, i, 1)) != 0)
				email = NULL;
			json_put_str(o, "email", email);
			json_put_str(o, "created_at", db_str(&inv, i, 2));
			json_put_str(o, "expires_at", db_str(&inv, i, 3));
			json_object_array_add(arr, o);
		}
		json_put(circle, "invitations", arr);
	}
	arr = json_object_new_array();
	for (i = 0; i < agenda.nrows; i++) {
		o = json_object_new_object();
		json_put_str(o, "id", db_str(&agenda, i, 0));
		json_put_str(o, "title", db_str(&agenda, i, 1));
		json_put_str(o, "status", db_str(&agenda, i, 2));
		json_put_str(o, "audience", db_str(&agenda, i, 3));
		json_put(o, "when", when_json(&agenda, i, 4, 5));
		json_put_str(o, "created_at", db_str(&agenda, i, 6));
		json_put_str(o, "circle_until", db_str(&agenda, i, 7));
		json_object_array_add(arr, o);
	}
	json_put(circle, "agenda", arr);
	body = json_object_new_object();
	json_put(body, "circle", circle);
	http_send_json(r, 200, body);
}

struct invitation {
	struct req	*r;
	const char	*circle_id, *id;
	unsigned char	*email_ct, *to_ct, *body_ct;
	size_t		 email_len, to_len, body_len;
	unsigned char	 hash[CRYPTO_HASH_LEN];
};

static int
invite_txn(void *ctx)
{
	struct invitation *v = ctx;
	struct req *r = v->r;
	int rc;

	rc = db_exec(r->db, r->arena, STMT_INVITATION_INSERT, DB_PARAMS(DB_STR(v->id),
	    DB_STR(v->circle_id), DB_BLOB(v->email_ct, v->email_len),
	    DB_BLOB(v->hash, sizeof(v->hash)), DB_STR(r->who.user_id),
	    DB_INT(INVITATION_DAYS)), NULL);
	if (rc != DB_OK)
		return rc;
	return db_exec(r->db, r->arena, STMT_OUTBOX_INVITATION, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_BLOB(v->to_ct, v->to_len),
	    DB_BLOB(v->body_ct, v->body_len)), NULL);
}

void
circles_invite(struct req *r)
{
	struct db_rows rows;
	struct auth_object obj;
	struct invitation v = { .r = r };
	char id[CRYPTO_ID_LEN + 1], token[CRYPTO_TOKEN_LEN + 1];
	char *email, *secret;
	json_object *body, *o;
	time_t exp;
	char expires[32];
	struct tm tm;
	int rc;

	if (!circle_for(r, ACT_CIRCLE_MANAGE, &rows, &obj))
		return;
	email = valid_email_normalise(r->arena, json_get_str(r->json, "email"));
	if (email == NULL) {
		problem_field(r, "email", "invalid", "Not an e-mail address.");
		problem_invalid(r);
		return;
	}
	crypto_id_new(id);
	crypto_token_new(token);
	crypto_token_hash(v.hash, token);
	v.circle_id = db_str(&rows, 0, CC_ID);
	v.id = id;
	secret = arena_printf(r->arena, "token=%s&circle=%s", token, v.circle_id);
	rc = crypto_field_seal(r->arena, &v.email_ct, &v.email_len, "circle_invitations",
	    "email", id, email, strlen(email));
	if (rc == 0)
		rc = crypto_field_seal(r->arena, &v.to_ct, &v.to_len, "outbox", "to",
		    r->who.user_id, email, strlen(email));
	if (rc == 0)
		rc = crypto_field_seal(r->arena, &v.body_ct, &v.body_len, "outbox", "body",
		    r->who.user_id, secret, strlen(secret));
	sodium_memzero(secret, strlen(secret));
	sodium_memzero(token, sizeof(token));
	if (rc != 0 || db_txn(r->db, invite_txn, &v) != DB_OK) {
		problem_internal(r, "circle invite");
		return;
	}
	(void)audit_write(r, "circle.invite", "circle", v.circle_id, NULL);
	exp = time(NULL) + INVITATION_DAYS * 86400L;
	gmtime_r(&exp, &tm);
	strftime(expires, sizeof(expires), "%Y-%m-%dT%H:%M:%SZ", &tm);
	body = json_object_new_object();
	o = json_object_new_object();
	json_put_str(o, "id", id);
	json_put_str(o, "email", email);
	json_put_str(o, "expires_at", expires);
	json_put(body, "invitation", o);
	http_send_json(r, 201, body);
}

void
circles_invitation_revoke(struct req *r)
{
	struct db_rows rows;
	struct auth_object obj;
	const char *inv = http_param(r, "invitation_id");

	if (!circle_for(r, ACT_CIRCLE_MANAGE, &rows, &obj))
		return;
	if (inv == NULL || valid_id(inv) != NULL) {
		problem_send(r, 404, "not_found", "No such invitation.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_INVITATION_REVOKE, DB_PARAMS(DB_STR(inv),
	    DB_STR(db_str(&rows, 0, CC_ID))), NULL) != DB_OK) {
		problem_internal(r, "circle revoke");
		return;
	}
	http_send_empty(r, 204);
}

enum accept_outcome { ACC_OK, ACC_UNKNOWN, ACC_EXPIRED, ACC_USED, ACC_OTHER_CIRCLE };

struct acceptance {
	struct req		*r;
	unsigned char		 hash[CRYPTO_HASH_LEN];
	const char		*want_circle;
	char			 circle_id[CRYPTO_ID_LEN + 1];
	enum accept_outcome	 out;
};

/* Invariant: an invitation makes at most one member, once; a caller who is
 * in the circle already (or owns it) changes nothing and leaves the token
 * unused. */
static int
accept_txn(void *ctx)
{
	struct acceptance *a = ctx;
	struct req *r = a->r;
	struct db_rows rows, c;
	struct auth_object obj;
	const char *inv, *circle, *by;
	int rc;

	a->out = ACC_UNKNOWN;
	if ((rc = db_exec(r->db, r->arena, STMT_INVITATION_BY_TOKEN,
	    DB_PARAMS(DB_BLOB(a->hash, sizeof(a->hash))), &rows)) != DB_OK)
		return rc;
	if (rows.nrows != 1 || db_int(&rows, 0, 4) != 0)
		return DB_OK;	/* unknown or revoked */
	inv = db_str(&rows, 0, 0);
	circle = db_str(&rows, 0, 1);
	by = db_str(&rows, 0, 3);
	snprintf(a->circle_id, sizeof(a->circle_id), "%s", circle);
	if (a->want_circle != NULL && strcmp(a->want_circle, circle) != 0) {
		a->out = ACC_OTHER_CIRCLE;
		return DB_OK;
	}
	if ((rc = circle_load(r, circle, &c, &obj)) < 0)
		return DB_ERROR;
	if (rc == 0 && (strcmp(obj.owner_id, r->who.user_id) == 0 || obj.status != NULL)) {
		a->out = ACC_OK;	/* in it already: nothing changes */
		return DB_OK;
	}
	if (db_int(&rows, 0, 6) != 0) {
		a->out = by != NULL && strcmp(by, r->who.user_id) == 0 ? ACC_OK : ACC_USED;
		return DB_OK;
	}
	if (db_int(&rows, 0, 2) == 0) {
		a->out = ACC_EXPIRED;
		return DB_OK;
	}
	if ((rc = db_exec(r->db, r->arena, STMT_INVITATION_ACCEPT,
	    DB_PARAMS(DB_STR(r->who.user_id), DB_STR(inv)), NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_MEMBER_INSERT, DB_PARAMS(DB_STR(circle),
	    DB_STR(r->who.user_id), DB_STR(inv)), NULL)) != DB_OK)
		return rc;
	a->out = ACC_OK;
	return DB_OK;
}

void
circles_accept(struct req *r)
{
	struct acceptance a = { .r = r };
	const char *token = json_get_str(r->json, "token");
	struct db_rows rows;
	struct auth_object obj;
	json_object *body;

	if (!auth_require(r, ACT_CIRCLE_JOIN, NULL))
		return;
	a.want_circle = json_get_str(r->json, "circle_id");
	crypto_token_hash(a.hash, token);
	if (db_txn(r->db, accept_txn, &a) != DB_OK) {
		problem_internal(r, "circle accept");
		return;
	}
	switch (a.out) {
	case ACC_UNKNOWN:
		problem_send(r, 404, "invitation_unknown",
		    "This invitation does not exist or was withdrawn.");
		return;
	case ACC_EXPIRED:
		problem_send(r, 410, "invitation_expired",
		    "This invitation has expired: ask for a new one.");
		return;
	case ACC_USED:
		problem_send(r, 409, "invitation_used", "This invitation was used already.");
		return;
	case ACC_OTHER_CIRCLE:
		problem_send(r, 409, "invitation_other_circle",
		    "This invitation is for another circle.");
		return;
	case ACC_OK:
		break;
	}
	if (circle_load(r, a.circle_id, &rows, &obj) != 0) {
		problem_internal(r, "circle accept reload");
		return;
	}
	(void)audit_write(r, "circle.join", "circle", a.circle_id, NULL);
	body = json_object_new_object();
	json_put(body, "circle", circle_json(r, &rows, 0));
	http_send_json(r, 200, body);
}

/* DELETE /circles/{id}/members/{user_id}: the owner removes a member;
 * "me" (or one's own id): a member leaves. Access ends with the row. */
void
circles_member_remove(struct req *r)
{
	struct db_rows rows;
	struct auth_object obj;
	const char *who = http_param(r, "user_id");
	bool self;

	if (who == NULL)
		who = "";
	self = strcmp(who, "me") == 0 || strcmp(who, r->who.user_id) == 0;
	if (!circle_for(r, self ? ACT_CIRCLE_LEAVE : ACT_CIRCLE_MANAGE, &rows, &obj))
		return;
	if (self)
		who = r->who.user_id;
	else if (valid_id(who) != NULL) {
		problem_send(r, 404, "not_found", "No such member.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_MEMBER_DELETE, DB_PARAMS(
	    DB_STR(db_str(&rows, 0, CC_ID)), DB_STR(who)), NULL) != DB_OK) {
		problem_internal(r, "circle member remove");
		return;
	}
	if (!self && db_affected(r->db) == 0) {
		problem_send(r, 404, "not_found", "No such member.");
		return;
	}
	(void)audit_write(r, self ? "circle.leave" : "circle.remove", "circle",
	    db_str(&rows, 0, CC_ID), NULL);
	http_send_empty(r, 204);
}

/* ---- circle requests ------------------------------------------------ */

int
request_circle_load(struct req *r, const char *id, struct request_circle *out)
{
	struct db_rows rows;
	const char *me = r->who.logged_in ? r->who.user_id : NULL;

	memset(out, 0, sizeof(*out));
	if (db_exec(r->db, r->arena, STMT_REQUEST_CIRCLE, DB_PARAMS(DB_STR(me), DB_STR(me),
	    DB_STR(id)), &rows) != DB_OK)
		return -1;
	if (rows.nrows != 1)
		return 0;
	out->c.circle = strcmp(db_str(&rows, 0, 0), "circle") == 0;
	out->c.member = me != NULL && db_int(&rows, 0, 3) != 0;
	out->circle_id = db_str(&rows, 0, 1);
	out->circle_until = db_str(&rows, 0, 2);
	return 0;
}

int
request_circle_input(struct req *r, struct request_circle *out)
{
	const char *audience = json_get_str(r->json, "audience");
	const char *circle = json_get_str(r->json, "circle_id");
	const char *until = json_get_str(r->json, "circle_until");
	long long hours = CIRCLE_HOURS_DEFAULT;
	struct db_rows rows;
	struct auth_object obj;
	time_t t, now = time(NULL);
	char buf[24];
	int rc;

	memset(out, 0, sizeof(*out));
	if (audience == NULL || strcmp(audience, "circle") != 0) {
		if (circle != NULL)
			problem_field(r, "circle_id", "not_allowed",
			    "circle_id goes with audience \"circle\".");
		return 0;
	}
	if (circle == NULL) {
		problem_field(r, "circle_id", "required", "Which circle?");
		return 0;
	}
	if ((rc = circle_load(r, circle, &rows, &obj)) < 0)
		return -1;
	if (rc > 0 || auth_decide(&r->who, ACT_CIRCLE_POST, &obj) != AUTH_ALLOW) {
		problem_field(r, "circle_id", "unknown", "Not one of your circles.");
		return 0;
	}
	if (until != NULL) {
		if (valid_time(until, &t) != NULL || t <= now ||
		    t > now + (time_t)requests_settings.expiry_days * 86400) {
			problem_field(r, "circle_until", "out_of_range",
			    "A time in the future, before the request expires.");
			return 0;
		}
	} else {
		if (json_has(r->json, "circle_hours") &&
		    !json_get_int(r->json, "circle_hours", &hours))
			hours = 0;
		t = now + (time_t)hours * 3600;
	}
	request_datetime(buf, sizeof(buf), t);
	out->c.circle = true;
	out->c.member = true;
	out->circle_id = arena_strdup(r->arena, circle);
	out->circle_until = arena_strdup(r->arena, buf);
	return 0;
}

int
request_circle_store(struct req *r, const char *id, const char *title,
    const struct request_circle *in)
{
	struct db_rows members;
	const char *link = arena_printf(r->arena, "/hulpvraag.html?id=%s", id);
	size_t i;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_REQUEST_SET_CIRCLE, DB_PARAMS(
	    DB_STR(in->circle_id), DB_STR(in->circle_until), DB_STR(id)), NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_CIRCLE_MEMBERS,
	    DB_PARAMS(DB_STR(in->circle_id)), &members)) != DB_OK)
		return rc;
	for (i = 0; i < members.nrows; i++)
		if ((rc = notify(r->db, r->arena, db_str(&members, i, 0), "circle.request",
		    link, title, NULL, arena_printf(r->arena, "circle:%s", id), -1)) != DB_OK)
			return rc;
	return DB_OK;
}

/* POST /requests/{id}/publish: a circle request to everyone after all. Under
 * pre-moderation it waits for a moderator like any new request; otherwise
 * it is public at once and reaches the volunteers' alerts. Publishing one
 * that is public already changes nothing. */
struct publication {
	struct req	*r;
	struct db_rows	*rows;
	const char	*status;
	struct area	 area;
};

static int
publish_txn(void *ctx)
{
	struct publication *p = ctx;
	struct req *r = p->r;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_REQUEST_PUBLISH, DB_PARAMS(DB_STR(p->status),
	    DB_STR(db_str(p->rows, 0, RC_ID))), NULL)) != DB_OK)
		return rc;
	if (db_affected(r->db) == 0 || strcmp(p->status, "open") != 0)
		return DB_OK;
	return requests_gone_public(r, db_str(p->rows, 0, RC_ID), db_str(p->rows, 0, RC_OWNER_ID),
	    db_str(p->rows, 0, RC_TITLE), db_str(p->rows, 0, RC_CATEGORY),
	    p->area.lat, p->area.lon);
}

void
requests_publish(struct req *r)
{
	struct db_rows rows;
	struct auth_object obj;
	struct request_circle rc_;
	struct publication p = { .r = r, .rows = &rows };
	const char *id = http_param(r, "id");
	int rc = request_load(r, id, &rows);

	if (rc < 0)
		goto internal;
	if (rc > 0) {
		problem_send(r, 404, "not_found", "No such request.");
		return;
	}
	request_auth_object(&obj, &rows, 0);
	if (request_circle_load(r, id, &rc_) != 0)
		goto internal;
	if (!auth_require_circle(r, ACT_REQUEST_PUBLISH, &obj, &rc_.c))
		return;
	if (!rc_.c.circle) {
		request_send(r, &rows, 200, true);
		return;
	}
	if (strcmp(db_str(&rows, 0, RC_STATUS), "open") != 0) {
		problem_send(r, 409, "invalid_transition",
		    "Only an open circle request can be published.");
		return;
	}
	p.status = requests_settings.post_moderation ? "open" : "pending";
	if (postcode_lookup(r, db_str(&rows, 0, RC_PC4), &p.area) < 0)
		goto internal;
	if (db_txn(r->db, publish_txn, &p) != DB_OK)
		goto internal;
	(void)audit_write(r, "request.publish", "request", id, p.status);
	request_send_fresh(r, id, 200, true);
	return;
internal:
	problem_internal(r, "request publish");
}
