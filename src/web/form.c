/* web/form.c: the rules every form follows (web/form.h) and the errors
 * a refused form shows.
 *
 * The rules are pure functions of the text (form_clean, form_check) so
 * that tests/unit/test_form.c checks them without a server; the web_*
 * functions read the request's form and turn a verdict into the
 * catalog's message and a status.
 */
#include "web/form.h"
#include "web/locale.h"

#include <string.h>

#include "http/http.h"
#include "limits.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/password.h"
#include "util/util.h"
#include "web/web.h"

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n';
}

char *form_clean(struct arena *a, const char *s)
{
	char *out, *o;
	size_t n;

	if (!s)
		s = "";
	out = o = arena_alloc(a, strlen(s) + 1);
	for (; *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue; /* CRLF becomes LF */
		*o++ = *s == '\r' ? '\n' : *s;
	}
	*o = '\0';
	while (is_blank(*out))
		out++;
	n = strlen(out);
	while (n && is_blank(out[n - 1]))
		out[--n] = '\0';
	return out;
}

int form_bad_chars(const char *s, unsigned flags)
{
	int multi = (flags & FORM_MULTILINE) && !(flags & FORM_EMAIL);
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (multi && (*p == '\n' || *p == '\t'))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return 1;
		/* C1 controls, U+0080 to U+009F: C2 80 to C2 9F in UTF-8 */
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 1;
	}
	return 0;
}

int form_email_ok(const char *s)
{
	const char *at = strchr(s, '@'), *p;

	if (!at || at == s || !at[1] || strchr(at + 1, '@') ||
	    strlen(s) > LIMIT_EMAIL_BYTES || form_bad_chars(s, FORM_EMAIL))
		return 0;
	for (p = s; *p; p++)
		if (strchr(" <>\",;\\", *p))
			return 0;
	/* the domain needs a dot that is neither its first nor last byte */
	p = strrchr(at + 1, '.');
	return p && p != at + 1 && p[1];
}

enum form_verdict form_check(const char *s, size_t max, unsigned flags)
{
	if (!*s)
		return flags & FORM_REQUIRED ? FORM_MISSING : FORM_OK;
	if (flags & FORM_EMAIL) {
		if (strlen(s) > LIMIT_EMAIL_BYTES)
			return FORM_TOO_LONG;
		/* a line break in an address is a bad address (and a
		 * header injection), said as such */
		return form_email_ok(s) && !form_bad_chars(s, flags)
		               ? FORM_OK
		               : FORM_BAD_EMAIL;
	}
	if (max && utf8_chars(s) > max)
		return FORM_TOO_LONG;
	if (form_bad_chars(s, flags))
		return FORM_BAD_CHARS;
	return FORM_OK;
}

const char *form_new_password_key(const char *pw, const char *pw2,
                                  const char **field)
{
	*field = "password";
	switch (password_check(pw)) {
	case PASSWORD_OK: break;
	case PASSWORD_TOO_SHORT: return "form_password_short";
	case PASSWORD_TOO_LONG: return "form_password_long";
	case PASSWORD_BAD_CHARS: return "form_bad_chars";
	case PASSWORD_ALL_SAME: return "form_password_same";
	}
	if (strcmp(pw, pw2) == 0)
		return NULL;
	*field = "password2";
	return "form_password_mismatch";
}

void web_form_errors_init(struct web_form_errors *fe, struct arena *a)
{
	fe->a = a;
	fe->e = tval_map(a);
	fe->list = tval_list(a);
	fe->n = 0;
	fe->too_large = 0;
}

void web_form_error(struct web_form_errors *fe, const char *field,
                    const char *message)
{
	struct tval *m;

	if (tval_get(fe->e, field))
		return; /* the first problem of a field is enough */
	tval_set_str(fe->e, field, message);
	m = tval_map(fe->a);
	tval_set_str(m, "field", field);
	tval_set_str(m, "message", message);
	tval_push(fe->list, m);
	fe->n++;
}

void web_form_errors_set(struct tval *ctx, const struct web_form_errors *fe)
{
	tval_set(ctx, "e", fe->e);
	tval_set(ctx, "errors", fe->list);
	tval_set_bool(ctx, "has_errors", fe->n > 0);
}

int web_form_status(const struct web_form_errors *fe)
{
	return fe->too_large ? 413 : fe->n ? 400 : 200;
}

const char *web_form_text(struct http_request *req, const char *name)
{
	return form_clean(http_arena(req), http_form(req, name));
}

const char *web_form_message(struct http_request *req, enum form_verdict v,
                             size_t max)
{
	struct web *w = http_app(req);

	switch (v) {
	case FORM_OK: return NULL;
	case FORM_MISSING: return web_msg(w, "form_required");
	case FORM_TOO_LONG:
		return web_msg_n(req, "form_too_long", (long long)max);
	case FORM_BAD_CHARS: return web_msg(w, "form_bad_chars");
	case FORM_BAD_EMAIL: return web_msg(w, "form_bad_email");
	}
	return NULL;
}

int web_form_check(struct http_request *req, const char *s, size_t max,
                   unsigned flags, const char **error)
{
	enum form_verdict v = form_check(s, max, flags);

	if (v == FORM_OK)
		return 0;
	if (v == FORM_TOO_LONG && (flags & FORM_EMAIL))
		max = LIMIT_EMAIL_BYTES;
	*error = web_form_message(req, v, max);
	return v == FORM_TOO_LONG ? 413 : 400;
}

enum form_verdict web_form_rule(struct http_request *req,
                                struct web_form_errors *fe, const char *field,
                                const char *s, size_t max, unsigned flags,
                                const char *missing_key, const char *long_key)
{
	enum form_verdict v = form_check(s, max, flags);
	const char *msg;

	if (v == FORM_TOO_LONG && (flags & FORM_EMAIL))
		max = LIMIT_EMAIL_BYTES;
	if (v == FORM_MISSING && missing_key)
		msg = web_msg(http_app(req), missing_key);
	else if (v == FORM_TOO_LONG && long_key)
		msg = web_msg_n(req, long_key, (long long)max);
	else
		msg = web_form_message(req, v, max);
	if (v == FORM_TOO_LONG && !tval_get(fe->e, field))
		fe->too_large = 1;
	if (v != FORM_OK)
		web_form_error(fe, field, msg);
	return v;
}

const char *web_form_field(struct http_request *req, struct web_form_errors *fe,
                           const char *name, size_t max, unsigned flags)
{
	const char *s = web_form_text(req, name);

	web_form_rule(req, fe, name, s, max, flags, NULL, NULL);
	return s;
}

const char *web_msg_n(struct http_request *req, const char *key, long long n)
{
	const char *m = web_msg(http_app(req), key), *p = strstr(m, "{n}");

	if (!p)
		return m;
	return arena_printf(http_arena(req), "%.*s%lld%s", (int)(p - m), m, n,
	                    p + 3);
}

int web_department_options(struct http_request *req, struct tval *ctx,
                           int64_t chosen, int *found)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *list = tval_set(ctx, "departments", tval_list(a));
	struct department *d;
	size_t n;
	int rc, any = 0;

	if ((rc = store_department_list(w->store, a, &d, &n)))
		return rc;
	web_names_depts(req, d, n);
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_push(list, tval_map(a));
		tval_set_int(m, "id", d[i].id);
		tval_set_str(m, "name", d[i].name);
		tval_set_bool(m, "selected", d[i].id == chosen);
		any |= d[i].id == chosen;
	}
	if (found)
		*found = any;
	return 0;
}
