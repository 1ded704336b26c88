/*
 * fake_fcgi.h — a FastCGI request without a web server, for the fuzz
 * targets: the CGI environment as "NAME=value" strings and a body stream
 * that hands out its bytes in chunks of a chosen size (so the growing read
 * buffer of http_read is exercised), through libfcgi's own FCGX_GetParam,
 * FCGX_GetStr and FCGX_PutStr. The out stream is a small buffer that is
 * emptied (thrown away) whenever it fills. Header-only: static functions.
 */
#ifndef BH_FAKE_FCGI_H
#define BH_FAKE_FCGI_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <fcgiapp.h>

#define FAKE_ENV_MAX	16

struct fake_fcgi {
	FCGX_Request	 req;
	FCGX_Stream	 in, out;
	char		*envp[FAKE_ENV_MAX + 1];
	size_t		 nenv;
	const uint8_t	*body;		/* handed out `repeat` times over */
	size_t		 body_len, pos, chunk, repeat, given;
	size_t		 written;
	unsigned char	 outbuf[512];
};

static inline void
fake_fill(FCGX_Stream *s)
{
	struct fake_fcgi *f = s->data;
	size_t n;

	if (f->pos == f->body_len && f->repeat > 1) {
		f->repeat--;
		f->pos = 0;
	}
	if (f->pos == f->body_len || f->body_len == 0) {
		s->isClosed = 1;
		return;
	}
	n = f->body_len - f->pos < f->chunk ? f->body_len - f->pos : f->chunk;
	s->rdNext = (unsigned char *)(uintptr_t)(f->body + f->pos);
	s->stop = s->rdNext + n;
	s->stopUnget = s->rdNext;
	f->pos += n;
	f->given += n;
}

static inline void
fake_empty(FCGX_Stream *s, int do_close)
{
	struct fake_fcgi *f = s->data;

	f->written += (size_t)(s->wrNext - f->outbuf);
	s->wrNext = f->outbuf;
	s->stop = f->outbuf + sizeof(f->outbuf);
	if (do_close)
		s->isClosed = 1;
}

/* Sets f up with no environment and an empty body. */
static inline void
fake_fcgi_init(struct fake_fcgi *f)
{
	memset(f, 0, sizeof(*f));
	f->chunk = 1;
	f->repeat = 1;
	f->in.isReader = 1;
	f->in.fillBuffProc = fake_fill;
	f->in.data = f;
	f->out.wrNext = f->outbuf;
	f->out.stop = f->outbuf + sizeof(f->outbuf);
	f->out.emptyBuffProc = fake_empty;
	f->out.data = f;
	f->req.in = &f->in;
	f->req.out = &f->out;
	f->req.err = &f->out;
	f->req.envp = f->envp;
}

/* Adds "NAME=value" (kept by pointer: the caller owns it). */
static inline void
fake_fcgi_env(struct fake_fcgi *f, char *name_value)
{
	if (f->nenv < FAKE_ENV_MAX) {
		f->envp[f->nenv++] = name_value;
		f->envp[f->nenv] = NULL;
	}
}

#endif
