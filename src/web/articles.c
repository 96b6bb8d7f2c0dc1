/* web/articles.c: health articles: the article page (category
 * breadcrumbs, author and dates, share links, related articles and Q&As,
 * comments), the list of articles, category pages, and the simple
 * Markdown editor for doctors and editors.
 *
 * Categories are paths such as "More > Health > Recovery". Each part of
 * a path is a breadcrumb linking to its category page,
 * /articles/in/more/health/recovery (the parts' slugs); a category page
 * lists the articles at that path and below it. Category pages are found
 * by matching the slugs against the paths the published articles use,
 * so there is no separate category table to keep in step.
 *
 * Only published articles are public. Their authors and editors
 * (moderators and admins) also see drafts and taken-down articles, marked
 * so and never cached or indexed. Related articles and Q&As come from the
 * search index (similar documents), so they cost a ranking only when the
 * page is rendered anew; anonymous readers get it from the page cache.
 */
#include "web/web.h"

#include <string.h>

#include "config.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "limits.h"
#include "search/search.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"
#include "web/locale.h"
#include "web/admin.h"
#include "web/articles.h"
#include "web/locale.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/comments.h"
#include "web/content.h"
#include "web/form.h"
#include "web/locale.h"
#include "web/question_view.h"
#include "web/search.h"
#include "web/text.h"

#define RELATED        4    /* related articles, related Q&As */
#define SUMMARY_CHARS  155  /* meta description length */
#define MAX_CATEGORIES 1000 /* category paths a site may use */

/* ---- categories ---- */

/* The parts of a category path "A > B > C", blanks trimmed, empty ones
 * left out, in an arena array; returns how many. */
static size_t category_parts(struct arena *a, const char *path,
                             const char ***out)
{
	size_t n = 0, cap = 1;
	const char **v;

	for (const char *p = path; p && *p; p++)
		cap += *p == '>';
	v = ARENA_ARRAY(a, const char *, cap);
	for (const char *p = path; p && *p;) {
		const char *gt = strchr(p, '>');
		size_t len = gt ? (size_t)(gt - p) : strlen(p);

		while (len && p[len - 1] == ' ')
			len--;
		if (len)
			v[n++] = arena_strndup(a, p, len);
		if (!gt)
			break;
		p = gt + 1;
		while (*p == ' ')
			p++;
	}
	*out = v;
	return n;
}

/* The slug of each part of a category path, joined by '/'. */
static char *category_slug(struct arena *a, const char *path)
{
	struct buf b = BUF_INIT;
	const char **part;
	size_t n = category_parts(a, path, &part);
	char *out;

	for (size_t i = 0; i < n; i++) {
		if (b.len)
			buf_putc(&b, '/');
		buf_puts(&b, text_slug(a, part[i]));
	}
	out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

/* The category path in the reader's language: each part under its name
 * there (category_names, set on /admin/names), else as stored; whole 0
 * gives the last part only. */
const char *web_category_name(struct http_request *req, const char *path,
                              int whole)
{
	struct arena *a = http_arena(req);
	struct buf sofar = BUF_INIT, out = BUF_INIT;
	const char **part, *name = "";
	size_t n = category_parts(a, path, &part);
	char *r;

	for (size_t i = 0; i < n; i++) {
		if (sofar.len)
			buf_puts(&sofar, " > ");
		buf_puts(&sofar, part[i]);
		name = web_name(req, STORE_KIND_CATEGORY, sofar.p, part[i]);
		if (out.len)
			buf_puts(&out, " > ");
		buf_puts(&out, name);
	}
	r = whole ? arena_strndup(a, out.p ? out.p : "", out.len)
	          : arena_strdup(a, name);
	buf_free(&sofar);
	buf_free(&out);
	return r;
}

/* Split a category path into crumbs, each linking to its category page.
 * The path's parts are joined with " > " into *norm (the form the store
 * compares). */
static void category_crumbs(struct http_request *req, struct content_crumbs *c,
                            const char *path, int link_last)
{
	struct arena *a = http_arena(req);
	struct buf sofar = BUF_INIT;
	const char **part;
	size_t n = category_parts(a, path, &part);

	for (size_t i = 0; i < n; i++) {
		if (sofar.len)
			buf_puts(&sofar, " > ");
		buf_puts(&sofar, part[i]);
		content_crumb(
		        req, c,
		        web_name(req, STORE_KIND_CATEGORY, sofar.p, part[i]),
		        i + 1 < n || link_last
		                ? arena_printf(a, "/articles/in/%s",
		                               category_slug(a, sofar.p))
		                : NULL);
		/* Screen readers (and link checkers) hear "More (category)",
		 * not a bare "More". */
		tval_set_bool(c->list->u.list.items[c->list->u.list.n - 1],
		              "category", 1);
	}
	buf_free(&sofar);
}

/* An article list for templates. */
static struct tval *article_items(struct http_request *req,
                                  const struct article_item *it, size_t n)
{
	struct arena *a = http_arena(req);
	struct tval *list = tval_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_push(list, tval_map(a));
		tval_set_int(m, "id", it[i].id);
		tval_set_str(m, "slug", it[i].slug);
		tval_set_str(m, "title", it[i].title);
		if (it[i].summary && *it[i].summary)
			tval_set_str(m, "summary",
			             text_excerpt(a, it[i].summary, 200));
		if (it[i].author)
			tval_set_str(m, "author", it[i].author);
		if (it[i].category)
			tval_set_str(m, "category",
			             web_category_name(req, it[i].category, 1));
		tval_set_str(m, "date",
		             web_date(req, it[i].published_at
		                                   ? it[i].published_at
		                                   : it[i].updated_at));
		tval_set_bool(m, "draft", it[i].status == STORE_ARTICLE_DRAFT);
		tval_set_bool(m, "unpublished",
		              it[i].status == STORE_ARTICLE_UNPUBLISHED);
	}
	return list;
}

/* Every category path and its ancestors, with article counts (below
 * included) and slugs, by path: for the category list and lookups. */
struct cat {
	const char *path, *slug;
	int64_t n;
	int depth;
};

static size_t all_categories(struct http_request *req, struct cat **out)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct article_category *ac;
	struct cat *v;
	size_t n, k = 0;

	if (store_article_categories(w->store, a, &ac, &n) != STORE_OK)
		n = 0;
	if (n > MAX_CATEGORIES)
		n = MAX_CATEGORIES;
	v = ARENA_ARRAY(a, struct cat, n * 8 + 1);
	for (size_t i = 0; i < n; i++) {
		/* Each prefix ending before a '>' is a category too. */
		const char *p = ac[i].path;
		int depth = 0;
		for (const char *q = p;; q++) {
			if (*q != '>' && *q)
				continue;
			size_t len = (size_t)(q - p);
			while (len && p[len - 1] == ' ')
				len--;
			char *prefix = arena_strndup(a, p, len);
			size_t j;
			for (j = 0; j < k && strcmp(v[j].path, prefix); j++)
				;
			if (j == k && k < n * 8) {
				v[k].path = prefix;
				v[k].slug = category_slug(a, prefix);
				v[k].n = 0;
				v[k].depth = depth;
				k++;
			}
			if (j < k)
				v[j].n += ac[i].n;
			depth++;
			if (!*q)
				break;
		}
	}
	*out = v;
	return k;
}

size_t web_article_categories(struct http_request *req, const char ***paths,
                              const char ***slugs)
{
	struct arena *a = http_arena(req);
	struct cat *v;
	size_t n = all_categories(req, &v);

	*paths = ARENA_ARRAY(a, const char *, n + 1);
	*slugs = ARENA_ARRAY(a, const char *, n + 1);
	for (size_t i = 0; i < n; i++) {
		(*paths)[i] = v[i].path;
		(*slugs)[i] = v[i].slug;
	}
	return n;
}

static struct tval *category_list(struct http_request *req, const struct cat *v,
                                  size_t n, const char *under)
{
	struct arena *a = http_arena(req);
	struct tval *list = tval_list(a);
	size_t ul = under ? strlen(under) : 0;

	for (size_t i = 0; i < n; i++) {
		struct tval *m;
		if (under && (strncmp(v[i].path, under, ul) ||
		              strncmp(v[i].path + ul, " > ", 3) ||
		              strstr(v[i].path + ul + 3, ">")))
			continue;
		m = tval_push(list, tval_map(a));
		tval_set_str(m, "path", v[i].path);
		tval_set_str(m, "name", web_category_name(req, v[i].path, 0));
		tval_set_str(m, "slug", v[i].slug);
		tval_set_int(m, "count", v[i].n);
		tval_set_int(m, "depth", v[i].depth);
	}
	return list;
}

/* Announce the articles' Atom feed in the page's head. */
static void articles_feed(struct http_request *req, struct tval *ctx)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *feed = tval_set(ctx, "feed", tval_map(a));

	tval_set_str(feed, "url", "/feeds/articles.atom");
	tval_set_str(feed, "title",
	             arena_printf(a, "%s: %s", w->cfg->site_name,
	                          web_msg(w, "feed_articles")));
}

static int article_list_page(struct http_request *req, const char *category,
                             const char *name)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct content_pager pg;
	struct content_crumbs c;
	struct article_item *it;
	struct cat *cats;
	struct tval *ctx, *list;
	size_t n, nc;
	int64_t total = 0;
	json_t *g, *page;
	int rc;

	if (content_pager_read(req, CONTENT_PER_PAGE, &pg) < 0)
		return web_not_found(req);
	nc = all_categories(req, &cats);
	for (size_t i = 0; i < nc; i++)
		if (!category ? cats[i].depth == 0
		              : !strcmp(cats[i].path, category))
			total += cats[i].n;
	if ((rc = store_article_list(w->store, a, category, 0, pg.offset,
	                             pg.per, &it, &n)))
		return rc;
	if (!category) {
		/* Articles without a category count too: count them all
		 * (id and date only; a site has hundreds, not millions). */
		struct store_map_entry *e;
		int64_t max;
		size_t k;
		if ((rc = store_map_max_id(w->store, STORE_MAP_ARTICLE,
		                           &max)) ||
		    (rc = store_map_range(w->store, a, STORE_MAP_ARTICLE, 1,
		                          max, &e, &k)))
			return rc;
		total = (int64_t)k;
	}
	ctx = web_page(req);
	if (content_pager_set(req, ctx, &pg, total) < 0)
		return web_not_found(req);
	list = article_items(req, it, n);
	tval_set(ctx, "articles", list);
	tval_set_bool(ctx, "has_articles", n > 0);
	tval_set(ctx, "categories", category_list(req, cats, nc, category));
	tval_set_bool(ctx, "has_categories",
	              category_list(req, cats, nc, category)->u.list.n > 0);
	if (category) {
		struct i18n_arg d[] = {I18N_STR("category", name),
		                       I18N_STR("site", w->cfg->site_name)};
		tval_set_str(ctx, "category", name);
		tval_set_str(ctx, "category_path", category);
		tval_set_str(ctx, "description_in",
		             web_msgf(req, "articles_description_in", d, 2));
	}
	content_crumbs_init(req, &c);
	if (category) {
		content_crumb(req, &c, web_msg(w, "crumb_articles"),
		              "/articles");
		category_crumbs(req, &c, category, 0);
	} else {
		content_crumb(req, &c, web_msg(w, "crumb_articles"), NULL);
	}
	g = json_array();
	page = json_object();
	json_object_set_new(page, "@type", json_string("CollectionPage"));
	json_object_set_new(
	        page, "name",
	        content_jstr(category ? web_category_name(req, category, 1)
	                              : web_msg(w, "crumb_articles")));
	json_object_set_new(page, "url",
	                    content_jstr(content_url(req, http_path(req))));
	json_array_append_new(g, page);
	json_array_append_new(g, content_crumbs_done(req, &c, ctx));
	content_jsonld(req, ctx, g);
	articles_feed(req, ctx);
	return web_render(req, 200, "articles", ctx);
}

int page_articles(struct http_request *req)
{
	return article_list_page(req, NULL, NULL);
}

int page_article_category(struct http_request *req)
{
	struct arena *a = http_arena(req);
	const char *want = http_param(req, "path");
	struct cat *cats;
	size_t n = all_categories(req, &cats), len;
	char *slug;

	if (!want || !*want)
		return web_redirect(req, 301, "/articles");
	/* Trailing slashes are not ours: send them to the clean address. */
	slug = arena_strdup(a, want);
	len = strlen(slug);
	while (len && slug[len - 1] == '/')
		slug[--len] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!strcmp(cats[i].slug, slug)) {
			if (strcmp(slug, want))
				return web_redirect(
				        req, 301,
				        arena_printf(a, "/articles/in/%s",
				                     slug));
			return article_list_page(
			        req, cats[i].path,
			        web_category_name(req, cats[i].path, 0));
		}
	return web_not_found(req);
}

/* ---- the article page ---- */

/* Related articles and Q&As from the index, as page values. */
static void related(struct http_request *req, struct tval *ctx, int64_t id)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct search_index *ix = web_search_index(w);
	struct search_filter f = {0};
	struct search_results res;
	struct tval *arts = tval_set(ctx, "related_articles", tval_list(a));
	struct tval *qas = tval_set(ctx, "related_qas", tval_list(a));

	if (!ix)
		return;
	f.kinds = SEARCH_KIND_ARTICLE;
	if (search_similar(ix, a, SEARCH_KIND_ARTICLE, id, &f, RELATED, &res) ==
	    0)
		for (size_t i = 0; i < res.n; i++) {
			struct article art;
			struct article_state s;
			struct tval *m;
			if (store_article_get(w->store, a, res.hits[i].id,
			                      &art) != STORE_OK ||
			    store_article_state(w->store, art.id, &s) !=
			            STORE_OK ||
			    s.status != STORE_ARTICLE_PUBLISHED)
				continue;
			m = tval_push(arts, tval_map(a));
			tval_set_str(m, "slug", art.slug);
			tval_set_str(m, "title", art.title);
		}
	f.kinds = SEARCH_KIND_QA;
	if (search_similar(ix, a, SEARCH_KIND_ARTICLE, id, &f, RELATED, &res) ==
	    0)
		for (size_t i = 0; i < res.n; i++) {
			struct tval *m = tval_push(qas, tval_map(a));
			tval_set_int(m, "id", res.hits[i].id);
			tval_set_str(m, "title", res.hits[i].title);
			if (res.hits[i].doctor && *res.hits[i].doctor)
				tval_set_str(m, "doctor", res.hits[i].doctor);
		}
	tval_set_bool(ctx, "has_related",
	              arts->u.list.n > 0 || qas->u.list.n > 0);
	tval_set_bool(ctx, "has_related_articles", arts->u.list.n > 0);
	tval_set_bool(ctx, "has_related_qas", qas->u.list.n > 0);
}

static json_t *article_ld(struct http_request *req, const struct article *art,
                          const char *author_url)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	json_t *page = json_object(), *ar = json_object(), *au = json_object();
	json_t *pub = json_object();
	const char *url = content_url(req, http_path(req)), *dt;

	json_object_set_new(page, "@type", json_string("MedicalWebPage"));
	json_object_set_new(page, "url", content_jstr(url));
	json_object_set_new(page, "name", content_jstr(art->title));
	if (art->department) {
		json_t *sp = json_object();
		json_object_set_new(sp, "@type", json_string("Thing"));
		json_object_set_new(
		        sp, "name",
		        content_jstr(web_name_id(req, STORE_KIND_DEPARTMENT,
		                                 art->department_id,
		                                 art->department)));
		json_object_set_new(page, "about", sp);
	}
	json_object_set_new(ar, "@type", json_string("Article"));
	json_object_set_new(ar, "headline",
	                    content_jstr(text_excerpt(a, art->title, 110)));
	json_object_set_new(ar, "url", content_jstr(url));
	json_object_set_new(ar, "mainEntityOfPage", content_jstr(url));
	if (art->summary && *art->summary)
		json_object_set_new(ar, "description",
		                    content_jstr(art->summary));
	if ((dt = content_datetime(a, art->published_at)))
		json_object_set_new(ar, "datePublished", content_jstr(dt));
	if ((dt = content_datetime(a, art->updated_at ? art->updated_at
	                                              : art->published_at)))
		json_object_set_new(ar, "dateModified", content_jstr(dt));
	if (art->category)
		json_object_set_new(
		        ar, "articleSection",
		        content_jstr(web_category_name(req, art->category, 1)));
	json_object_set_new(
	        au, "@type",
	        json_string(author_url ? "Person" : "Organization"));
	json_object_set_new(
	        au, "name",
	        content_jstr(art->author ? art->author : w->cfg->site_name));
	if (author_url)
		json_object_set_new(au, "url",
		                    content_jstr(content_url(req, author_url)));
	json_object_set_new(ar, "author", au);
	json_object_set_new(pub, "@type", json_string("Organization"));
	json_object_set_new(pub, "name", content_jstr(w->cfg->site_name));
	json_object_set_new(pub, "url", content_jstr(content_url(req, "/")));
	json_object_set_new(ar, "publisher", pub);
	json_object_set_new(page, "mainEntity", ar);
	return page;
}

int page_article(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *ar, *topics;
	struct article art;
	struct article_state st;
	struct content_crumbs c;
	struct web_cached hit;
	const char *slug, *author_url;
	uint64_t gen = web_cache_generation(w->cache);
	int cacheable = web_cacheable(req), public, rc;
	json_t *g;

	if (cacheable && web_cache_get(w->cache, http_path(req), a, &hit))
		return web_respond_cached(req, &hit, NULL);
	rc = store_article_by_slug(w->store, a, http_param(req, "slug"), &art);
	if (rc == STORE_NOTFOUND) {
		rc = store_slug_redirect(w->store, a, STORE_SLUG_ARTICLE,
		                         http_param(req, "slug"), &slug);
		if (rc == STORE_OK)
			return web_redirect(
			        req, 301,
			        arena_printf(a, "/articles/%s",
			                     content_url_enc(a, slug)));
		return rc == STORE_NOTFOUND ? web_not_found(req) : rc;
	}
	if (rc || (rc = store_article_state(w->store, art.id, &st)))
		return rc;
	public = st.status == STORE_ARTICLE_PUBLISHED;
	if (!public && auth_owner(req, st.author_id) == AUTH_OTHER)
		return web_not_found(req);
	ctx = web_page(req);
	if (!public) {
		web_private_page(req, ctx);
		cacheable = 0;
	}
	ar = tval_set(ctx, "article", tval_map(a));
	tval_set_int(ar, "id", art.id);
	tval_set_str(ar, "slug", art.slug);
	tval_set_str(ar, "title", art.title);
	tval_set_str(ar, "summary",
	             art.summary && *art.summary
	                     ? text_excerpt(a, art.summary, SUMMARY_CHARS)
	                     : text_excerpt(a, text_markdown_plain(a, art.body),
	                                    SUMMARY_CHARS));
	if (art.summary && *art.summary)
		tval_set_str(ar, "lead", art.summary);
	if (art.author)
		tval_set_str(ar, "author", art.author);
	author_url = web_doctor_url(req, st.author_id);
	if (author_url)
		tval_set_str(ar, "author_url", author_url);
	if (art.author_department)
		tval_set_str(ar, "author_department",
		             web_name_id(req, STORE_KIND_DEPARTMENT,
		                         art.author_department_id,
		                         art.author_department));
	/* Imported articles may carry only the date of their text. */
	if (!art.published_at)
		art.published_at = art.updated_at;
	tval_set_str(ar, "date", web_date(req, art.published_at));
	if (art.published_at)
		tval_set_str(ar, "date_iso",
		             content_datetime(a, art.published_at));
	if (art.updated_at && art.published_at &&
	    strncmp(art.updated_at, art.published_at, 10) > 0) {
		tval_set_str(ar, "updated", web_date(req, art.updated_at));
		tval_set_str(ar, "updated_iso",
		             content_datetime(a, art.updated_at));
	}
	tval_set_bool(ar, "draft", st.status == STORE_ARTICLE_DRAFT);
	tval_set_bool(ar, "unpublished",
	              st.status == STORE_ARTICLE_UNPUBLISHED);
	tval_set_bool(ar, "can_edit",
	              auth_owner(req, st.author_id) != AUTH_OTHER);
	tval_set_str(ar, "body_html", text_markdown_article(a, art.body));
	topics = tval_set(ar, "topics", tval_list(a));
	for (size_t i = 0; i < art.n_topics; i++) {
		struct tval *m = tval_push(topics, tval_map(a));
		tval_set_str(m, "name", /* in the reader's language */
		             web_name(req, STORE_KIND_TOPIC, art.topics[i].slug,
		                      art.topics[i].name));
		tval_set_str(m, "slug", art.topics[i].slug);
	}
	tval_set_bool(ar, "has_topics", art.n_topics > 0);
	if (art.source.name) {
		struct tval *s = tval_set(ar, "source", tval_map(a));
		tval_set_str(s, "name", art.source.name);
		if (art.source.url &&
		    (!strncmp(art.source.url, "https://", 8) ||
		     !strncmp(art.source.url, "http://", 7)))
			tval_set_str(s, "url", art.source.url);
	}
	tval_set_str(ctx, "og_type", "article");
	content_share(req, ctx, art.title);
	related(req, ctx, art.id);
	if ((rc = web_comments_value(req, STORE_KIND_ARTICLE, art.id,
	                             arena_printf(a, "/articles/%s", art.slug),
	                             ctx)))
		return rc;
	content_crumbs_init(req, &c);
	if (art.category && *art.category)
		category_crumbs(req, &c, art.category, 1);
	else
		content_crumb(req, &c, web_msg(w, "crumb_articles"),
		              "/articles");
	content_crumb(req, &c, art.title, NULL);
	g = json_array();
	json_array_append_new(g, article_ld(req, &art, author_url));
	json_array_append_new(g, content_crumbs_done(req, &c, ctx));
	content_jsonld(req, ctx, g);
	articles_feed(req, ctx);
	return web_render_cached(req, "article", ctx,
	                         cacheable ? http_path(req) : NULL, gen, NULL,
	                         0, NULL);
}

/* ---- writing ---- */

/* The article being edited (id from the path, 0 for a new one), checked
 * against the user; 1 to go on, 0 after responding, or an error. */
static int editable(struct http_request *req, int64_t *id, struct article *art)
{
	struct web *w = http_app(req);
	struct article_state st;
	const char *p = http_param(req, "id");
	int rc;

	*id = 0;
	memset(art, 0, sizeof(*art));
	if (!p)
		return 1;
	if (web_parse_id(p, id) < 0) {
		web_not_found(req);
		return 0;
	}
	rc = store_article_get(w->store, http_arena(req), *id, art);
	if (rc == STORE_OK)
		rc = store_article_state(w->store, *id, &st);
	if (rc == STORE_NOTFOUND) {
		web_not_found(req);
		return 0;
	}
	if (rc)
		return rc;
	if (auth_owner(req, st.author_id) == AUTH_OTHER) {
		http_error(req, 403, web_msg(w, "auth_forbidden"));
		return 0;
	}
	return 1;
}

static int editor(struct http_request *req, int status, int64_t id,
                  const char *title, const char *summary, const char *category,
                  const char *body, struct web_form_errors *fe, int preview)
{
	struct arena *a = http_arena(req);
	struct tval *ctx = web_page(req), *v;

	web_private_page(req, ctx);
	v = tval_set(ctx, "v", tval_map(a));
	tval_set_str(v, "title", title);
	tval_set_str(v, "summary", summary);
	tval_set_str(v, "category", category);
	tval_set_str(v, "body", body);
	tval_set_str(ctx, "action",
	             id ? arena_printf(a, "/write/%lld", (long long)id)
	                : "/write");
	tval_set_bool(ctx, "editing", id != 0);
	if (preview)
		tval_set_str(ctx, "preview_html", text_markdown(a, body));
	if (fe)
		web_form_errors_set(ctx, fe);
	return web_render(req, status, "article_write", ctx);
}

int page_article_write(struct http_request *req)
{
	struct article art;
	int64_t id;
	int rc = editable(req, &id, &art);

	if (rc <= 0)
		return rc;
	return editor(req, 200, id, art.title ? art.title : "",
	              art.summary ? art.summary : "",
	              art.category ? art.category : "",
	              art.body ? art.body : "", NULL, 0);
}

/* A category path typed by a person, tidied: parts trimmed, joined by
 * " > ", empty parts dropped. */
static const char *tidy_category(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	char *out;

	for (const char *p = s; *p;) {
		const char *gt = strchr(p, '>');
		size_t n = gt ? (size_t)(gt - p) : strlen(p);
		while (n && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n) {
			if (b.len)
				buf_puts(&b, " > ");
			buf_append(&b, p, n);
		}
		if (!gt)
			break;
		p = gt + 1;
	}
	out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

int page_article_write_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *u;
	struct web_form_errors fe;
	struct article art, in;
	const char *title, *summary, *category, *body, *action;
	enum store_article_status status;
	int64_t id, new_id = 0;
	int rc = editable(req, &id, &art);

	if (rc <= 0)
		return rc;
	u = auth_user(req);
	web_form_errors_init(&fe, a);
	title = web_form_field(req, &fe, "title", LIMIT_TITLE_CHARS,
	                       FORM_REQUIRED);
	summary =
	        web_form_field(req, &fe, "summary", LIMIT_DESCRIPTION_CHARS, 0);
	category =
	        web_form_field(req, &fe, "category", LIMIT_CATEGORY_CHARS, 0);
	if (!tval_get(fe.e, "category"))
		category = tidy_category(a, category);
	body = web_form_field(req, &fe, "body", LIMIT_ARTICLE_CHARS,
	                      FORM_REQUIRED | FORM_MULTILINE);
	action = http_form(req, "action");
	if (!action)
		action = "draft";
	if (fe.n || !strcmp(action, "preview"))
		return editor(req, web_form_status(&fe), id, title, summary,
		              category, body, &fe, !fe.n);
	if (!strcmp(action, "publish"))
		status = STORE_ARTICLE_PUBLISHED;
	else if (!strcmp(action, "unpublish"))
		status = STORE_ARTICLE_UNPUBLISHED;
	else
		status = STORE_ARTICLE_DRAFT;
	memset(&in, 0, sizeof(in));
	in.id = id;
	in.title = title;
	in.summary = summary;
	in.category = category;
	in.body = body;
	in.department_id = id ? art.department_id : u->department_id;
	/* The save and its audit row are one transaction. */
	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_article_save(w->store, &in, u->id, status, &new_id);
	rc = web_audit_end(req, rc,
	                   status == STORE_ARTICLE_PUBLISHED ? "article.publish"
	                   : status == STORE_ARTICLE_UNPUBLISHED
	                           ? "article.unpublish"
	                           : "article.save",
	                   STORE_KIND_ARTICLE, new_id, NULL);
	if (rc == STORE_INVALID)
		return editor(req, 400, id, title, summary, category, body, &fe,
		              0);
	if (rc)
		return rc;
	content_changed(w, CHANGE_LOGGED);
	if (store_article_get(w->store, a, new_id, &art))
		return web_redirect(req, 303, "/my/articles");
	return web_redirect(
	        req, 303,
	        arena_printf(a, "/articles/%s", content_url_enc(a, art.slug)));
}

int page_my_articles(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct article_item *it;
	struct tval *ctx;
	size_t n;
	int rc;

	rc = store_article_list(w->store, a, NULL, auth_user(req)->id, 0, 500,
	                        &it, &n);
	if (rc)
		return rc;
	ctx = web_page(req);
	web_private_page(req, ctx);
	tval_set(ctx, "articles", article_items(req, it, n));
	tval_set_bool(ctx, "has_articles", n > 0);
	return web_render(req, 200, "my_articles", ctx);
}
