#!/usr/bin/env bash
# tests/ops/hsds.sh — the directory exchanged in Open Referral HSDS 3.0
# (issue 18 part 5): the demo stack's directory, exported page by page
# from GET /api/hsds/organizations?full=true, imported with
# `burenhulpctl import-hsds` into an empty stack of its own
# (BURENHULP_DEMO=0: no organisations at all), comes out the same there:
# the same organisations, fields, categories, locations and ids (only
# last_modified, the time of the import, differs). The organisation and
# service lists and each service by id agree too. TAP on stdout.
#
# Stacks: A (demo data) on OPS_PORT, B (empty) on OPS_PORT+1 with its
# folder beside A's.

. "$(dirname "$0")/lib.sh"

B_PORT=$((OPS_PORT + 1))
B_VAR="$OPS_VAR-b"
b_env() { BURENHULP_PORT=$B_PORT BURENHULP_VAR=$B_VAR BURENHULP_BUILD=$BH_BUILD BURENHULP_DEMO=0 "$@"; }
WORK="$OPS_VAR-hsds-files"

cleanup() {
	ops_down >/dev/null 2>&1
	b_env bash "$BH_REPO/scripts/down" >/dev/null 2>&1
}
trap cleanup EXIT

cleanup
rm -rf "$OPS_VAR" "$B_VAR" "$WORK"
mkdir -p "$WORK"
ops_up >"$OPS_RESULTS/ops-hsds-up.log" 2>&1 ||
	{ echo "not ok 1 - stack A starts"; echo "1..1"; exit 1; }
b_env bash "$BH_REPO/scripts/up" --no-build >"$OPS_RESULTS/ops-hsds-up-b.log" 2>&1 ||
	{ echo "not ok 1 - stack B starts"; echo "1..1"; exit 1; }

# Every page of URL's list into FILE as one {"contents": [...]}.
export_all() { # base url, path (with ?full=... or not), file
	python3 - "$1" "$2" "$3" <<'PY'
import json, sys, urllib.request
base, path, out = sys.argv[1:4]
items, page = [], 1
while True:
    sep = '&' if '?' in path else '?'
    with urllib.request.urlopen(f"{base}/api/hsds{path}{sep}page={page}&per_page=7") as r:
        body = json.load(r)
    items += body['contents']
    if body['last_page']:
        assert len(items) == body['total_items'], (len(items), body['total_items'])
        break
    page += 1
json.dump({'contents': items}, open(out, 'w'), ensure_ascii=False, indent=1, sort_keys=True)
PY
}
# FILE without last_modified (the time of the last write), sorted by id.
normalised() { # file
	python3 - "$1" <<'PY'
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k != 'last_modified'}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
d = strip(json.load(open(sys.argv[1])))
d['contents'].sort(key=lambda o: o['id'])
print(json.dumps(d, ensure_ascii=False, indent=1, sort_keys=True))
PY
}
count() { # file → how many contents
	python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["contents"]))' "$1"
}
b_url="http://127.0.0.1:$B_PORT"

export_all "$ops_url" '/organizations?full=true' "$WORK/a.json"
check "A's export holds the demo organisations" test "$(count "$WORK/a.json")" -ge 5
export_all "$b_url" '/organizations?full=true' "$WORK/b-before.json"
check "B starts with an empty directory" test "$(count "$WORK/b-before.json")" -eq 0
# B's PC4 areas as A's (the municipality of an area is the stack's own
# postcode data, not the directory's: the demo puts Klazienaveen in Emmen).
ops_sql "SELECT pc4, place, lat, lon, municipality FROM postcodes" |
	{ echo "pc4,place,lat,lon,municipality"
	  awk -F'\t' -v OFS=, '{ for (i = 1; i <= NF; i++) { gsub(/"/, "\"\"", $i); $i = "\"" $i "\"" } print }'
	} >"$WORK/areas.csv"
check "B takes A's postcode areas" \
	b_env bash "$BH_REPO/scripts/ctl" import-postcodes "$WORK/areas.csv"
check "import-hsds loads A's export into B" \
	b_env bash "$BH_REPO/scripts/ctl" import-hsds "$WORK/a.json"
export_all "$b_url" '/organizations?full=true' "$WORK/b.json"
normalised "$WORK/a.json" >"$WORK/a.norm"
normalised "$WORK/b.json" >"$WORK/b.norm"
check "B's directory is A's: organisations, fields, categories, locations, ids" \
	diff -u "$WORK/a.norm" "$WORK/b.norm"
export_all "$ops_url" '/services?full=true' "$WORK/a-services.json"
export_all "$b_url" '/services?full=true' "$WORK/b-services.json"
normalised "$WORK/a-services.json" >"$WORK/a-services.norm"
normalised "$WORK/b-services.json" >"$WORK/b-services.norm"
check "B's services are A's, with the same ids" \
	diff -u "$WORK/a-services.norm" "$WORK/b-services.norm"
check "each service of A reads back from B by its id" python3 - "$WORK/a-services.json" "$b_url" <<'PY'
import json, sys, urllib.request
svcs, base = json.load(open(sys.argv[1]))['contents'], sys.argv[2]
for s in svcs:
    with urllib.request.urlopen(f"{base}/api/hsds/services/{s['id']}") as r:
        got = json.load(r)
    assert got['id'] == s['id'] and got['organization']['id'] == s['organization_id'], s['id']
PY
reimport() { # the second import: every organisation updated, none new
	local out
	out=$(b_env bash "$BH_REPO/scripts/ctl" import-hsds "$WORK/a.json") || return 1
	echo "$out"
	grep -q " 0 new, $(count "$WORK/a.json") updated" <<<"$out"
}
check "importing the same file again updates, adds nothing" reimport
export_all "$b_url" '/organizations?full=true' "$WORK/b2.json"
normalised "$WORK/b2.json" >"$WORK/b2.norm"
check "B's directory after the second import is still A's" diff -u "$WORK/a.norm" "$WORK/b2.norm"
ops_done
