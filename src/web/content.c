/* web/content.c: helpers the content and discovery pages share (see
 * web/content.h), and the search-engine values every page carries
 * (web_seo_defaults, web_jsonld_qa).
 *
 * Every page gets JSON-LD: by default the WebSite with its search
 * action; pages with a subject of their own (a Q&A, an article, a doctor,
 * a department, a topic) replace it with a graph describing it and its
 * breadcrumb trail.
 */
#include "web/locale.h"
#include "web/content.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "web/locale.h"
#include "web/question_view.h"
#include "web/text.h"
#include "web/web.h"

int content_pager_read(struct http_request *req, size_t per,
                       struct content_pager *p)
{
	const char *s = http_query(req, "page");

	p->page = 1;
	p->per = per;
	if (s && (web_parse_id(s, &p->page) < 0 || p->page > CONTENT_MAX_PAGE))
		return WEB_EBADPAGE;
	p->offset = (size_t)(p->page - 1) * per;
	return 0;
}

int content_pager_set(struct http_request *req, struct tval *ctx,
                      const struct content_pager *p, int64_t total)
{
	struct arena *a = http_arena(req);
	int64_t pages =
	        total <= 0 ? 1
	                   : (total + (int64_t)p->per - 1) / (int64_t)p->per;
	struct tval *m;
	const char *path = http_path(req);

	if (p->page > pages)
		return WEB_ENOPAGE;
	if (pages <= 1)
		return 0;
	m = tval_set(ctx, "pager", tval_map(a));
	tval_set_int(m, "page", p->page);
	tval_set_int(m, "pages", pages);
	{
		struct i18n_arg st[] = {I18N_NUM("page", p->page),
		                        I18N_NUM("pages", pages)};
		tval_set_str(m, "status", web_msgf(req, "pager_status", st, 2));
	}
	/* A language a link chose stays with the pages. */
	if (p->page > 1)
		tval_set_str(
		        m, "prev",
		        web_url_lang(req,
		                     p->page == 2
		                             ? path
		                             : arena_printf(a, "%s?page=%lld",
		                                            path,
		                                            (long long)p->page -
		                                                    1)));
	if (p->page < pages)
		tval_set_str(
		        m, "next",
		        web_url_lang(req,
		                     arena_printf(a, "%s?page=%lld", path,
		                                  (long long)p->page + 1)));
	return 0;
}

/* The line of Q&A it pushed on list: id, title, lang, date, doctor. */
static struct tval *qa_line(struct http_request *req, struct tval *list,
                            const struct qa_item *it)
{
	struct arena *a = http_arena(req);
	struct tval *m = tval_push(list, tval_map(a));

	tval_set_int(m, "id", it->id);
	tval_set_str(m, "title", it->title);
	web_set_content_lang(m, http_app(req), it->language);
	tval_set_str(m, "date", web_date(req, it->date));
	if (it->doctor)
		tval_set_str(m, "doctor", it->doctor);
	return m;
}

struct tval *content_qa_lines(struct http_request *req,
                              const struct qa_item *items, size_t n)
{
	struct tval *list = tval_list(http_arena(req));

	for (size_t i = 0; i < n; i++)
		qa_line(req, list, &items[i]);
	return list;
}

struct tval *content_qa_items(struct http_request *req,
                              const struct qa_item *items, size_t n)
{
	struct arena *a = http_arena(req);
	struct tval *list = tval_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = qa_line(req, list, &items[i]);
		const char *durl;

		tval_set_str(
		        m, "excerpt",
		        arena_printf(a, "%s%s",
		                     items[i].excerpt ? items[i].excerpt : "",
		                     items[i].excerpt_cut ? "..." : ""));
		if ((durl = web_doctor_url(req, items[i].doctor_id)))
			tval_set_str(m, "doctor_url", durl);
		if (items[i].department) {
			struct tval *d = tval_set(m, "department", tval_map(a));
			tval_set_str(d, "name",
			             web_name(req, STORE_KIND_DEPARTMENT,
			                      items[i].department_slug,
			                      items[i].department));
			tval_set_str(d, "slug", items[i].department_slug);
		}
	}
	return list;
}

char *content_url_enc(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	char *out;

	buf_url_arg(&b, s ? s : "", s ? strlen(s) : 0);
	out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

const char *content_url(struct http_request *req, const char *path)
{
	struct web *w = http_app(req);

	return arena_printf(http_arena(req), "%s%s", w->public_url, path);
}

void content_share(struct http_request *req, struct tval *ctx,
                   const char *title)
{
	struct arena *a = http_arena(req);
	struct tval *share = tval_set(ctx, "share", tval_map(a));
	const char *url = content_url(req, http_path(req));

	tval_set_str(share, "url", url);
	tval_set_str(share, "url_enc", content_url_enc(a, url));
	tval_set_str(share, "title_enc", content_url_enc(a, title));
}

struct tval *content_paragraphs(struct arena *a, const char *s)
{
	struct tval *m = tval_map(a),
	            *list = tval_set(m, "paragraphs", tval_list(a));
	char **p;
	size_t n = text_paragraphs(a, s ? s : "", &p);

	for (size_t i = 0; i < n; i++)
		tval_push(list, tval_str(a, p[i]));
	return m;
}

const char *content_datetime(struct arena *a, const char *iso)
{
	size_t n;

	if (!iso || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-')
		return NULL;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			return NULL;
	n = strlen(iso);
	if (n == 10)
		return arena_printf(a, "%sT00:00:00Z", iso);
	if (n == 20 && iso[10] == 'T' && iso[19] == 'Z')
		return arena_strdup(a, iso);
	if (n >= 19 && iso[10] == 'T')
		return arena_printf(a, "%.19sZ", iso);
	return arena_printf(a, "%.10sT00:00:00Z", iso);
}

/* ---- breadcrumbs and JSON-LD ---- */

json_t *content_jstr(const char *s)
{
	json_t *j = json_string(s ? s : "");

	/* Text from the store is valid UTF-8; be safe anyway. */
	return j ? j : json_string("");
}

void content_crumbs_init(struct http_request *req, struct content_crumbs *c)
{
	struct web *w = http_app(req);

	c->list = tval_list(http_arena(req));
	c->items = json_array();
	content_crumb(req, c, web_msg(w, "crumb_home"), "/");
}

void content_crumb(struct http_request *req, struct content_crumbs *c,
                   const char *name, const char *path)
{
	struct arena *a = http_arena(req);
	struct tval *m = tval_push(c->list, tval_map(a));
	json_t *it = json_object();

	tval_set_str(m, "name", name);
	tval_set_bool(m, "first", c->list->u.list.n == 1);
	json_object_set_new(it, "@type", json_string("ListItem"));
	json_object_set_new(it, "position",
	                    json_integer((json_int_t)c->list->u.list.n));
	json_object_set_new(it, "name", content_jstr(name));
	if (path) {
		tval_set_str(m, "url", path);
		json_object_set_new(it, "item",
		                    content_jstr(content_url(req, path)));
	} else {
		json_object_set_new(
		        it, "item",
		        content_jstr(content_url(req, http_path(req))));
	}
	json_array_append_new(c->items, it);
}

json_t *content_crumbs_done(struct http_request *req, struct content_crumbs *c,
                            struct tval *ctx)
{
	json_t *bl = json_object();

	(void)req;
	tval_set(ctx, "crumbs", c->list);
	json_object_set_new(bl, "@type", json_string("BreadcrumbList"));
	json_object_set_new(bl, "itemListElement", c->items);
	c->items = NULL;
	return bl;
}

char *content_json_script(struct arena *a, const json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct buf b = BUF_INIT;
	char *out;

	if (!text)
		return arena_strdup(a, "{}");
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '<': buf_puts(&b, "\\u003c"); break;
		case '>': buf_puts(&b, "\\u003e"); break;
		case '&': buf_puts(&b, "\\u0026"); break;
		default: buf_putc(&b, *p);
		}
	}
	free(text);
	out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

void content_jsonld(struct http_request *req, struct tval *ctx, json_t *graph)
{
	json_t *doc = json_object();

	json_object_set_new(doc, "@context", json_string("https://schema.org"));
	json_object_set_new(doc, "@graph", graph);
	tval_set_str(ctx, "jsonld", content_json_script(http_arena(req), doc));
	json_decref(doc);
}

/* The site itself, with its search box (the sitelinks search action). */
static json_t *website(struct http_request *req)
{
	struct web *w = http_app(req);
	json_t *site = json_object(), *act = json_object(),
	       *tgt = json_object();

	json_object_set_new(site, "@type", json_string("WebSite"));
	json_object_set_new(site, "@id",
	                    content_jstr(content_url(req, "/#site")));
	json_object_set_new(site, "name", content_jstr(w->cfg->site_name));
	json_object_set_new(site, "url", content_jstr(content_url(req, "/")));
	json_object_set_new(act, "@type", json_string("SearchAction"));
	json_object_set_new(tgt, "@type", json_string("EntryPoint"));
	json_object_set_new(tgt, "urlTemplate",
	                    content_jstr(content_url(req, "/search?q={q}")));
	json_object_set_new(act, "target", tgt);
	json_object_set_new(act, "query-input", json_string("required name=q"));
	json_object_set_new(site, "potentialAction", act);
	return site;
}

void web_seo_defaults(struct http_request *req, struct tval *ctx)
{
	json_t *g = json_array();

	json_array_append_new(g, website(req));
	content_jsonld(req, ctx, g);
}

/* A person (the asker, a doctor) for JSON-LD. */
static json_t *person(struct http_request *req, const char *name,
                      const char *path)
{
	json_t *p = json_object();

	json_object_set_new(p, "@type", json_string("Person"));
	json_object_set_new(p, "name",
	                    content_jstr(name && *name ? name : "?"));
	if (path)
		json_object_set_new(p, "url",
		                    content_jstr(content_url(req, path)));
	return p;
}

void web_jsonld_qa(struct http_request *req, struct tval *ctx,
                   const struct question *q)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct content_crumbs c;
	json_t *g = json_array(), *page = json_object(), *qn = json_object();
	json_t *suggested = json_array();
	const char *url = content_url(req, http_path(req)), *dt;

	json_object_set_new(page, "@type", json_string("QAPage"));
	json_object_set_new(page, "url", content_jstr(url));
	json_object_set_new(page, "name", content_jstr(q->title));
	json_object_set_new(qn, "@type", json_string("Question"));
	json_object_set_new(qn, "name", content_jstr(q->title));
	json_object_set_new(qn, "text", content_jstr(q->text));
	if (q->language && *q->language) /* the question's own */
		json_object_set_new(qn, "inLanguage",
		                    content_jstr(q->language));
	json_object_set_new(qn, "answerCount",
	                    json_integer((json_int_t)q->n_answers));
	if ((dt = content_datetime(a, q->asked_at)))
		json_object_set_new(qn, "dateCreated", content_jstr(dt));
	json_object_set_new(qn, "author",
	                    person(req,
	                           q->nickname && *q->nickname
	                                   ? q->nickname
	                                   : web_msg(w, "jsonld_asker"),
	                           NULL));
	for (size_t i = 0; i < q->n_answers; i++) {
		const struct answer *an = &q->answers[i];
		json_t *ans = json_object();
		const char *durl = web_answer_doctor_url(req, an);

		json_object_set_new(ans, "@type", json_string("Answer"));
		json_object_set_new(
		        ans, "text",
		        content_jstr(text_markdown_plain(a, an->body)));
		json_object_set_new(
		        ans, "url",
		        content_jstr(arena_printf(a, "%s#answer-%lld", url,
		                                  (long long)an->id)));
		json_object_set_new(ans, "upvoteCount", json_integer(0));
		if ((dt = content_datetime(a, an->answered_at)))
			json_object_set_new(ans, "datePublished",
			                    content_jstr(dt));
		json_object_set_new(
		        ans, "author",
		        person(req,
		               an->doctor_id
		                       ? arena_printf(a, "%s%s%s",
		                                      web_msg(w, "dr_prefix"),
		                                      an->author,
		                                      web_msg(w, "dr_suffix"))
		                       : an->author,
		               durl));
		/* The first reply is the site's answer; later ones (to
		 * follow-ups in the same thread) are suggestions. */
		if (i == 0)
			json_object_set_new(qn, "acceptedAnswer", ans);
		else
			json_array_append_new(suggested, ans);
	}
	if (json_array_size(suggested))
		json_object_set_new(qn, "suggestedAnswer", suggested);
	else
		json_decref(suggested);
	json_object_set_new(page, "mainEntity", qn);
	json_array_append_new(g, page);
	content_crumbs_init(req, &c);
	if (q->department)
		content_crumb(
		        req, &c, q->department,
		        arena_printf(a, "/department/%s", q->department_slug));
	content_crumb(req, &c, q->title, NULL);
	json_t *bl = content_crumbs_done(req, &c, tval_map(a));
	json_array_append_new(g, bl);
	content_jsonld(req, ctx, g);
}

int web_library_seo(struct http_request *req, struct tval *ctx,
                    const struct faq *f, const char *summary)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct content_crumbs c;
	struct topic tp;
	struct department d;
	const char *dname = NULL, *dslug = NULL, *about = NULL;
	int rc = STORE_NOTFOUND, have_topic;
	json_t *g, *page;

	if (f->topic_id &&
	    (rc = store_topic_get(w->store, a, f->topic_id, &tp)) != STORE_OK &&
	    rc != STORE_NOTFOUND)
		return rc;
	have_topic = f->topic_id && rc == STORE_OK;
	if (have_topic)
		web_names_topics(req, &tp, 1); /* in the reader's language */
	if (have_topic && tp.department_slug) {
		dname = tp.department;
		dslug = tp.department_slug;
	} else if (f->department_id) {
		rc = store_department_get(w->store, a, f->department_id, &d);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return rc;
		if (rc == STORE_OK) {
			web_names_depts(req, &d, 1);
			dname = d.name;
			dslug = d.slug;
		}
	}
	content_crumbs_init(req, &c);
	if (dslug)
		content_crumb(req, &c, dname,
		              arena_printf(a, "/department/%s", dslug));
	if (have_topic) {
		struct tval *t = tval_set(ctx, "topic", tval_map(a));
		const char *path = arena_printf(a, "/topic/%s", tp.slug);

		tval_set_str(t, "name", tp.name);
		tval_set_str(t, "url", path);
		if (dname)
			tval_set_str(t, "department", dname);
		content_crumb(req, &c, tp.name, path);
		about = tp.name;
	}
	content_crumb(req, &c, f->title, NULL);
	g = json_array();
	page = json_object();
	json_object_set_new(page, "@type", json_string("MedicalWebPage"));
	json_object_set_new(page, "url",
	                    content_jstr(content_url(req, http_path(req))));
	json_object_set_new(page, "name", content_jstr(f->title));
	if (summary && *summary)
		json_object_set_new(page, "description", content_jstr(summary));
	if (about || dname) {
		json_t *th = json_object();
		json_object_set_new(th, "@type", json_string("Thing"));
		json_object_set_new(th, "name",
		                    content_jstr(about ? about : dname));
		json_object_set_new(page, "about", th);
	}
	if (f->source.name && *f->source.name) {
		json_t *src = json_object();
		json_object_set_new(src, "@type", json_string("CreativeWork"));
		json_object_set_new(src, "name", content_jstr(f->source.name));
		if (f->source.url && *f->source.url)
			json_object_set_new(src, "url",
			                    content_jstr(f->source.url));
		json_object_set_new(page, "isBasedOn", src);
	}
	json_array_append_new(g, page);
	json_array_append_new(g, content_crumbs_done(req, &c, ctx));
	content_jsonld(req, ctx, g);
	return 0;
}

int content_json(struct http_request *req, int status, json_t *j)
{
	struct buf b = BUF_INIT;

	/* Escaped like JSON-LD: no markup survives a browser sniffing it. */
	buf_puts(&b, content_json_script(http_arena(req), j));
	buf_putc(&b, '\n');
	json_decref(j);
	http_set_header(req, "Access-Control-Allow-Origin", "*");
	/* The language of the names and messages it holds (web/api.c). */
	http_set_header(req, "Content-Language", web_lang_tag(http_app(req)));
	return http_respond_buf(req, status, "application/json; charset=utf-8",
	                        &b);
}

int content_json_error(struct http_request *req, int status,
                       const char *message)
{
	json_t *j = json_object();

	json_object_set_new(j, "error", content_jstr(message));
	return content_json(req, status, j);
}
