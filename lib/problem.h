/*
 * problem.h — RFC 9457 problem+json answers.
 *
 * Field errors accumulate on the request (problem_field) and go out with the
 * next problem_send. The title is derived from the status; detail is a short
 * English sentence meant for developers and never carries internals.
 */
#ifndef BH_PROBLEM_H
#define BH_PROBLEM_H

#include <stdbool.h>
#include "json.h"

struct req;

void problem_field(struct req *r, const char *field, const char *code,
    const char *message);
/* Number of field errors accumulated so far. */
int problem_count(const struct req *r);
/* True when a field problem names field (or one of its items, field[i]). */
bool problem_has(const struct req *r, const char *field);
/* Sends status with code (e.g. "validation_failed") and detail; returns 0. */
int problem_send(struct req *r, int status, const char *code, const char *detail);
/* The same, with the members of extra (an object, or NULL) added beside
 * type, title, status and code, which they cannot replace. extra stays the
 * caller's. */
int problem_send_with(struct req *r, int status, const char *code,
    const char *detail, json_object *extra);
/* 422 validation_failed with the accumulated field errors. */
int problem_invalid(struct req *r);
/* 500 internal, after logging where (never what the data was). */
int problem_internal(struct req *r, const char *where);

#endif
