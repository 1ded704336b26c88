#!/bin/sh
# tests/fuzz/build.sh — builds the libFuzzer targets and gives each a short,
# bounded run, so scripts/test can call it on every run.
#
#   tests/fuzz/build.sh [--build-only] [OUTDIR]
#
# OUTDIR defaults to $BURENHULP_BUILD/fuzz (or build/fuzz in the repo). The
# lib sources are compiled with clang into OUTDIR (never into the autotools
# build dir), with AddressSanitizer and UndefinedBehaviorSanitizer. Each target
# runs FUZZ_RUNS inputs (default 20000) from a small seed corpus that this
# script writes; the corpus grows in OUTDIR/corpus between runs. Crashes are
# left as OUTDIR/crash-* files. Exits non-zero when a target fails to build
# or finds a bug; the last line reads "fuzz: N passed, N failed".
#
# Needs clang and libFuzzer (Debian: clang, libclang-rt-14-dev), plus the
# -dev packages the project builds with anyway.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build_only=no
if [ "${1:-}" = "--build-only" ]; then
	build_only=yes
	shift
fi
out=${1:-${BURENHULP_BUILD:-$top/build}/fuzz}
runs=${FUZZ_RUNS:-20000}
targets="fuzz_valid fuzz_json fuzz_cursor"

CC=${FUZZ_CC:-clang}
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2
	exit 1
fi

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# lib/ first: json-c's include directory has a json.h of its own.
CFLAGS="-I$top/lib -std=gnu11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror \
-Wno-unused-parameter $SAN $(pkg-config --cflags json-c libsodium) \
$(pkg-config --cflags libmariadb 2>/dev/null || mysql_config --cflags)"
LIBS="-lfcgi $(pkg-config --libs json-c libsodium) \
$(pkg-config --libs libmariadb 2>/dev/null || mysql_config --libs) -pthread -lm"

mkdir -p "$out/obj"
echo "fuzz: building lib into $out"
for src in "$top"/lib/*.c; do
	obj="$out/obj/$(basename "$src" .c).o"
	# shellcheck disable=SC2086
	$CC $CFLAGS -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
done
rm -f "$out/libfuzzlib.a"
ar rcs "$out/libfuzzlib.a" "$out"/obj/*.o

for t in $targets; do
	# shellcheck disable=SC2086
	$CC $CFLAGS -fsanitize=fuzzer "$here/$t.c" "$out/libfuzzlib.a" $LIBS \
	    -o "$out/$t"
done
[ "$build_only" = yes ] && { echo "fuzz: built $targets"; exit 0; }

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

passed=0
failed=0
for t in $targets; do
	echo "fuzz: $t, $runs runs"
	if (cd "$out" && "./$t" -runs="$runs" -max_len=8192 -timeout=10 \
	    -max_total_time=120 -rss_limit_mb=2048 -print_final_stats=0 \
	    "corpus/$t" > "$t.log" 2>&1); then
		passed=$((passed + 1))
		echo "ok - $t"
	else
		failed=$((failed + 1))
		echo "not ok - $t (see $out/$t.log)"
		tail -n 40 "$out/$t.log"
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
