/*
 * audit_line.h — one audit_log row as one RFC 5424-style syslog line, for
 * `burenhulpctl audit-export` (audit_export.c). Pure: no database, no I/O,
 * so tests/unit/audit_line_test.c checks it directly.
 *
 * The line (RFC 5424 section 6; SD-ID audit@32473, 32473 being the
 * enterprise number RFC 5612 sets aside for documentation):
 *
 *   <PRI>1 TIMESTAMP HOST burenhulp PROCID audit [audit@32473 id="42"
 *     at="..." actor="..." address="..." action="session.failed"
 *     target_type="user" target_id="..." detail="..."] session.failed
 *
 * A NULL column leaves its parameter out. Parameter values are escaped as
 * RFC 5424 asks ('"', '\' and ']' get a backslash) and any control
 * character (and DEL) becomes "\xNN", so a value can neither end the line
 * nor forge another parameter. The row holds ids and codes only (the
 * inventory, docs/privacy.md, audit_log): nothing here opens or adds a
 * private field.
 */
#ifndef BH_AUDIT_LINE_H
#define BH_AUDIT_LINE_H

#include <stddef.h>

/* One row, as text cells (NULL for SQL NULL); borrowed. */
struct audit_row {
	const char	*id;
	const char	*at;		/* RFC 3339 UTC, e.g. 2026-12-02T00:46:47.123Z */
	const char	*actor_id;
	const char	*address;
	const char	*action;
	const char	*target_type;
	const char	*target_id;
	const char	*detail;
};

/* Syslog severity of an action: warning for the refusals and failures
 * (auth.refused, session.failed, session.blocked, session.mfa_failed),
 * notice for the rest. */
int audit_line_severity(const char *action);

/* Writes the part of the line from MSGID on ("audit [audit@32473 ...]
 * ACTION"), NUL-terminated, into buf of size n: what syslog(3) is handed
 * (it adds PRI, time, host and tag itself). Returns the length, or -1 when
 * it does not fit (buf then holds no partial line: buf[0] is NUL). */
int audit_line_body(char *buf, size_t n, const struct audit_row *row);

/* The whole RFC 5424 line (no newline) for --stdout: PRI from facility (a
 * LOG_* facility value, already shifted, as <syslog.h> defines it) and the
 * action's severity, the row's time as TIMESTAMP, host and procid as given
 * (NULL or empty: "-"). Returns the length, or -1 when it does not fit. */
int audit_line_full(char *buf, size_t n, const struct audit_row *row,
    int facility, const char *host, long procid);

#endif
