/*
 * auth_test.c — the authorisation rules of lib/auth.c, per action and role.
 *
 * Each row says: this caller, this action, this object → this verdict. The
 * rows that matter most are the refusals: who may NOT see or do what.
 */
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "auth_who.h"
#include "tap.h"

struct rule_case {
	const char		*name;
	enum who		 who;
	enum action		 act;
	struct auth_object	 obj;
	enum auth_verdict	 want;
};

static const struct rule_case cases[] = {
	/* Account administration: admins only. */
	{ "users admin", ANON, ACT_USERS_ADMIN, { 0 }, AUTH_UNAUTHENTICATED },
	{ "users admin", RESIDENT, ACT_USERS_ADMIN, { 0 }, AUTH_FORBIDDEN },
	{ "users admin", MODERATOR, ACT_USERS_ADMIN, { 0 }, AUTH_FORBIDDEN },
	{ "users admin", ADMIN, ACT_USERS_ADMIN, { 0 }, AUTH_ALLOW },
	{ "audit", MODERATOR, ACT_AUDIT_READ, { 0 }, AUTH_FORBIDDEN },
	{ "audit", ADMIN, ACT_AUDIT_READ, { 0 }, AUTH_ALLOW },
	{ "moderate", VOLUNTEER, ACT_MODERATE, { 0 }, AUTH_FORBIDDEN },
	{ "moderate", MODERATOR, ACT_MODERATE, { 0 }, AUTH_ALLOW },
	{ "moderate", ADMIN, ACT_MODERATE, { 0 }, AUTH_ALLOW },
	{ "stats", PROFESSIONAL, ACT_STATS_READ, { 0 }, AUTH_FORBIDDEN },
	{ "categories", MODERATOR, ACT_CATEGORY_ADMIN, { 0 }, AUTH_FORBIDDEN },
	{ "organisations", ADMIN, ACT_ORGANISATION_ADMIN, { 0 }, AUTH_ALLOW },
	/* Organisation accounts (issue 18 part 1): coordinators are granted
	 * by admins, see their organisation's coordinators and propose edits
	 * of its entry, which moderators review. */
	{ "grant coordinator", ANON, ACT_ORG_COORDINATOR_GRANT, { 0 }, AUTH_UNAUTHENTICATED },
	{ "grant coordinator", RESIDENT, ACT_ORG_COORDINATOR_GRANT, { 0 }, AUTH_FORBIDDEN },
	{ "grant coordinator", MODERATOR, ACT_ORG_COORDINATOR_GRANT, { 0 }, AUTH_FORBIDDEN },
	{ "grant coordinator", RESIDENT, ACT_ORG_COORDINATOR_GRANT, { NULL, NULL, "coordinator" }, AUTH_FORBIDDEN },
	{ "grant coordinator", ADMIN, ACT_ORG_COORDINATOR_GRANT, { 0 }, AUTH_ALLOW },
	{ "coordinators", ANON, ACT_ORG_COORDINATORS_VIEW, { 0 }, AUTH_UNAUTHENTICATED },
	{ "coordinators", RESIDENT, ACT_ORG_COORDINATORS_VIEW, { 0 }, AUTH_FORBIDDEN },
	{ "coordinators", MODERATOR, ACT_ORG_COORDINATORS_VIEW, { 0 }, AUTH_FORBIDDEN },
	{ "coordinators", RESIDENT, ACT_ORG_COORDINATORS_VIEW, { NULL, NULL, "coordinator" }, AUTH_ALLOW },
	{ "coordinators", ADMIN, ACT_ORG_COORDINATORS_VIEW, { 0 }, AUTH_ALLOW },
	{ "propose change", ANON, ACT_ORG_CHANGE_PROPOSE, { NULL, NULL, "coordinator" }, AUTH_UNAUTHENTICATED },
	{ "propose change", RESIDENT, ACT_ORG_CHANGE_PROPOSE, { 0 }, AUTH_FORBIDDEN },
	{ "propose change", MODERATOR, ACT_ORG_CHANGE_PROPOSE, { 0 }, AUTH_FORBIDDEN },
	{ "propose change", ADMIN, ACT_ORG_CHANGE_PROPOSE, { 0 }, AUTH_FORBIDDEN },
	{ "propose change", VOLUNTEER, ACT_ORG_CHANGE_PROPOSE, { NULL, NULL, "coordinator" }, AUTH_ALLOW },
	{ "review change", RESIDENT, ACT_ORG_CHANGE_REVIEW, { NULL, NULL, "coordinator" }, AUTH_FORBIDDEN },
	{ "review change", MODERATOR, ACT_ORG_CHANGE_REVIEW, { 0 }, AUTH_ALLOW },
	{ "review change", ADMIN, ACT_ORG_CHANGE_REVIEW, { 0 }, AUTH_ALLOW },
	/* Vacancies and talents (issue 18 part 2). A coordinator of the
	 * organisation posts (obj status "coordinator"); nobody else, staff
	 * included. On a vacancy owner_id is the caller when they coordinate
	 * its organisation: only they edit it and read its responses; a
	 * hidden, pending or closed vacancy is not there for anyone else but
	 * moderators; a conversation is the volunteer's and the
	 * coordinators', nobody else's. */
	{ "talents admin", ANON, ACT_TALENT_ADMIN, { 0 }, AUTH_UNAUTHENTICATED },
	{ "talents admin", MODERATOR, ACT_TALENT_ADMIN, { 0 }, AUTH_FORBIDDEN },
	{ "talents admin", VOLUNTEER, ACT_TALENT_ADMIN, { 0 }, AUTH_FORBIDDEN },
	{ "talents admin", ADMIN, ACT_TALENT_ADMIN, { 0 }, AUTH_ALLOW },
	{ "post vacancy", ANON, ACT_VACANCY_CREATE, { NULL, NULL, "coordinator" }, AUTH_UNAUTHENTICATED },
	{ "post vacancy, not coordinator", VOLUNTEER, ACT_VACANCY_CREATE, { 0 }, AUTH_FORBIDDEN },
	{ "post vacancy, not coordinator", ADMIN, ACT_VACANCY_CREATE, { 0 }, AUTH_FORBIDDEN },
	{ "post vacancy, not coordinator", MODERATOR, ACT_VACANCY_CREATE, { 0 }, AUTH_FORBIDDEN },
	{ "post vacancy, coordinator", RESIDENT, ACT_VACANCY_CREATE, { NULL, NULL, "coordinator" }, AUTH_ALLOW },
	{ "view open vacancy", ANON, ACT_VACANCY_VIEW, { NULL, NULL, "open" }, AUTH_ALLOW },
	{ "view open vacancy", VOLUNTEER, ACT_VACANCY_VIEW, { NULL, NULL, "open" }, AUTH_ALLOW },
	{ "view hidden vacancy", ANON, ACT_VACANCY_VIEW, { NULL, NULL, "hidden" }, AUTH_NOT_FOUND },
	{ "view hidden vacancy", VOLUNTEER, ACT_VACANCY_VIEW, { NULL, NULL, "hidden" }, AUTH_NOT_FOUND },
	{ "view pending vacancy, other coordinator", RESIDENT, ACT_VACANCY_VIEW, { NULL, NULL, "pending" }, AUTH_NOT_FOUND },
	{ "view pending vacancy, coordinator", RESIDENT, ACT_VACANCY_VIEW, { ME, NULL, "pending" }, AUTH_ALLOW },
	{ "view pending vacancy, moderator", MODERATOR, ACT_VACANCY_VIEW, { NULL, NULL, "pending" }, AUTH_ALLOW },
	{ "edit vacancy, coordinator", VOLUNTEER, ACT_VACANCY_EDIT, { ME, NULL, "open" }, AUTH_ALLOW },
	{ "edit vacancy, other coordinator", VOLUNTEER, ACT_VACANCY_EDIT, { NULL, NULL, "open" }, AUTH_FORBIDDEN },
	{ "edit hidden vacancy, outsider", VOLUNTEER, ACT_VACANCY_EDIT, { NULL, NULL, "hidden" }, AUTH_NOT_FOUND },
	{ "edit vacancy, moderator", MODERATOR, ACT_VACANCY_EDIT, { NULL, NULL, "pending" }, AUTH_FORBIDDEN },
	{ "edit vacancy", ANON, ACT_VACANCY_EDIT, { NULL, NULL, "open" }, AUTH_UNAUTHENTICATED },
	{ "respond to vacancy", VOLUNTEER, ACT_VACANCY_RESPOND, { NULL, NULL, "open" }, AUTH_ALLOW },
	{ "respond to vacancy", ANON, ACT_VACANCY_RESPOND, { NULL, NULL, "open" }, AUTH_UNAUTHENTICATED },
	{ "respond to vacancy, resident", RESIDENT, ACT_VACANCY_RESPOND, { NULL, NULL, "open" }, AUTH_FORBIDDEN },
	{ "respond to own vacancy", VOLUNTEER, ACT_VACANCY_RESPOND, { ME, NULL, "open" }, AUTH_FORBIDDEN },
	{ "responses, coordinator", RESIDENT, ACT_VACANCY_RESPONSES_VIEW, { ME, NULL, "open" }, AUTH_ALLOW },
	{ "responses, other coordinator", RESIDENT, ACT_VACANCY_RESPONSES_VIEW, { NULL, NULL, "open" }, AUTH_FORBIDDEN },
	{ "responses, volunteer", VOLUNTEER, ACT_VACANCY_RESPONSES_VIEW, { NULL, NULL, "open" }, AUTH_FORBIDDEN },
	{ "responses, moderator", MODERATOR, ACT_VACANCY_RESPONSES_VIEW, { NULL, NULL, "open" }, AUTH_FORBIDDEN },
	{ "responses, admin", ADMIN, ACT_VACANCY_RESPONSES_VIEW, { NULL, NULL, "open" }, AUTH_FORBIDDEN },
	{ "responses of a closed vacancy, outsider", VOLUNTEER, ACT_VACANCY_RESPONSES_VIEW, { NULL, NULL, "closed" }, AUTH_NOT_FOUND },
	{ "responses", ANON, ACT_VACANCY_RESPONSES_VIEW, { NULL, NULL, "open" }, AUTH_UNAUTHENTICATED },
	{ "conversation, volunteer", VOLUNTEER, ACT_VACANCY_CONVERSATION, { NULL, ME, "open" }, AUTH_ALLOW },
	{ "conversation, coordinator", RESIDENT, ACT_VACANCY_CONVERSATION, { ME, OTHER, "open" }, AUTH_ALLOW },
	{ "conversation, other volunteer", VOLUNTEER, ACT_VACANCY_CONVERSATION, { NULL, OTHER, "open" }, AUTH_NOT_FOUND },
	{ "conversation, other coordinator", RESIDENT, ACT_VACANCY_CONVERSATION, { NULL, OTHER, "open" }, AUTH_NOT_FOUND },
	{ "conversation, moderator", MODERATOR, ACT_VACANCY_CONVERSATION, { NULL, OTHER, "open" }, AUTH_FORBIDDEN },
	{ "conversation, admin", ADMIN, ACT_VACANCY_CONVERSATION, { NULL, OTHER, "open" }, AUTH_FORBIDDEN },
	{ "conversation", ANON, ACT_VACANCY_CONVERSATION, { NULL, OTHER, "open" }, AUTH_UNAUTHENTICATED },
	{ "report", ANON, ACT_REPORT_CREATE, { 0 }, AUTH_UNAUTHENTICATED },
	{ "report", RESIDENT, ACT_REPORT_CREATE, { 0 }, AUTH_ALLOW },

	/* The desk (issue 18 part 4): the caseload is a professional's own;
	 * the letter of a match only for the professional who posted it. */
	{ "caseload", PROFESSIONAL, ACT_CASELOAD_READ, { 0 }, AUTH_ALLOW },
	{ "caseload", ANON, ACT_CASELOAD_READ, { 0 }, AUTH_UNAUTHENTICATED },
	{ "caseload", RESIDENT, ACT_CASELOAD_READ, { 0 }, AUTH_FORBIDDEN },
	{ "caseload", CAREGIVER, ACT_CASELOAD_READ, { 0 }, AUTH_FORBIDDEN },
	{ "caseload", VOLUNTEER, ACT_CASELOAD_READ, { 0 }, AUTH_FORBIDDEN },
	{ "caseload", MODERATOR, ACT_CASELOAD_READ, { 0 }, AUTH_FORBIDDEN },
	{ "caseload", ADMIN, ACT_CASELOAD_READ, { 0 }, AUTH_FORBIDDEN },
	{ "letter, the professional who posted it", PROFESSIONAL, ACT_REQUEST_LETTER, { ME, OTHER, "matched" }, AUTH_ALLOW },
	{ "letter, completed, the professional who posted it", PROFESSIONAL, ACT_REQUEST_LETTER, { ME, OTHER, "completed" }, AUTH_ALLOW },
	{ "letter, another professional", PROFESSIONAL, ACT_REQUEST_LETTER, { OTHER, THIRD, "matched" }, AUTH_NOT_FOUND },
	{ "letter, the matched volunteer", VOLUNTEER, ACT_REQUEST_LETTER, { OTHER, ME, "matched" }, AUTH_NOT_FOUND },
	{ "letter, a resident owner (not a professional)", RESIDENT, ACT_REQUEST_LETTER, { ME, OTHER, "matched" }, AUTH_NOT_FOUND },
	{ "letter, a caregiver owner", CAREGIVER, ACT_REQUEST_LETTER, { ME, OTHER, "matched" }, AUTH_NOT_FOUND },
	{ "letter, moderator", MODERATOR, ACT_REQUEST_LETTER, { OTHER, THIRD, "matched" }, AUTH_NOT_FOUND },
	{ "letter, admin", ADMIN, ACT_REQUEST_LETTER, { OTHER, THIRD, "matched" }, AUTH_NOT_FOUND },
	{ "letter, anonymous", ANON, ACT_REQUEST_LETTER, { OTHER, THIRD, "matched" }, AUTH_UNAUTHENTICATED },

	/* Requests. */
	{ "post request", ANON, ACT_REQUEST_CREATE, { 0 }, AUTH_UNAUTHENTICATED },
	{ "post request", VOLUNTEER, ACT_REQUEST_CREATE, { 0 }, AUTH_FORBIDDEN },
	{ "post request", RESIDENT, ACT_REQUEST_CREATE, { 0 }, AUTH_ALLOW },
	{ "post request", CAREGIVER, ACT_REQUEST_CREATE, { 0 }, AUTH_ALLOW },
	{ "post request", PROFESSIONAL, ACT_REQUEST_CREATE, { 0 }, AUTH_ALLOW },
	{ "view open request", ANON, ACT_REQUEST_VIEW, { OTHER, NULL, "open" }, AUTH_ALLOW },
	{ "view pending request", ANON, ACT_REQUEST_VIEW, { OTHER, NULL, "pending" }, AUTH_NOT_FOUND },
	{ "view others' pending request", VOLUNTEER, ACT_REQUEST_VIEW, { OTHER, NULL, "pending" }, AUTH_NOT_FOUND },
	{ "view hidden request", RESIDENT, ACT_REQUEST_VIEW, { OTHER, NULL, "hidden" }, AUTH_NOT_FOUND },
	{ "view own pending request", RESIDENT, ACT_REQUEST_VIEW, { ME, NULL, "pending" }, AUTH_ALLOW },
	{ "view matched request as its volunteer", VOLUNTEER, ACT_REQUEST_VIEW, { OTHER, ME, "matched" }, AUTH_ALLOW },
	{ "view pending request as moderator", MODERATOR, ACT_REQUEST_VIEW, { OTHER, NULL, "pending" }, AUTH_ALLOW },
	{ "private part, public", ANON, ACT_REQUEST_VIEW_PRIVATE, { OTHER, NULL, "open" }, AUTH_UNAUTHENTICATED },
	{ "private part, other volunteer", VOLUNTEER, ACT_REQUEST_VIEW_PRIVATE, { OTHER, THIRD, "matched" }, AUTH_NOT_FOUND },
	{ "private part, volunteer without accepted match", VOLUNTEER, ACT_REQUEST_VIEW_PRIVATE, { OTHER, NULL, "open" }, AUTH_FORBIDDEN },
	{ "private part, accepted volunteer", VOLUNTEER, ACT_REQUEST_VIEW_PRIVATE, { OTHER, ME, "matched" }, AUTH_ALLOW },
	{ "private part, owner", CAREGIVER, ACT_REQUEST_VIEW_PRIVATE, { ME, NULL, "open" }, AUTH_ALLOW },
	{ "private part, moderator", MODERATOR, ACT_REQUEST_VIEW_PRIVATE, { OTHER, NULL, "pending" }, AUTH_ALLOW },
	{ "private part, professional not owner", PROFESSIONAL, ACT_REQUEST_VIEW_PRIVATE, { OTHER, NULL, "open" }, AUTH_FORBIDDEN },
	{ "edit others' open request", RESIDENT, ACT_REQUEST_EDIT, { OTHER, NULL, "open" }, AUTH_FORBIDDEN },
	{ "edit others' pending request", RESIDENT, ACT_REQUEST_EDIT, { OTHER, NULL, "pending" }, AUTH_NOT_FOUND },
	{ "edit own request", RESIDENT, ACT_REQUEST_EDIT, { ME, NULL, "open" }, AUTH_ALLOW },
	{ "moderator edits a request", MODERATOR, ACT_REQUEST_EDIT, { OTHER, NULL, "pending" }, AUTH_FORBIDDEN },
	{ "cancel others' request", VOLUNTEER, ACT_REQUEST_CANCEL, { OTHER, ME, "matched" }, AUTH_FORBIDDEN },
	{ "cancel anonymously", ANON, ACT_REQUEST_CANCEL, { OTHER, NULL, "open" }, AUTH_UNAUTHENTICATED },
	{ "suggestions, owner", RESIDENT, ACT_REQUEST_SUGGESTIONS, { ME, NULL, "open" }, AUTH_ALLOW },
	{ "suggestions, professional", PROFESSIONAL, ACT_REQUEST_SUGGESTIONS, { OTHER, NULL, "open" }, AUTH_ALLOW },
	{ "suggestions, volunteer", VOLUNTEER, ACT_REQUEST_SUGGESTIONS, { OTHER, NULL, "open" }, AUTH_FORBIDDEN },
	{ "suggestions, other resident, pending", RESIDENT, ACT_REQUEST_SUGGESTIONS, { OTHER, NULL, "pending" }, AUTH_NOT_FOUND },

	/* Offers: never to the whole internet. */
	{ "list offers", ANON, ACT_OFFER_LIST, { 0 }, AUTH_UNAUTHENTICATED },
	{ "list offers", RESIDENT, ACT_OFFER_LIST, { 0 }, AUTH_ALLOW },
	{ "post offer", RESIDENT, ACT_OFFER_CREATE, { 0 }, AUTH_FORBIDDEN },
	{ "post offer", VOLUNTEER, ACT_OFFER_CREATE, { 0 }, AUTH_ALLOW },
	{ "view active offer", ANON, ACT_OFFER_VIEW, { OTHER, NULL, "active" }, AUTH_UNAUTHENTICATED },
	{ "view active offer", RESIDENT, ACT_OFFER_VIEW, { OTHER, NULL, "active" }, AUTH_ALLOW },
	{ "view paused offer", RESIDENT, ACT_OFFER_VIEW, { OTHER, NULL, "paused" }, AUTH_NOT_FOUND },
	{ "view own pending offer", VOLUNTEER, ACT_OFFER_VIEW, { ME, NULL, "pending" }, AUTH_ALLOW },
	{ "edit others' active offer", VOLUNTEER, ACT_OFFER_EDIT, { OTHER, NULL, "active" }, AUTH_FORBIDDEN },
	{ "edit others' pending offer", VOLUNTEER, ACT_OFFER_EDIT, { OTHER, NULL, "pending" }, AUTH_NOT_FOUND },
	{ "edit own offer", VOLUNTEER, ACT_OFFER_EDIT, { ME, NULL, "paused" }, AUTH_ALLOW },

	/* Matches: owner_id = request owner, volunteer_id = the match's volunteer. */
	{ "respond as resident", RESIDENT, ACT_MATCH_RESPOND, { OTHER, NULL, "open" }, AUTH_FORBIDDEN },
	{ "respond to own request", VOLUNTEER, ACT_MATCH_RESPOND, { ME, NULL, "open" }, AUTH_FORBIDDEN },
	{ "respond", VOLUNTEER, ACT_MATCH_RESPOND, { OTHER, NULL, "open" }, AUTH_ALLOW },
	{ "respond anonymously", ANON, ACT_MATCH_RESPOND, { OTHER, NULL, "open" }, AUTH_UNAUTHENTICATED },
	{ "invite to own request", RESIDENT, ACT_MATCH_INVITE, { ME, NULL, "open" }, AUTH_ALLOW },
	{ "invite to others' request", RESIDENT, ACT_MATCH_INVITE, { OTHER, NULL, "open" }, AUTH_FORBIDDEN },
	{ "view match, outsider", VOLUNTEER, ACT_MATCH_VIEW, { OTHER, THIRD, "accepted" }, AUTH_NOT_FOUND },
	{ "view match, volunteer", VOLUNTEER, ACT_MATCH_VIEW, { OTHER, ME, "accepted" }, AUTH_ALLOW },
	{ "view match, moderator", MODERATOR, ACT_MATCH_VIEW, { OTHER, THIRD, "accepted" }, AUTH_ALLOW },
	{ "accept own response", VOLUNTEER, ACT_MATCH_ANSWER, { OTHER, ME, "responded" }, AUTH_FORBIDDEN },
	{ "accept a response", RESIDENT, ACT_MATCH_ANSWER, { ME, OTHER, "responded" }, AUTH_ALLOW },
	{ "accept an invitation", VOLUNTEER, ACT_MATCH_ANSWER, { OTHER, ME, "invited" }, AUTH_ALLOW },
	{ "accept own invitation", RESIDENT, ACT_MATCH_ANSWER, { ME, OTHER, "invited" }, AUTH_FORBIDDEN },
	{ "accept, outsider", VOLUNTEER, ACT_MATCH_ANSWER, { OTHER, THIRD, "responded" }, AUTH_NOT_FOUND },
	{ "accept, moderator", MODERATOR, ACT_MATCH_ANSWER, { OTHER, THIRD, "responded" }, AUTH_NOT_FOUND },
	{ "complete, volunteer", VOLUNTEER, ACT_MATCH_COMPLETE, { OTHER, ME, "accepted" }, AUTH_FORBIDDEN },
	{ "complete, owner", RESIDENT, ACT_MATCH_COMPLETE, { ME, OTHER, "accepted" }, AUTH_ALLOW },
	{ "complete, outsider", RESIDENT, ACT_MATCH_COMPLETE, { OTHER, THIRD, "accepted" }, AUTH_NOT_FOUND },
	{ "cancel, volunteer", VOLUNTEER, ACT_MATCH_CANCEL, { OTHER, ME, "accepted" }, AUTH_ALLOW },
	{ "cancel, outsider", VOLUNTEER, ACT_MATCH_CANCEL, { OTHER, THIRD, "accepted" }, AUTH_NOT_FOUND },
	{ "messages, party", RESIDENT, ACT_MESSAGE_READ, { ME, OTHER, "accepted" }, AUTH_ALLOW },
	{ "messages, outsider", VOLUNTEER, ACT_MESSAGE_READ, { OTHER, THIRD, "accepted" }, AUTH_NOT_FOUND },
	{ "messages, moderator", MODERATOR, ACT_MESSAGE_READ, { OTHER, THIRD, "accepted" }, AUTH_FORBIDDEN },
	{ "messages, anonymous", ANON, ACT_MESSAGE_WRITE, { OTHER, THIRD, "accepted" }, AUTH_UNAUTHENTICATED },
	{ "messages, declined volunteer", VOLUNTEER, ACT_MESSAGE_READ, { OTHER, ME, "declined" }, AUTH_FORBIDDEN },
	{ "write, declined volunteer", VOLUNTEER, ACT_MESSAGE_WRITE, { OTHER, ME, "declined" }, AUTH_FORBIDDEN },
	{ "messages of a declined match, owner", RESIDENT, ACT_MESSAGE_READ, { ME, OTHER, "declined" }, AUTH_ALLOW },
	{ "messages, cancelled volunteer", VOLUNTEER, ACT_MESSAGE_READ, { OTHER, ME, "cancelled" }, AUTH_ALLOW },
	{ "my suggestions, resident", RESIDENT, ACT_ME_SUGGESTIONS, { 0 }, AUTH_FORBIDDEN },
	{ "my suggestions, volunteer", VOLUNTEER, ACT_ME_SUGGESTIONS, { 0 }, AUTH_ALLOW },
	/* Vacancy suggestions (issue 18): volunteers only. */
	{ "my vacancy suggestions, volunteer", VOLUNTEER, ACT_ME_VACANCY_SUGGESTIONS, { 0 }, AUTH_ALLOW },
	{ "my vacancy suggestions, resident", RESIDENT, ACT_ME_VACANCY_SUGGESTIONS, { 0 }, AUTH_FORBIDDEN },
	{ "my vacancy suggestions, moderator", MODERATOR, ACT_ME_VACANCY_SUGGESTIONS, { 0 }, AUTH_FORBIDDEN },
	{ "my vacancy suggestions, admin", ADMIN, ACT_ME_VACANCY_SUGGESTIONS, { 0 }, AUTH_FORBIDDEN },
	{ "my vacancy suggestions", ANON, ACT_ME_VACANCY_SUGGESTIONS, { 0 }, AUTH_UNAUTHENTICATED },
};

static void
test_rules(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct principal p = principal(cases[i].who);
		enum auth_verdict got = auth_decide(&p, cases[i].act, &cases[i].obj);

		ok(got == cases[i].want, "%s as %s: verdict %d (want %d)",
		    cases[i].name, who_names[cases[i].who], got, cases[i].want);
	}
}

/* Posting and responding wait for a confirmed e-mail address (API 1.1);
 * browsing and one's own things do not. A missing role is still 403
 * forbidden, not "confirm first". */
static void
test_unverified(void)
{
	struct principal res = principal(RESIDENT), vol = principal(VOLUNTEER);
	struct auth_object open_other = { OTHER, NULL, "open" }, open_own = { ME, NULL, "open" };

	res.email_verified = false;
	vol.email_verified = false;
	ok(auth_decide(&res, ACT_REQUEST_CREATE, NULL) == AUTH_UNVERIFIED,
	    "an unverified resident may not post a request yet");
	ok(auth_decide(&vol, ACT_OFFER_CREATE, NULL) == AUTH_UNVERIFIED,
	    "an unverified volunteer may not post an offer yet");
	ok(auth_decide(&vol, ACT_MATCH_RESPOND, &open_other) == AUTH_UNVERIFIED,
	    "an unverified volunteer may not respond yet");
	ok(auth_decide(&res, ACT_MATCH_INVITE, &open_own) == AUTH_UNVERIFIED,
	    "an unverified owner may not invite yet");
	{
		struct auth_object coord = { NULL, NULL, "coordinator" };

		ok(auth_decide(&res, ACT_VACANCY_CREATE, &coord) == AUTH_UNVERIFIED,
		    "an unverified coordinator may not post a vacancy yet");
		ok(auth_decide(&vol, ACT_VACANCY_RESPOND, &open_other) == AUTH_UNVERIFIED,
		    "an unverified volunteer may not respond to a vacancy yet");
	}
	ok(auth_decide(&res, ACT_OFFER_CREATE, NULL) == AUTH_FORBIDDEN,
	    "without the role it stays forbidden, verified or not");
	ok(auth_decide(&res, ACT_REQUEST_VIEW, &open_other) == AUTH_ALLOW,
	    "an unverified user still browses");
	ok(auth_decide(&res, ACT_REQUEST_EDIT, &open_own) == AUTH_ALLOW,
	    "an unverified user still edits their own request");
	ok(auth_decide(&vol, ACT_OFFER_LIST, NULL) == AUTH_ALLOW,
	    "an unverified volunteer still lists offers");
}

/* Only the match's volunteer records the hours they spent. */
static void
test_match_hours(void)
{
	struct principal vol = principal(VOLUNTEER), res = principal(RESIDENT),
	    other = principal(VOLUNTEER), mod = principal(MODERATOR);
	struct auth_object match = { OTHER, ME, "accepted" }, owned = { ME, OTHER, "accepted" };

	ok(auth_decide(&vol, ACT_MATCH_HOURS, &match) == AUTH_ALLOW,
	    "the volunteer of a match records hours");
	ok(auth_decide(&res, ACT_MATCH_HOURS, &owned) == AUTH_FORBIDDEN,
	    "the requester may not record the volunteer's hours");
	strcpy(other.user_id, "someone-else-entirely-x");
	ok(auth_decide(&other, ACT_MATCH_HOURS, &match) == AUTH_NOT_FOUND,
	    "another volunteer does not learn the match exists");
	strcpy(mod.user_id, "a-moderator-somewhere-x");
	ok(auth_decide(&mod, ACT_MATCH_HOURS, &match) == AUTH_NOT_FOUND,
	    "a moderator does not record hours");
}

/* Only the two parties of a match answer its check-in (issue 17); to
 * anyone else, a moderator too, the match is not there. */
static void
test_match_checkin(void)
{
	struct principal vol = principal(VOLUNTEER), res = principal(RESIDENT),
	    other = principal(VOLUNTEER), mod = principal(MODERATOR);
	struct auth_object match = { OTHER, ME, "accepted" }, owned = { ME, OTHER, "accepted" };

	ok(auth_decide(&vol, ACT_MATCH_CHECKIN, &match) == AUTH_ALLOW,
	    "the volunteer of a match answers its check-in");
	ok(auth_decide(&res, ACT_MATCH_CHECKIN, &owned) == AUTH_ALLOW,
	    "the requester answers its check-in");
	strcpy(other.user_id, "someone-else-entirely-x");
	ok(auth_decide(&other, ACT_MATCH_CHECKIN, &match) == AUTH_NOT_FOUND,
	    "someone not in the match gets not found");
	strcpy(mod.user_id, "a-moderator-somewhere-x");
	ok(auth_decide(&mod, ACT_MATCH_CHECKIN, &match) == AUTH_NOT_FOUND,
	    "a moderator does not answer for a party");
}

static void
test_audited_reads(void)
{
	struct principal mod = principal(MODERATOR), vol = principal(VOLUNTEER);
	struct auth_object others = { OTHER, NULL, "open" }, own = { ME, NULL, "open" };

	ok(auth_read_is_audited(&mod, &others), "a moderator reading another's private data is audited");
	ok(!auth_read_is_audited(&mod, &own), "a moderator reading their own data is not");
	ok(!auth_read_is_audited(&vol, &others), "a non-moderator read is not a moderator read");
}

/*
 * Moderators and admins without confirmed TOTP (ASVS V6.3): every staff
 * action and every reach of a staff member into others' objects answers
 * AUTH_MFA_REQUIRED; what they may do as anyone else does not; what they
 * may not do at all stays refused as before; and for everyone else the
 * flag changes nothing.
 */
static void
test_staff_mfa(void)
{
	static const enum action staff_actions[] = {
		ACT_MODERATE, ACT_STATS_READ, ACT_VOG_DECIDE, ACT_ORG_CHANGE_REVIEW,
	};
	static const enum action admin_actions[] = {
		ACT_USERS_ADMIN, ACT_AUDIT_READ, ACT_CATEGORY_ADMIN,
		ACT_ORGANISATION_ADMIN, ACT_ORG_COORDINATOR_GRANT,
		ACT_ORG_COORDINATORS_VIEW, ACT_TALENT_ADMIN,
	};
	struct principal mod = principal(MODERATOR), adm = principal(ADMIN), p;
	struct auth_object pending = { OTHER, NULL, "pending" }, own = { ME, NULL, "pending" },
	    match = { OTHER, THIRD, "accepted" }, vog = { OTHER, NULL, NULL };
	size_t i;

	mod.mfa = false;
	adm.mfa = false;
	for (i = 0; i < sizeof(staff_actions) / sizeof(staff_actions[0]); i++) {
		ok(auth_decide(&mod, staff_actions[i], &vog) == AUTH_MFA_REQUIRED,
		    "moderator without MFA, staff action %d: mfa_required", staff_actions[i]);
		ok(auth_decide(&adm, staff_actions[i], &vog) == AUTH_MFA_REQUIRED,
		    "admin without MFA, staff action %d: mfa_required", staff_actions[i]);
	}
	for (i = 0; i < sizeof(admin_actions) / sizeof(admin_actions[0]); i++) {
		ok(auth_decide(&adm, admin_actions[i], NULL) == AUTH_MFA_REQUIRED,
		    "admin without MFA, admin action %d: mfa_required", admin_actions[i]);
		ok(auth_decide(&mod, admin_actions[i], NULL) == AUTH_FORBIDDEN,
		    "moderator without MFA, admin action %d: still forbidden", admin_actions[i]);
	}
	ok(auth_decide(&mod, ACT_REQUEST_VIEW, &pending) == AUTH_MFA_REQUIRED,
	    "a moderator without MFA does not see others' pending requests");
	ok(auth_decide(&mod, ACT_REQUEST_VIEW_PRIVATE, &pending) == AUTH_MFA_REQUIRED,
	    "nor their private parts");
	ok(auth_decide(&mod, ACT_MATCH_VIEW, &match) == AUTH_MFA_REQUIRED,
	    "nor others' matches");
	ok(auth_decide(&mod, ACT_OFFER_VIEW, &pending) == AUTH_MFA_REQUIRED,
	    "nor others' pending offers");
	ok(auth_decide(&mod, ACT_CONSENT_REVOKE, &pending) == AUTH_MFA_REQUIRED,
	    "nor revoke another's consent");
	ok(auth_decide(&mod, ACT_REQUEST_VIEW, &own) == AUTH_ALLOW,
	    "a moderator without MFA still sees their own pending request");
	ok(auth_decide(&mod, ACT_REPORT_CREATE, NULL) == AUTH_ALLOW,
	    "and reports like anyone");
	ok(auth_decide(&mod, ACT_MESSAGE_READ, &match) == AUTH_FORBIDDEN,
	    "what no moderator may do stays forbidden");

	/* The whole table: a staff member's ALLOW becomes ALLOW or
	 * MFA_REQUIRED, any other verdict stays; for others nothing moves. */
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum auth_verdict got;

		p = principal(cases[i].who);
		p.mfa = false;
		got = auth_decide(&p, cases[i].act, &cases[i].obj);
		if (cases[i].who == MODERATOR || cases[i].who == ADMIN)
			ok(cases[i].want == AUTH_ALLOW ?
			    (got == AUTH_ALLOW || got == AUTH_MFA_REQUIRED) : got == cases[i].want,
			    "%s as %s without MFA: verdict %d", cases[i].name,
			    who_names[cases[i].who], got);
		else
			ok(got == cases[i].want, "%s as %s, MFA flag off: unchanged",
			    cases[i].name, who_names[cases[i].who]);
	}

	/* A route's role list (lib/server.c). */
	p = principal(ANON);
	ok(auth_decide_roles(&p, ROLE_ADMIN) == AUTH_UNAUTHENTICATED, "route: anonymous, 401");
	p = principal(RESIDENT);
	ok(auth_decide_roles(&p, ROLE__MODERATION) == AUTH_FORBIDDEN, "route: resident, 403");
	ok(auth_decide_roles(&p, 0) == AUTH_ALLOW, "route without roles: anyone");
	ok(auth_decide_roles(&mod, ROLE__MODERATION) == AUTH_MFA_REQUIRED,
	    "route: moderator without MFA, mfa_required");
	ok(auth_decide_roles(&mod, ROLE_ADMIN) == AUTH_FORBIDDEN,
	    "route: moderator on an admin route, forbidden with or without MFA");
	ok(auth_decide_roles(&adm, ROLE_ADMIN) == AUTH_MFA_REQUIRED,
	    "route: admin without MFA, mfa_required");
	p = principal(MODERATOR);
	p.roles |= ROLE_VOLUNTEER;
	p.mfa = false;
	ok(auth_decide_roles(&p, ROLE_VOLUNTEER) == AUTH_ALLOW,
	    "route: a moderator's volunteer route needs no MFA");
	ok(auth_decide_roles(&p, ROLE_VOLUNTEER | ROLE__MODERATION) == AUTH_ALLOW,
	    "route open to volunteers and staff: the volunteer role suffices");
	p = principal(MODERATOR);
	ok(auth_decide_roles(&p, ROLE__MODERATION) == AUTH_ALLOW, "route: moderator with MFA");
}

static void
test_roles(void)
{
	struct arena a = { NULL };
	json_object *arr;

	ok(auth_roles_parse("resident,volunteer") == (ROLE_RESIDENT | ROLE_VOLUNTEER),
	    "roles parse from SET text");
	ok(auth_roles_parse("") == 0, "empty SET is no role");
	ok(auth_roles_parse("root,admin") == ROLE_ADMIN, "unknown role names are ignored");
	ok(strcmp(auth_roles_text(&a, ROLE_CAREGIVER | ROLE_ADMIN), "caregiver,admin") == 0,
	    "roles render in bit order");
	arr = auth_roles_json(ROLE_MODERATOR);
	ok(json_object_array_length(arr) == 1 &&
	    strcmp(json_object_get_string(json_object_array_get_idx(arr, 0)), "moderator") == 0,
	    "roles render as a JSON array");
	json_object_put(arr);
	arena_reset(&a);
}

/* The circle around a person (issue 18 part 3): circles and circle
 * requests are there only for the owner and members. */
static const struct rule_case circle_cases[] = {
	{ "make a circle", ANON, ACT_CIRCLE_CREATE, { 0 }, AUTH_UNAUTHENTICATED },
	{ "make a circle", RESIDENT, ACT_CIRCLE_CREATE, { 0 }, AUTH_FORBIDDEN },
	{ "make a circle", VOLUNTEER, ACT_CIRCLE_CREATE, { 0 }, AUTH_FORBIDDEN },
	{ "make a circle", MODERATOR, ACT_CIRCLE_CREATE, { 0 }, AUTH_FORBIDDEN },
	{ "make a circle", CAREGIVER, ACT_CIRCLE_CREATE, { 0 }, AUTH_ALLOW },
	{ "make a circle", PROFESSIONAL, ACT_CIRCLE_CREATE, { 0 }, AUTH_ALLOW },
	{ "see a circle, owner", CAREGIVER, ACT_CIRCLE_VIEW, { ME, NULL, NULL }, AUTH_ALLOW },
	{ "see a circle, member", RESIDENT, ACT_CIRCLE_VIEW, { OTHER, NULL, "member" }, AUTH_ALLOW },
	{ "see a circle, outsider", VOLUNTEER, ACT_CIRCLE_VIEW, { OTHER, NULL, NULL }, AUTH_NOT_FOUND },
	{ "see a circle, professional outsider", PROFESSIONAL, ACT_CIRCLE_VIEW, { OTHER, NULL, NULL }, AUTH_NOT_FOUND },
	{ "see a circle, moderator", MODERATOR, ACT_CIRCLE_VIEW, { OTHER, NULL, NULL }, AUTH_NOT_FOUND },
	{ "see a circle, admin", ADMIN, ACT_CIRCLE_VIEW, { OTHER, NULL, NULL }, AUTH_NOT_FOUND },
	{ "see a circle, anonymous", ANON, ACT_CIRCLE_VIEW, { OTHER, NULL, NULL }, AUTH_UNAUTHENTICATED },
	{ "invite, owner", CAREGIVER, ACT_CIRCLE_MANAGE, { ME, NULL, NULL }, AUTH_ALLOW },
	{ "invite, member", RESIDENT, ACT_CIRCLE_MANAGE, { OTHER, NULL, "member" }, AUTH_FORBIDDEN },
	{ "invite, outsider", CAREGIVER, ACT_CIRCLE_MANAGE, { OTHER, NULL, NULL }, AUTH_NOT_FOUND },
	{ "invite, admin outsider", ADMIN, ACT_CIRCLE_MANAGE, { OTHER, NULL, NULL }, AUTH_NOT_FOUND },
	{ "post to circle, owner", CAREGIVER, ACT_CIRCLE_POST, { ME, NULL, NULL }, AUTH_ALLOW },
	{ "post to circle, member", CAREGIVER, ACT_CIRCLE_POST, { OTHER, NULL, "member" }, AUTH_FORBIDDEN },
	{ "post to circle, outsider", PROFESSIONAL, ACT_CIRCLE_POST, { OTHER, NULL, NULL }, AUTH_NOT_FOUND },
	{ "leave, member", VOLUNTEER, ACT_CIRCLE_LEAVE, { OTHER, NULL, "member" }, AUTH_ALLOW },
	{ "leave, owner", CAREGIVER, ACT_CIRCLE_LEAVE, { ME, NULL, NULL }, AUTH_FORBIDDEN },
	{ "leave, outsider", RESIDENT, ACT_CIRCLE_LEAVE, { OTHER, NULL, NULL }, AUTH_NOT_FOUND },
	{ "accept invitation", ANON, ACT_CIRCLE_JOIN, { 0 }, AUTH_UNAUTHENTICATED },
	{ "accept invitation", VOLUNTEER, ACT_CIRCLE_JOIN, { 0 }, AUTH_ALLOW },
	{ "publish, owner", CAREGIVER, ACT_REQUEST_PUBLISH, { ME, NULL, "open" }, AUTH_ALLOW },
	{ "publish, other", RESIDENT, ACT_REQUEST_PUBLISH, { OTHER, NULL, "open" }, AUTH_FORBIDDEN },
	{ "publish, anonymous", ANON, ACT_REQUEST_PUBLISH, { OTHER, NULL, "open" }, AUTH_UNAUTHENTICATED },
};

struct circle_case {
	const char		*name;
	enum who		 who;
	enum action		 act;
	struct auth_object	 obj;
	struct auth_circle	 c;
	enum auth_verdict	 want;
};

static const struct circle_case circle_request_cases[] = {
	{ "circle request, outsider views", VOLUNTEER, ACT_REQUEST_VIEW, { OTHER, NULL, "open" }, { true, false }, AUTH_NOT_FOUND },
	{ "circle request, anonymous views", ANON, ACT_REQUEST_VIEW, { OTHER, NULL, "open" }, { true, false }, AUTH_UNAUTHENTICATED },
	{ "circle request, professional outsider views", PROFESSIONAL, ACT_REQUEST_VIEW, { OTHER, NULL, "open" }, { true, false }, AUTH_NOT_FOUND },
	{ "circle request, member views", RESIDENT, ACT_REQUEST_VIEW, { OTHER, NULL, "open" }, { true, true }, AUTH_ALLOW },
	{ "circle request, member views it matched", RESIDENT, ACT_REQUEST_VIEW, { OTHER, NULL, "matched" }, { true, true }, AUTH_ALLOW },
	{ "circle request, owner views", CAREGIVER, ACT_REQUEST_VIEW, { ME, NULL, "open" }, { true, false }, AUTH_ALLOW },
	{ "circle request, moderator views", MODERATOR, ACT_REQUEST_VIEW, { OTHER, NULL, "open" }, { true, false }, AUTH_ALLOW },
	{ "circle request, member reads private", RESIDENT, ACT_REQUEST_VIEW_PRIVATE, { OTHER, NULL, "open" }, { true, true }, AUTH_FORBIDDEN },
	{ "circle request, member not volunteer responds", RESIDENT, ACT_MATCH_RESPOND, { OTHER, NULL, "open" }, { true, true }, AUTH_ALLOW },
	{ "circle request, outsider volunteer responds", VOLUNTEER, ACT_MATCH_RESPOND, { OTHER, NULL, "open" }, { true, false }, AUTH_NOT_FOUND },
	{ "circle request, owner responds to own", CAREGIVER, ACT_MATCH_RESPOND, { ME, NULL, "open" }, { true, true }, AUTH_FORBIDDEN },
	{ "circle request, professional outsider suggestions", PROFESSIONAL, ACT_REQUEST_SUGGESTIONS, { OTHER, NULL, "open" }, { true, false }, AUTH_NOT_FOUND },
	{ "circle request, outsider edits", RESIDENT, ACT_REQUEST_EDIT, { OTHER, NULL, "open" }, { true, false }, AUTH_NOT_FOUND },
	{ "circle request, outsider publishes", RESIDENT, ACT_REQUEST_PUBLISH, { OTHER, NULL, "open" }, { true, false }, AUTH_NOT_FOUND },
	{ "circle request, member publishes", RESIDENT, ACT_REQUEST_PUBLISH, { OTHER, NULL, "open" }, { true, true }, AUTH_FORBIDDEN },
	{ "public request, volunteer views", VOLUNTEER, ACT_REQUEST_VIEW, { OTHER, NULL, "open" }, { false, false }, AUTH_ALLOW },
	{ "public request, non-volunteer responds", RESIDENT, ACT_MATCH_RESPOND, { OTHER, NULL, "open" }, { false, false }, AUTH_FORBIDDEN },
};

static void
test_circles(void)
{
	struct principal p;
	size_t i;

	for (i = 0; i < sizeof(circle_cases) / sizeof(circle_cases[0]); i++) {
		p = principal(circle_cases[i].who);
		ok(auth_decide(&p, circle_cases[i].act, &circle_cases[i].obj) == circle_cases[i].want,
		    "%s (%s)", circle_cases[i].name, who_names[circle_cases[i].who]);
	}
	for (i = 0; i < sizeof(circle_request_cases) / sizeof(circle_request_cases[0]); i++) {
		const struct circle_case *c = &circle_request_cases[i];

		p = principal(c->who);
		ok(auth_decide_circle(&p, c->act, &c->obj, &c->c) == c->want,
		    "%s (%s)", c->name, who_names[c->who]);
	}
	/* A moderator without MFA reaches a circle request only with MFA. */
	p = principal(MODERATOR);
	p.mfa = false;
	ok(auth_decide_circle(&p, ACT_REQUEST_VIEW, &circle_request_cases[6].obj,
	    &circle_request_cases[6].c) == AUTH_MFA_REQUIRED,
	    "circle request, moderator without MFA");
	p = principal(RESIDENT);
	p.email_verified = false;
	ok(auth_decide_circle(&p, ACT_MATCH_RESPOND, &circle_request_cases[8].obj,
	    &circle_request_cases[8].c) == AUTH_UNVERIFIED,
	    "circle request, unverified member responds");
}

int
main(void)
{
	test_rules();
	test_circles();
	test_unverified();
	test_match_hours();
	test_match_checkin();
	test_audited_reads();
	test_staff_mfa();
	test_roles();
	return tap_done();
}
