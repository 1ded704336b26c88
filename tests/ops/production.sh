#!/usr/bin/env bash
# tests/ops/production.sh — a stack made the production way, on its own
# port and state folder: no demo data (BURENHULP_DEMO=0), the first admin
# by `burenhulpctl user add`, MariaDB with the production settings of
# etc/mariadb/burenhulp.cnf, then the backup and restore round trip under
# write load (it destroys this stack's data folder). TAP on stdout; the
# figures of the round trip go to $BH_OPS_RESULTS/ops-backup.txt.

. "$(dirname "$0")/lib.sh"

PW_ADMIN='first admin passphrase 7'
ADMIN=first-admin@example.org
PHONE='+31 6 1234 5678'

stack_up() {
	ops_down >/dev/null 2>&1
	rm -rf "$OPS_VAR"
	BURENHULP_DEMO=0 BURENHULP_LOGIN_RATE=1000r/s BURENHULP_LOGIN_BURST=1000 \
		BURENHULP_MAIL_QUEUE_MAX_AGE_S=900 BURENHULP_MARIADB_CNF="$BH_REPO/etc/mariadb/burenhulp.cnf" \
		ops_up >"$OPS_RESULTS/ops-production-up.log" 2>&1
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
# Logs NAME in with the password and the TOTP code (oathtool, RFC 6238) of
# the step after now: the server accepts one step of drift either way, and
# the step of the confirmation may be spent already. Prints the CSRF token.
ops_login_totp() { # name, email, password, base32 secret
	local body code
	code=$(oathtool --totp -b -N 'now + 30 seconds' "$4") || return 1
	body=$(ops_curl "$1" -H 'Content-Type: application/json' \
		--data "{\"email\":\"$2\",\"password\":\"$3\",\"code\":\"$code\"}" "$ops_url/api/v1/session") || return 1
	sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$body" | grep .
}
first_admin() {
	local csrf body secret
	printf '%s\n' "$PW_ADMIN" | ops_ctl user add --email "$ADMIN" --name 'Eerste beheerder' \
		--role admin --password-stdin || return 1
	# The same address again is refused, and nothing changes.
	! printf '%s\n' "$PW_ADMIN" | ops_ctl user add --email "$ADMIN" --name Twee \
		--role admin --password-stdin || return 1
	[ "$(ops_sql 'SELECT COUNT(*) FROM users')" = 1 ] || return 1
	csrf=$(ops_login admin "$ADMIN" "$PW_ADMIN") || return 1
	# Staff work needs two-step login: until the admin enrols, 403
	# mfa_required. Enrolling asks for the password again; the first code
	# (oathtool, as an authenticator app computes it) confirms.
	ops_curl admin "$ops_url/api/v1/admin/audit" | grep -q '"code":"mfa_required"' || return 1
	body=$(ops_curl admin -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
		--data "{\"password\":\"$PW_ADMIN\"}" "$ops_url/api/v1/me/mfa/totp") || return 1
	secret=$(sed -n 's/.*"secret":"\([A-Z2-7]*\)".*/\1/p' <<<"$body")
	[ "${#secret}" = 32 ] || return 1
	(umask 077 && printf '%s\n' "$secret" >"$OPS_VAR/admin-totp")
	[ "$(ops_curl admin -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
		-H "X-CSRF-Token: $csrf" --data "{\"code\":\"$(oathtool --totp -b "$secret")\"}" \
		"$ops_url/api/v1/me/mfa/totp/confirm")" = 200 ] || return 1
	[ "$(ops_curl admin -o /dev/null -w '%{http_code}' "$ops_url/api/v1/admin/audit")" = 200 ] &&
	[ "$(ops_curl admin -o /dev/null -w '%{http_code}' -X PATCH -H 'Content-Type: application/json' \
		-H "X-CSRF-Token: $csrf" --data "{\"phone\":\"$PHONE\"}" "$ops_url/api/v1/me")" = 200 ] || return 1
	# From now on the password alone is not enough.
	[ "$(ops_curl admin3 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
		--data "{\"email\":\"$ADMIN\",\"password\":\"$PW_ADMIN\"}" "$ops_url/api/v1/session")" = 401 ]
}

# Mail queued and due 20 minutes ago, unsent: GET /health is 503 with
# mail_queue "stuck"; due just now, it is 200 again. The mailer (where
# there is one) is stopped first, as when it is down, or it would claim
# the mail; the restore below starts it again.
mail_queue_stuck() {
	local b
	bh_stop_pid "$OPS_VAR/run/mailer.pid" burenhulp-mailer 10
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

durable_settings() {
	local got
	got=$(ops_sql 'SELECT CONCAT_WS(",", @@innodb_flush_log_at_trx_commit, @@sync_binlog,
		@@log_bin, @@binlog_format, @@character_set_server, @@skip_networking)')
	echo "$got"
	[ "$got" = "1,1,ON,ROW,utf8mb4,ON" ]
}

# ---- backup and restore under write load --------------------------------------
# A resident posts help requests (a sealed phone in each) in a loop as fast
# as curl goes; each acknowledged id (201) is appended to acked.txt.
# `burenhulpctl backup` runs while that goes on. What was acknowledged
# before the backup began must all be there after the restore.
BK="$OPS_VAR-backup"
PW_RES='resident passphrase 9'
RES=resident@example.org
writer() { # runs until $OPS_VAR/stop-writer exists
	local csrf body n=0
	csrf=$(ops_login res "$RES" "$PW_RES") || return 1
	while [ ! -e "$OPS_VAR/stop-writer" ]; do
		n=$((n + 1))
		body=$(ops_curl res -w '\n%{http_code}' -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
			--data "{\"title\":\"Boodschappen $n\",\"description\":\"Hulp gevraagd $n\",\"category\":\"shopping\",\"postcode\":\"7811\",\"private\":{\"phone\":\"06-$n\"}}" \
			"$ops_url/api/v1/requests")
		if [ "$(tail -n 1 <<<"$body")" = 201 ]; then
			sed -n 's/^{"id":"\([^"]*\)".*/\1/p;s/^{.*"request":{"id":"\([^"]*\)".*/\1/p' <<<"$body" | head -n 1 >>"$OPS_VAR/acked.txt"
		else
			echo "$body" >>"$OPS_VAR/writer-errors.txt"
		fi
	done
}
backup_under_load() {
	local wpid t0 t1 i
	rm -rf "$BK" "$OPS_VAR/stop-writer"
	: >"$OPS_VAR/acked.txt"
	printf '%s\n' "$PW_RES" | ops_ctl user add --email "$RES" --name Bewoner \
		--role resident --postcode 7811 --password-stdin || return 1
	writer &
	wpid=$!
	# Some writes acknowledged first (however slow the machine is).
	for ((i = 0; i < 600; i++)); do
		[ "$(grep -c . "$OPS_VAR/acked.txt")" -ge 10 ] && break
		sleep 0.1
	done
	# Acknowledged before the backup began: the file as it is now.
	cp "$OPS_VAR/acked.txt" "$OPS_VAR/acked-before.txt"
	t0=$SECONDS
	ops_ctl backup "$BK" || { touch "$OPS_VAR/stop-writer"; wait "$wpid"; return 1; }
	t1=$SECONDS
	cp "$OPS_VAR/acked.txt" "$OPS_VAR/acked-by-end.txt"
	sleep 1
	touch "$OPS_VAR/stop-writer"
	wait "$wpid"
	{
		echo "requests acknowledged before the backup began: $(grep -c . "$OPS_VAR/acked-before.txt")"
		echo "acknowledged by its end: $(grep -c . "$OPS_VAR/acked-by-end.txt"), in all: $(grep -c . "$OPS_VAR/acked.txt")"
		echo "backup took $((t1 - t0))s; writer errors: $(grep -c . "$OPS_VAR/writer-errors.txt" 2>/dev/null || echo 0)"
	} | tee "$OPS_RESULTS/ops-backup.txt"
	[ "$(grep -c . "$OPS_VAR/acked-before.txt")" -ge 10 ] &&
	[ "$(grep -c . "$OPS_VAR/acked-by-end.txt")" -gt "$(grep -c . "$OPS_VAR/acked-before.txt")" ] &&
	[ -f "$BK/MANIFEST" ] && grep -q '^binlog mariadb-bin' "$BK/MANIFEST"
}
restore_refuses_a_running_server() {
	local out
	out=$(ops_ctl restore "$BK" 2>&1) && return 1
	echo "$out"
	grep -q 'still answers' <<<"$out" && grep -q 'stop' <<<"$out"
}
destroy_and_restore() {
	ops_down || return 1
	rm -rf "$OPS_VAR/mysql" "$OPS_VAR/binlog"
	mkdir "$OPS_VAR/mysql" || return 1
	ops_ctl restore "$BK" || return 1
	BURENHULP_DEMO=0 BURENHULP_LOGIN_RATE=1000r/s BURENHULP_LOGIN_BURST=1000 \
		BURENHULP_MARIADB_CNF="$BH_REPO/etc/mariadb/burenhulp.cnf" \
		ops_up >"$OPS_RESULTS/ops-production-up2.log" 2>&1
}
every_acknowledged_write_is_back() {
	local missing
	ops_sql 'SELECT id FROM requests' | sort >"$OPS_VAR/restored.txt"
	missing=$(sort "$OPS_VAR/acked-before.txt" | comm -23 - "$OPS_VAR/restored.txt" | grep -c .)
	echo "after the restore: $(grep -c . "$OPS_VAR/restored.txt") requests; of those acknowledged before the backup began, missing: $missing" |
		tee -a "$OPS_RESULTS/ops-backup.txt"
	[ "$missing" = 0 ] && [ -s "$OPS_VAR/acked-before.txt" ]
}
sealed_fields_open() {
	local id me req
	ops_login_totp admin2 "$ADMIN" "$PW_ADMIN" "$(cat "$OPS_VAR/admin-totp")" >/dev/null || return 1
	me=$(ops_curl admin2 "$ops_url/api/v1/me")
	grep -qF "\"phone\":\"$PHONE\"" <<<"$me" || return 1
	ops_login res2 "$RES" "$PW_RES" >/dev/null || return 1
	id=$(head -n 1 "$OPS_VAR/acked-before.txt")
	req=$(ops_curl res2 "$ops_url/api/v1/requests/$id")
	grep -q '"phone":"06-1"' <<<"$req"
}

# A new master key, then every sealed value resealed with it: nothing is
# left under the old key, and everything still opens. `rotate-key --reseal`
# once skipped the columns of migrations 062, 081 and 082 (the TOTP secret
# among them) and said nothing was left under the old key, so an operator
# who then retired it locked every staff member out. (Key 1 itself stays
# in the ring: the blind indexes are made with the lowest key, lib/crypto.c.)
# scripts/up restarts what reads the key ring when it changed.
stack_again() {
	BURENHULP_DEMO=0 BURENHULP_LOGIN_RATE=1000r/s BURENHULP_LOGIN_BURST=1000 \
		BURENHULP_MAIL_QUEUE_MAX_AGE_S=900 BURENHULP_MARIADB_CNF="$BH_REPO/etc/mariadb/burenhulp.cnf" \
		ops_up >>"$OPS_RESULTS/ops-production-up.log" 2>&1
}
resealed_with_a_new_key() {
	local out me ring="$OPS_VAR/etc/master.key"
	ops_ctl rotate-key >/dev/null || return 1
	[ "$(grep -c . "$ring")" = 2 ] || return 1
	stack_again || return 1
	out=$(ops_ctl rotate-key --reseal) || { echo "$out" >&2; return 1; }
	grep -q ' 0 could not be opened' <<<"$out" || return 1
	# The envelope's first byte is its key id: the admin's TOTP secret is
	# under key 2 now, none under key 1.
	[ "$(ops_sql "SELECT COUNT(*) FROM mfa_totp WHERE ASCII(secret_ct) = 1")" = 0 ] &&
	[ "$(ops_sql "SELECT COUNT(*) FROM mfa_totp WHERE ASCII(secret_ct) = 2")" = 1 ] || return 1
	# A code of a later step than any used so far (no replay).
	sleep $((31 - $(date +%s) % 30))
	ops_login_totp admin4 "$ADMIN" "$PW_ADMIN" "$(cat "$OPS_VAR/admin-totp")" >/dev/null || return 1
	me=$(ops_curl admin4 "$ops_url/api/v1/me")
	grep -qF "\"phone\":\"$PHONE\"" <<<"$me"
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
check "burenhulpctl user add makes the first admin: logs in, turns on two-step login (oathtool codes), reads the audit log, sets a phone" first_admin
check "GET /health is 503 mail_queue stuck while queued mail is 20 minutes overdue, 200 when it is not" mail_queue_stuck
check "MariaDB runs with etc/mariadb/burenhulp.cnf: flush and sync at commit, ROW binary log, utf8mb4, no network" durable_settings
check "burenhulpctl backup while a resident posts requests: done, writes went on, MANIFEST names the binlog position" backup_under_load
check "burenhulpctl restore refuses while MariaDB runs and says to stop it" restore_refuses_a_running_server
check "data folder destroyed, burenhulpctl restore into an empty one, the stack starts on it" destroy_and_restore
check "every request acknowledged before the backup began is there after the restore" every_acknowledged_write_is_back
check "sealed fields still open after the restore: the admin's phone in GET /me, a request's private phone" sealed_fields_open
check "rotate-key, then --reseal: the TOTP secret is under the new key, none under the old, and the first admin logs in with TOTP and sees her phone" resealed_with_a_new_key

ops_done
