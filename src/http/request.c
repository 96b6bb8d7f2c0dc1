/* http/request.c: what a handler can ask of its request.
 *
 * The request was fully parsed before the handler ran (path parameters,
 * query, cookies, form), so these are lookups over small arrays; linear
 * search beats hashing at LIMIT_FORM_FIELDS entries. Header and peer
 * address lookups need libmicrohttpd and live in server.c.
 */
#include "http/internal.h"

#include <string.h>

static const struct http_kv *kv_find(const struct http_kv *kv, size_t n,
                                     const char *name, int files)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kv[i].name, name) == 0 &&
		    (kv[i].filename != NULL) == files)
			return &kv[i];
	return NULL;
}

struct arena *http_arena(struct http_request *req)
{
	return req->arena;
}

void *http_app(struct http_request *req)
{
	return req->app;
}

void *http_context(struct http_request *req)
{
	return req->ctx;
}

void http_set_context(struct http_request *req, void *ctx)
{
	req->ctx = ctx;
}

const char *http_method(struct http_request *req)
{
	return req->method;
}

const char *http_path(struct http_request *req)
{
	return req->path;
}

const char *http_route_pattern(struct http_request *req)
{
	return req->matched ? req->match.route->pattern : NULL;
}

unsigned http_route_flags(struct http_request *req)
{
	return req->matched ? req->match.route->flags : 0;
}

const char *http_param(struct http_request *req, const char *name)
{
	if (!req->matched)
		return NULL;
	for (size_t i = 0; i < req->match.n_params; i++)
		if (strcmp(req->match.names[i], name) == 0)
			return req->match.values[i];
	return NULL;
}

const char *http_query(struct http_request *req, const char *name)
{
	const struct http_kv *kv = kv_find(req->query, req->n_query, name, 0);
	return kv ? kv->value : NULL;
}

const char *http_form(struct http_request *req, const char *name)
{
	const struct http_kv *kv = kv_find(req->form, req->n_form, name, 0);
	return kv ? kv->value : NULL;
}

const struct http_kv *http_form_file(struct http_request *req, const char *name)
{
	return kv_find(req->form, req->n_form, name, 1);
}

const struct http_kv *http_query_fields(struct http_request *req, size_t *n)
{
	*n = req->n_query;
	return req->query;
}

const struct http_kv *http_form_fields(struct http_request *req, size_t *n)
{
	*n = req->n_form;
	return req->form;
}

const char *http_body(struct http_request *req, size_t *len)
{
	*len = req->body.len;
	return req->body.len ? req->body.p : NULL;
}

const char *http_cookie(struct http_request *req, const char *name)
{
	const struct http_kv *kv =
	        kv_find(req->cookies, req->n_cookies, name, 0);
	return kv ? kv->value : NULL;
}

const char *http_request_id(struct http_request *req)
{
	return req->id;
}
