#!/usr/bin/env bash
# tests/ops/tcp.sh — handlers on TCP behind nginx upstreams (issue 20,
# docs/scale-out.md): a handler with `listen = 127.0.0.2:PORT` answers
# FastCGI there and through the front config of scripts/nginx-cluster;
# a public address, `socket` and `listen` together, and a TCP address in
# `socket` are refused at start with a message that says why;
# listen_allow keeps other clients out. Then the upstream rules: a GET
# moves on from a dead host, a POST refused at connect does too (no
# handler saw it), but a write a handler took and died on is never sent
# to a second host: one 503 problem, one copy received (POST, PATCH,
# PUT, DELETE), while a GET is retried. TAP on stdout.
#
# Addresses: 127.0.0.2-7 (never 127.0.0.1, where the stacks' nginx and
# SMTP servers are) at OPS_PORT+1 .. OPS_PORT+6.

. "$(dirname "$0")/lib.sh"

P_LIVE=$((OPS_PORT + 1))	# requests handler on 127.0.0.2
P_DEAD=$((OPS_PORT + 2))	# nothing listens on 127.0.0.5
P_DROP=$((OPS_PORT + 3))	# two handlers that die mid-request, 127.0.0.3 and .4
P_ALLOW=$((OPS_PORT + 4))	# a handler with listen_allow = 127.0.0.9
P_FRONT1=$((OPS_PORT + 5))	# nginx: requests on dead + live
P_FRONT2=$((OPS_PORT + 6))	# nginx: requests on the two droppers
REQ_BIN="$BH_BUILD/handlers/requests/burenhulp-requests"
TOOL="$BH_REPO/tests/ops/fcgi_tool.py"
pids=()

cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for f in "$OPS_VAR"/front*/run/nginx.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	ops_down >/dev/null 2>&1
}
trap cleanup EXIT

ops_down >/dev/null 2>&1
rm -rf "$OPS_VAR"
BURENHULP_LOGIN_RATE=1000r/s BURENHULP_LOGIN_BURST=1000 ops_up >"$OPS_RESULTS/ops-tcp-up.log" 2>&1 ||
	{ echo "not ok 1 - the stack starts"; echo "1..1"; exit 1; }

# The stack's requests.conf without its unix socket and log file, plus $@.
tcp_conf() { # out, extra lines...
	local out=$1
	shift
	grep -v '^socket = \|^log_file = ' "$OPS_VAR/etc/requests.conf" >"$out"
	printf '%s\n' "$@" >>"$out"
}
# Starts the requests handler on CONF in the background, logging to LOG.
start_handler() { # conf, log
	"$REQ_BIN" -c "$1" >"$2" 2>&1 &
	pids+=($!)
}
wait_port() { # addr, port
	local i
	for i in $(seq 1 50); do
		(exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
# Runs the handler on CONF and expects it to refuse to start: exit status
# not 0 within 5 s, and MESSAGE in what it wrote.
refused() { # conf, message
	local rc
	timeout 5 "$REQ_BIN" -c "$1" >"$OPS_VAR/refused.log" 2>&1
	rc=$?
	cat "$OPS_VAR/refused.log"
	[ "$rc" != 0 ] && [ "$rc" != 124 ] && grep -q -- "$2" "$OPS_VAR/refused.log"
}

tcp_conf "$OPS_VAR/public.conf" "listen = 8.8.8.8:$P_LIVE"
check "a public listen address is refused at start, saying why" \
	refused "$OPS_VAR/public.conf" "not a private address.*listen_public = yes"
tcp_conf "$OPS_VAR/any.conf" "listen = 0.0.0.0:$P_LIVE"
check "0.0.0.0 (every interface) counts as public" \
	refused "$OPS_VAR/any.conf" "not a private address"
tcp_conf "$OPS_VAR/both.conf" "listen = 127.0.0.2:$P_LIVE" "socket = $OPS_VAR/run/x.sock"
check "socket and listen together are refused" refused "$OPS_VAR/both.conf" "choose one"
tcp_conf "$OPS_VAR/sock.conf" "socket = 127.0.0.2:$P_LIVE"
check "a TCP address in socket (libfcgi's own TCP) is refused" \
	refused "$OPS_VAR/sock.conf" "a TCP address goes in listen"
tcp_conf "$OPS_VAR/bad.conf" "listen = localhost:$P_LIVE"
check "a name instead of an address is refused" refused "$OPS_VAR/bad.conf" "is not ADDRESS:PORT"

tcp_conf "$OPS_VAR/live.conf" "listen = 127.0.0.2:$P_LIVE" "workers = 2"
start_handler "$OPS_VAR/live.conf" "$OPS_VAR/log/tcp-live.log"
tcp_conf "$OPS_VAR/allow.conf" "listen = 127.0.0.2:$P_ALLOW" "listen_allow = 127.0.0.9" "workers = 1"
start_handler "$OPS_VAR/allow.conf" "$OPS_VAR/log/tcp-allow.log"
check "the handler listens on 127.0.0.2:$P_LIVE" wait_port 127.0.0.2 "$P_LIVE"
check "it answers FastCGI over TCP (GET /api/v1/requests: 200)" \
	bash -c "[ \"\$(python3 '$TOOL' get 127.0.0.2:$P_LIVE /api/v1/requests)\" = 200 ]"
wait_port 127.0.0.2 "$P_ALLOW"
check "listen_allow = 127.0.0.9: a client from 127.0.0.1 is closed unanswered" \
	bash -c "[ \"\$(python3 '$TOOL' get 127.0.0.2:$P_ALLOW /api/v1/requests)\" = closed ]"

: >"$OPS_VAR/dropped"
python3 "$TOOL" drop "127.0.0.3:$P_DROP" "$OPS_VAR/dropped" &
pids+=($!)
python3 "$TOOL" drop "127.0.0.4:$P_DROP" "$OPS_VAR/dropped" &
pids+=($!)
wait_port 127.0.0.3 "$P_DROP"
wait_port 127.0.0.4 "$P_DROP"

# Two front nginx configs from the stack's own: requests over TCP, the
# other handlers on their unix sockets. The second counts no failures
# (max_fails=0), so every request finds both droppers in the upstream.
front() { # n, listen port, max_fails, requests addresses...
	local n=$1 port=$2 max_fails=$3 dir="$OPS_VAR/front$1" h
	shift 3
	mkdir -p "$dir/run" "$dir/log" "$dir/nginx/tmp"
	for h in accounts offers matches admin; do echo "$h unix:$OPS_VAR/run/$h.sock"; done >"$dir/hosts"
	echo "requests $*" >>"$dir/hosts"
	python3 "$BH_REPO/scripts/nginx-cluster" --hosts "$dir/hosts" --listen "127.0.0.$((5 + n)):$port" \
		--max-fails "$max_fails" \
		--var "$dir" "$OPS_VAR/nginx/nginx.conf" >"$dir/nginx.conf" &&
		nginx -p "$dir/nginx/" -e "$dir/log/nginx-error.log" -c "$dir/nginx.conf" </dev/null &&
		wait_port "127.0.0.$((5 + n))" "$port"
}
check "nginx-cluster's config starts (requests on 127.0.0.5 dead, 127.0.0.2 live)" \
	front 1 "$P_FRONT1" 1 "127.0.0.5:$P_DEAD" "127.0.0.2:$P_LIVE"
check "nginx-cluster's config starts (requests on two hosts that die mid-request)" \
	front 2 "$P_FRONT2" 0 "127.0.0.3:$P_DROP" "127.0.0.4:$P_DROP"
check "nginx-cluster's upstreams are least_conn with max_fails and fail_timeout" \
	bash -c "grep -A3 'upstream bh_requests' '$OPS_VAR/front1/nginx.conf' | grep -q least_conn &&
		grep -q 'server 127.0.0.5:$P_DEAD max_fails=1 fail_timeout=10s;' '$OPS_VAR/front1/nginx.conf'"

codes() { # url, n: the status of n GETs, one a line
	local i
	for i in $(seq 1 "$2"); do curl -s -o /dev/null -w '%{http_code}\n' "$1"; done
}
f1="http://127.0.0.6:$P_FRONT1"
f2="http://127.0.0.7:$P_FRONT2"
all_200() { [ "$(codes "$f1/api/v1/requests" 20 | sort | uniq -c | tee /dev/stderr)" = "     20 200" ]; }
check "every GET through the front is answered though one host is dead (20 x 200)" all_200
# A POST with no session: the handler's own 401/403 (not nginx's 503)
# shows it reached the live host; refused at connect, it was never sent.
post_reached() {
	local i code
	for i in $(seq 1 6); do
		code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
			--data '{}' "$f1/api/v1/requests")
		echo "$code"
		case $code in 401 | 403) ;; *) return 1 ;; esac
	done
}
check "a POST refused at connect by the dead host goes to the live one" post_reached

# The droppers: each took the request whole and closed. Count the copies.
sent() { # method, path, want copies
	local before after body
	before=$(wc -l <"$OPS_VAR/dropped")
	body=$(curl -s -D "$OPS_VAR/head" -X "$1" -H 'Content-Type: application/json' \
		--data '{"title":"x"}' "$f2$2")
	sleep 0.3
	after=$(wc -l <"$OPS_VAR/dropped")
	echo "$1 $2: $((after - before)) copies; $(head -n 1 "$OPS_VAR/head"); $body"
	grep -q '^HTTP/1.1 503' "$OPS_VAR/head" &&
		grep -qi '^content-type: application/problem+json' "$OPS_VAR/head" &&
		[ "$((after - before))" = "$3" ]
}
check "a POST a handler took and died on: one 503 problem, sent once" sent POST /api/v1/requests 1
check "a PATCH likewise: one 503 problem, sent once" sent PATCH /api/v1/requests/AAAAAAAAAAAAAAAAAAAAAA 1
check "a PUT likewise (nginx would resend it: the write location)" \
	sent PUT /api/v1/requests/AAAAAAAAAAAAAAAAAAAAAA/alert 1
check "a DELETE likewise" sent DELETE /api/v1/requests/AAAAAAAAAAAAAAAAAAAAAA 1
get_twice() {
	local before after
	before=$(wc -l <"$OPS_VAR/dropped")
	curl -s -D "$OPS_VAR/head" -o /dev/null "$f2/api/v1/requests"
	sleep 0.3
	after=$(wc -l <"$OPS_VAR/dropped")
	echo "GET: $((after - before)) copies; $(head -n 1 "$OPS_VAR/head")"
	grep -q '^HTTP/1.1 503' "$OPS_VAR/head" && [ "$((after - before))" = 2 ]
}
check "a GET is retried on the next host (two copies, then 503)" get_twice

ops_done
