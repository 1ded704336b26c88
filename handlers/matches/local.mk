# handlers/matches: responses, invitations, the match life cycle, messages,
# suggestions. The ranking (rank.c) has a unit test of its own here, so that
# it builds with the handler's sources and not with lib.
pkglibexec_PROGRAMS += handlers/matches/burenhulp-matches
handlers_matches_burenhulp_matches_SOURCES = \
	handlers/matches/main.c handlers/matches/matches.h \
	handlers/matches/stmts.c handlers/matches/match.c \
	handlers/matches/create.c handlers/matches/transition.c \
	handlers/matches/messages.c handlers/matches/suggest.c \
	handlers/matches/rank.c handlers/matches/rank.h \
	handlers/matches/checkin.c handlers/matches/vacancy_suggest.c \
	handlers/matches/vog.c handlers/matches/vacancy_responses.c
handlers_matches_burenhulp_matches_LDADD = $(BH_LIBS)

check_PROGRAMS += tests/unit/rank_test
TESTS += tests/unit/rank_test
tests_unit_rank_test_SOURCES = tests/unit/rank_test.c tests/unit/tap.h \
	handlers/matches/rank.c handlers/matches/rank.h
tests_unit_rank_test_CPPFLAGS = -I$(top_srcdir)/lib -I$(top_srcdir)/handlers/matches
tests_unit_rank_test_LDADD = -lm
