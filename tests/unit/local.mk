# tests/unit: C unit tests of lib, run by `make check` (automake TESTS).
# Each test is one program that prints TAP-ish lines and exits non-zero on
# failure; tests/unit/tap.h holds the few helpers they share.
UNIT_TESTS = \
	tests/unit/crypto_test \
	tests/unit/valid_test \
	tests/unit/geo_test \
	tests/unit/cursor_test \
	tests/unit/auth_test \
	tests/unit/auth_care_test \
	tests/unit/route_test \
	tests/unit/json_test \
	tests/unit/log_test \
	tests/unit/totp_test \
	tests/unit/postcode_test \
	tests/unit/mime_test \
	tests/unit/render_test \
	tests/unit/words_test \
	tests/unit/passwords_test \
	tests/unit/audit_line_test \
	tests/unit/listen_test \
	tests/unit/db_hosts_test \
	tests/unit/config_desk_test \
	tests/unit/hsds_parse_test

check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
EXTRA_DIST += tests/unit/tap.h

tests_unit_crypto_test_SOURCES = tests/unit/crypto_test.c tests/unit/tap.h
tests_unit_crypto_test_LDADD = $(BH_LIBS)
tests_unit_valid_test_SOURCES = tests/unit/valid_test.c tests/unit/tap.h
tests_unit_valid_test_LDADD = $(BH_LIBS)
tests_unit_geo_test_SOURCES = tests/unit/geo_test.c tests/unit/tap.h
tests_unit_geo_test_LDADD = $(BH_LIBS)
tests_unit_cursor_test_SOURCES = tests/unit/cursor_test.c tests/unit/tap.h
tests_unit_cursor_test_LDADD = $(BH_LIBS)
tests_unit_auth_test_SOURCES = tests/unit/auth_test.c tests/unit/auth_who.h tests/unit/tap.h
tests_unit_auth_test_LDADD = $(BH_LIBS)
tests_unit_auth_care_test_SOURCES = tests/unit/auth_care_test.c tests/unit/auth_who.h tests/unit/tap.h
tests_unit_auth_care_test_LDADD = $(BH_LIBS)
tests_unit_route_test_SOURCES = tests/unit/route_test.c tests/unit/tap.h
tests_unit_route_test_LDADD = $(BH_LIBS)
tests_unit_json_test_SOURCES = tests/unit/json_test.c tests/unit/tap.h
tests_unit_json_test_LDADD = $(BH_LIBS)
tests_unit_log_test_SOURCES = tests/unit/log_test.c tests/unit/tap.h
tests_unit_log_test_LDADD = $(BH_LIBS)
# The pure part of MFA in the accounts handler (TOTP through liboath).
tests_unit_totp_test_SOURCES = tests/unit/totp_test.c tests/unit/tap.h \
	handlers/accounts/totp.c handlers/accounts/totp.h
tests_unit_totp_test_CFLAGS = $(AM_CFLAGS) $(OATH_CFLAGS)
tests_unit_totp_test_LDADD = $(BH_LIBS) $(OATH_LIBS)
tests_unit_postcode_test_SOURCES = tests/unit/postcode_test.c tests/unit/tap.h
tests_unit_postcode_test_LDADD = $(BH_LIBS)
tests_unit_mime_test_SOURCES = tests/unit/mime_test.c tests/unit/tap.h \
	mailer/mime.c mailer/mime.h
tests_unit_mime_test_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/mailer
tests_unit_mime_test_LDADD = $(BH_LIBS)
tests_unit_render_test_SOURCES = tests/unit/render_test.c tests/unit/tap.h \
	mailer/render.c mailer/render.h
tests_unit_render_test_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/mailer
tests_unit_render_test_LDADD = $(BH_LIBS)
# The word lists of issue 17 (lib/words.c), read from the source tree.
tests_unit_words_test_SOURCES = tests/unit/words_test.c tests/unit/tap.h
tests_unit_words_test_CPPFLAGS = $(AM_CPPFLAGS) -DTOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_words_test_LDADD = $(BH_LIBS)
# The scan's benchmark (tests/bench/run prints its line): built by
# `make check`, not run by it (timing on a shared machine is no test).
check_PROGRAMS += tests/bench/words_bench
tests_bench_words_bench_SOURCES = tests/bench/words_bench.c
tests_bench_words_bench_CPPFLAGS = $(AM_CPPFLAGS) -DTOP_SRCDIR='"$(abs_top_srcdir)"'
tests_bench_words_bench_LDADD = $(BH_LIBS)
# The check of new passwords (lib/passwords.c, issue 16): the project's
# list from the source tree, cracklib's dictionary from the system.
tests_unit_passwords_test_SOURCES = tests/unit/passwords_test.c tests/unit/tap.h
tests_unit_passwords_test_CPPFLAGS = $(AM_CPPFLAGS) -DTOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_passwords_test_LDADD = $(BH_LIBS)
# The audit log's syslog lines (ctl/audit_line.c, burenhulpctl audit-export).
tests_unit_audit_line_test_SOURCES = tests/unit/audit_line_test.c tests/unit/tap.h \
	ctl/audit_line.c ctl/audit_line.h
tests_unit_audit_line_test_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ctl
tests_unit_audit_line_test_LDADD = $(BH_LIBS)
# The `listen` address check of lib/listen.c (handlers on TCP, issue 20).
tests_unit_listen_test_SOURCES = tests/unit/listen_test.c tests/unit/tap.h
tests_unit_listen_test_LDADD = $(BH_LIBS)
# The list of Galera nodes, lib/db.c's db_hosts_parse (issue 20).
tests_unit_db_hosts_test_SOURCES = tests/unit/db_hosts_test.c tests/unit/tap.h
tests_unit_db_hosts_test_LDADD = $(BH_LIBS)
tests_unit_config_desk_test_SOURCES = tests/unit/config_desk_test.c tests/unit/tap.h
tests_unit_config_desk_test_LDADD = $(BH_LIBS)
# The reader of burenhulpctl import-hsds (ctl/hsds_parse.c, issue 18 part 5).
tests_unit_hsds_parse_test_SOURCES = tests/unit/hsds_parse_test.c tests/unit/tap.h \
	ctl/hsds_parse.c ctl/hsds_parse.h
tests_unit_hsds_parse_test_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ctl
tests_unit_hsds_parse_test_LDADD = $(BH_LIBS)
