/*
 * admin.h — what the files of the admin handler share.
 */
#ifndef BH_ADMIN_H
#define BH_ADMIN_H

struct req;

enum stmt {
	STMT_CATEGORIES_ACTIVE,
	STMT__MAX
};

extern const char *const admin_stmts[STMT__MAX];

void health_get(struct req *r);
void categories_list(struct req *r);

#endif
