/*
 * audit_line_test.c — ctl/audit_line.c: an audit row as one RFC 5424-style
 * line. A row's values cannot end the line or forge a parameter (quotes,
 * backslashes, ']' escaped; control characters as \xNN); NULL columns are
 * left out; failures and refusals are warnings, the rest notices, under the
 * facility given; a buffer too small fails whole, leaving no half line.
 */
#include <string.h>
#include <syslog.h>

#include "audit_line.h"
#include "tap.h"

static const struct audit_row login_failed = {
	"42", "2026-12-02T00:46:47.123Z", NULL, "203.0.113.9", "session.failed",
	"user", "AAAAAAAAAAAAAAAAAAAAAA", NULL
};

int
main(void)
{
	char buf[1024];
	struct audit_row hostile = login_failed;
	int n;

	n = audit_line_full(buf, sizeof(buf), &login_failed, LOG_AUTHPRIV, "host1", 77);
	ok(n > 0 && strcmp(buf, "<84>1 2026-12-02T00:46:47.123Z host1 burenhulp 77 audit "
	    "[audit@32473 id=\"42\" at=\"2026-12-02T00:46:47.123Z\" address=\"203.0.113.9\" "
	    "action=\"session.failed\" target_type=\"user\" target_id=\"AAAAAAAAAAAAAAAAAAAAAA\"] "
	    "session.failed") == 0, "a failed login: authpriv.warning (84), NULL actor and detail left out: %s", buf);
	ok(n == (int)strlen(buf), "the length returned is the line's");

	hostile.action = "request.create";
	hostile.detail = "x\"] forged=\"1\\\n<13>1 next line\x7f";
	n = audit_line_full(buf, sizeof(buf), &hostile, LOG_LOCAL3, "", 0);
	ok(n > 0 && strncmp(buf, "<157>1 2026-12-02T00:46:47.123Z - burenhulp - audit ", 52) == 0,
	    "local3.notice is 157; no host and no pid are \"-\": %s", buf);
	ok(strstr(buf, "detail=\"x\\\"\\] forged=\\\"1\\\\\\x0a<13>1 next line\\x7f\"]") != NULL,
	    "quote, ']', backslash escaped, newline and DEL as \\xNN: %s", buf);
	ok(strchr(buf, '\n') == NULL && strchr(buf, '\r') == NULL, "one line");

	n = audit_line_body(buf, sizeof(buf), &login_failed);
	ok(n > 0 && strncmp(buf, "audit [audit@32473 id=\"42\" ", 27) == 0 &&
	    strcmp(buf + n - strlen("] session.failed"), "] session.failed") == 0,
	    "the body for syslog(3) starts at MSGID: %s", buf);

	hostile = login_failed;
	hostile.action = "odd action\n";
	(void)audit_line_body(buf, sizeof(buf), &hostile);
	ok(strstr(buf, "] odd?action?") != NULL, "MSG is printable ASCII without spaces: %s", buf);

	ok(audit_line_severity("auth.refused") == LOG_WARNING &&
	    audit_line_severity("session.mfa_failed") == LOG_WARNING &&
	    audit_line_severity("session.blocked") == LOG_WARNING &&
	    audit_line_severity("session.login") == LOG_NOTICE &&
	    audit_line_severity(NULL) == LOG_NOTICE, "severities");

	n = audit_line_full(buf, 40, &login_failed, LOG_AUTHPRIV, "host1", 77);
	ok(n == -1 && buf[0] == '\0', "too small a buffer fails whole");
	n = audit_line_body(buf, 30, &login_failed);
	ok(n == -1 && buf[0] == '\0', "too small a buffer fails whole (body)");
	return tap_done();
}
