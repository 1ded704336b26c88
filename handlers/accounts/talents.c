/*
 * talents.c — a volunteer's talents (Talentenbank, issue 18 part 2) in
 * GET/PATCH /me, and the GDPR part of talents and of responses to
 * vacancies in GET /me/export and DELETE /me.
 *
 * Talents of a person are personal data (what they can, what they did):
 * exported, and deleted on erasure. A response to a vacancy and its
 * conversation are exported with every body opened — the user's own
 * conversations whole, and what they wrote in others' as a coordinator.
 * Erasure deletes the user's responses (their conversations go with them,
 * ON DELETE CASCADE) and every message they wrote as a coordinator, so no
 * ciphertext of theirs is left to open with any key.
 */
#include <string.h>

#include "accounts.h"
#include "auth.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "problem.h"
#include "valid.h"

int
user_talents_put_json(struct req *r, json_object *u, const char *user_id)
{
	struct db_rows rows;
	json_object *arr;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_USER_TALENTS, DB_PARAMS(DB_STR(user_id)),
	    &rows) != DB_OK)
		return -1;
	arr = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(arr, json_object_new_string(db_str(&rows, i, 0)));
	json_put(u, "talents", arr);
	return 0;
}

/* Whether the PATCH leaves the caller a volunteer: their role now, or the
 * self-chosen roles of the same body. */
static bool
stays_volunteer(struct req *r)
{
	json_object *roles = json_get_arr(r->json, "roles");
	size_t i;

	if (roles == NULL)
		return (r->who.roles & ROLE_VOLUNTEER) != 0;
	for (i = 0; i < json_object_array_length(roles); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(roles, i)),
		    "volunteer") == 0)
			return true;
	return false;
}

int
me_talents_read(struct req *r, bool *has, const char **ids, size_t *n)
{
	struct db_param p[ME_TALENTS_MAX];
	json_object *arr = json_get_arr(r->json, "talents");
	struct db_rows rows;
	size_t count, i, j;
	bool found;

	*has = false;
	*n = 0;
	if (arr == NULL)
		return 0;	/* absent (a wrong type is the field table's) */
	*has = true;
	if (!stays_volunteer(r))
		return 2;
	count = json_object_array_length(arr);
	if (count > ME_TALENTS_MAX)
		return 0;	/* reported by the field table */
	for (i = 0; i < ME_TALENTS_MAX; i++) {
		ids[i] = i < count ? json_object_get_string(json_object_array_get_idx(arr, i)) : NULL;
		p[i] = DB_STR(ids[i]);
	}
	*n = count;
	for (i = 0; i < count; i++)
		if (!valid_talent_id(ids[i]))
			goto unknown;
	if (count == 0)
		return 0;
	if (db_exec(r->db, r->arena, STMT_TALENTS_KNOWN, p, ME_TALENTS_MAX, &rows) != DB_OK)
		return -1;
	for (i = 0; i < count; i++) {
		found = false;
		for (j = 0; j < rows.nrows; j++)
			if (strcmp(db_str(&rows, j, 0), ids[i]) == 0)
				found = true;
		if (!found)
			goto unknown;
	}
	return 0;
unknown:
	problem_field(r, "talents", "unknown", arena_printf(r->arena,
	    "talents[%zu] is not a known talent.", i));
	return 1;
}

struct store {
	struct req		*r;
	const char *const	*ids;
	size_t			 n;
};

static int
store_txn(void *ctx)
{
	struct store *s = ctx;
	struct req *r = s->r;
	size_t i;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_USER_TALENTS_DELETE,
	    DB_PARAMS(DB_STR(r->who.user_id)), NULL)) != DB_OK)
		return rc;
	for (i = 0; i < s->n; i++)
		if ((rc = db_exec(r->db, r->arena, STMT_USER_TALENT_INSERT,
		    DB_PARAMS(DB_STR(r->who.user_id), DB_STR(s->ids[i])), NULL)) != DB_OK)
			return rc;
	return DB_OK;
}

int
me_talents_store(struct req *r, const char *const *ids, size_t n)
{
	struct store s = { r, ids, n };

	return db_txn(r->db, store_txn, &s);
}

/* ---- GDPR --------------------------------------------------------------- */

int
gdpr_talents_export(struct req *r, const char *user_id, json_object *doc)
{
	return user_talents_put_json(r, doc, user_id);
}

int
gdpr_talents_erase(struct req *r, const char *user_id)
{
	return db_exec(r->db, r->arena, STMT_USER_TALENTS_DELETE, DB_PARAMS(DB_STR(user_id)),
	    NULL) == DB_OK ? 0 : -1;
}

/* Columns of STMT_GDPR_VM_EXPORT. */
enum { GV_ID, GV_RESPONSE_ID, GV_SENDER_ID, GV_BODY_CT, GV_CREATED };

int
gdpr_vacancy_responses_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows, msgs;
	json_object *list, *o, *v, *g, *m, *own, *sent;
	char *body;
	size_t i, j, len;

	if (db_exec(r->db, r->arena, STMT_GDPR_VR_EXPORT, DB_PARAMS(DB_STR(user_id)),
	    &rows) != DB_OK ||
	    db_exec(r->db, r->arena, STMT_GDPR_VM_EXPORT, DB_PARAMS(DB_STR(user_id),
	    DB_STR(user_id)), &msgs) != DB_OK)
		return -1;
	list = json_object_new_array();
	json_put(doc, "vacancy_responses", list);
	sent = json_object_new_array();
	json_put(doc, "vacancy_messages_sent", sent);
	for (i = 0; i < rows.nrows; i++) {
		o = json_object_new_object();
		json_put_str(o, "id", db_str(&rows, i, 0));
		v = json_object_new_object();
		json_put_str(v, "id", db_str(&rows, i, 1));
		json_put_str(v, "title", db_str(&rows, i, 2));
		g = json_object_new_object();
		json_put_str(g, "id", db_str(&rows, i, 3));
		json_put_str(g, "name", db_str(&rows, i, 4));
		json_put(v, "organisation", g);
		json_put(o, "vacancy", v);
		json_put_str(o, "created_at", db_str(&rows, i, 5));
		json_put(o, "messages", json_object_new_array());
		json_object_array_add(list, o);
	}
	for (j = 0; j < msgs.nrows; j++) {
		if (crypto_field_open(r->arena, &body, &len, "vacancy_messages", "body",
		    db_str(&msgs, j, GV_ID), (const unsigned char *)db_str(&msgs, j, GV_BODY_CT),
		    db_len(&msgs, j, GV_BODY_CT)) != 0) {
			log_error("export: cannot open vacancy message %s", db_str(&msgs, j, GV_ID));
			return -1;
		}
		m = json_object_new_object();
		json_put_str(m, "id", db_str(&msgs, j, GV_ID));
		json_put_str(m, "response_id", db_str(&msgs, j, GV_RESPONSE_ID));
		json_put_bool(m, "mine", !db_is_null(&msgs, j, GV_SENDER_ID) &&
		    strcmp(db_str(&msgs, j, GV_SENDER_ID), user_id) == 0);
		json_put_strn(m, "body", body, len);
		json_put_str(m, "created_at", db_str(&msgs, j, GV_CREATED));
		/* In one of the user's own conversations, or in another's. */
		own = NULL;
		for (i = 0; i < rows.nrows && own == NULL; i++)
			if (strcmp(db_str(&rows, i, 0), db_str(&msgs, j, GV_RESPONSE_ID)) == 0)
				json_object_object_get_ex(json_object_array_get_idx(list, i),
				    "messages", &own);
		json_object_array_add(own != NULL ? own : sent, m);
	}
	return 0;
}

int
gdpr_vacancy_responses_erase(struct req *r, const char *user_id)
{
	if (db_exec(r->db, r->arena, STMT_GDPR_VR_DELETE, DB_PARAMS(DB_STR(user_id)),
	    NULL) != DB_OK ||
	    db_exec(r->db, r->arena, STMT_GDPR_VM_DELETE, DB_PARAMS(DB_STR(user_id)),
	    NULL) != DB_OK)
		return -1;
	return 0;
}
