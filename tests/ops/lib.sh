# tests/ops/lib.sh — what the tests/ops/*.sh scripts share. Sourced.
#
# Each script checks one production path (install, units, backup, ...) on
# a stack or tree of its own, never the shared test stack, so it may
# destroy what it made. It prints TAP ("ok N - what" / "not ok N - what",
# then "1..N"); scripts/test counts the lines. Run one alone with e.g.
#   BURENHULP_BUILD=build/test tests/ops/production.sh
#
# Env (scripts/test sets them): BURENHULP_BUILD (the build to test),
# BH_OPS_PORT (a port of its own), BH_OPS_VAR (a folder it may wipe),
# BH_OPS_RESULTS (where logs go).

. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
set +e
set -o pipefail

OPS_PORT=${BH_OPS_PORT:-18390}
OPS_VAR=$(bh_abspath "${BH_OPS_VAR:-$BH_REPO/var-ops}")
OPS_RESULTS=$(bh_abspath "${BH_OPS_RESULTS:-$BH_REPO/tests/results}")
mkdir -p "$OPS_RESULTS"

ops_n=0
ops_failed=0
# check DESCRIPTION COMMAND...: one TAP line; the command's output goes to
# $OPS_RESULTS/ops-detail.log so a failure can be read afterwards.
check() {
	local what=$1
	shift
	ops_n=$((ops_n + 1))
	printf '\n## %s\n' "$what" >>"$OPS_RESULTS/ops-detail.log"
	if "$@" >>"$OPS_RESULTS/ops-detail.log" 2>&1; then
		echo "ok $ops_n - $what"
	else
		ops_failed=$((ops_failed + 1))
		echo "not ok $ops_n - $what"
	fi
}
ops_done() { echo "1..$ops_n"; }

# Runs scripts/up / down / ctl for the stack at $OPS_VAR on $OPS_PORT.
ops_env() {
	BURENHULP_PORT=$OPS_PORT BURENHULP_VAR=$OPS_VAR BURENHULP_BUILD=$BH_BUILD "$@"
}
ops_up() { ops_env bash "$BH_REPO/scripts/up" --no-build "$@"; }
ops_down() { ops_env bash "$BH_REPO/scripts/down"; }
ops_ctl() { ops_env bash "$BH_REPO/scripts/ctl" "$@"; }
ops_sql() { # SQL as the database's administrator, on the stack's MariaDB
	mariadb --no-defaults --socket="$OPS_VAR/run/mysqld.sock" -u "$(id -un)" \
		-N -B "$BH_DB_NAME" -e "$1"
}
ops_url="http://127.0.0.1:$OPS_PORT"

# A curl session: a cookie jar per name in $OPS_VAR/jar-NAME.
ops_curl() { # name, curl args...
	local jar="$OPS_VAR/jar-$1"
	shift
	curl -s -b "$jar" -c "$jar" "$@"
}
# Logs NAME in as E-MAIL/PASSWORD; prints the CSRF token.
ops_login() { # name, email, password
	local body
	body=$(ops_curl "$1" -H 'Content-Type: application/json' \
		--data "{\"email\":\"$2\",\"password\":\"$3\"}" "$ops_url/api/v1/session") || return 1
	sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$body" | grep .
}
