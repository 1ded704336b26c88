# dist.mk — what `make install` puts where besides the programs (those are
# in sbin and libexec/burenhulp by their local.mk). Included by Makefile.am.
# FHS places; DESTDIR and prefix work as usual:
#   make install DESTDIR=/tmp/root prefix=/usr sysconfdir=/etc
#
#   $(pkgdatadir)            web/, sql/, data/, doc/operations.md,
#                            doc/openapi.yaml (served at /api/v1/openapi.yaml),
#                            nginx/burenhulp.conf (the TLS site),
#                            mariadb/burenhulp.cnf (durable server settings)
#   $(systemdunitdir)        per handler .socket + .service, the mailer,
#                            burenhulp-purge.service + .timer,
#                            burenhulp-audit-export.service
#   $(sysusersdir)           burenhulp.conf (the system users)
#   $(sysconfdir)/burenhulp  *.conf.sample (never a real config: those
#                            hold passwords; see docs/operations.md)
#   $(sysconfdir)/logrotate.d/burenhulp
systemdunitdir = $(prefix)/lib/systemd/system
sysusersdir = $(prefix)/lib/sysusers.d
bh_confdir = $(sysconfdir)/burenhulp

BH_DIST_IN = \
	$(srcdir)/systemd/burenhulp-handler.service.in \
	$(srcdir)/systemd/burenhulp-handler.socket.in \
	$(srcdir)/systemd/burenhulp-mailer.service.in \
	$(srcdir)/systemd/burenhulp-purge.service.in \
	$(srcdir)/systemd/burenhulp-purge.timer.in \
	$(srcdir)/systemd/burenhulp-audit-export.service.in \
	$(srcdir)/systemd/burenhulp.sysusers.in \
	$(srcdir)/etc/burenhulp/handler.conf.in $(srcdir)/etc/burenhulp/ctl.conf.in \
	$(srcdir)/etc/burenhulp/mailer.conf.in $(srcdir)/nginx/burenhulp-tls.conf.in
EXTRA_DIST += $(BH_DIST_IN) scripts/dist-files etc/logrotate.d/burenhulp \
	etc/mariadb/burenhulp.cnf docs/openapi.yaml
dist_man8_MANS = docs/burenhulpctl.8

# Folders copied whole into $(pkgdatadir).
BH_SHARE_DIRS = web sql data

# The files that carry install paths are made at install time, so that
# `make install prefix=...` and the configured paths give the same result.
bh-dist-files:
	$(AM_V_GEN)srcdir='$(srcdir)' sbindir='$(sbindir)' pkglibexecdir='$(pkglibexecdir)' \
	  pkgdatadir='$(pkgdatadir)' sysconfdir='$(sysconfdir)' VERSION='$(VERSION)' \
	  $(SHELL) $(srcdir)/scripts/dist-files dist-out
.PHONY: bh-dist-files
clean-local:
	rm -rf dist-out

install-data-local: bh-dist-files
	$(MKDIR_P) '$(DESTDIR)$(systemdunitdir)' '$(DESTDIR)$(sysusersdir)' \
	  '$(DESTDIR)$(bh_confdir)' '$(DESTDIR)$(sysconfdir)/logrotate.d' \
	  '$(DESTDIR)$(pkgdatadir)/nginx' '$(DESTDIR)$(pkgdatadir)/mariadb' \
	  '$(DESTDIR)$(pkgdatadir)/doc'
	$(INSTALL_DATA) dist-out/units/* '$(DESTDIR)$(systemdunitdir)/'
	$(INSTALL_DATA) dist-out/burenhulp.sysusers '$(DESTDIR)$(sysusersdir)/burenhulp.conf'
	$(INSTALL_DATA) dist-out/conf/*.sample '$(DESTDIR)$(bh_confdir)/'
	$(INSTALL_DATA) $(srcdir)/etc/logrotate.d/burenhulp '$(DESTDIR)$(sysconfdir)/logrotate.d/burenhulp'
	$(INSTALL_DATA) dist-out/nginx/burenhulp.conf '$(DESTDIR)$(pkgdatadir)/nginx/burenhulp.conf'
	$(INSTALL_DATA) $(srcdir)/etc/mariadb/burenhulp.cnf '$(DESTDIR)$(pkgdatadir)/mariadb/burenhulp.cnf'
	if [ -f $(srcdir)/docs/operations.md ]; then \
	  $(INSTALL_DATA) $(srcdir)/docs/operations.md '$(DESTDIR)$(pkgdatadir)/doc/'; fi
	$(INSTALL_DATA) $(srcdir)/docs/openapi.yaml '$(DESTDIR)$(pkgdatadir)/doc/openapi.yaml'
	if [ -f $(srcdir)/CHANGELOG.md ]; then \
	  $(INSTALL_DATA) $(srcdir)/CHANGELOG.md '$(DESTDIR)$(pkgdatadir)/doc/'; fi
	cd $(srcdir) && find $(BH_SHARE_DIRS) -type f ! -name '.*' | while read -r f; do \
	  $(MKDIR_P) "$(DESTDIR)$(pkgdatadir)/$${f%/*}" && \
	  $(INSTALL_DATA) "$$f" "$(DESTDIR)$(pkgdatadir)/$$f" || exit 1; done

uninstall-local:
	rm -rf '$(DESTDIR)$(pkgdatadir)'
	rm -f '$(DESTDIR)$(systemdunitdir)'/burenhulp-* '$(DESTDIR)$(sysusersdir)/burenhulp.conf' \
	  '$(DESTDIR)$(sysconfdir)/logrotate.d/burenhulp' '$(DESTDIR)$(bh_confdir)'/*.sample
