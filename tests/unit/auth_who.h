/*
 * auth_who.h — the callers the authorisation tests (auth_test.c,
 * auth_care_test.c) put to lib/auth.c: three user ids and one principal
 * per role, logged in as ME with a verified address and two-step login on
 * (staff without MFA: auth_test.c's test_staff_mfa).
 */
#ifndef BURENHULP_TESTS_AUTH_WHO_H
#define BURENHULP_TESTS_AUTH_WHO_H

#include <string.h>

#include "auth.h"

#define ME	"AAAAAAAAAAAAAAAAAAAAAA"
#define OTHER	"BBBBBBBBBBBBBBBBBBBBBB"
#define THIRD	"CCCCCCCCCCCCCCCCCCCCCC"

enum who { ANON, RESIDENT, CAREGIVER, VOLUNTEER, PROFESSIONAL, MODERATOR, ADMIN };

static const char *const who_names[] = {
	"anonymous", "resident", "caregiver", "volunteer", "professional",
	"moderator", "admin"
};

static inline struct principal
principal(enum who w)
{
	struct principal p;
	static const unsigned roles[] = { 0, ROLE_RESIDENT, ROLE_CAREGIVER,
	    ROLE_VOLUNTEER, ROLE_PROFESSIONAL, ROLE_MODERATOR, ROLE_ADMIN };

	memset(&p, 0, sizeof(p));
	if (w != ANON) {
		p.logged_in = true;
		strcpy(p.user_id, ME);
		p.roles = roles[w];
		p.email_verified = true;
		p.mfa = true;
	}
	return p;
}

#endif
