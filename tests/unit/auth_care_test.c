/*
 * auth_care_test.c — the rules of issue 17 in lib/auth.c, per role:
 * revoking the consent of the person a request is for, submitting and
 * deciding a VOG, and what a request that needs a VOG allows a volunteer
 * without a verified, unexpired one (respond, be invited, read the private
 * part, be suggested). Rows as in auth_test.c: caller, action, object →
 * verdict; the refusals matter most.
 */
#include <string.h>

#include "auth.h"
#include "auth_who.h"
#include "tap.h"

struct rule_case {
	const char		*name;
	enum who		 who;
	enum action		 act;
	struct auth_object	 obj;
	struct auth_vog		 vog;
	enum auth_verdict	 want;
};

#define NONE	{ false, false }	/* no VOG needed */
#define NOVOG	{ true, false }		/* needed, the volunteer has none */
#define VOG	{ true, true }		/* needed, and verified */

static const struct rule_case cases[] = {
	/* Consent: the poster or a moderator revokes it; nobody else. */
	{ "revoke consent, owner", CAREGIVER, ACT_CONSENT_REVOKE, { ME, NULL, "open" }, NONE, AUTH_ALLOW },
	{ "revoke consent, owner of a matched request", PROFESSIONAL, ACT_CONSENT_REVOKE, { ME, OTHER, "matched" }, NONE, AUTH_ALLOW },
	{ "revoke consent, moderator", MODERATOR, ACT_CONSENT_REVOKE, { OTHER, NULL, "pending" }, NONE, AUTH_ALLOW },
	{ "revoke consent, admin", ADMIN, ACT_CONSENT_REVOKE, { OTHER, THIRD, "matched" }, NONE, AUTH_ALLOW },
	{ "revoke consent, the matched volunteer", VOLUNTEER, ACT_CONSENT_REVOKE, { OTHER, ME, "matched" }, NONE, AUTH_FORBIDDEN },
	{ "revoke consent, another resident, open", RESIDENT, ACT_CONSENT_REVOKE, { OTHER, NULL, "open" }, NONE, AUTH_FORBIDDEN },
	{ "revoke consent, another resident, pending", RESIDENT, ACT_CONSENT_REVOKE, { OTHER, NULL, "pending" }, NONE, AUTH_NOT_FOUND },
	{ "revoke consent, anonymous", ANON, ACT_CONSENT_REVOKE, { OTHER, NULL, "open" }, NONE, AUTH_UNAUTHENTICATED },

	/* The VOG: volunteers submit theirs, moderators decide. */
	{ "submit VOG, volunteer", VOLUNTEER, ACT_VOG_SUBMIT, { 0 }, NONE, AUTH_ALLOW },
	{ "submit VOG, resident", RESIDENT, ACT_VOG_SUBMIT, { 0 }, NONE, AUTH_FORBIDDEN },
	{ "submit VOG, anonymous", ANON, ACT_VOG_SUBMIT, { 0 }, NONE, AUTH_UNAUTHENTICATED },
	{ "decide VOG, moderator", MODERATOR, ACT_VOG_DECIDE, { 0 }, NONE, AUTH_ALLOW },
	{ "decide VOG, admin", ADMIN, ACT_VOG_DECIDE, { 0 }, NONE, AUTH_ALLOW },
	{ "decide VOG, volunteer", VOLUNTEER, ACT_VOG_DECIDE, { 0 }, NONE, AUTH_FORBIDDEN },
	{ "decide VOG, professional", PROFESSIONAL, ACT_VOG_DECIDE, { 0 }, NONE, AUTH_FORBIDDEN },
	{ "decide own VOG, moderator", MODERATOR, ACT_VOG_DECIDE, { ME, NULL, NULL }, NONE, AUTH_FORBIDDEN },
	{ "decide VOG, anonymous", ANON, ACT_VOG_DECIDE, { 0 }, NONE, AUTH_UNAUTHENTICATED },
	{ "VOGs to decide, moderator", MODERATOR, ACT_VOG_REVIEW, { 0 }, NONE, AUTH_ALLOW },
	{ "VOGs to decide, admin", ADMIN, ACT_VOG_REVIEW, { 0 }, NONE, AUTH_ALLOW },
	{ "VOGs to decide, volunteer", VOLUNTEER, ACT_VOG_REVIEW, { 0 }, NONE, AUTH_FORBIDDEN },
	{ "VOGs to decide, resident", RESIDENT, ACT_VOG_REVIEW, { 0 }, NONE, AUTH_FORBIDDEN },
	{ "VOGs to decide, professional", PROFESSIONAL, ACT_VOG_REVIEW, { 0 }, NONE, AUTH_FORBIDDEN },
	{ "VOGs to decide, anonymous", ANON, ACT_VOG_REVIEW, { 0 }, NONE, AUTH_UNAUTHENTICATED },

	/* A request that needs a VOG. */
	{ "respond, VOG needed, none", VOLUNTEER, ACT_MATCH_RESPOND, { OTHER, NULL, "open" }, NOVOG, AUTH_VOG_REQUIRED },
	{ "respond, VOG needed, verified", VOLUNTEER, ACT_MATCH_RESPOND, { OTHER, NULL, "open" }, VOG, AUTH_ALLOW },
	{ "respond, no VOG needed", VOLUNTEER, ACT_MATCH_RESPOND, { OTHER, NULL, "open" }, NONE, AUTH_ALLOW },
	{ "respond, VOG needed, resident", RESIDENT, ACT_MATCH_RESPOND, { OTHER, NULL, "open" }, VOG, AUTH_FORBIDDEN },
	{ "invite, VOG needed, invitee has none", RESIDENT, ACT_MATCH_INVITE, { ME, NULL, "open" }, NOVOG, AUTH_VOG_REQUIRED },
	{ "invite, VOG needed, invitee verified", CAREGIVER, ACT_MATCH_INVITE, { ME, NULL, "open" }, VOG, AUTH_ALLOW },
	{ "invite, not the owner", RESIDENT, ACT_MATCH_INVITE, { OTHER, NULL, "open" }, VOG, AUTH_FORBIDDEN },
	{ "private part, accepted volunteer, VOG expired", VOLUNTEER, ACT_REQUEST_VIEW_PRIVATE, { OTHER, ME, "matched" }, NOVOG, AUTH_VOG_REQUIRED },
	{ "private part, accepted volunteer, VOG verified", VOLUNTEER, ACT_REQUEST_VIEW_PRIVATE, { OTHER, ME, "matched" }, VOG, AUTH_ALLOW },
	{ "private part, accepted volunteer, no VOG needed", VOLUNTEER, ACT_REQUEST_VIEW_PRIVATE, { OTHER, ME, "matched" }, NONE, AUTH_ALLOW },
	{ "private part, owner, VOG needed", CAREGIVER, ACT_REQUEST_VIEW_PRIVATE, { ME, OTHER, "matched" }, NOVOG, AUTH_ALLOW },
	{ "private part, moderator, VOG needed", MODERATOR, ACT_REQUEST_VIEW_PRIVATE, { OTHER, THIRD, "matched" }, NOVOG, AUTH_ALLOW },
	{ "private part, other volunteer, VOG verified", VOLUNTEER, ACT_REQUEST_VIEW_PRIVATE, { OTHER, THIRD, "matched" }, VOG, AUTH_NOT_FOUND },
	{ "suggested, VOG needed, none", ANON, ACT_VOG_SUGGESTED, { OTHER, NULL, "open" }, NOVOG, AUTH_VOG_REQUIRED },
	{ "suggested, VOG needed, verified", ANON, ACT_VOG_SUGGESTED, { OTHER, NULL, "open" }, VOG, AUTH_ALLOW },
	{ "suggested, no VOG needed", ANON, ACT_VOG_SUGGESTED, { OTHER, NULL, "open" }, NONE, AUTH_ALLOW },
};

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct principal p = principal(cases[i].who);
		enum auth_verdict got = auth_decide_vog(&p, cases[i].act,
		    &cases[i].obj, &cases[i].vog);

		ok(got == cases[i].want, "%s as %s: verdict %d (want %d)",
		    cases[i].name, who_names[cases[i].who], got, cases[i].want);
	}
	return tap_done();
}
