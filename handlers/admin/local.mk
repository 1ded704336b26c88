# handlers/admin: health, categories, moderation, reports, directory, figures, audit.
pkglibexec_PROGRAMS += handlers/admin/burenhulp-admin
handlers_admin_burenhulp_admin_SOURCES = \
	handlers/admin/main.c handlers/admin/admin.h handlers/admin/stmts.c \
	handlers/admin/util.c handlers/admin/health.c handlers/admin/metrics.c \
	handlers/admin/categories.c handlers/admin/organisations.c \
	handlers/admin/reports.c handlers/admin/resolve.c \
	handlers/admin/queue.c handlers/admin/audit.c handlers/admin/stats.c \
	handlers/admin/checkins.c handlers/admin/stats_care.c handlers/admin/stats_vacancies.c \
	handlers/admin/vog.c handlers/admin/coordinators.c \
	handlers/admin/hsds.c
handlers_admin_burenhulp_admin_LDADD = $(BH_LIBS)
