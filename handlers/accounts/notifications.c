/*
 * notifications.c — what a user is told, and how: GET /me/notifications,
 * POST /me/notifications/read, GET/PUT /me/notification-settings, and
 * POST /unsubscribe (the one-click link of a mail, RFC 8058).
 *
 * The rows are written by lib/notify.c in the handlers where things happen;
 * here they are only read, marked read, and their settings kept. Titles are
 * rendered now, in the reader's current language, from the kind and the
 * public text the event carried. Someone else's notification is a 404.
 */
#include <ctype.h>
#include <string.h>

#include "accounts.h"
#include "arena.h"
#include "auth.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "notify.h"
#include "problem.h"
#include "valid.h"

/* Columns of STMT_NOTIFS_LIST. */
enum { NC_ID, NC_KIND, NC_LINK, NC_ARG, NC_BUNDLED, NC_CREATED, NC_READ, NC_SORT };

#define READ_IDS_MAX	100

/* "YYYY-MM-DD HH:MM:SS.ffffff", the sort key we hand out in cursors. */
static bool
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

static const char *
user_locale(struct req *r)
{
	struct db_rows rows;

	if (user_load(r, r->who.user_id, &rows) != 0)
		return "nl";
	return db_str(&rows, 0, UC_LOCALE);
}

void
notifications_list(struct req *r)
{
	const char *lim = http_query(r, "limit"), *cur = http_query(r, "cursor");
	const char *unread = http_query(r, "unread"), *locale;
	char *after[2] = { NULL, NULL };
	struct db_rows rows, count;
	json_object *body, *items, *it;
	long limit = 20;
	bool only_unread = false;
	size_t i, n;

	if (lim != NULL && valid_long(lim, 1, 100, &limit) != NULL)
		problem_field(r, "limit", "out_of_range", "limit is 1 to 100.");
	if (unread != NULL) {
		if (strcmp(unread, "true") == 0)
			only_unread = true;
		else if (strcmp(unread, "false") != 0)
			problem_field(r, "unread", "invalid", "unread is true or false.");
	}
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (cur != NULL && (cursor_decode(r->arena, cur, after, 2) != 0 ||
	    !sort_key_ok(after[0]) || valid_id(after[1]) != NULL)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_NOTIFS_LIST, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_INT(only_unread), DB_STR(after[0]),
	    DB_STR(after[0]), DB_STR(after[1]), DB_INT(limit + 1)), &rows) != DB_OK ||
	    db_exec(r->db, r->arena, STMT_NOTIFS_UNREAD_COUNT,
	    DB_PARAMS(DB_STR(r->who.user_id)), &count) != DB_OK)
		goto internal;
	locale = user_locale(r);

	n = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < n; i++) {
		const struct notify_kind *k = notify_kind_find(db_str(&rows, i, NC_KIND));

		if (k == NULL)
			continue;	/* a kind this version no longer knows */
		it = json_object_new_object();
		json_put_str(it, "id", db_str(&rows, i, NC_ID));
		json_put_str(it, "kind", k->name);
		json_put_str(it, "title", notify_title(r->arena, k, locale,
		    db_str(&rows, i, NC_ARG), db_int(&rows, i, NC_BUNDLED)));
		json_put_str(it, "link", db_str(&rows, i, NC_LINK));
		json_put_int(it, "count", db_int(&rows, i, NC_BUNDLED));
		json_put_str(it, "created_at", db_str(&rows, i, NC_CREATED));
		json_put_str(it, "read_at", db_str(&rows, i, NC_READ));
		json_object_array_add(items, it);
	}
	if (rows.nrows > (size_t)limit) {
		const char *parts[2] = { db_str(&rows, n - 1, NC_SORT),
		    db_str(&rows, n - 1, NC_ID) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 2));
	} else
		json_put(body, "next_cursor", NULL);
	json_put_int(body, "unread_count", db_int(&count, 0, 0));
	if (auth_decide(&r->who, ACT_MODERATE, NULL) == AUTH_ALLOW) {
		if (db_exec(r->db, r->arena, STMT_QUEUE_COUNT, NULL, 0, &count) != DB_OK) {
			json_object_put(body);
			goto internal;
		}
		json_put_int(body, "queue_count", db_int(&count, 0, 0));
	}
	http_send_json(r, 200, body);
	return;
internal:
	problem_internal(r, "notifications list");
}

struct mark {
	struct req	*r;
	json_object	*ids;		/* NULL: all */
	bool		 unknown;	/* an id that is not the caller's */
};

static int
mark_txn(void *ctx)
{
	struct mark *m = ctx;
	struct req *r = m->r;
	struct db_rows rows;
	size_t i;
	int rc;

	m->unknown = false;
	if (m->ids == NULL)
		return db_exec(r->db, r->arena, STMT_NOTIFS_READ_ALL,
		    DB_PARAMS(DB_STR(r->who.user_id)), NULL);
	for (i = 0; i < json_object_array_length(m->ids); i++) {
		const char *id = json_object_get_string(json_object_array_get_idx(m->ids, i));

		if ((rc = db_exec(r->db, r->arena, STMT_NOTIF_OWNED,
		    DB_PARAMS(DB_STR(id), DB_STR(r->who.user_id)), &rows)) != DB_OK)
			return rc;
		if (rows.nrows != 1) {
			m->unknown = true;
			return 1;	/* roll back: all or nothing */
		}
		if ((rc = db_exec(r->db, r->arena, STMT_NOTIF_READ,
		    DB_PARAMS(DB_STR(id), DB_STR(r->who.user_id)), NULL)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

void
notifications_read(struct req *r)
{
	struct mark m = { r, json_get_arr(r->json, "ids"), false };
	size_t i;
	int rc;

	for (i = 0; m.ids != NULL && i < json_object_array_length(m.ids); i++)
		if (valid_id(json_object_get_string(json_object_array_get_idx(m.ids, i))) != NULL) {
			problem_field(r, arena_printf(r->arena, "ids[%zu]", i), "invalid",
			    "Not a notification id.");
			problem_invalid(r);
			return;
		}
	rc = db_txn(r->db, mark_txn, &m);
	if (rc < 0) {
		problem_internal(r, "notifications read");
		return;
	}
	if (m.unknown) {
		problem_send(r, 404, "not_found", "No such notification.");
		return;
	}
	http_send_empty(r, 204);
}

/* ---- settings ------------------------------------------------------------ */

/* The user's effective frequency per kind: the default, then what is stored. */
static int
settings_load(struct req *r, const char *user_id, enum notify_freq *freq)
{
	struct db_rows rows;
	size_t i, k;
	int f;

	for (k = 0; k < notify_nkinds; k++)
		freq[k] = notify_kinds[k].def;
	if (db_exec(r->db, r->arena, STMT_SETTINGS_GET,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	for (i = 0; i < rows.nrows; i++)
		for (k = 0; k < notify_nkinds; k++)
			if (!notify_kinds[k].fixed &&
			    strcmp(notify_kinds[k].name, db_str(&rows, i, 0)) == 0 &&
			    (f = notify_freq_parse(db_str(&rows, i, 1))) >= 0)
				freq[k] = (enum notify_freq)f;
	return 0;
}

static void
settings_send(struct req *r, int status)
{
	enum notify_freq freq[64];
	json_object *body, *email, *fixed;
	size_t k;

	if (notify_nkinds > sizeof(freq) / sizeof(freq[0]) ||
	    settings_load(r, r->who.user_id, freq) != 0) {
		problem_internal(r, "notification settings");
		return;
	}
	body = json_object_new_object();
	email = json_object_new_object();
	fixed = json_object_new_array();
	json_put(body, "email", email);
	json_put(body, "fixed", fixed);
	for (k = 0; k < notify_nkinds; k++) {
		json_put_str(email, notify_kinds[k].name, notify_freq_name(freq[k]));
		if (notify_kinds[k].fixed)
			json_object_array_add(fixed, json_object_new_string(notify_kinds[k].name));
	}
	http_send_json(r, status, body);
}

void
settings_get(struct req *r)
{
	settings_send(r, 200);
}

struct put {
	struct req	*r;
	json_object	*email;
};

static int
put_txn(void *ctx)
{
	struct put *p = ctx;
	struct req *r = p->r;
	int rc;

	json_object_object_foreach(p->email, kind, v) {
		const struct notify_kind *k = notify_kind_find(kind);

		if (k == NULL || k->fixed)
			continue;
		if ((rc = db_exec(r->db, r->arena, STMT_SETTING_PUT, DB_PARAMS(
		    DB_STR(r->who.user_id), DB_STR(k->name),
		    DB_STR(json_object_get_string(v))), NULL)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

void
settings_put(struct req *r)
{
	struct put p = { r, json_get_obj(r->json, "email") };

	if (p.email == NULL) {
		problem_field(r, "email", "required", "email is an object of kind: frequency.");
		problem_invalid(r);
		return;
	}
	json_object_object_foreach(p.email, kind, v) {
		const struct notify_kind *k = notify_kind_find(kind);
		const char *field = arena_printf(r->arena, "email.%s", kind);
		int f = json_object_is_type(v, json_type_string) ?
		    notify_freq_parse(json_object_get_string(v)) : -1;

		if (k == NULL)
			problem_field(r, field, "unknown", "There is no such kind.");
		else if (f < 0)
			problem_field(r, field, "not_allowed", "instant, daily or off.");
		else if (k->fixed && f != NOTIFY_INSTANT)
			problem_field(r, field, "fixed", "Account mails are always sent at once.");
	}
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (db_txn(r->db, put_txn, &p) < 0) {
		problem_internal(r, "notification settings");
		return;
	}
	settings_send(r, 200);
}

/* ---- one-click unsubscribe -------------------------------------------------- */

struct unsub {
	struct req	*r;
	unsigned char	 hash[CRYPTO_HASH_LEN];
};

/* 1 when the token is unknown or used. */
static int
unsub_txn(void *ctx)
{
	struct unsub *u = ctx;
	struct req *r = u->r;
	enum notify_freq freq[64];
	struct db_rows rows;
	const char *user_id, *kind, *alert_id;
	size_t k;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_UNSUB_GET,
	    DB_PARAMS(DB_BLOB(u->hash, sizeof(u->hash))), &rows)) != DB_OK)
		return rc;
	if (rows.nrows != 1)
		return 1;
	user_id = db_str(&rows, 0, 0);
	kind = db_str(&rows, 0, 1);
	alert_id = db_str(&rows, 0, 2);
	if ((rc = db_exec(r->db, r->arena, STMT_UNSUB_USE,
	    DB_PARAMS(DB_BLOB(u->hash, sizeof(u->hash))), NULL)) != DB_OK)
		return rc;
	if (alert_id != NULL)		/* that alert, not every alert mail */
		return db_exec(r->db, r->arena, STMT_ALERT_DELETE,
		    DB_PARAMS(DB_STR(alert_id), DB_STR(user_id)), NULL);
	if (strcmp(kind, "digest") == 0) {	/* every kind that comes daily */
		if (notify_nkinds > sizeof(freq) / sizeof(freq[0]) ||
		    settings_load(r, user_id, freq) != 0)
			return DB_ERROR;
		for (k = 0; k < notify_nkinds; k++)
			if (freq[k] == NOTIFY_DAILY &&
			    (rc = db_exec(r->db, r->arena, STMT_SETTING_PUT, DB_PARAMS(
			    DB_STR(user_id), DB_STR(notify_kinds[k].name), DB_STR("off")),
			    NULL)) != DB_OK)
				return rc;
		return DB_OK;
	}
	if (notify_kind_find(kind) == NULL || notify_kind_find(kind)->fixed)
		return DB_OK;
	return db_exec(r->db, r->arena, STMT_SETTING_PUT,
	    DB_PARAMS(DB_STR(user_id), DB_STR(kind), DB_STR("off")), NULL);
}

/*
 * The page of the mail's link posts {token} as JSON; a mail program's
 * one-click POST (RFC 8058) sends the form body "List-Unsubscribe=One-Click"
 * to the List-Unsubscribe URL, which carries the token in its query.
 */
void
unsubscribe(struct req *r)
{
	struct unsub u = { r, { 0 } };
	const char *token = http_query(r, "token");
	json_object *body = NULL;
	int rc;

	if (r->content_type != NULL &&
	    strncmp(r->content_type, "application/json", 16) == 0) {
		if (json_parse_value(&body, r->body, r->body_len) != 0 || body == NULL ||
		    !json_object_is_type(body, json_type_object)) {
			json_object_put(body);
			problem_send(r, 400, "malformed_json", "The body is not a JSON object.");
			return;
		}
		token = json_get_str(body, "token");
		if (token != NULL)
			token = arena_strdup(r->arena, token);
		json_object_put(body);
	}
	if (token == NULL || *token == '\0' || strlen(token) > 100) {
		problem_field(r, "token", token == NULL ? "required" : "invalid",
		    "The link's token is missing.");
		problem_invalid(r);
		return;
	}
	crypto_token_hash(u.hash, token);
	if ((rc = db_txn(r->db, unsub_txn, &u)) < 0) {
		problem_internal(r, "unsubscribe");
		return;
	}
	if (rc == 1) {
		problem_send(r, 404, "not_found", "This link is not valid (any more).");
		return;
	}
	http_send_empty(r, 204);
}
