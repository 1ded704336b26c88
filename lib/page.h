/*
 * page.h — a keyset-paged list answer, {items, next_cursor}, filled from
 * one query or (radius search, lib/near.c) several.
 *
 * Statements fetch one row more than the page holds; a row that comes when
 * the page is full says there is another page, and the cursor then carries
 * the sort key of the last item sent (lib/cursor.h).
 */
#ifndef BH_PAGE_H
#define BH_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

#include "db.h"

struct req;

/* Renders row i of rows as an item; NULL on failure (the list is a 500). */
typedef json_object *page_render_fn(struct req *r, const struct db_rows *rows,
    size_t i, const void *ctx);

struct page {
	json_object	*body, *items;
	long		 limit, n;
	bool		 more;		/* a row beyond the page came */
	page_render_fn	*render;
	const void	*ctx;
	struct db_rows	 last;		/* the rows of the last item sent */
	size_t		 last_row;
};

void page_init(struct page *pg, long limit, page_render_fn *render,
    const void *ctx);
/* Renders rows into pg until it is full; a row beyond that sets more.
 * -1 when a row does not render. */
int page_add(struct req *r, struct page *pg, const struct db_rows *rows);
/* Rows the page still wants, the one beyond it included. */
long page_wants(const struct page *pg);
/* Sends {items, next_cursor}; the cursor is kind (NULL: none) and the
 * columns cols of the last item, when more came. Frees the page. */
void page_send(struct req *r, struct page *pg, const char *kind,
    const int *cols, size_t ncols);
/* Frees a page that will not be sent. */
void page_drop(struct page *pg);

#endif
