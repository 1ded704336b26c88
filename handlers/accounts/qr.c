/*
 * qr.c — a QR code as SVG. libqrencode (QRcode_encodeString) makes the
 * symbol; each byte of its data is one module, bit 0 set for a dark one.
 * Every horizontal run of dark modules becomes one "M x,y h n v 1 h -n z"
 * of a single path, so the document stays small (a 45-module code of an
 * otpauth URI is about 10 KB) and scales without blur (crispEdges).
 *
 * The text may be a secret (the TOTP URI): the symbol's modules are wiped
 * before they are freed; the SVG itself lives in the request's arena.
 */
#include <stdio.h>
#include <string.h>

#include <qrencode.h>
#include <sodium.h>

#include "arena.h"
#include "qr.h"

#define QUIET	4	/* modules of white around the symbol (ISO/IEC 18004) */

char *
qr_svg(struct arena *a, const char *text)
{
	QRcode *q;
	char *out = NULL, *p;
	size_t cap, left;
	int w, x, y, run, n, size;

	if (text == NULL || (q = QRcode_encodeString(text, 0, QR_ECLEVEL_M,
	    QR_MODE_8, 1)) == NULL)
		return NULL;
	w = q->width;
	size = w + 2 * QUIET;
	/* At most (w + 1) / 2 runs a row, each at most 32 characters. */
	cap = (size_t)((w + 1) / 2) * (size_t)w * 32 + 512;
	out = arena_alloc(a, cap);
	p = out;
	left = cap;
#define PUT(...) do {							\
	n = snprintf(p, left, __VA_ARGS__);				\
	if (n < 0 || (size_t)n >= left) { out = NULL; goto done; }	\
	p += n; left -= (size_t)n;					\
} while (0)
	PUT("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	    size, size, size * 4, size * 4, size, size);
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x += run > 0 ? run : 1) {
			for (run = 0; x + run < w && (q->data[y * w + x + run] & 1); run++)
				;
			if (run > 0)
				PUT("M%d,%dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
		}
	PUT("\"/></svg>");
#undef PUT
done:
	sodium_memzero(q->data, (size_t)w * (size_t)w);
	QRcode_free(q);
	return out;
}
