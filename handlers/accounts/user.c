/*
 * user.c — loading a user and rendering the owner's view of it, and the
 * bounded password hashing every password path goes through.
 */
#include <semaphore.h>
#include <string.h>

#include <sodium.h>

#include "accounts.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "postcode.h"

int
user_load(struct req *r, const char *id, struct db_rows *rows)
{
	if (db_exec(r->db, r->arena, STMT_USER_BY_ID, DB_PARAMS(DB_STR(id)), rows) != DB_OK)
		return -1;
	return rows->nrows == 1 ? 0 : 1;
}

/* Opens a sealed users column; NULL when the cell is NULL, "" on failure. */
static const char *
open_field(struct req *r, const struct db_rows *rows, size_t row, int col,
    const char *column, bool *failed)
{
	char *pt;
	size_t len;

	if (db_is_null(rows, row, col))
		return NULL;
	if (crypto_field_open(r->arena, &pt, &len, "users", column,
	    db_str(rows, row, UC_ID), (const unsigned char *)db_str(rows, row, col),
	    db_len(rows, row, col)) != 0) {
		log_error("user: cannot open users.%s", column);
		*failed = true;
		return NULL;
	}
	return pt;
}

json_object *
user_own_json(struct req *r, const struct db_rows *rows, size_t row)
{
	struct area area;
	json_object *u;
	bool failed = false;
	const char *email, *phone;

	email = open_field(r, rows, row, UC_EMAIL_CT, "email", &failed);
	phone = open_field(r, rows, row, UC_PHONE_CT, "phone", &failed);
	if (failed)
		return NULL;
	memset(&area, 0, sizeof(area));
	snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(rows, row, UC_PC4));
	area.place = db_str(rows, row, UC_PLACE);
	area.municipality = db_str(rows, row, UC_MUNICIPALITY);

	u = json_object_new_object();
	json_put_str(u, "id", db_str(rows, row, UC_ID));
	json_put_str(u, "email", email);
	json_put_str(u, "display_name", db_str(rows, row, UC_DISPLAY_NAME));
	json_put_str(u, "postcode", area.pc4);
	json_put(u, "area", postcode_area_json(&area));
	json_put(u, "roles", auth_roles_json(auth_roles_parse(db_str(rows, row, UC_ROLES))));
	json_put_str(u, "locale", db_str(rows, row, UC_LOCALE));
	json_put_str(u, "phone", phone);
	json_put_str(u, "status", db_str(rows, row, UC_STATUS));
	json_put_bool(u, "email_verified", db_int(rows, row, UC_EMAIL_VERIFIED) != 0);
	json_put_str(u, "created_at", db_str(rows, row, UC_CREATED));
	if (vog_put_json(r, u, db_str(rows, row, UC_ID)) != 0 ||
	    user_talents_put_json(r, u, db_str(rows, row, UC_ID)) != 0) {
		json_object_put(u);
		return NULL;
	}
	return u;
}

/* ---- Password hashing, bounded ------------------------------------ */

static sem_t	pw_slots;
static char	pw_dummy[crypto_pwhash_STRBYTES];

void
pw_init(long concurrency)
{
	char random_pw[CRYPTO_TOKEN_LEN + 1];

	if (concurrency < 1)
		concurrency = 1;
	sem_init(&pw_slots, 0, (unsigned)concurrency);
	crypto_token_new(random_pw);
	if (crypto_password_hash(pw_dummy, random_pw, strlen(random_pw)) != 0)
		log_warn("pw: no dummy hash; unknown e-mails answer faster");
	sodium_memzero(random_pw, sizeof(random_pw));
}

int
pw_hash(char *out, const char *pw)
{
	int rc;

	sem_wait(&pw_slots);
	rc = crypto_password_hash(out, pw, strlen(pw));
	sem_post(&pw_slots);
	return rc;
}

int
pw_verify(const char *hash, const char *pw)
{
	int rc;

	sem_wait(&pw_slots);
	rc = crypto_password_verify(hash, pw, strlen(pw));
	sem_post(&pw_slots);
	return rc;
}

void
pw_verify_dummy(const char *pw)
{
	if (pw_dummy[0] != '\0')
		(void)pw_verify(pw_dummy, pw);
}

json_object *
user_envelope(json_object *user)
{
	json_object *o = json_object_new_object();

	json_put(o, "user", user);
	return o;
}
