/* http/route.h: the route table compiled for matching (internal to http/).
 *
 * Patterns are split into segments once, at server creation: a literal
 * ("qa"), a parameter (":id", one non-empty segment) or a tail ("*path",
 * the rest of the path, possibly empty, only last). Matching splits the
 * request path on '/', percent-decodes each segment (so "%2F" inside a
 * parameter never splits it) and walks the table in order: the first route
 * whose pattern and method match wins, so literal routes such as /qa/new
 * must come before /qa/:id. A route for GET also answers HEAD.
 *
 * Pure code without libmicrohttpd, tested in tests/unit/test_http_parse.c.
 */
#ifndef ASKDOC_HTTP_ROUTE_H
#define ASKDOC_HTTP_ROUTE_H

#include <stddef.h>

#include "http/http.h"
#include "limits.h"

struct arena;
struct http_router;

/* The result of a successful match. */
struct http_match {
	const struct http_route *route;
	size_t index; /* position of route in the table */
	size_t n_params;
	const char *names[LIMIT_PATH_PARAMS];  /* without ':' or '*' */
	const char *values[LIMIT_PATH_PARAMS]; /* percent-decoded */
};

/* Compile n routes. Returns 0 and a router the caller frees with
 * http_router_free, or HTTP_EINVAL (logged) if a pattern does not start
 * with '/', has an empty parameter name, a tail that is not last, or more
 * than LIMIT_PATH_PARAMS parameters. The routes array must outlive the
 * router (patterns and methods are not copied). */
int http_router_new(const struct http_route *routes, size_t n,
                    struct http_router **out);
void http_router_free(struct http_router *r);

/* Match method and the raw (still percent-encoded) path, without the
 * query. Returns 0 and fills *m (strings in arena a); HTTP_ENOTFOUND when
 * no pattern matches; HTTP_EMETHOD when some pattern matches but not for
 * this method, with *allow set to the allowed methods ("GET, HEAD, POST",
 * in the arena); HTTP_EESCAPE, HTTP_EUTF8 or HTTP_ENUL for a path that does
 * not decode. */
int http_router_match(const struct http_router *r, struct arena *a,
                      const char *method, const char *path, size_t path_len,
                      struct http_match *m, const char **allow);

#endif
