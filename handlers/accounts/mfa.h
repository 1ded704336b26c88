/*
 * mfa.h — multi-factor authentication (TOTP and recovery codes, mfa.c) and
 * the user's own overview of their sessions (sessions_list.c): API.md
 * "Accounts, version 1.1: MFA and sessions". Apart from accounts.h so that
 * this work and the rest of the handler change side by side.
 */
#ifndef BH_MFA_H
#define BH_MFA_H

#include <json-c/json.h>

struct req;

/* Route functions. */
void mfa_totp_enrol(struct req *r);	/* POST /me/mfa/totp */
void mfa_totp_confirm(struct req *r);	/* POST /me/mfa/totp/confirm */
void mfa_totp_delete(struct req *r);	/* DELETE /me/mfa/totp */
void mfa_admin_reset(struct req *r);	/* DELETE /users/{id}/mfa (admin) */
void sessions_list(struct req *r);	/* GET /me/sessions */
void sessions_delete(struct req *r);	/* DELETE /me/sessions/{id} */

/* The second factor at login, for a user whose password was right. */
enum mfa_verdict {
	MFA_PASS = 0,		/* no confirmed TOTP, or code right (a recovery code is now spent) */
	MFA_MISSING = 1,	/* TOTP confirmed, no code given */
	MFA_WRONG = 2,		/* TOTP confirmed, the code is wrong or replayed: a failure */
};
/* code may be NULL. *how is set to "totp", "recovery" or NULL (no MFA) for
 * the audit row. Returns an enum mfa_verdict, or -1 on failure (logged). */
int mfa_login_check(struct req *r, const char *user_id, const char *code,
    const char **how) __attribute__((warn_unused_result));

/* GDPR part (gdpr.c): whether MFA is on and how many recovery codes are
 * left (never the secret); erasure deletes the enrolment and the codes. */
int gdpr_mfa_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_mfa_erase(struct req *r, const char *user_id);

#endif
