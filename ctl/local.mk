# ctl/: burenhulpctl, the operator's command line (migrate, user add,
# import-postcodes, seed-demo, purge, rotate-key, outbox-token, digest,
# backup, restore, audit-export, import-hsds). `digest --now` runs the mailer's digest collection:
# mailer/digest.c and its statement table are linked here, not copied.
# Included by Makefile.am. Installed in sbin: it is the operator's.
sbin_PROGRAMS += ctl/burenhulpctl
ctl_burenhulpctl_SOURCES = \
	ctl/burenhulpctl.c ctl/ctl.h ctl/stmts.c ctl/sqlfile.c \
	ctl/migrate.c ctl/users.c ctl/postcodes.c ctl/purge.c ctl/rotate.c \
	ctl/outbox.c ctl/seed_bench.c ctl/digest.c ctl/backup.c \
	ctl/audit_export.c ctl/audit_line.c ctl/audit_line.h \
	ctl/hsds_import.c ctl/hsds_parse.c ctl/hsds_parse.h \
	mailer/digest.c mailer/stmts.c mailer/mailer.h
# Without -c it reads the installed config, $(sysconfdir)/burenhulp/ctl.conf.
ctl_burenhulpctl_CPPFLAGS = $(AM_CPPFLAGS) -DBH_SYSCONFDIR='"$(sysconfdir)"'
# liboath: base32 of the demo staff's TOTP secrets (seed-demo).
ctl_burenhulpctl_CFLAGS = $(AM_CFLAGS) $(OATH_CFLAGS)
ctl_burenhulpctl_LDADD = $(BH_LIBS) $(OATH_LIBS)
