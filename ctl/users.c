/*
 * users.c — `burenhulpctl user add` and `seed-demo`: accounts made by the
 * operator rather than through the API (the first admin, the demo users).
 *
 * A user is made exactly as the accounts handler makes one: e-mail
 * normalised, looked up and kept unique by its blind index, stored only
 * sealed (users.email, row-bound to the user's id); the password as an
 * Argon2id string in credentials.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <oath.h>
#include <sodium.h>

#include "auth.h"
#include "config.h"
#include "crypto.h"
#include "ctl.h"
#include "db.h"
#include "passwords.h"
#include "valid.h"

#define PASSWORD_MIN_CHARS	10
#define PASSWORD_MAX_BYTES	1024
#define DEMO_PASSWORD		"burenhulp-demo"

/* The demo logins of the README (TEAM.md): one per role, all in Emmen.
 * The moderator and the admin have two-step login on, as staff must
 * (lib/auth.c): their TOTP secrets (base32, 20 bytes) are fixed and
 * printed by scripts/up and the README, so that whoever tries the demo
 * can add them to an authenticator app. Sealed like every TOTP secret. */
static const struct demo_user {
	const char	*email, *name, *roles, *pc4, *totp_b32;
} demo_users[] = {
	{ "resident@demo.burenhulp.nl", "Anna (bewoner)", "resident", "7811", NULL },
	{ "caregiver@demo.burenhulp.nl", "Carla (mantelzorger)", "caregiver", "7822", NULL },
	{ "volunteer@demo.burenhulp.nl", "Victor (vrijwilliger)", "volunteer", "7823", NULL },
	{ "professional@demo.burenhulp.nl", "Petra (sociaal team)", "professional", "7811", NULL },
	{ "moderator@demo.burenhulp.nl", "Mo (moderator)", "moderator", "7811",
	  "BURENHULPDEMOMODERATORTOTP234567" },
	{ "admin@demo.burenhulp.nl", "Ada (beheerder)", "admin", "7811",
	  "BURENHULPDEMOADMINTOTPSECRET2345" },
};

#define TOTP_SECRET_BYTES	20

/* A confirmed TOTP enrolment for the demo user with this e-mail address
 * (mfa_totp as the accounts handler keeps it: "mfa_totp.secret:<id>"),
 * unless the user has one already. 0 or -1. */
static int
demo_totp(struct ctl *c, const char *email, const char *b32)
{
	unsigned char bidx[CRYPTO_HASH_LEN], *ct = NULL;
	struct db_rows found;
	char *secret = NULL;
	size_t len = 0, ctlen = 0;
	const char *norm;
	int rc = -1;

	if ((norm = valid_email_normalise(&c->a, email)) == NULL)
		return -1;
	crypto_blind_index(bidx, "email", norm);
	if (db_exec(c->db, &c->a, STMT_USER_BY_BIDX,
	    DB_PARAMS(DB_BLOB(bidx, sizeof(bidx))), &found) != DB_OK || found.nrows != 1)
		return -1;
	if (oath_init() != OATH_OK ||
	    oath_base32_decode(b32, strlen(b32), &secret, &len) != OATH_OK ||
	    len != TOTP_SECRET_BYTES) {
		fprintf(stderr, "burenhulpctl: bad demo TOTP secret\n");
		goto out;
	}
	if (crypto_field_seal(&c->a, &ct, &ctlen, "mfa_totp", "secret",
	    db_str(&found, 0, 0), secret, len) != 0 ||
	    db_exec(c->db, &c->a, STMT_DEMO_TOTP_PUT,
	    DB_PARAMS(DB_STR(db_str(&found, 0, 0)), DB_BLOB(ct, ctlen)), NULL) != DB_OK) {
		fprintf(stderr, "burenhulpctl: could not store a demo TOTP enrolment\n");
		goto out;
	}
	rc = 0;
out:
	if (secret != NULL) {
		sodium_memzero(secret, len);
		free(secret);
	}
	return rc;
}

struct new_user {
	struct ctl		*c;
	char			 id[CRYPTO_ID_LEN + 1];
	const unsigned char	*email_ct;
	size_t			 email_ctlen;
	const unsigned char	*bidx;
	const char		*name, *pc4, *roles, *hash;
};

static int
insert_user(void *ctx)
{
	struct new_user *u = ctx;
	int rc;

	rc = db_exec(u->c->db, &u->c->a, STMT_USER_INSERT, DB_PARAMS(
	    DB_STR(u->id), DB_BLOB(u->email_ct, u->email_ctlen),
	    DB_BLOB(u->bidx, CRYPTO_HASH_LEN), DB_STR(u->name), DB_STR(u->pc4),
	    DB_STR(u->roles)), NULL);
	if (rc != DB_OK)
		return rc;
	return db_exec(u->c->db, &u->c->a, STMT_CREDENTIAL_INSERT,
	    DB_PARAMS(DB_STR(u->id), DB_STR(u->hash)), NULL);
}

int
ctl_user_create(struct ctl *c, const char *email, const char *name,
    const char *roles, const char *pc4, const char *password)
{
	struct new_user u;
	struct db_rows found;
	unsigned char bidx[CRYPTO_HASH_LEN], *ct = NULL;
	char hash[crypto_pwhash_STRBYTES];
	const char *norm;
	int rc = -1;

	memset(&u, 0, sizeof(u));
	if ((norm = valid_email_normalise(&c->a, email)) == NULL) {
		fprintf(stderr, "burenhulpctl: not an e-mail address\n");
		return -1;
	}
	crypto_blind_index(bidx, "email", norm);
	if (db_exec(c->db, &c->a, STMT_USER_BY_BIDX,
	    DB_PARAMS(DB_BLOB(bidx, sizeof(bidx))), &found) != DB_OK)
		goto out;
	if (found.nrows > 0) {
		rc = 0;
		goto out;
	}
	if (crypto_password_hash(hash, password, strlen(password)) != 0)
		goto out;
	crypto_id_new(u.id);
	if (crypto_field_seal(&c->a, &ct, &u.email_ctlen, "users", "email",
	    u.id, norm, strlen(norm)) != 0)
		goto out;
	u.c = c;
	u.email_ct = ct;
	u.bidx = bidx;
	u.name = name;
	u.pc4 = pc4;
	u.roles = roles;
	u.hash = hash;
	switch (db_txn(c->db, insert_user, &u)) {
	case DB_OK:
		rc = 1;
		break;
	case DB_DUPLICATE:	/* made by someone else meanwhile */
		rc = 0;
		break;
	case DB_CONSTRAINT:
		fprintf(stderr, "burenhulpctl: unknown postcode %s\n", pc4);
		break;
	default:
		fprintf(stderr, "burenhulpctl: could not store the user\n");
		break;
	}
out:
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

/* "admin,moderator" → checked SET text (arena-owned), NULL if a name is
 * unknown. */
static char *
roles_text(struct arena *a, const char *list)
{
	char *copy = arena_strdup(a, list), *name, *save = NULL;
	unsigned bits = 0;
	size_t i;

	for (name = strtok_r(copy, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		for (i = 0; auth_role_names[i] != NULL; i++)
			if (strcmp(auth_role_names[i], name) == 0)
				break;
		if (auth_role_names[i] == NULL) {
			fprintf(stderr, "burenhulpctl: unknown role \"%s\" (one of "
			    "resident, caregiver, volunteer, professional, "
			    "moderator, admin)\n", name);
			return NULL;
		}
		bits |= 1u << i;
	}
	if (bits == 0) {
		fprintf(stderr, "burenhulpctl: --role needs at least one role\n");
		return NULL;
	}
	return auth_roles_text(a, bits);
}

/* The first line of stdin, without its line end. 0 or -1. */
static int
read_password(char *out, size_t cap)
{
	size_t n;

	if (fgets(out, (int)cap, stdin) == NULL) {
		fprintf(stderr, "burenhulpctl: no password on stdin\n");
		return -1;
	}
	n = strlen(out);
	if (n == cap - 1 && out[n - 1] != '\n') {
		fprintf(stderr, "burenhulpctl: password too long\n");
		return -1;
	}
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}

static int
usage_user(void)
{
	fprintf(stderr, "usage: burenhulpctl user add --email E --name N "
	    "--role R[,R2...] --password-stdin [--postcode 7811]\n");
	return 2;
}

int
cmd_user(struct ctl *c, int argc, char **argv)
{
	const char *email = NULL, *name = NULL, *role = NULL, *postcode = "7811";
	const char *why;
	char password[PASSWORD_MAX_BYTES + 2], pc4[5], *roles;
	struct db_rows found;
	bool from_stdin = false;
	long chars;
	int i, rc = 1;

	memset(password, 0, sizeof(password));
	if (argc < 1 || strcmp(argv[0], "add") != 0)
		return usage_user();
	for (i = 1; i < argc; i++) {
		const char *opt = argv[i];

		if (strcmp(opt, "--password-stdin") == 0) {
			from_stdin = true;
			continue;
		}
		if (i + 1 >= argc)
			return usage_user();
		if (strcmp(opt, "--email") == 0)
			email = argv[++i];
		else if (strcmp(opt, "--name") == 0)
			name = argv[++i];
		else if (strcmp(opt, "--role") == 0 || strcmp(opt, "--roles") == 0)
			role = argv[++i];
		else if (strcmp(opt, "--postcode") == 0)
			postcode = argv[++i];
		else
			return usage_user();
	}
	if (email == NULL || name == NULL || role == NULL || !from_stdin)
		return usage_user();

	if (valid_email(email) != NULL) {
		fprintf(stderr, "burenhulpctl: --email is not an e-mail address\n");
		goto out;
	}
	if ((why = valid_text(name, strlen(name), 1, 80, false)) != NULL) {
		fprintf(stderr, "burenhulpctl: --name: %s (1 to 80 characters)\n", why);
		goto out;
	}
	if ((roles = roles_text(&c->a, role)) == NULL)
		goto out;
	if (valid_postcode(postcode, pc4) != NULL) {
		fprintf(stderr, "burenhulpctl: --postcode: not a Dutch postcode\n");
		goto out;
	}
	if (db_exec(c->db, &c->a, STMT_POSTCODE_EXISTS,
	    DB_PARAMS(DB_STR(pc4)), &found) != DB_OK)
		goto out;
	if (found.nrows == 0) {
		fprintf(stderr, "burenhulpctl: unknown postcode area %s "
		    "(import-postcodes first?)\n", pc4);
		goto out;
	}
	if (read_password(password, sizeof(password)) != 0)
		goto out;
	chars = valid_utf8_chars(password, strlen(password));
	if (chars < PASSWORD_MIN_CHARS) {
		fprintf(stderr, "burenhulpctl: the password needs at least %d "
		    "characters (valid UTF-8)\n", PASSWORD_MIN_CHARS);
		goto out;
	}
	/* The same check as every password the site sets (ASVS V6.2). */
	if (passwords_init(c->cfg) != 0) {
		fprintf(stderr, "burenhulpctl: cannot load the list of common "
		    "passwords or cracklib's dictionary (see the log above)\n");
		goto out;
	}
	if (passwords_common(password, strlen(password))) {
		fprintf(stderr, "burenhulpctl: this password is too easy to "
		    "guess (a common password, or a word with digits or symbols "
		    "around it): choose a longer one\n");
		goto out;
	}
	switch (ctl_user_create(c, email, name, roles, pc4, password)) {
	case 1:
		printf("user added: %s (%s)\n", name, roles);
		rc = 0;
		break;
	case 0:
		fprintf(stderr, "burenhulpctl: that e-mail address is taken\n");
		break;
	default:
		break;
	}
out:
	sodium_memzero(password, sizeof(password));
	return rc;
}

int
cmd_seed_demo(struct ctl *c, int argc, char **argv)
{
	size_t i, made = 0, had = 0;
	int r;

	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "usage: burenhulpctl seed-demo\n");
		return 2;
	}
	for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		const struct demo_user *d = &demo_users[i];

		r = ctl_user_create(c, d->email, d->name, d->roles, d->pc4,
		    DEMO_PASSWORD);
		if (r < 0)
			return 1;
		if (r == 0)
			had++;
		else
			made++;
		if (d->totp_b32 != NULL && demo_totp(c, d->email, d->totp_b32) != 0)
			return 1;
	}
	printf("seed-demo: %zu demo users created, %zu already there\n", made, had);
	if (ctl_sql_dir(c, arena_printf(&c->a, "%s/demo", ctl_sql_root(c))) != 0)
		return 1;
	printf("seed-demo: sql/demo applied\n");
	return 0;
}
