/* http/route.c: compiling the route table and matching requests against it.
 *
 * Each pattern becomes an array of segments once. A request's path is split
 * and decoded once per request, then the table is scanned in order; the
 * segment count rules out most routes with one comparison, so a table of a
 * few hundred routes costs well under a microsecond per request. Routes
 * whose pattern matches but whose method does not are remembered, so the
 * same scan decides between 404 and 405 and builds the Allow header.
 */
#include "http/route.h"

#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/log.h"
#include "util/util.h"

enum seg_kind { SEG_LIT, SEG_PARAM, SEG_TAIL };

struct seg {
	enum seg_kind kind;
	const char *text; /* literal text (not copied) */
	size_t len;
	char *name; /* parameter or tail name, NUL-terminated (owned) */
};

struct compiled {
	const struct http_route *route;
	struct seg *segs;
	size_t n_segs; /* including a tail */
	int tail;      /* last segment is SEG_TAIL */
};

struct http_router {
	struct compiled *routes;
	size_t n;
};

void http_router_free(struct http_router *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		for (size_t j = 0; j < r->routes[i].n_segs; j++)
			free(r->routes[i].segs[j].name);
		free(r->routes[i].segs);
	}
	free(r->routes);
	free(r);
}

static int compile(const struct http_route *route, struct compiled *c)
{
	const char *p = route->pattern;
	size_t n = 0, params = 0;

	c->route = route;
	c->segs = NULL;
	c->n_segs = 0;
	c->tail = 0;
	if (!p || p[0] != '/' || !route->method || !route->fn)
		return HTTP_EINVAL;
	for (const char *q = p; *q; q++)
		n += *q == '/';
	if (strcmp(p, "/") == 0)
		return 0; /* the root: no segments */
	c->segs = xcalloc(n, sizeof(*c->segs));
	for (p++; n--;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		struct seg *s = &c->segs[c->n_segs++];

		if (c->tail)
			return HTTP_EINVAL; /* a tail must be last */
		if (len && (p[0] == ':' || p[0] == '*')) {
			s->kind = p[0] == ':' ? SEG_PARAM : SEG_TAIL;
			s->text = p + 1;
			s->len = len - 1;
			if (!s->len || ++params > LIMIT_PATH_PARAMS)
				return HTTP_EINVAL;
			s->name = xstrndup(s->text, s->len);
			c->tail = s->kind == SEG_TAIL;
		} else {
			s->kind = SEG_LIT;
			s->text = p;
			s->len = len;
		}
		p += len + 1;
	}
	return 0;
}

int http_router_new(const struct http_route *routes, size_t n,
                    struct http_router **out)
{
	struct http_router *r = xcalloc(1, sizeof(*r));
	int rc = 0;

	r->routes = xcalloc(n, sizeof(*r->routes));
	r->n = n;
	for (size_t i = 0; i < n; i++) {
		rc = compile(&routes[i], &r->routes[i]);
		if (rc) {
			log_error("bad route", "method=%s pattern=\"%s\"",
			          routes[i].method ? routes[i].method : "-",
			          routes[i].pattern ? routes[i].pattern : "-");
			goto done;
		}
	}
	*out = r;
	r = NULL;
done:
	http_router_free(r);
	return rc;
}

/* Does route c match the decoded segments? Fills m's params on success. */
static int match_segs(const struct compiled *c, char **segs, size_t *lens,
                      size_t n, struct arena *a, struct http_match *m)
{
	size_t fixed = c->n_segs - (size_t)c->tail;

	if (c->tail ? n < c->n_segs : n != c->n_segs)
		return 0;
	for (size_t i = 0; i < fixed; i++) {
		const struct seg *s = &c->segs[i];
		if (s->kind == SEG_LIT) {
			if (s->len != lens[i] ||
			    memcmp(s->text, segs[i], s->len))
				return 0;
		} else if (!lens[i]) {
			return 0; /* a parameter is never empty */
		}
	}
	m->n_params = 0;
	for (size_t i = 0; i < fixed; i++) {
		if (c->segs[i].kind != SEG_PARAM)
			continue;
		m->names[m->n_params] = c->segs[i].name;
		m->values[m->n_params++] = segs[i];
	}
	if (c->tail) {
		/* Rejoin the rest with '/', from the decoded segments. */
		size_t total = 0, off = 0;
		char *v;
		for (size_t i = fixed; i < n; i++)
			total += lens[i] + 1;
		v = arena_alloc(a, total + 1);
		for (size_t i = fixed; i < n; i++) {
			if (i > fixed)
				v[off++] = '/';
			memcpy(v + off, segs[i], lens[i]);
			off += lens[i];
		}
		v[off] = '\0';
		m->names[m->n_params] = c->segs[fixed].name;
		m->values[m->n_params++] = v;
	}
	return 1;
}

/* Add method to the comma-separated set in the arena, if not there. */
static void allow_add(struct arena *a, const char **allow, const char *method)
{
	const char *s = *allow;
	size_t len = strlen(method);

	if (s) {
		for (const char *p = s; *p;) {
			size_t n = strcspn(p, ",");
			if (n == len && memcmp(p, method, len) == 0)
				return;
			p += n;
			while (*p == ',' || *p == ' ')
				p++;
		}
	}
	*allow = s ? arena_printf(a, "%s, %s", s, method)
	           : arena_strdup(a, method);
}

int http_router_match(const struct http_router *r, struct arena *a,
                      const char *method, const char *path, size_t path_len,
                      struct http_match *m, const char **allow)
{
	size_t n = 0, cap = 0;
	char **segs = NULL;
	size_t *lens = NULL;
	int head = strcmp(method, "HEAD") == 0, rc;
	const char *allowed = NULL;

	if (!path_len || path[0] != '/')
		return HTTP_ENOTFOUND;
	for (size_t i = 1; i < path_len; i++)
		cap += path[i] == '/';
	cap++;
	segs = arena_alloc(a, cap * sizeof(*segs));
	lens = arena_alloc(a, cap * sizeof(*lens));
	if (path_len > 1) {
		size_t start = 1;
		for (size_t i = 1; i <= path_len; i++) {
			if (i < path_len && path[i] != '/')
				continue;
			rc = http_decode(a, path + start, i - start, 0,
			                 &segs[n], &lens[n]);
			if (rc)
				return rc;
			n++;
			start = i + 1;
		}
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct compiled *c = &r->routes[i];
		const char *rm = c->route->method;

		if (!match_segs(c, segs, lens, n, a, m))
			continue;
		if (strcmp(rm, method) == 0 ||
		    (head && strcmp(rm, "GET") == 0)) {
			m->route = c->route;
			m->index = i;
			return 0;
		}
		allow_add(a, &allowed, rm);
		if (strcmp(rm, "GET") == 0)
			allow_add(a, &allowed, "HEAD");
	}
	if (!allowed)
		return HTTP_ENOTFOUND;
	*allow = allowed;
	return HTTP_EMETHOD;
}
