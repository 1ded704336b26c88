/*
 * qr.h — a QR code as SVG (Debian's libqrencode draws the code; qr.c only
 * writes the dark modules out as one SVG path). For the enrolment of an
 * authenticator app: the otpauth:// URI of mfa.c, shown in the admin.
 */
#ifndef BH_QR_H
#define BH_QR_H

struct arena;

/* The QR code of text (byte mode, error correction level M, a quiet zone
 * of four modules) as a standalone SVG document, arena-owned; NULL when
 * libqrencode cannot encode it (too long, out of memory). */
char *qr_svg(struct arena *a, const char *text);

#endif
