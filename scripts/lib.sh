# scripts/lib.sh — shell functions shared by scripts/up, down, test and ctl.
#
# Sourced, never run. It settles the paths every script agrees on (the repo,
# the state folder $VAR, the build folder), installs missing Debian packages,
# builds, and starts or stops one process by its pid file. Nothing here looks
# processes up by name: a process is ours when its pid file says so and its
# command line is the program we expect.

set -euo pipefail

BH_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Relative paths given in the environment are taken from the caller's working
# directory; the defaults live inside the repo (both are in .gitignore).
bh_abspath() {
	case "$1" in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$PWD" "${1#./}" ;;
	esac
}

BH_PORT=${BURENHULP_PORT:-8080}
BH_VAR=$(bh_abspath "${BURENHULP_VAR:-$BH_REPO/var}")
BH_BUILD=$(bh_abspath "${BURENHULP_BUILD:-$BH_REPO/build}")
BH_HANDLERS="accounts requests offers matches admin"
# Programs on lib/ that are not FastCGI handlers (no socket, nothing routes
# to them): each has its own database user bh_NAME and etc/NAME.conf, and
# runs as build/NAME/burenhulp-NAME with a pid file like a handler.
BH_PROGRAMS="mailer"
# The local SMTP server of the stack (when BURENHULP_SMTP_URL is not set):
# every mail as one file in $BH_VAR/mail/new/.
BH_SMTP_PORT=${BURENHULP_SMTP_PORT:-$((BH_PORT + 25))}
BH_DB_NAME=burenhulp
# 1: scripts/up seeds the demo users and data (the dev stack); 0: it does not.
BH_DEMO=${BURENHULP_DEMO:-1}
case $BH_DEMO in 0 | 1) ;; *) echo "BURENHULP_DEMO must be 0 or 1" >&2; exit 2 ;; esac

# Debian packages the stack needs to build and run.
BH_PACKAGES_UP="mariadb-server mariadb-client nginx libfcgi-dev
	libmariadb-dev-compat libmariadb-dev libjson-c-dev libsodium-dev liboath-dev
	libcrack2-dev cracklib-runtime
	libqrencode-dev autoconf automake libtool pkg-config make gcc curl
	libcurl4-openssl-dev python3-aiosmtpd"

# What the production checks (tests/ops/) need besides: mariadb-backup for
# burenhulpctl backup, cgi-fcgi to speak FastCGI to an installed handler,
# systemd-analyze and systemd-socket-activate for the units, logrotate,
# what builds and checks the Debian package (Build-Depends), and oathtool
# (test-only), with which tests/ops/production.sh computes the TOTP codes
# of the first admin's enrolment.
BH_PACKAGES_OPS="mariadb-backup libfcgi-bin systemd logrotate openssl
	dpkg-dev debhelper lintian liboath-dev libcrack2-dev libqrencode-dev oathtool"

# What tests/cluster/run needs besides (issue 20; not in scripts/test): the
# Galera provider, and rsync for a state transfer a rejoin cannot do by IST.
BH_PACKAGES_CLUSTER="galera-4 rsync"

bh_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
bh_die() { bh_log "error: $*"; exit 1; }

bh_as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"
	elif command -v sudo >/dev/null 2>&1; then sudo "$@"
	else bh_die "need root to run: $*"
	fi
}

# Installs the packages among "$@" that dpkg does not know as installed.
# apt-get update runs at most once per script run.
BH_APT_UPDATED=0
bh_packages() {
	local missing="" p
	for p in "$@"; do
		dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	bh_log "installing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	if [ "$BH_APT_UPDATED" = 0 ]; then
		bh_as_root apt-get update -q </dev/null
		BH_APT_UPDATED=1
	fi
	# shellcheck disable=SC2086
	bh_as_root apt-get install -y -q --no-install-recommends $missing </dev/null
}

# autoreconf when configure is missing or older than its inputs; configure
# (VPATH, in $BH_BUILD) when the build folder is new or its sanitizer choice
# changed; then make. BURENHULP_SANITIZE=1 asks for ASan+UBSan.
bh_build() {
	local want_san="${BURENHULP_SANITIZE:-0}" have_san=""
	local f regen=0
	if [ ! -x "$BH_REPO/configure" ]; then
		regen=1
	else
		# (local.mk files need no autoreconf: make reruns automake itself.)
		for f in "$BH_REPO/configure.ac" "$BH_REPO/Makefile.am"; do
			[ -e "$f" ] && [ "$f" -nt "$BH_REPO/configure" ] && regen=1
		done
	fi
	if [ "$regen" = 1 ]; then
		bh_log "autoreconf -fi"
		(cd "$BH_REPO" && autoreconf -fi) || bh_die "autoreconf failed"
	fi
	mkdir -p "$BH_BUILD"
	[ -f "$BH_BUILD/.sanitize" ] && have_san=$(cat "$BH_BUILD/.sanitize")
	if [ ! -f "$BH_BUILD/Makefile" ] || [ "$have_san" != "$want_san" ] ||
	    [ "$BH_REPO/configure" -nt "$BH_BUILD/config.status" ]; then
		local args=""
		[ "$want_san" = 1 ] && args="--enable-sanitizers"
		bh_log "configure $args (in $BH_BUILD)"
		# shellcheck disable=SC2086
		(cd "$BH_BUILD" && "$BH_REPO/configure" -q $args) ||
			bh_die "configure failed (see $BH_BUILD/config.log)"
		echo "$want_san" >"$BH_BUILD/.sanitize"
	fi
	# BH_MAKE_KEEP_GOING=1 (scripts/test): build all that builds, so the
	# tests of the rest still run; the failure is still reported.
	local keep=""
	[ "${BH_MAKE_KEEP_GOING:-0}" = 1 ] && keep=-k
	bh_log "make -j2 $keep (in $BH_BUILD)"
	make -C "$BH_BUILD" -j2 -s $keep || bh_die "make failed"
}

# Environment for programs of a sanitizer build: reports go to files in the
# log folder, where scripts/test looks for them.
bh_sanitizer_env() {
	export ASAN_OPTIONS="log_path=$BH_VAR/log/asan:detect_leaks=1:abort_on_error=0"
	export UBSAN_OPTIONS="print_stacktrace=1:log_path=$BH_VAR/log/ubsan"
}

# pid from a pid file when that process runs and its command line holds
# $2 (the program's name); nothing otherwise.
bh_pid_alive() {
	local file=$1 prog=$2 pid
	[ -f "$file" ] || return 1
	pid=$(tr -dc 0-9 <"$file")
	[ -n "$pid" ] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$prog" || return 1
	printf '%s\n' "$pid"
}

# Sends SIGTERM to the process of a pid file (checked as above), waits up to
# $3 seconds, then SIGKILL. Removes the pid file.
bh_stop_pid() {
	local file=$1 prog=$2 wait_s=${3:-10} pid i
	if pid=$(bh_pid_alive "$file" "$prog"); then
		kill -TERM "$pid" 2>/dev/null || true
		for ((i = 0; i < wait_s * 10; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			bh_log "$prog ($pid) did not stop in ${wait_s}s: SIGKILL"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	rm -f "$file"
}

# The MariaDB client as the database's administrator: mariadb-install-db
# gives root and the installing OS user unix_socket login.
bh_mariadb_admin() {
	mariadb --no-defaults --socket="$BH_VAR/run/mysqld.sock" -u "$(id -un)" "$@"
}

# Prints the last lines of each named log that exists.
bh_tail_logs() {
	local f
	for f in "$@"; do
		[ -s "$f" ] || continue
		printf '\n==> %s <==\n' "$f" >&2
		tail -n 30 "$f" >&2
	done
}
