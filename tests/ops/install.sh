#!/usr/bin/env bash
# tests/ops/install.sh — `make install DESTDIR=…` and what it installed:
# the FHS layout, every systemd unit verified and sandboxed (exposure at
# most 2.0), logrotate's file, the TLS nginx site (same routes and headers
# as the dev one, served for real with a throwaway certificate), the
# installed burenhulpctl migrating a fresh database and an installed
# handler answering FastCGI under systemd-socket-activate; then socket
# activation under load: a rolling restart loses no request, a kill -9 is
# answered with problem+json (never nginx's HTML) and the handler is back
# on the next connection. TAP on stdout; figures in
# $BH_OPS_RESULTS/ops-activation.txt.

. "$(dirname "$0")/lib.sh"

ROOT="$OPS_VAR/root"
UNITS="$ROOT/usr/lib/systemd/system"
TLS_PORT=$((OPS_PORT + 100))
HTTP_PORT=$((OPS_PORT + 101))
INST_DB=burenhulp_install
sup_pid=""
tls_pid=""

cleanup() {
	[ -n "$sup_pid" ] && kill "$sup_pid" 2>/dev/null
	[ -f "$OPS_VAR/handler.pid" ] && kill "$(cat "$OPS_VAR/handler.pid")" 2>/dev/null
	[ -n "$tls_pid" ] && kill "$tls_pid" 2>/dev/null
	ops_down >/dev/null 2>&1
}
trap cleanup EXIT

# ---- the tree ------------------------------------------------------------------
installed() {
	ops_down >/dev/null 2>&1
	rm -rf "$OPS_VAR"
	mkdir -p "$OPS_VAR"
	make -C "$BH_BUILD" -s install DESTDIR="$ROOT" prefix=/usr sysconfdir=/etc \
		>"$OPS_RESULTS/ops-install-make.log" 2>&1
}
fhs_layout() {
	local f n
	for f in usr/sbin/burenhulpctl etc/logrotate.d/burenhulp usr/lib/sysusers.d/burenhulp.conf \
		etc/burenhulp/ctl.conf.sample usr/share/burenhulp/nginx/burenhulp.conf \
		usr/share/burenhulp/mariadb/burenhulp.cnf usr/share/burenhulp/web/index.html \
		usr/share/burenhulp/web/404.html usr/share/burenhulp/doc/openapi.yaml \
		usr/share/burenhulp/sql/migrations/001_foundation.sql usr/share/burenhulp/data/pc4-nl.csv \
		usr/lib/systemd/system/burenhulp-purge.timer usr/lib/systemd/system/burenhulp-mailer.service; do
		[ -e "$ROOT/$f" ] || { echo "missing: $f"; return 1; }
	done
	# Docs stay out of the web root (issue 15.12).
	[ -z "$(find "$ROOT/usr/share/burenhulp/web" -name '*.md')" ] || { echo "docs in the web root"; return 1; }
	for n in $BH_HANDLERS; do
		[ -x "$ROOT/usr/libexec/burenhulp/burenhulp-$n" ] &&
		[ -f "$UNITS/burenhulp-$n.service" ] && [ -f "$UNITS/burenhulp-$n.socket" ] &&
		[ -f "$ROOT/etc/burenhulp/$n.conf.sample" ] || { echo "missing: $n"; return 1; }
	done
	# The mailer, where the tree has one, beside the handlers (its unit
	# starts it from there).
	[ ! -d "$BH_REPO/mailer" ] || [ -x "$ROOT/usr/libexec/burenhulp/burenhulp-mailer" ] ||
		{ echo "missing: usr/libexec/burenhulp/burenhulp-mailer"; return 1; }
	# Nothing in bin, no real config (those hold passwords), no key.
	[ ! -e "$ROOT/usr/bin" ] && ! ls "$ROOT"/etc/burenhulp/*.conf >/dev/null 2>&1 &&
	! ls "$ROOT"/etc/burenhulp/*.key >/dev/null 2>&1 &&
	"$ROOT/usr/sbin/burenhulpctl" --version | grep -q '^burenhulpctl (Burenhulp) '
}

# ---- units ------------------------------------------------------------------------
# systemd-analyze verify wants the programs at their ExecStart paths: it
# checks a copy whose ExecStart points into the tree (the paths themselves
# are checked to exist there). The mailer is checked against a stand-in
# when this branch has none.
units_verify() {
	local d="$OPS_VAR/verify" f prog
	rm -rf "$d"; mkdir -p "$d"
	for f in "$UNITS"/burenhulp-*; do
		prog=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$f")
		if [ -n "$prog" ] && [ ! -x "$ROOT$prog" ]; then
			if [ "$(basename "$f")" = burenhulp-mailer.service ]; then
				echo "mailer not built here: its ExecStart is checked against /bin/true"
				sed 's|^ExecStart=[^ ]*|ExecStart=/bin/true|' "$f" >"$d/$(basename "$f")"
				continue
			fi
			echo "$f: $prog is not in the tree"
			return 1
		fi
		sed "s|^ExecStart=/|ExecStart=$ROOT/|" "$f" >"$d/$(basename "$f")"
	done
	(cd "$d" && systemd-analyze verify ./burenhulp-*)
}
units_exposure() {
	local f e worst=0 bad=0
	: >"$OPS_RESULTS/ops-units-exposure.txt"
	for f in "$UNITS"/burenhulp-*.service; do
		e=$(systemd-analyze security --offline=yes --no-pager "$f" 2>/dev/null |
			sed -n 's/^→ Overall exposure level for [^:]*: \([0-9.]*\) .*/\1/p')
		echo "$(basename "$f") $e" | tee -a "$OPS_RESULTS/ops-units-exposure.txt"
		[ -n "$e" ] || return 1
		awk -v e="$e" 'BEGIN { exit !(e <= 2.0) }' || bad=1
	done
	[ "$bad" = 0 ]
}
units_shape() {
	local n s u
	for n in $BH_HANDLERS; do
		s="$UNITS/burenhulp-$n.socket"; u="$UNITS/burenhulp-$n.service"
		grep -qx "ListenStream=/run/burenhulp/$n.sock" "$s" && grep -qx 'SocketMode=0660' "$s" &&
		grep -qx 'SocketGroup=www-data' "$s" &&
		grep -qx 'StandardInput=socket' "$u" && grep -qx "User=burenhulp-$n" "$u" &&
		grep -qx 'Restart=on-failure' "$u" && grep -qx 'ProtectSystem=strict' "$u" &&
		grep -qx 'CapabilityBoundingSet=' "$u" && grep -qx 'RestrictAddressFamilies=AF_UNIX' "$u" &&
		grep -qx 'SystemCallFilter=@system-service' "$u" &&
		! grep -q '^socket *=' "$ROOT/etc/burenhulp/$n.conf.sample" || { echo "$n"; return 1; }
	done
	# Only the handlers that open sealed fields are in the group of master.key.
	! grep -q '^SupplementaryGroups=.*burenhulp-sealed' "$UNITS/burenhulp-offers.service" &&
	grep -qx 'SupplementaryGroups=burenhulp burenhulp-sealed' "$UNITS/burenhulp-accounts.service" &&
	grep -qx 'SupplementaryGroups=burenhulp burenhulp-sealed www-data' "$UNITS/burenhulp-admin.service" &&
	grep -q 'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6' "$UNITS/burenhulp-mailer.service" &&
	grep -q 'OnCalendar=' "$UNITS/burenhulp-purge.timer" &&
	grep -q 'burenhulpctl -c /etc/burenhulp/ctl.conf purge' "$UNITS/burenhulp-purge.service" &&
	grep -q 'burenhulpctl -c /etc/burenhulp/ctl.conf audit-export --follow' "$UNITS/burenhulp-audit-export.service"
}
logrotate_file() {
	local out	# (not piped into grep -q: with pipefail, SIGPIPE would fail it)
	out=$(logrotate -d -s "$OPS_VAR/logrotate.status" "$ROOT/etc/logrotate.d/burenhulp" 2>&1) || return 1
	grep -q 'rotating pattern: /var/log/burenhulp/\*.log' <<<"$out"
}

# ---- nginx over TLS ------------------------------------------------------------------
# Same locations (in the same order) and the same security headers as the
# dev template (scripts/dist-files copies them in at install time).
tls_site_matches_dev() {
	local site="$ROOT/usr/share/burenhulp/nginx/burenhulp.conf"
	diff <(grep -E '^ +location ' "$BH_REPO/nginx/burenhulp.conf.in" | sed 's/^ *//') \
		<(sed -n '/listen 443/,$p' "$site" | grep -E '^ +location ' | sed 's/^ *//') &&
	diff <(grep -o 'add_header [A-Z][^ ]*' "$BH_REPO/nginx/burenhulp.conf.in" | grep -v Strict-Transport | sort -u) \
		<(grep -o 'add_header [A-Z][^ ]*' "$site" | grep -v Strict-Transport | sort -u) &&
	grep -q 'ssl_protocols TLSv1.2 TLSv1.3;' "$site" && grep -q 'ssl_stapling on;' "$site" &&
	grep -q '/etc/letsencrypt/live/burenhulp.example.org/fullchain.pem' "$site" &&
	grep -q 'return 301 https://' "$site"
}
# The installed site, run by a second nginx on this stack's sockets, with a
# self-signed certificate on high ports: https has HSTS and the API, http
# redirects to https.
tls_site_serves() {
	local d="$OPS_VAR/tls" h
	mkdir -p "$d/tmp"
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=burenhulp.example.org \
		-keyout "$d/privkey.pem" -out "$d/fullchain.pem" 2>/dev/null || return 1
	cp "$d/fullchain.pem" "$d/chain.pem"
	sed -e "s|/etc/letsencrypt/live/burenhulp.example.org|$d|" \
		-e "s|/run/burenhulp/|$OPS_VAR/run/|" \
		-e "s|listen 443 ssl http2;|listen 127.0.0.1:$TLS_PORT ssl http2;|; /listen \[::\]/d" \
		-e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|" \
		-e "s|/var/log/nginx/|$d/|" \
		-e "s|root /usr/share/burenhulp/web;|root $ROOT/usr/share/burenhulp/web;|" \
		"$ROOT/usr/share/burenhulp/nginx/burenhulp.conf" >"$d/site.conf"
	cat >"$d/nginx.conf" <<EOF
$( [ "$(id -u)" = 0 ] && echo 'user root root;' )
worker_processes 1;
pid $d/nginx.pid;
error_log $d/error.log warn;
daemon off;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    client_body_temp_path $d/tmp/body; fastcgi_temp_path $d/tmp/fcgi;
    proxy_temp_path $d/tmp/proxy; uwsgi_temp_path $d/tmp/uwsgi; scgi_temp_path $d/tmp/scgi;
    include $d/site.conf;
}
EOF
	nginx -p "$d" -c "$d/nginx.conf" -e "$d/error.log" -t || return 1
	nginx -p "$d" -c "$d/nginx.conf" -e "$d/error.log" </dev/null >/dev/null 2>&1 &
	tls_pid=$!
	for ((i = 0; i < 50; i++)); do
		curl -sk -o /dev/null "https://127.0.0.1:$TLS_PORT/" && break
		sleep 0.1
	done
	h=$(curl -sk -D - -o /dev/null "https://127.0.0.1:$TLS_PORT/api/v1/health")
	echo "$h"
	grep -q '^HTTP/2 200' <<<"$h" &&
	grep -qi '^strict-transport-security: max-age=63072000; includeSubDomains' <<<"$h" &&
	grep -qi "^content-security-policy: default-src 'self'" <<<"$h" &&
	# The API's document and the site's own 404 page (issue 15.12, 15.13).
	[ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$TLS_PORT/api/v1/openapi.yaml")" = 200 ] &&
	curl -sk "https://127.0.0.1:$TLS_PORT/bestaat-niet" | grep -q 'class="site-header"' &&
	# TLS 1.1 is refused; 1.2 is served.
	! curl -sk --tlsv1.1 --tls-max 1.1 -o /dev/null "https://127.0.0.1:$TLS_PORT/" &&
	curl -sk --tlsv1.2 --tls-max 1.2 -o /dev/null "https://127.0.0.1:$TLS_PORT/" &&
	[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$HTTP_PORT/me?x=1")" = \
		"301 https://127.0.0.1/me?x=1" ]
}

# ---- installed programs against a fresh database --------------------------------------
pw_of() { awk -v u="$1" '$1 == u { print $2 }' "$OPS_VAR/etc/db-passwords"; }
inst_conf() { # name: a config for the installed program, database burenhulp_install
	cat <<EOF
db_socket = $OPS_VAR/run/mysqld.sock
db_name = $INST_DB
db_user = bh_$1
db_password = $(pw_of "bh_$1")
session_key = $OPS_VAR/etc/session.key
master_key = $OPS_VAR/etc/master.key
sql_dir = $ROOT/usr/share/burenhulp/sql
words_dir = $ROOT/usr/share/burenhulp/data
workers = 2
cookie_secure = true
EOF
}
installed_ctl_migrates() {
	local want have
	ops_sql "CREATE DATABASE $INST_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		GRANT ALL PRIVILEGES ON $INST_DB.* TO 'bh_ctl'@'localhost' WITH GRANT OPTION;" || return 1
	(umask 077; inst_conf ctl >"$OPS_VAR/inst-ctl.conf"; inst_conf admin >"$OPS_VAR/inst-admin.conf")
	"$ROOT/usr/sbin/burenhulpctl" -c "$OPS_VAR/inst-ctl.conf" migrate || return 1
	"$ROOT/usr/sbin/burenhulpctl" -c "$OPS_VAR/inst-ctl.conf" import-postcodes \
		"$ROOT/usr/share/burenhulp/data/pc4-nl.csv" || return 1
	want=$(ls "$ROOT"/usr/share/burenhulp/sql/migrations/*.sql | wc -l)
	have=$(ops_sql "SELECT COUNT(*) FROM $INST_DB.schema_migrations")
	echo "migrations: $have of $want"
	[ "$want" -gt 0 ] && [ "$have" = "$want" ] &&
	[ "$(ops_sql "SELECT COUNT(*) FROM $INST_DB.postcodes")" -gt 4000 ]
}
# GET PATH as FastCGI on socket $1 (cgi-fcgi, as nginx would ask).
fcgi_get() {
	env -i REQUEST_METHOD=GET REQUEST_URI="$2" DOCUMENT_URI="$2" REMOTE_ADDR=127.0.0.1 \
		SERVER_PROTOCOL=HTTP/1.1 cgi-fcgi -bind -connect "$1"
}
# The supervisor of a socket-activated handler, as systemd is one: it holds
# the listening socket (fd 3 from systemd-socket-activate) and starts the
# handler on it as fd 0 again whenever it exits (Restart=). Its pid file
# names the running handler.
start_activated() { # socket, config
	local sock=$1 conf=$2 bin="$ROOT/usr/libexec/burenhulp/burenhulp-admin"
	rm -f "$sock" "$OPS_VAR/handler.pid"
	ASAN_OPTIONS="log_path=$OPS_VAR/log/asan:detect_leaks=1" UBSAN_OPTIONS="log_path=$OPS_VAR/log/ubsan" \
	systemd-socket-activate -l "$sock" bash -c '
		while :; do
			"$0" -c "$1" <&3 3<&- 2>>"$2" &
			echo $! >"$3"
			wait $!
			sleep 0.2	# RestartSec
		done' "$bin" "$conf" "$OPS_VAR/log/activated.log" "$OPS_VAR/handler.pid" \
		>>"$OPS_VAR/log/activated.log" 2>&1 &
	sup_pid=$!
	for ((i = 0; i < 50; i++)); do [ -S "$sock" ] && return 0; sleep 0.1; done
	return 1
}
installed_handler_answers() {
	local out
	start_activated "$OPS_VAR/inst-admin.sock" "$OPS_VAR/inst-admin.conf" || return 1
	# Nothing runs until the first connection.
	[ ! -f "$OPS_VAR/handler.pid" ] || return 1
	out=$(fcgi_get "$OPS_VAR/inst-admin.sock" /api/v1/categories)
	echo "$out" | head -n 3
	grep -q '^Status: 200' <<<"$out" && grep -q '"id":"shopping"' <<<"$out" &&
	[ -f "$OPS_VAR/handler.pid" ] &&
	fcgi_get "$OPS_VAR/inst-admin.sock" /api/v1/health | grep -q '"database":"ok"'
}
# Behind https (cookie_secure = true, as the installed samples say) the
# session cookie is __Host-bh_session: Secure, Path=/, no Domain; the
# handlers read that name and not the dev stack's bh_session.
fcgi_post() { # socket, path, body
	printf '%s' "$3" | env -i REQUEST_METHOD=POST REQUEST_URI="$2" DOCUMENT_URI="$2" \
		CONTENT_TYPE=application/json CONTENT_LENGTH=${#3} REMOTE_ADDR=127.0.0.1 \
		SERVER_PROTOCOL=HTTP/1.1 HTTPS=on cgi-fcgi -bind -connect "$1"
}
host_cookie_behind_https() {
	local sock="$OPS_VAR/inst-accounts.sock" out set token pid rc=1
	{ inst_conf accounts; echo "socket = $sock"; } >"$OPS_VAR/inst-accounts.conf"
	printf '%s\n' 'cookie passphrase 42' | "$ROOT/usr/sbin/burenhulpctl" -c "$OPS_VAR/inst-ctl.conf" \
		user add --email cookie@example.org --name Koekje --role resident --postcode 7811 \
		--password-stdin || return 1
	ASAN_OPTIONS="log_path=$OPS_VAR/log/asan:detect_leaks=1" \
		"$ROOT/usr/libexec/burenhulp/burenhulp-accounts" -c "$OPS_VAR/inst-accounts.conf" \
		</dev/null >/dev/null 2>>"$OPS_VAR/log/inst-accounts.log" &
	pid=$!
	for ((i = 0; i < 50; i++)); do [ -S "$sock" ] && break; sleep 0.1; done
	out=$(fcgi_post "$sock" /api/v1/session '{"email":"cookie@example.org","password":"cookie passphrase 42"}')
	set=$(grep -i '^Set-Cookie:' <<<"$out" | tr -d '\r')
	echo "$set" | sed 's/=[A-Za-z0-9_-]\{20,\}/=(token)/'
	token=$(sed -n 's/^Set-Cookie: __Host-bh_session=\([^;]*\);.*/\1/p' <<<"$set")
	if [ -n "$token" ] && grep -q '; Secure' <<<"$set" && grep -q 'Path=/;' <<<"$set" &&
	    ! grep -qi 'domain=' <<<"$set" &&
	    env -i REQUEST_METHOD=GET REQUEST_URI=/api/v1/session DOCUMENT_URI=/api/v1/session \
		HTTP_COOKIE="__Host-bh_session=$token" cgi-fcgi -bind -connect "$sock" | grep -q '^Status: 200' &&
	    ! env -i REQUEST_METHOD=GET REQUEST_URI=/api/v1/session DOCUMENT_URI=/api/v1/session \
		HTTP_COOKIE="bh_session=$token" cgi-fcgi -bind -connect "$sock" | grep -q '^Status: 200'; then
		rc=0
	fi
	kill "$pid"; wait "$pid"
	return "$rc"
}
# kill -9 the handler: the supervisor (systemd) starts a new one and the
# next connection is served by it.
killed_handler_comes_back() {
	local old new out
	old=$(cat "$OPS_VAR/handler.pid") || return 1
	kill -KILL "$old" || return 1
	out=$(fcgi_get "$OPS_VAR/inst-admin.sock" /api/v1/categories)
	new=$(cat "$OPS_VAR/handler.pid")
	echo "old $old new $new"
	grep -q '^Status: 200' <<<"$out" && [ "$new" != "$old" ]
}
stop_activated() {
	kill "$sup_pid" 2>/dev/null; wait "$sup_pid" 2>/dev/null
	kill "$(cat "$OPS_VAR/handler.pid")" 2>/dev/null
	sup_pid=""
	sleep 0.5
}

# ---- under load, through nginx ----------------------------------------------------------
# The stack's own admin handler gives way to the installed one, socket-
# activated on the same path nginx knows; two clients ask GET /categories
# in a loop and write "status content-type" per answer.
load() { # seconds, out file
	local end=$((SECONDS + $1)) c pids=""
	for c in 1 2; do
		( while [ "$SECONDS" -lt "$end" ]; do
			curl -s -o /dev/null -w '%{http_code} %{content_type}\n' "$ops_url/api/v1/categories"
		  done >"$2.$c" ) &
		pids="$pids $!"
	done
	# (Not a bare wait: the supervisor runs in the background too.)
	wait $pids
	cat "$2".1 "$2".2 >"$2"
}
tally() { # file: "N answers, N 200, N problem+json 503, N HTML"
	printf '%d answers, %d 200, %d problem+json 503, %d HTML, %d other' \
		"$(grep -c . "$1")" "$(grep -c '^200 ' "$1")" \
		"$(grep -c '^503 application/problem+json' "$1")" "$(grep -ci 'text/html' "$1")" \
		"$(grep -vc '^200 \|^503 application/problem+json' "$1")"
}
activated_behind_nginx() {
	grep -v '^socket = \|^log_file = ' "$OPS_VAR/etc/admin.conf" >"$OPS_VAR/act-admin.conf"
	bh_stop_pid "$OPS_VAR/run/admin.pid" burenhulp-admin 10
	start_activated "$OPS_VAR/run/admin.sock" "$OPS_VAR/act-admin.conf" &&
	status_code=$(curl -s -o /dev/null -w '%{http_code}' "$ops_url/api/v1/categories") &&
	[ "$status_code" = 200 ]
}
rolling_restart_loses_nothing() {
	local r k started
	started=$(grep -c 'listening with' "$OPS_VAR/log/activated.log")
	( sleep 1; for r in 1 2 3; do kill -TERM "$(cat "$OPS_VAR/handler.pid")"; sleep 1; done ) &
	k=$!
	load 5 "$OPS_VAR/load-term.txt"
	wait "$k"
	r=$(tally "$OPS_VAR/load-term.txt")
	started=$(( $(grep -c 'listening with' "$OPS_VAR/log/activated.log") - started ))
	echo "rolling restart (3 x SIGTERM in 5 s, $started new handler processes): $r" |
		tee -a "$OPS_RESULTS/ops-activation.txt"
	[ "$started" -ge 3 ] && [ "$(grep -c '^200 ' "$OPS_VAR/load-term.txt")" -gt 10 ] &&
	[ "$(grep -vc '^200 ' "$OPS_VAR/load-term.txt")" = 0 ]
}
kill9_under_load_is_problem_json() {
	local r tail_ok k
	( sleep 1; kill -KILL "$(cat "$OPS_VAR/handler.pid")" ) &
	k=$!
	load 4 "$OPS_VAR/load-kill.txt"
	wait "$k"
	r=$(tally "$OPS_VAR/load-kill.txt")
	echo "kill -9 under load (4 s): $r" | tee -a "$OPS_RESULTS/ops-activation.txt"
	# The last answers of each client, well after the kill, are 200 again.
	tail_ok=$(tail -n 5 "$OPS_VAR/load-kill.txt.1" "$OPS_VAR/load-kill.txt.2" | grep -c '^200 ')
	[ "$(grep -ci 'text/html' "$OPS_VAR/load-kill.txt")" = 0 ] &&
	[ "$(grep -vc '^200 \|^503 application/problem+json' "$OPS_VAR/load-kill.txt")" = 0 ] &&
	[ "$tail_ok" = 10 ]
}

check "make install DESTDIR=... prefix=/usr sysconfdir=/etc" installed
check "installed in FHS places: sbin, libexec/burenhulp, share/burenhulp, units, sysusers, samples; no secrets" fhs_layout
check "systemd-analyze verify accepts every unit" units_verify
check "systemd-analyze security --offline: every service's exposure is at most 2.0" units_exposure
check "units: sockets 0660 www-data in /run/burenhulp, services on fd 0 as their own user, sandboxed, restarted" units_shape
check "logrotate accepts the installed file" logrotate_file
check "the TLS site has the dev template's locations and headers, TLS 1.2+, OCSP stapling, certbot paths" tls_site_matches_dev
if BURENHULP_DEMO=0 BURENHULP_LOGIN_RATE=1000r/s BURENHULP_LOGIN_BURST=1000 ops_up \
	>"$OPS_RESULTS/ops-install-up.log" 2>&1; then
	: >"$OPS_RESULTS/ops-activation.txt"
	check "the installed TLS site served by nginx: HSTS, API over https, no TLS 1.1, http redirects" tls_site_serves
	check "the installed burenhulpctl migrates a fresh database and imports the installed postcodes" installed_ctl_migrates
	check "an installed handler, socket-activated, starts on the first FastCGI request and answers" installed_handler_answers
	check "kill -9 of a socket-activated handler: the next request is served by a new one" killed_handler_comes_back
	check "cookie_secure = true: the session cookie is __Host-bh_session (Secure, Path=/, no Domain), read by that name only" host_cookie_behind_https
	stop_activated
	check "socket-activated admin handler behind the stack's nginx" activated_behind_nginx
	check "rolling restart under load (SIGTERM x3): no request fails" rolling_restart_loses_nothing
	check "kill -9 under load: every failure is problem+json 503, none HTML, then served again" kill9_under_load_is_problem_json
	stop_activated
else
	check "scripts/up for the install checks" false
fi
ops_done
