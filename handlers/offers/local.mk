# handlers/offers: volunteers' offers, browsing them, pausing, moderation.
pkglibexec_PROGRAMS += handlers/offers/burenhulp-offers
handlers_offers_burenhulp_offers_SOURCES = \
	handlers/offers/main.c handlers/offers/offers.h \
	handlers/offers/stmts.c handlers/offers/offer.c \
	handlers/offers/write.c handlers/offers/list.c \
	handlers/offers/review.c handlers/offers/render.c \
	handlers/offers/render.h handlers/offers/check.c \
	handlers/offers/vacancy.h handlers/offers/vacancies.c \
	handlers/offers/vacancies_list.c handlers/offers/talents.c
handlers_offers_burenhulp_offers_LDADD = $(BH_LIBS)
