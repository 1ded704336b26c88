/*
 * page.c — a keyset-paged list answer; see page.h.
 */
#include <string.h>

#include "cursor.h"
#include "http.h"
#include "json.h"
#include "page.h"

#define PAGE_CURSOR_PARTS	6

void
page_init(struct page *pg, long limit, page_render_fn *render, const void *ctx)
{
	memset(pg, 0, sizeof(*pg));
	pg->body = json_object_new_object();
	pg->items = json_object_new_array();
	json_put(pg->body, "items", pg->items);
	pg->limit = limit;
	pg->render = render;
	pg->ctx = ctx;
}

int
page_add(struct req *r, struct page *pg, const struct db_rows *rows)
{
	json_object *item;
	size_t i;

	for (i = 0; i < rows->nrows; i++) {
		if (pg->n == pg->limit) {
			pg->more = true;
			return 0;
		}
		if ((item = pg->render(r, rows, i, pg->ctx)) == NULL)
			return -1;
		json_object_array_add(pg->items, item);
		pg->n++;
		pg->last = *rows;
		pg->last_row = i;
	}
	return 0;
}

long
page_wants(const struct page *pg)
{
	return pg->limit + 1 - pg->n;
}

void
page_send(struct req *r, struct page *pg, const char *kind, const int *cols,
    size_t ncols)
{
	const char *parts[PAGE_CURSOR_PARTS];
	const char *next = NULL;
	size_t n = 0, i;

	if (pg->more && ncols < PAGE_CURSOR_PARTS) {
		if (kind != NULL)
			parts[n++] = kind;
		for (i = 0; i < ncols; i++)
			parts[n++] = db_str(&pg->last, pg->last_row, (size_t)cols[i]);
		next = cursor_encode(r->arena, parts, n);
	}
	json_put_str(pg->body, "next_cursor", next);
	http_send_json(r, 200, pg->body);
	pg->body = NULL;
}

void
page_drop(struct page *pg)
{
	json_object_put(pg->body);
	pg->body = NULL;
}
