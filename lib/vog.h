/*
 * vog.h — the VOG (Verklaring Omtrent het Gedrag, certificate of conduct)
 * facts that more than one handler needs (issue 17): does a request need a
 * VOG, does a volunteer have a verified one that has not expired, and how
 * long a VOG holds. Who may do what with those facts is lib/auth.c's
 * (auth_decide_vog); the VOG itself is handled in handlers/accounts/vog.c.
 */
#ifndef BH_VOG_H
#define BH_VOG_H

#include <stdbool.h>

struct arena;
struct config;
struct db;

/* SQL: 1 when request row `t` needs a VOG, its own flag or its category's. */
#define VOG_REQUEST_NEEDS(t) \
	"(" t ".needs_vog OR EXISTS (SELECT 1 FROM categories vc " \
	"WHERE vc.id = " t ".category_id AND vc.needs_vog = 1))"
/* SQL: 1 when the user whose id is the expression `u` holds a verified VOG
 * that has not expired (the last day of expires_on still counts). */
#define VOG_USER_OK(u) \
	"EXISTS (SELECT 1 FROM users_vog vv WHERE vv.user_id = " u " " \
	"AND vv.status = 'verified' AND vv.expires_on >= UTC_DATE())"

/* How many years a VOG holds after its issue date (vog_valid_years, 1 to
 * 10, default 3). */
long vog_valid_years(const struct config *cfg);

/* *needed: request_id needs a VOG (false for an unknown id). Returns a
 * db_status. */
int vog_request_needs(struct db *db, struct arena *a, const char *request_id,
    bool *needed) __attribute__((warn_unused_result));
/* *ok: user_id holds a verified, unexpired VOG. Returns a db_status. */
int vog_user_ok(struct db *db, struct arena *a, const char *user_id, bool *ok)
	__attribute__((warn_unused_result));

#endif
