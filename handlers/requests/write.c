/*
 * write.c — POST /requests, PATCH /requests/{id}, POST /requests/{id}/cancel:
 * the owner's changes to a request.
 *
 * The field tables in main.c have checked shape and length before we run;
 * here come the checks that need the database or the clock (category,
 * postcode, time window), the sealing of the private part, and the state
 * rules: edits while pending or open, cancel from pending, open, matched
 * (or expired). Each private field is sealed on its own with associated
 * data (requests, column, id), so a ciphertext moved to another row or
 * column does not open.
 */
#include <string.h>
#include <time.h>

#include "auth.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "postcode.h"
#include "notify.h"
#include "problem.h"
#include "requests.h"
#include "valid.h"

/* A start this far in the past still counts as "now" (clocks differ). */
#define WHEN_GRACE_S	60

enum private_field { PRIV_CARE, PRIV_ADDRESS, PRIV_PHONE, PRIV__COUNT };

static const char *const private_names[PRIV__COUNT] = {
	"care_situation", "address", "phone"
};

/* The body, checked and resolved. For each part, set tells whether the body
 * changes it (for PATCH); a set value of NULL clears it. */
struct request_input {
	const char	*title, *description, *category;
	bool		 has_area;
	struct area	 area;
	bool		 set_when;
	char		 start[24], end[24];
	bool		 when_null;
	bool		 set_behalf;
	const char	*behalf;
	bool		 set_private[PRIV__COUNT];
	const char	*private_value[PRIV__COUNT];
	unsigned char	*private_ct[PRIV__COUNT];
	size_t		 private_ctlen[PRIV__COUNT];
};

/* Reads and checks r->json into in; field problems are added to r.
 * Returns 0, or -1 on a database failure. */
static int
read_input(struct req *r, struct request_input *in)
{
	struct db_rows rows;
	json_object *when, *behalf, *priv, *v;
	time_t start = 0, end = 0;
	const char *raw;
	size_t k;
	int rc;

	memset(in, 0, sizeof(*in));
	in->title = json_get_str(r->json, "title");
	in->description = json_get_str(r->json, "description");
	in->category = json_get_str(r->json, "category");
	if (in->category != NULL && !valid_slug(in->category))
		problem_field(r, "category", "unknown", "No such category.");
	else if (in->category != NULL) {
		if (db_exec(r->db, r->arena, STMT_CATEGORY_GET,
		    DB_PARAMS(DB_STR(in->category)), &rows) != DB_OK)
			return -1;
		if (rows.nrows != 1 || db_int(&rows, 0, 0) != 1)
			problem_field(r, "category", "unknown", "No such category.");
	}
	if ((raw = json_get_str(r->json, "postcode")) != NULL) {
		if ((rc = postcode_resolve_served(r, "postcode", raw, &in->area)) < 0)
			return -1;
		in->has_area = rc == 0;
	}

	if (json_has(r->json, "when")) {
		in->set_when = true;
		if ((when = json_get_obj(r->json, "when")) == NULL)
			in->when_null = true;
		else if (valid_time(json_get_str(when, "start"), &start) == NULL &&
		    valid_time(json_get_str(when, "end"), &end) == NULL) {
			if (start < time(NULL) - WHEN_GRACE_S)
				problem_field(r, "when.start", "out_of_range",
				    "The start must not be in the past.");
			if (end <= start)
				problem_field(r, "when.end", "out_of_range",
				    "The end must be after the start.");
			request_datetime(in->start, sizeof(in->start), start);
			request_datetime(in->end, sizeof(in->end), end);
		}
	}
	if (json_has(r->json, "on_behalf_of")) {
		in->set_behalf = true;
		if ((behalf = json_get_obj(r->json, "on_behalf_of")) != NULL)
			in->behalf = json_get_str(behalf, "first_name");
	}
	if (json_has(r->json, "private")) {
		priv = json_get_obj(r->json, "private");
		for (k = 0; k < PRIV__COUNT; k++) {
			/* "private": null clears all three. */
			if (priv == NULL) {
				in->set_private[k] = true;
				continue;
			}
			if (!json_object_object_get_ex(priv, private_names[k], &v))
				continue;
			in->set_private[k] = true;
			in->private_value[k] = json_get_str(priv, private_names[k]);
		}
	}
	return 0;
}

/* Seals the private values of in for request id. 0 or -1. */
static int
seal_private(struct req *r, struct request_input *in, const char *id)
{
	size_t k;

	for (k = 0; k < PRIV__COUNT; k++)
		if (in->private_value[k] != NULL &&
		    crypto_field_seal(r->arena, &in->private_ct[k],
		    &in->private_ctlen[k], "requests", private_names[k], id,
		    in->private_value[k], strlen(in->private_value[k])) != 0)
			return -1;
	return 0;
}

/*
 * What the poster posts as (recorded, not an access decision): someone
 * posting on behalf of another is there as professional when they have that
 * role, else as caregiver when they have that one; for themselves, as
 * resident when they can.
 */
static const char *
posted_as(unsigned roles, bool on_behalf)
{
	if (on_behalf) {
		if (roles & ROLE_PROFESSIONAL)
			return "professional";
		if (roles & ROLE_CAREGIVER)
			return "caregiver";
		return "resident";
	}
	if (roles & ROLE_RESIDENT)
		return "resident";
	if (roles & ROLE_CAREGIVER)
		return "caregiver";
	if (roles & ROLE_PROFESSIONAL)
		return "professional";
	return "resident";
}

struct creation {
	struct req		*r;
	const char		*id, *status;
	struct request_input	*in;
	bool			 has_when;
	struct request_circle	 circle;	/* audience "circle" (circles.c) */
};

/* The new request and, when it is public at once (post-moderation), what
 * its going public tells the volunteers' alerts. */
static int
create_txn(void *ctx)
{
	struct creation *c = ctx;
	struct req *r = c->r;
	struct request_input *in = c->in;
	int rc;

	rc = db_exec(r->db, r->arena, STMT_REQUEST_INSERT, DB_PARAMS(
	    DB_STR(c->id), DB_STR(r->who.user_id),
	    DB_STR(posted_as(r->who.roles, in->behalf != NULL)),
	    DB_STR(in->title), DB_STR(in->description), DB_STR(in->category),
	    DB_STR(in->area.pc4), DB_DOUBLE(in->area.lat), DB_DOUBLE(in->area.lon),
	    DB_STR(c->has_when ? in->start : NULL), DB_STR(c->has_when ? in->end : NULL),
	    DB_STR(in->behalf),
	    DB_BLOB(in->private_ct[PRIV_CARE], in->private_ctlen[PRIV_CARE]),
	    DB_BLOB(in->private_ct[PRIV_ADDRESS], in->private_ctlen[PRIV_ADDRESS]),
	    DB_BLOB(in->private_ct[PRIV_PHONE], in->private_ctlen[PRIV_PHONE]),
	    DB_STR(c->status), DB_INT(requests_settings.expiry_days)), NULL);
	if (rc == DB_OK)
		rc = requests_recurrence_store(r, c->id);
	if (rc == DB_OK)
		rc = requests_lang_store(r, c->id, true);
	if (rc == DB_OK)
		rc = request_care_write(r, c->id);
	/* A circle request is for the circle alone: its members are told,
	 * the volunteers' alerts are not. */
	if (rc == DB_OK && c->circle.c.circle)
		return request_circle_store(r, c->id, in->title, &c->circle);
	if (rc != DB_OK || strcmp(c->status, "open") != 0)
		return rc;
	return requests_gone_public(r, c->id, r->who.user_id, in->title,
	    in->category, in->area.lat, in->area.lon);
}

void
requests_create(struct req *r)
{
	struct creation c = { .r = r };
	struct request_input in;
	char id[CRYPTO_ID_LEN + 1];
	const char *status;
	bool has_when;
	int rc;

	if (!auth_require(r, ACT_REQUEST_CREATE, NULL))
		return;
	if (read_input(r, &in) != 0)
		goto internal;
	if (request_circle_input(r, &c.circle) != 0)
		goto internal;
	if (problem_count(r) > 0 || !in.has_area) {
		problem_invalid(r);
		return;
	}
	crypto_id_new(id);
	if (seal_private(r, &in, id) != 0)
		goto internal;
	has_when = in.set_when && !in.when_null;
	/* The circle's requests are seen only by people the poster invited:
	 * open at once; published to everyone, they are moderated then. */
	status = requests_settings.post_moderation || c.circle.c.circle ? "open" : "pending";
	c.id = id;
	c.status = status;
	c.in = &in;
	c.has_when = has_when;
	rc = db_txn(r->db, create_txn, &c);
	if (rc == DB_CONSTRAINT) {
		/* The category went away between the check and the insert. */
		problem_field(r, "category", "unknown", "No such category.");
		problem_invalid(r);
		return;
	}
	if (rc != DB_OK)
		goto internal;
	(void)audit_write(r, "request.create", "request", id, status);
	http_header(r, "Location", arena_printf(r->arena, "/api/v1/requests/%s", id));
	requests_send_checked(r, id, 201);
	return;
internal:
	problem_internal(r, "request create");
}

/* True when the body sets key to a string other than the row's. */
static bool
changes(const char *value, const struct db_rows *rows, int col)
{
	const char *old = db_str(rows, 0, col);

	return value != NULL && (old == NULL || strcmp(old, value) != 0);
}

void
requests_patch(struct req *r)
{
	struct request_input in;
	struct db_rows rows;
	struct auth_object obj;
	const char *id, *status, *stored, *as = NULL;
	bool has_when, text_changed;
	int rc;

	if ((rc = request_load(r, http_param(r, "id"), &rows)) != 0) {
		if (rc < 0)
			goto internal;
		problem_send(r, 404, "not_found", "No such request.");
		return;
	}
	request_auth_object(&obj, &rows, 0);
	if (!request_require(r, ACT_REQUEST_EDIT, &rows, &obj))
		return;
	id = db_str(&rows, 0, RC_ID);
	status = db_str(&rows, 0, RC_STATUS);
	stored = db_str(&rows, 0, RC_STORED_STATUS);
	if (strcmp(status, "pending") != 0 && strcmp(status, "open") != 0) {
		problem_send(r, 409, "invalid_transition",
		    "Only a pending or open request can be changed.");
		return;
	}
	if (read_input(r, &in) != 0)
		goto internal;
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (seal_private(r, &in, id) != 0)
		goto internal;
	if (in.set_behalf)
		as = posted_as(r->who.roles, in.behalf != NULL);

	/*
	 * Under pre-moderation an open request whose public text changes
	 * (title, description, the first name it is posted for) goes back to
	 * pending for another review: otherwise an approved harmless text could
	 * be swapped for anything. Other changes (category, postcode, time
	 * window, the private part) keep it open.
	 */
	text_changed = changes(in.title, &rows, RC_TITLE) ||
	    changes(in.description, &rows, RC_DESCRIPTION) ||
	    (in.set_behalf && (in.behalf != NULL ?
	    changes(in.behalf, &rows, RC_ON_BEHALF_OF) :
	    !db_is_null(&rows, 0, RC_ON_BEHALF_OF)));
	if (strcmp(stored, "open") == 0 && text_changed &&
	    !requests_settings.post_moderation)
		status = "pending";
	else
		status = stored;

	has_when = in.set_when && !in.when_null;
	rc = db_exec(r->db, r->arena, STMT_REQUEST_UPDATE, DB_PARAMS(
	    DB_STR(in.title), DB_STR(in.description), DB_STR(in.category),
	    DB_STR(in.has_area ? in.area.pc4 : NULL),
	    in.has_area ? DB_DOUBLE(in.area.lat) : DB_NULL,
	    in.has_area ? DB_DOUBLE(in.area.lon) : DB_NULL,
	    DB_INT(in.set_when), DB_STR(has_when ? in.start : NULL),
	    DB_INT(in.set_when), DB_STR(has_when ? in.end : NULL),
	    DB_INT(in.set_behalf), DB_STR(in.behalf), DB_STR(as),
	    DB_INT(in.set_private[PRIV_CARE]),
	    DB_BLOB(in.private_ct[PRIV_CARE], in.private_ctlen[PRIV_CARE]),
	    DB_INT(in.set_private[PRIV_ADDRESS]),
	    DB_BLOB(in.private_ct[PRIV_ADDRESS], in.private_ctlen[PRIV_ADDRESS]),
	    DB_INT(in.set_private[PRIV_PHONE]),
	    DB_BLOB(in.private_ct[PRIV_PHONE], in.private_ctlen[PRIV_PHONE]),
	    DB_STR(status), DB_STR(id), DB_STR(stored)), NULL);
	if (rc == DB_CONSTRAINT) {
		problem_field(r, "category", "unknown", "No such category.");
		problem_invalid(r);
		return;
	}
	if (rc != DB_OK)
		goto internal;
	if (db_affected(r->db) == 0) {
		problem_send(r, 409, "conflict",
		    "The request changed meanwhile; load it and try again.");
		return;
	}
	if (requests_recurrence_store(r, id) != DB_OK
	    || requests_lang_store(r, id, false) != DB_OK
	    || request_care_write(r, id) != DB_OK)
		goto internal;
	(void)audit_write(r, "request.edit", "request", id,
	    strcmp(status, stored) != 0 ? "back to pending" : NULL);
	requests_send_checked(r, id, 200);
	return;
internal:
	problem_internal(r, "request patch");
}

struct cancel {
	struct req	*r;
	const char	*id;
};

/* The request and its live matches in one go; 1 when the request was not
 * (or no longer) cancellable. */
static int
cancel_txn(void *ctx)
{
	struct cancel *c = ctx;
	int rc;

	if ((rc = db_exec(c->r->db, c->r->arena, STMT_REQUEST_CANCEL,
	    DB_PARAMS(DB_STR(c->id)), NULL)) != DB_OK)
		return rc;
	if (db_affected(c->r->db) == 0)
		return 1;
	return db_exec(c->r->db, c->r->arena, STMT_MATCHES_CLOSE,
	    DB_PARAMS(DB_STR(c->id)), NULL);
}

/*
 * Cancel: pending, open, matched (and expired) become cancelled. Cancelling
 * an already cancelled request is harmless: 200 with the request unchanged,
 * so a retried click or a lost answer needs no special handling. Anything
 * else (completed, rejected, hidden) is 409 invalid_transition.
 */
void
requests_cancel(struct req *r)
{
	struct cancel c;
	struct db_rows rows;
	struct auth_object obj;
	const char *id, *status;
	int rc;

	if ((rc = request_load(r, http_param(r, "id"), &rows)) != 0) {
		if (rc < 0)
			goto internal;
		problem_send(r, 404, "not_found", "No such request.");
		return;
	}
	request_auth_object(&obj, &rows, 0);
	if (!request_require(r, ACT_REQUEST_CANCEL, &rows, &obj))
		return;
	id = db_str(&rows, 0, RC_ID);
	status = db_str(&rows, 0, RC_STATUS);
	if (strcmp(status, "cancelled") == 0) {
		request_send(r, &rows, 200, true);
		return;
	}
	c.r = r;
	c.id = id;
	if ((rc = db_txn(r->db, cancel_txn, &c)) < 0)
		goto internal;
	if (rc == 1) {
		/* Not cancellable, or changed meanwhile: answer on what it is
		 * now (a concurrent cancel is still a success). */
		if (request_load(r, id, &rows) != 0)
			goto internal;
		if (strcmp(db_str(&rows, 0, RC_STATUS), "cancelled") == 0)
			request_send(r, &rows, 200, true);
		else
			problem_send(r, 409, "invalid_transition",
			    "This request can no longer be cancelled.");
		return;
	}
	(void)audit_write(r, "request.cancel", "request", id, status);
	request_send_fresh(r, id, 200, true);
	return;
internal:
	problem_internal(r, "request cancel");
}
