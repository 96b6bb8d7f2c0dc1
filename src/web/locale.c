/* web/locale.c: the request's language, the switcher, and the language's
 * page values (web/locale.h).
 */
#include "web/locale.h"
#include "web/unavailable.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/web.h"

/* The cookie of the explicit choice, kept a year. */
#define LANG_COOKIE         "lang"
#define LANG_COOKIE_SECONDS (365L * 24 * 3600)

static _Thread_local int cur = -1;
/* 1 when the language came from ?lang= or a form's "lang" field and the
 * cookie or the header alone would have chosen another: the next
 * request (after a redirect, a GET form, a page link) must say it too. */
static _Thread_local int kept;

int web_lang(void)
{
	return cur;
}

int web_lang_set(int lang)
{
	int was = cur;
	cur = lang;
	return was;
}

const char *web_lang_tag(const struct web *w)
{
	const struct i18n *in = w->i18n;
	int i = cur >= 0 && (size_t)cur < in->n ? cur : in->def;
	return in->tag[i];
}

int web_lang_pick(struct http_request *req)
{
	const struct web *w = http_app(req);
	const char *tag = http_query(req, "lang");

	/* A form says the language it was shown in (its hidden "lang"
	 * field), so that its answer, an error page included, speaks it
	 * too, as a link's ?lang= does. */
	if (!tag && !strcmp(http_method(req), "POST"))
		tag = http_form(req, "lang");
	cur = i18n_negotiate(w->i18n, http_cookie(req, LANG_COOKIE), tag,
	                     http_header(req, "Accept-Language"));
	kept = tag &&
	       cur != i18n_negotiate(w->i18n, http_cookie(req, LANG_COOKIE),
	                             NULL, http_header(req, "Accept-Language"));
	return cur;
}

int web_before(struct http_request *req)
{
	const struct web *w = http_app(req);

	web_write_wait(req);
	web_lang_pick(req);
	/* The same address gives each reader their language. */
	if (w->i18n->n > 1)
		http_set_header(req, "Vary", "Cookie, Accept-Language");
	return auth_before(req);
}

/* path with ?lang=tag, or path itself for the default language. */
static const char *lang_url(struct arena *a, const struct web *w,
                            const char *path, int lang)
{
	struct buf b = BUF_INIT;
	const char *s;

	if (lang == w->i18n->def)
		return arena_printf(a, "%s%s", w->public_url, path);
	buf_puts(&b, w->public_url);
	buf_puts(&b, path);
	buf_puts(&b, "?lang=");
	buf_url_arg(&b, w->i18n->tag[lang], strlen(w->i18n->tag[lang]));
	s = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return s;
}

/* The query of this request without its "lang" (the switcher's choice
 * replaces it), "a=1&b=2"; "" when there is none. */
static const char *query_but_lang(struct http_request *req)
{
	struct buf b = BUF_INIT;
	size_t n;
	const struct http_kv *kv = http_query_fields(req, &n);
	const char *s;

	for (size_t i = 0; i < n; i++) {
		if (!strcmp(kv[i].name, "lang"))
			continue;
		if (b.len)
			buf_putc(&b, '&');
		buf_url_arg(&b, kv[i].name, strlen(kv[i].name));
		buf_putc(&b, '=');
		buf_url_arg(&b, kv[i].value, kv[i].len);
	}
	s = b.len ? arena_strndup(http_arena(req), b.p, b.len) : "";
	buf_free(&b);
	return s;
}

/* The switcher's link to lang, coming back to path?query. */
static const char *switch_url(struct arena *a, const struct web *w,
                              const char *path, const char *query, int lang)
{
	struct buf b = BUF_INIT;
	const char *s;

	buf_puts(&b, "/language?lang=");
	buf_url_arg(&b, w->i18n->tag[lang], strlen(w->i18n->tag[lang]));
	buf_puts(&b, "&back=");
	buf_url_arg(&b, path, strlen(path));
	if (query && *query) {
		buf_puts(&b, "%3F"); /* '?', inside the back argument */
		buf_url_arg(&b, query, strlen(query));
	}
	s = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return s;
}

void web_locale_page(struct http_request *req, struct tval *ctx)
{
	const struct web *w = http_app(req);
	const struct i18n *in = w->i18n;
	struct arena *a = http_arena(req);
	struct tval *list = tval_list(a);
	const char *path = http_path(req) ? http_path(req) : "/";
	/* A form's page (POST) goes back to the form, not to its answer. */
	const char *query =
	        strcmp(http_method(req), "POST") ? query_but_lang(req) : "";
	int lang = cur >= 0 && (size_t)cur < in->n ? cur : in->def;

	tval_set_str(ctx, "lang", in->tag[lang]);
	/* GET forms carry it in a hidden field when a link chose it. */
	tval_set_str(ctx, "keep_lang", web_lang_kept(w));
	/* Forms send it back in a hidden "lang" field (web_lang_pick). */
	tval_set_str(ctx, "form_lang", in->tag[lang]);
	/* What joins a name and a department in a byline: ICU's list
	 * separator of the language (", ", "、"). */
	tval_set_str(ctx, "list_sep", in->list_sep[lang]);
	tval_set(ctx, "t", in->t[lang]);
	tval_set_str(ctx, "back", path);
	for (size_t i = 0; i < in->n; i++) {
		struct tval *m = tval_push(list, tval_map(a));
		tval_set_str(m, "tag", in->tag[i]);
		tval_set_str(m, "name", i18n_msg(in, (int)i, "language_name"));
		tval_set_str(m, "url", lang_url(a, w, path, (int)i));
		tval_set_bool(m, "current", (int)i == lang);
		tval_set_str(m, "switch",
		             switch_url(a, w, path, query, (int)i));
	}
	tval_set(ctx, "languages", list);
	tval_set_bool(ctx, "multilingual", in->n > 1);
	tval_set_str(ctx, "default_url", lang_url(a, w, path, in->def));
	tval_set_str(ctx, "canonical", lang_url(a, w, path, lang));
	tval_set_str(ctx, "lang_query", web_lang_query(req));
}

/* A path on this site to go back to: "/..." without "//", a scheme or
 * control characters; NULL otherwise. */
static const char *safe_back(const char *s)
{
	if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\' ||
	    strlen(s) > 2000)
		return NULL;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return NULL;
	return s;
}

int page_language(struct http_request *req)
{
	const struct web *w = http_app(req);
	const char *tag = http_query(req, "lang");
	const char *back = safe_back(http_query(req, "back"));
	struct http_cookie_opts o = {.max_age = LANG_COOKIE_SECONDS,
	                             .http_only = 1,
	                             .same_site = "Lax"};
	struct buf b = BUF_INIT;
	int i = i18n_find(w->i18n, tag);

	if (i < 0)
		return http_error(req, 400, web_msg(w, "language_unknown"));
	http_set_cookie(req, LANG_COOKIE, w->i18n->tag[i], &o);
	/* Percent-encode what a Location header must not carry raw. */
	for (const char *p = back ? back : "/"; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>')
			buf_putc(&b, (char)c);
		else
			buf_printf(&b, "%%%02X", c);
	}
	buf_putc(&b, 0);
	i = http_redirect(req, 303, arena_strdup(http_arena(req), b.p));
	buf_free(&b);
	return i;
}

const char *web_msg_count(struct http_request *req, const char *key,
                          long long n)
{
	const struct web *w = http_app(req);
	struct i18n_arg arg[] = {I18N_NUM("n", n)};

	return i18n_format(w->i18n, cur, http_arena(req), key, arg, 1);
}

const char *web_msg_args(struct http_request *req, const char *key,
                         const struct i18n_arg *args, size_t n)
{
	const struct web *w = http_app(req);

	return i18n_format(w->i18n, cur, http_arena(req), key, args, n);
}

/* iso as a date of the reader's language: by the catalog's pattern key,
 * or ICU's long date when key is NULL; iso itself when it cannot be read. */
static const char *iso_date(struct http_request *req, const char *iso,
                            const char *key)
{
	const struct web *w = http_app(req);
	time_t t;

	if (!iso)
		return "";
	t = i18n_parse_iso(iso);
	if (t == (time_t)-1)
		return iso;
	return key ? i18n_date(w->i18n, cur, http_arena(req), t, key)
	           : i18n_date_long(w->i18n, cur, http_arena(req), t);
}

const char *web_date(struct http_request *req, const char *iso)
{
	return iso_date(req, iso, "date_pattern");
}

const char *web_date_long(struct http_request *req, const char *iso)
{
	return iso_date(req, iso, NULL);
}

const char *web_msg_date(struct http_request *req, const char *key,
                         const char *iso)
{
	const struct web *w = http_app(req);
	struct i18n_arg arg[] = {I18N_STR("date", web_date(req, iso))};

	return i18n_format(w->i18n, cur, http_arena(req), key, arg, 1);
}

const char *web_asker_line(struct http_request *req, const struct question *q)
{
	const struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *sex = "none";
	char *age = NULL, *dash;
	int nick = q->nickname && *q->nickname;

	if (q->age_band) {
		age = arena_strdup(a, q->age_band);
		if ((dash = strchr(age, '-')))
			*dash = '~'; /* "30~39", as the seed shows ages */
	}
	if (q->sex && (!strcmp(q->sex, "female") || !strcmp(q->sex, "male")))
		sex = q->sex;
	else if (q->sex)
		sex = "unstated"; /* "other" is MessageFormat's fallback */
	struct i18n_arg args[] = {
	        I18N_STR("nick", nick ? q->nickname : ""),
	        I18N_STR("sep", nick && age ? "yes" : "no"),
	        I18N_STR("age", age ? age : "none"),
	        I18N_STR("sex", sex),
	};
	return i18n_format(w->i18n, cur, a, "asker_line", args, 4);
}

const char *web_lang_kept(const struct web *w)
{
	return kept ? web_lang_tag(w) : NULL;
}

const char *web_url_lang(struct http_request *req, const char *url)
{
	const struct web *w = http_app(req);
	const char *tag = web_lang_kept(w);
	const char *hash, *q;
	struct arena *a = http_arena(req);

	/* Only this site's own paths; one that says a language keeps it. */
	if (!tag || !url || url[0] != '/' || url[1] == '/' || url[1] == '\\')
		return url;
	hash = strchr(url, '#');
	q = strchr(url, '?');
	if (q && hash && q > hash)
		q = NULL;
	if (q && (strstr(q, "?lang=") || strstr(q, "&lang=")))
		return url;
	if (!hash)
		return arena_printf(a, "%s%clang=%s", url, q ? '&' : '?', tag);
	return arena_printf(a, "%.*s%clang=%s%s", (int)(hash - url), url,
	                    q ? '&' : '?', tag, hash);
}

int web_redirect(struct http_request *req, int status, const char *location)
{
	return http_redirect(req, status, web_url_lang(req, location));
}

const char *web_lang_query(struct http_request *req)
{
	const struct web *w = http_app(req);
	const struct i18n *in = w->i18n;
	int i = cur >= 0 && (size_t)cur < in->n ? cur : in->def;

	if (i == in->def)
		return "";
	return arena_printf(http_arena(req), "?lang=%s", in->tag[i]);
}

const char *web_content_lang(const struct web *w, const char *language)
{
	if (!language || !*language || !strcmp(language, web_lang_tag(w)))
		return NULL;
	return language;
}

void web_set_content_lang(struct tval *m, const struct web *w,
                          const char *language)
{
	const char *l = web_content_lang(w, language);

	tval_set(m, "lang", l ? tval_str(m->u.map.a, l) : NULL);
}

int web_question_lang(struct http_request *req, int64_t id)
{
	const struct web *w = http_app(req);
	struct question q;
	int i;

	if (store_qa_get(w->store, http_arena(req), id, &q) != STORE_OK)
		return cur;
	i = i18n_find(w->i18n, q.language);
	return i >= 0 ? i : cur;
}

void web_sitemap_alternates(struct http_request *req, struct buf *b,
                            const char *path)
{
	const struct web *w = http_app(req);
	struct arena *a = http_arena(req);

	if (w->i18n->n < 2)
		return;
	for (size_t i = 0; i < w->i18n->n; i++) {
		const char *u = lang_url(a, w, path, (int)i);
		buf_puts(b, "<xhtml:link rel=\"alternate\" hreflang=\"");
		buf_html(b, w->i18n->tag[i], strlen(w->i18n->tag[i]));
		buf_puts(b, "\" href=\"");
		buf_html(b, u, strlen(u));
		buf_puts(b, "\"/>");
	}
}

/* ---- names of departments and topics -------------------------------- */

/* The names in each language, read once and shared by every worker
 * until an admin changes them (web_names_changed). A replaced snapshot
 * is kept, never freed while the server runs, because a request on
 * another thread may still read it; names change rarely. */
#define NAMES_LANGS 16

struct names_snap {
	unsigned gen;
	char tag[32]; /* the language (a reload may renumber them) */
	struct arena *a;
	struct store_name *v;
	size_t n;
	struct names_snap *older;
};

static pthread_mutex_t names_mu = PTHREAD_MUTEX_INITIALIZER;
static struct names_snap *names_cur[NAMES_LANGS];
static unsigned names_gen = 1;

/* The current request's snapshot, picked once per request. */
static _Thread_local struct {
	char rid[64];
	int lang;
	const struct names_snap *snap;
} names;

void web_names_changed(void)
{
	pthread_mutex_lock(&names_mu);
	names_gen++;
	pthread_mutex_unlock(&names_mu);
}

static const struct names_snap *names_snapshot(struct http_request *req,
                                               int lang)
{
	const struct web *w = http_app(req);
	struct names_snap *s;

	if (lang < 0 || lang >= NAMES_LANGS)
		return NULL;
	pthread_mutex_lock(&names_mu);
	s = names_cur[lang];
	if (!s || s->gen != names_gen || strcmp(s->tag, w->i18n->tag[lang])) {
		struct names_snap *n = xcalloc(1, sizeof(*n));

		n->a = arena_new();
		n->gen = names_gen;
		snprintf(n->tag, sizeof(n->tag), "%s", w->i18n->tag[lang]);
		if (store_names_list(w->store, n->a, w->i18n->tag[lang], &n->v,
		                     &n->n) != STORE_OK) {
			n->v = NULL; /* the names as stored, then */
			n->n = 0;
			n->gen = 0; /* and try again next time */
		}
		n->older = s;
		names_cur[lang] = s = n;
	}
	pthread_mutex_unlock(&names_mu);
	return s;
}

static void names_load(struct http_request *req)
{
	const struct web *w = http_app(req);
	const char *rid = http_request_id(req);
	int lang = cur >= 0 && (size_t)cur < w->i18n->n ? cur : w->i18n->def;

	if (rid && !strcmp(names.rid, rid) && names.lang == lang)
		return;
	names.lang = lang;
	snprintf(names.rid, sizeof(names.rid), "%s", rid ? rid : "");
	names.snap = names_snapshot(req, lang);
}

const char *web_name(struct http_request *req, int kind, const char *slug,
                     const char *name)
{
	if (!slug || !name)
		return name;
	names_load(req);
	for (size_t i = 0; names.snap && i < names.snap->n; i++) {
		const struct store_name *v = &names.snap->v[i];
		if ((int)v->kind == kind && v->slug && !strcmp(v->slug, slug))
			return v->name;
	}
	return name;
}

const char *web_name_id(struct http_request *req, int kind, int64_t id,
                        const char *name)
{
	if (!id || !name)
		return name;
	names_load(req);
	for (size_t i = 0; names.snap && i < names.snap->n; i++) {
		const struct store_name *v = &names.snap->v[i];
		if ((int)v->kind == kind && v->id == id)
			return v->name;
	}
	return name;
}

const char *web_name_base(struct http_request *req, int kind, const char *slug,
                          const char *name)
{
	const char *local = web_name(req, kind, slug, name);
	struct i18n_arg args[] = {I18N_STR("name", local),
	                          I18N_STR("base", name)};

	if (!local || !name || !strcmp(local, name))
		return name;
	return web_msg_args(req, "names_with_base", args, 2);
}

void web_names_depts(struct http_request *req, struct department *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		d[i].name = web_name(req, STORE_KIND_DEPARTMENT, d[i].slug,
		                     d[i].name);
}

void web_names_topics(struct http_request *req, struct topic *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		t[i].name =
		        web_name(req, STORE_KIND_TOPIC, t[i].slug, t[i].name);
		t[i].department =
		        web_name(req, STORE_KIND_DEPARTMENT,
		                 t[i].department_slug, t[i].department);
	}
}

void web_names_question(struct http_request *req, struct question *q)
{
	q->department = web_name(req, STORE_KIND_DEPARTMENT, q->department_slug,
	                         q->department);
	web_names_topics(req, q->topics, q->n_topics);
}

const char *web_msg_name(struct http_request *req, const char *key,
                         const char *name, long long count)
{
	const struct web *w = http_app(req);
	struct i18n_arg args[] = {I18N_STR("name", name),
	                          I18N_NUM("count", count)};

	return i18n_format(w->i18n, cur, http_arena(req), key, args, 2);
}

/* ---- messages with arguments ---------------------------------------- */

const char *web_msgf(struct http_request *req, const char *key,
                     const struct i18n_arg *args, size_t n)
{
	const struct web *w = http_app(req);

	return i18n_format(w->i18n, cur, http_arena(req), key, args, n);
}

/* Arguments become private-use characters (U+E000 + i) while ICU formats
 * the text, so that the text can be escaped around them. */
#define HTML_ARGS_MAX 8

const char *web_msg_html(struct http_request *req, const char *key,
                         const struct i18n_arg *args, size_t n)
{
	const struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct i18n_arg mark[HTML_ARGS_MAX];
	char marks[HTML_ARGS_MAX][4];
	struct buf b = BUF_INIT;
	const char *s, *p, *run;

	if (n > HTML_ARGS_MAX)
		n = HTML_ARGS_MAX;
	for (size_t i = 0; i < n; i++) {
		mark[i] = args[i];
		if (args[i].s) {
			marks[i][0] = '\xEE';
			marks[i][1] = '\x80';
			marks[i][2] = (char)(0x80 + i);
			marks[i][3] = 0;
			mark[i].s = marks[i];
		}
	}
	s = i18n_format(w->i18n, cur, a, key, mark, n);
	for (p = run = s; *p; p++) {
		size_t i;

		if (p[0] != '\xEE' || p[1] != '\x80' ||
		    (unsigned char)p[2] < 0x80 ||
		    (i = (unsigned char)p[2] - 0x80) >= n || !args[i].s)
			continue;
		buf_html(&b, run, (size_t)(p - run));
		buf_puts(&b, args[i].s);
		p += 2;
		run = p + 1;
	}
	buf_html(&b, run, (size_t)(p - run));
	s = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return s;
}

const char *web_html_escape(struct arena *a, const char *text)
{
	struct buf b = BUF_INIT;
	const char *s;

	buf_html(&b, text, strlen(text));
	s = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return s;
}

const char *web_html_link(struct arena *a, const char *href, const char *text)
{
	struct buf b = BUF_INIT;
	const char *s;

	buf_puts(&b, "<a href=\"");
	buf_html(&b, href, strlen(href));
	buf_puts(&b, "\">");
	buf_html(&b, text, strlen(text));
	buf_puts(&b, "</a>");
	s = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return s;
}
