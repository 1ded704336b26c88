#!/usr/bin/env bash
# tests/ops/deb.sh — the Debian package: built from a copy of the tree
# (dpkg-buildpackage -us -uc -b, outside the repo), lintian without errors,
# the files where they belong; on a CI machine (CI=true, or
# BURENHULP_TEST_DPKG=1) also `dpkg -i`: the system users exist, the keys
# and configs are made with their modes, and a second configure run
# overwrites none of them. TAP on stdout.

. "$(dirname "$0")/lib.sh"

SRC="$OPS_VAR/src/burenhulp-0.2.0"
DEB=""

built() {
	rm -rf "$OPS_VAR"
	mkdir -p "$SRC"
	# The tree as git sees it (tracked and new files, nothing ignored).
	(cd "$BH_REPO" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - --no-recursion) |
		tar -xf - -C "$SRC" || return 1
	(cd "$SRC" && DEB_BUILD_OPTIONS="parallel=2 nocheck" dpkg-buildpackage -us -uc -b) \
		>"$OPS_RESULTS/ops-deb-build.log" 2>&1 || { tail -n 30 "$OPS_RESULTS/ops-deb-build.log"; return 1; }
	DEB=$(ls "$OPS_VAR"/src/burenhulp_*.deb 2>/dev/null | head -n 1)
	[ -n "$DEB" ]
}
lintian_clean() {
	lintian --no-tag-display-limit "$OPS_VAR"/src/burenhulp_*.changes >"$OPS_RESULTS/ops-lintian.txt" 2>&1
	cat "$OPS_RESULTS/ops-lintian.txt"
	! grep -q '^E: ' "$OPS_RESULTS/ops-lintian.txt"
}
contents() {
	local c
	c=$(dpkg-deb -c "$DEB") || return 1
	grep -q ' ./usr/sbin/burenhulpctl$' <<<"$c" &&
	grep -q ' ./usr/libexec/burenhulp/burenhulp-admin$' <<<"$c" &&
	grep -q ' ./lib/systemd/system/burenhulp-admin.socket$' <<<"$c" &&
	grep -q ' ./usr/lib/sysusers.d/burenhulp.conf$' <<<"$c" &&
	grep -q ' ./usr/share/burenhulp/web/index.html$' <<<"$c" &&
	grep -q ' ./etc/burenhulp/ctl.conf.sample$' <<<"$c" &&
	! grep -q '\.key$' <<<"$c" &&
	dpkg-deb -f "$DEB" Depends | grep -q 'libsodium23' &&
	dpkg-deb -f "$DEB" Depends | grep -q 'libfcgi0ldbl'
}
mode_owner() { [ "$(stat -c '%a %U:%G' "$1")" = "$2" ]; }
installs() {
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$DEB" </dev/null >"$OPS_RESULTS/ops-deb-install.log" 2>&1 ||
		{ tail -n 20 "$OPS_RESULTS/ops-deb-install.log"; return 1; }
	getent passwd burenhulp-accounts >/dev/null && getent passwd burenhulp-offers >/dev/null &&
	getent group burenhulp-sealed >/dev/null &&
	mode_owner /etc/burenhulp/master.key '640 root:burenhulp-sealed' &&
	mode_owner /etc/burenhulp/session.key '640 root:burenhulp' &&
	mode_owner /etc/burenhulp/accounts.conf '640 root:burenhulp-accounts' &&
	! grep -q 'CHANGE-ME' /etc/burenhulp/*.conf &&
	[ -L /etc/systemd/system/sockets.target.wants/burenhulp-admin.socket ] &&
	[ -L /etc/systemd/system/timers.target.wants/burenhulp-purge.timer ] &&
	/usr/sbin/burenhulpctl --version | grep -q 'Burenhulp'
}
reconfigure_keeps_secrets() {
	local before after
	before=$(cat /etc/burenhulp/master.key /etc/burenhulp/session.key /etc/burenhulp/*.conf | sha256sum)
	dpkg-reconfigure burenhulp >>"$OPS_RESULTS/ops-deb-install.log" 2>&1 || return 1
	after=$(cat /etc/burenhulp/master.key /etc/burenhulp/session.key /etc/burenhulp/*.conf | sha256sum)
	[ "$before" = "$after" ]
}

check "dpkg-buildpackage -us -uc -b builds the package" built
if [ -n "$DEB" ]; then
	check "lintian reports no errors" lintian_clean
	check "the package holds the programs, units, sysusers, UI and samples, no key; Depends on the libraries" contents
	if [ "${CI:-}" = true ] || [ "${BURENHULP_TEST_DPKG:-0}" = 1 ]; then
		check "dpkg -i: system users, keys 0640 by group, configs with generated passwords" installs
		check "a second configure run overwrites no key and no password" reconfigure_keeps_secrets
	fi
fi
ops_done
