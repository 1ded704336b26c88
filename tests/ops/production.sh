#!/usr/bin/env bash
# tests/ops/production.sh — a stack made the production way, on its own
# port and state folder: no demo data (BURENHULP_DEMO=0), the first admin
# by `burenhulpctl user add`, then the backup and restore round trip under
# write load (it destroys this stack's data folder). TAP on stdout.

. "$(dirname "$0")/lib.sh"

PW_ADMIN='first admin passphrase 7'
ADMIN=first-admin@example.org
PHONE='+31 6 1234 5678'

stack_up() {
	ops_down >/dev/null 2>&1
	rm -rf "$OPS_VAR"
	BURENHULP_DEMO=0 BURENHULP_LOGIN_RATE=1000r/s BURENHULP_LOGIN_BURST=1000 \
		BURENHULP_MAIL_QUEUE_MAX_AGE_S=900 ops_up >"$OPS_RESULTS/ops-production-up.log" 2>&1
}
trap 'ops_down >/dev/null 2>&1' EXIT

no_demo_users() {
	[ "$(ops_sql 'SELECT COUNT(*) FROM users')" = 0 ] &&
	[ "$(ops_sql "SELECT COUNT(*) FROM requests")" = 0 ] &&
	[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
		--data '{"email":"admin@demo.burenhulp.nl","password":"burenhulp-demo"}' \
		"$ops_url/api/v1/session")" = 401 ]
}
up_says_no_demo() {
	grep -q 'No demo logins' "$OPS_RESULTS/ops-production-up.log" &&
	! grep -q 'burenhulp-demo' "$OPS_RESULTS/ops-production-up.log"
}
ctl_version() {
	local want
	want=$(sed -n 's/^AC_INIT(\[burenhulp\], \[\([^]]*\)\]).*/\1/p' "$BH_REPO/configure.ac")
	[ -n "$want" ] && [ "$("$BH_BUILD/ctl/burenhulpctl" --version)" = "burenhulpctl (Burenhulp) $want" ]
}
ctl_help() {
	"$BH_BUILD/ctl/burenhulpctl" --help | grep -q '^  user add ' &&
	"$BH_BUILD/ctl/burenhulpctl" --help | grep -q '^  backup DIR' &&
	{ "$BH_BUILD/ctl/burenhulpctl" no-such-command 2>/dev/null; [ $? = 2 ]; }
}
first_admin() {
	local csrf
	printf '%s\n' "$PW_ADMIN" | ops_ctl user add --email "$ADMIN" --name 'Eerste beheerder' \
		--role admin --password-stdin || return 1
	# The same address again is refused, and nothing changes.
	! printf '%s\n' "$PW_ADMIN" | ops_ctl user add --email "$ADMIN" --name Twee \
		--role admin --password-stdin || return 1
	[ "$(ops_sql 'SELECT COUNT(*) FROM users')" = 1 ] || return 1
	csrf=$(ops_login admin "$ADMIN" "$PW_ADMIN") || return 1
	[ "$(ops_curl admin -o /dev/null -w '%{http_code}' "$ops_url/api/v1/admin/audit")" = 200 ] &&
	[ "$(ops_curl admin -o /dev/null -w '%{http_code}' -X PATCH -H 'Content-Type: application/json' \
		-H "X-CSRF-Token: $csrf" --data "{\"phone\":\"$PHONE\"}" "$ops_url/api/v1/me")" = 200 ]
}

# Mail queued and due 20 minutes ago, unsent: GET /health is 503 with
# mail_queue "stuck"; due just now, it is 200 again.
mail_queue_stuck() {
	local b
	ops_sql "INSERT INTO outbox (kind, created_at, state, due_at)
		VALUES ('ops.stuck', NOW(3), 'queued', NOW(3) - INTERVAL 20 MINUTE)" || return 1
	sleep 1.1
	b=$(curl -s -w ' %{http_code}' "$ops_url/api/v1/health")
	echo "$b"
	grep -q '"mail_queue":"stuck".* 503$' <<<"$b" || return 1
	ops_sql "UPDATE outbox SET due_at = NOW(3) WHERE kind = 'ops.stuck'" || return 1
	sleep 1.1
	b=$(curl -s -w ' %{http_code}' "$ops_url/api/v1/health")
	echo "$b"
	ops_sql "DELETE FROM outbox WHERE kind = 'ops.stuck'"
	grep -q '"mail_queue":"ok".* 200$' <<<"$b"
}

if ! stack_up; then
	check "scripts/up with BURENHULP_DEMO=0 starts" false
	tail -n 30 "$OPS_RESULTS/ops-production-up.log" >&2
	ops_done
	exit 1
fi
check "BURENHULP_DEMO=0: no user, no demo post, the demo admin cannot log in" no_demo_users
check "BURENHULP_DEMO=0: scripts/up prints no demo password, and how to make the first admin" up_says_no_demo
check "burenhulpctl --version is configure.ac's version" ctl_version
check "burenhulpctl --help lists user add and backup; an unknown command exits 2" ctl_help
check "burenhulpctl user add makes the first admin: logs in, reads the audit log, sets a phone" first_admin
check "GET /health is 503 mail_queue stuck while queued mail is 20 minutes overdue, 200 when it is not" mail_queue_stuck

ops_done
