#!/bin/sh
# tests/fuzz/build.sh — builds the libFuzzer targets and gives each a short,
# bounded run, so scripts/test can call it on every run.
#
#   tests/fuzz/build.sh [--build-only | --long] [OUTDIR]
#
# Every parser of outside input has a target here, and each feeds the entry
# point the server uses (fuzz_http sets a CGI environment and a body stream
# and calls http_read, as kcgi's afl/ harnesses do). OUTDIR defaults to
# $BURENHULP_BUILD/fuzz (or build/fuzz in the repo). The sources are compiled
# with clang into OUTDIR (never into the autotools build dir), with
# AddressSanitizer and UndefinedBehaviorSanitizer, as archives per part (lib,
# each handler without its main.c, the mailer's MIME code); an object is
# rebuilt only when its source or a header is newer. Targets that need a
# file's static functions #include that .c file (copy-free), the rest link.
#
# Each target runs FUZZ_SECONDS (default 4) of inputs, or FUZZ_RUNS inputs
# when that is set, from a small seed corpus that this script writes; the
# corpus grows in OUTDIR/corpus between runs. With 18 targets the default
# run takes about 90 s on two cores, which is what CI spends. The nightly
# length is --long: 600 s per target (FUZZ_SECONDS overrides it too):
#
#   tests/fuzz/build.sh --long build/fuzz-long
#
# Building from nothing costs about 45 s of CPU (lib, the five handlers,
# the mailer's MIME; then 18 links). The targets' own output is thrown away
# (-close_fd_mask=3: config and key errors would fill the log); libFuzzer
# keeps its crash report, with the failed assert's line in the stack.
# FUZZ_TARGETS="fuzz_http fuzz_route" builds and runs only those.
# Crashes are left as OUTDIR/crash-* files (rerun one with
# OUTDIR/fuzz_x OUTDIR/crash-...). Exits non-zero when a target fails to
# build or finds a bug; the last line reads "fuzz: N passed, N failed".
#
# Needs clang and libFuzzer (Debian: clang, libclang-rt-14-dev), plus the
# -dev packages the project builds with anyway (liboath-dev and libqrencode-dev
# for MFA, libcrack2-dev and cracklib-runtime's dictionary for fuzz_passwords).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mode=run
case ${1:-} in
--build-only) mode=build; shift ;;
--long) mode=long; shift ;;
esac
out=${1:-${BURENHULP_BUILD:-$top/build}/fuzz}
mkdir -p "$out"
out=$(cd "$out" && pwd)
if [ "$mode" = long ]; then
	seconds=${FUZZ_SECONDS:-600}
else
	seconds=${FUZZ_SECONDS:-4}
fi
jobs=${FUZZ_JOBS:-2}

# target: what it links besides lib (archives below)
targets="fuzz_valid:admin fuzz_json: fuzz_cursor:matches,admin
fuzz_cursor_requests:requests fuzz_cursor_offers:offers
fuzz_cursor_organisations:admin fuzz_cursor_accounts:accounts fuzz_http: fuzz_route:accounts
fuzz_search: fuzz_config: fuzz_crypto: fuzz_postcode_area: fuzz_mime:mailer
fuzz_totp:accounts fuzz_csv: fuzz_sqlfile: fuzz_stats:admin fuzz_words:
fuzz_passwords: fuzz_hsds:"

CC=${FUZZ_CC:-clang}
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2
	exit 1
fi

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# lib/ first: json-c's include directory has a json.h of its own.
CFLAGS="-I$top/lib -I$top -std=gnu11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror \
-Wno-unused-parameter $SAN $(pkg-config --cflags json-c libsodium liboath libqrencode) \
$(pkg-config --cflags libmariadb 2>/dev/null || mysql_config --cflags)"
LIBS="-lfcgi $(pkg-config --libs json-c libsodium liboath libqrencode) \
$(pkg-config --libs libmariadb 2>/dev/null || mysql_config --libs) -lcrack -pthread -lm"
export CC CFLAGS

# archive NAME SOURCES...: compiles the sources (in parallel, only those
# older than their object or than the newest header) into OUTDIR/libNAME.a.
newest_h=$(ls -t "$top"/lib/*.h "$top"/handlers/*/*.h "$top"/mailer/*.h \
    "$top"/ctl/*.h | head -n 1)
archive() {
	name=$1
	shift
	objs=""
	mkdir -p "$out/obj/$name"
	for src in "$@"; do
		# Named by their path: offers/render.c and requests/render.c
		# both go into accounts.
		rel=${src#"$top"/}
		objs="$objs $out/obj/$name/$(echo "${rel%.c}" | tr / _).o"
	done
	stale=$(for src in "$@"; do
		rel=${src#"$top"/}
		obj="$out/obj/$name/$(echo "${rel%.c}" | tr / _).o"
		if [ ! "$obj" -nt "$src" ] || [ ! "$obj" -nt "$newest_h" ]; then
			printf '%s %s\n' "$src" "$obj"
		fi
	done)
	# Untouched archives stay as they are, so no target relinks for them.
	[ -z "$stale" ] && [ -f "$out/lib$name.a" ] && return 0
	printf '%s\n' "$stale" | xargs -r -n 2 -P "$jobs" sh -c \
	    '$CC $CFLAGS -fsanitize=fuzzer-no-link -c "$0" -o "$1"'
	rm -f "$out/lib$name.a"
	# shellcheck disable=SC2086
	ar rcs "$out/lib$name.a" $objs
}
# A handler's sources without its main.c (libFuzzer brings main), plus
# what its local.mk links from elsewhere.
handler() {
	h=$1
	shift
	# shellcheck disable=SC2046
	archive "$h" $(ls "$top/handlers/$h"/*.c | grep -v '/main\.c$') "$@"
}

echo "fuzz: building into $out"
archive lib "$top"/lib/*.c
handler accounts "$top/handlers/offers/render.c" "$top/handlers/requests/render.c"
handler admin
handler matches
handler offers
handler requests
archive mailer "$top/mailer/mime.c"

built=""
for spec in $targets; do
	t=${spec%%:*}
	case " ${FUZZ_TARGETS:-$t} " in *" $t "*) ;; *) continue ;; esac
	archives=""
	for x in $(echo "${spec#*:}" | tr ',' ' '); do
		archives="$archives $out/lib$x.a"
	done
	bin="$out/$t"
	# shellcheck disable=SC2086
	if [ ! "$bin" -nt "$here/$t.c" ] || [ ! "$bin" -nt "$out/liblib.a" ] ||
	    [ -n "$(find $archives "$here"/*.h "$top"/ctl -newer "$bin" 2>/dev/null | head -n 1)" ]; then
		$CC $CFLAGS -fsanitize=fuzzer "$here/$t.c" $archives "$out/liblib.a" \
		    $LIBS -o "$bin"
	fi
	built="$built $t"
done
[ "$mode" = build ] && { echo "fuzz: built$built"; exit 0; }

# Seeds: a few well-formed inputs per target, so the short run starts from
# the interesting shapes instead of from nothing.
seed() {	# seed TARGET NAME TEXT
	mkdir -p "$out/corpus/$1"
	printf '%s' "$3" > "$out/corpus/$1/seed-$2"
}
body='{"title": "Boodschappen doen", "description": "Elke week.\nGraag.",
 "category": "shopping", "email": "A@b.nl", "password": "burenhulp-demo",
 "postcode": "7811 AB", "radius_km": 10, "hours": 2.5, "accept_terms": true,
 "id": "AAAAAAAAAAAAAAAAAAAAAA", "categories": ["shopping", "company"],
 "tags": null, "when": {"start": "2026-11-23T10:00:00+01:00", "end": null},
 "availability": [{"day": "mon", "from": "09:00", "to": "24:00"}]}'
seed fuzz_valid body "$body"
seed fuzz_valid email "resident@demo.burenhulp.nl"
seed fuzz_valid postcode "1234 ab"
seed fuzz_valid time "2026-02-28T23:59:60.5-05:30"
seed fuzz_valid hhmm "24:00"
seed fuzz_valid long "-1000"
seed fuzz_valid decimal "12.5"
seed fuzz_valid slug "boodschappen-doen"
seed fuzz_valid phone "+31 (0)6-12345678"
seed fuzz_valid sortkey "2026-11-23 10:00:00.000000"
seed fuzz_json body "$body"
seed fuzz_json nested '[[[{"a": [1, -2.5e10, "\u00e9\ud83d\ude00", true, null]}]]]'
seed fuzz_json numbers '{"i": 9223372036854775807, "u": 18446744073709551615, "d": 1e308, "n": -0.0}'
seed fuzz_json edges '[1e999, -1e999, NaN, Infinity, {'"'a'"': 1}, "\u0000"]'
seed fuzz_json scalar '2'
printf '{"a": 1}\n\000' > "$out/corpus/fuzz_json/seed-nul"
seed fuzz_cursor two "MQoyMDI2LTExLTIzIDEwOjAwOjAwLjAwMApBQUFBQUFBQUFBQUFBQUFBQUFBQUFB"
seed fuzz_cursor one "MQphYmM"
seed fuzz_cursor parts "12.5
AAAAAAAAAAAAAAAAAAAAAA"
seed fuzz_cursor sortkey "2026-11-23 10:00:00.000000
AAAAAAAAAAAAAAAAAAAAAA"
for t in fuzz_cursor_requests fuzz_cursor_organisations; do
	seed $t time "t
2026-11-23 10:00:00.000000
AAAAAAAAAAAAAAAAAAAAAA"
	seed $t near "d
1250
7811
AAAAAAAAAAAAAAAAAAAAAA"
	seed $t name "n
Buurthuis De Es
AAAAAAAAAAAAAAAAAAAAAA"
done
seed fuzz_cursor_organisations audit "1234567"
seed fuzz_cursor_accounts time "2026-11-23 10:00:00.000000
AAAAAAAAAAAAAAAAAAAAAA"
seed fuzz_cursor_offers time "2026-11-23 10:00:00.000000
AAAAAAAAAAAAAAAAAAAAAA"
seed fuzz_cursor_offers near "1250
7811
AAAAAAAAAAAAAAAAAAAAAA"
seed fuzz_http get "REQUEST_METHOD=GET
REQUEST_URI=/api/v1/requests?near=7811AB&radius_km=5
QUERY_STRING=near=7811%20AB&radius_km=5&q=boodschappen+doen&cursor=MQphYmM&limit=20
HTTP_COOKIE=bh_session=abc123; bh_csrf=def; a=b
REMOTE_ADDR=192.0.2.1

"
seed fuzz_http post "REQUEST_METHOD=POST
DOCUMENT_URI=/api/v1/accounts
CONTENT_TYPE=application/json
CONTENT_LENGTH=27
FUZZ_CHUNK=7

{\"email\": \"a@b.nl\", \"x\": 1}"
seed fuzz_http big "REQUEST_METHOD=POST
DOCUMENT_URI=/api/v1/accounts
FUZZ_CHUNK=4096
FUZZ_REPEAT=80

0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
seed fuzz_http length "CONTENT_LENGTH=65537

x"
seed fuzz_route get "GET /api/v1/users/AAAAAAAAAAAAAAAAAAAAAA"
seed fuzz_route me "PATCH /api/v1/me"
seed fuzz_route head "HEAD /api/v1/me/sessions"
seed fuzz_route bad "PUT /api/v1/session"
seed fuzz_search words "Boodschappen doen in Emmen, graag!"
seed fuzz_search ops '+hulp* -"tuin" (gras) ~a @b <c> éénpersoons 日本語 ﬁets'
seed fuzz_config conf "# accounts.conf
db_socket = /var/run/mysqld/mysqld.sock
db_user=bh_accounts
master_key = /etc/burenhulp/master.key
session_idle_s = 1800
secure_cookies = yes
service_area = Emmen, 7800-7899
"
seed fuzz_config listen "listen = 10.0.0.5:9001
listen = [fc00::5]:9001
listen_public = no
listen_allow = 10.0.0.2,10.0.0.3
db_hosts = 10.0.1.1:3306, 10.0.1.2:3306, [fc00::1:3]:3306
"
seed fuzz_hsds org '{"contents": [{"id": "D9D5E0F5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Steunpunt", "description": "Advies.\nOok thuis.", "email": "a@b.nl", "website": "https://example.org/", "phones": [{"id": "x", "number": "0591 123 456"}], "locations": [{"id": "cd09a387-91f4-4555-94ec-e799c35344cd", "location_type": "physical", "addresses": [{"postal_code": "7811 AB"}]}], "services": [{"id": "5f1e8c7a-2b6d-4e3f-9a1b-0c2d3e4f5a6b", "attributes": [{"taxonomy_term": {"code": "respite", "name": "Respijtzorg"}}, {"taxonomy_term": {"name": "Company"}}]}]}]}'
seed fuzz_hsds two '[{"id": "00000000-0000-0000-0000-000000000001", "name": "A", "description": "a", "locations": [{"addresses": [{"postal_code": "1000"}]}], "services": [{"id": "00000000-0000-0000-0000-000000000002", "attributes": [{"taxonomy_term": {"code": "shopping"}}]}]}, {"id": "00000000-0000-0000-0000-000000000001"}]'
seed fuzz_hsds bad '{"organizations": [1, null, {"id": []}]}'
seed fuzz_crypto text "Dorpsstraat 1, 7811 AB Emmen"
seed fuzz_crypto empty ""
seed fuzz_postcode_area spec "7811
Emmen
Emmen, 7800-7899 , 9400-9499,Coevorden"
seed fuzz_postcode_area one "1000
Amsterdam
1000"
seed fuzz_mime subject "Nieuwe reactie op ‘Boodschappen doen’ — fijn!"
seed fuzz_mime long "A very long subject line that goes on and on past the seventy-eight columns a header line may take before folding"
seed fuzz_mime body "Hallo Anna,

Er is een reactie.
-- 
Burenhulp"
seed fuzz_mime whole "Reactie op ‘Boodschappen’
anna@example.nl
Burenhulp <noreply@burenhulp.nl>
Hallo Anna,

Tot ziens."
seed fuzz_totp code "123456"
seed fuzz_totp recovery "abcde-fghij"
seed fuzz_totp spaced " ABCDE FGHJK "
seed fuzz_csv file "pc4,place,lat,lon,municipality
7811,Emmen,52.78,6.90,Emmen
\"7812\",\"Emmen, \"\"Noord\"\"\",52.79,6.91,
"
seed fuzz_csv bom "$(printf '\357\273\277')PC4;place,Lat,LON
1000,Amsterdam,52.37,4.89"
seed fuzz_sqlfile migration "-- 001_init.sql
CREATE TABLE t (a INT);
# comment
INSERT INTO t VALUES (1),
  (2);  
SELECT ';' ;
DROP TABLE t"
seed fuzz_stats dates "2026-01-01
2026-12-31T23:59:59Z"
seed fuzz_words text "Mijn moeder heeft de ziekte van Parkinson en longkanker; wie helpt met wassen en aankleden?"
seed fuzz_words accents "KANKERPATIËNT, suïkerziekte, deÂ­mentie, Ĳssel, Straße"
seed fuzz_words list "1foo | ~bär | zap zop
stobar zap  zop FOO"
seed fuzz_passwords common "Wachtwoord2024!"
seed fuzz_passwords swapped "P@ssw0rd!!2024"
seed fuzz_passwords sentence "mijn hond heet Bello en blaft"
seed fuzz_passwords list "1# a comment
  Welkom \t
GEHEIM
zon"

passed=0
failed=0
t0=$(date +%s)
for t in $built; do
	echo "fuzz: $t, ${FUZZ_RUNS:+$FUZZ_RUNS runs, }${seconds}s at most"
	if (cd "$out" && "./$t" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} \
	    -max_total_time="$seconds" -max_len=8192 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=0 -close_fd_mask=3 \
	    "corpus/$t" > "$t.log" 2>&1); then
		passed=$((passed + 1))
		echo "ok - $t"
	else
		failed=$((failed + 1))
		echo "not ok - $t (see $out/$t.log)"
		tail -n 40 "$out/$t.log"
	fi
done
echo "fuzz: ran in $(($(date +%s) - t0))s"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
