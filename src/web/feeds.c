/* web/feeds.c: what machines read: Atom feeds (latest Q&As, per
 * department, per topic, articles), the sitemap index with its paged
 * sitemaps, and robots.txt.
 *
 * Sitemaps are cut by id range, not by offset: /sitemaps/qa-7.xml holds
 * the public Q&As with ids from 60,001 to 70,000 (LIMIT_SITEMAP_URLS per
 * file), so each file is one index range scan however large the site,
 * and a Q&A stays in the same file for life. The index lists as many
 * files as the highest id needs. Only what the public may see is listed:
 * published Q&As whose askers consented, published articles, verified
 * doctors. XML is written by hand through one escaper that also drops
 * the control characters XML 1.0 forbids.
 */
#include "web/web.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "http/http.h"
#include "limits.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"
#include "web/articles.h"
#include "web/content.h"
#include "web/locale.h"
#include "web/feeds.h"
#include "web/text.h"

#define FEED_ENTRIES 30

/* Append s escaped for XML text and attribute values; bytes XML 1.0
 * forbids (control characters but tab and newlines) are dropped. */
static void xml(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default:
			if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
				break;
			buf_putc(b, (char)ch);
		}
	}
}

/* ---- Atom ---- */

struct entry {
	const char *path, *title, *date, *author, *summary, *category;
	const char *lang; /* the title's and summary's, when not the feed's */
};

/* Open element name with xml:lang="lang" when lang is given. */
static void open_lang(struct buf *b, const char *name, const char *lang)
{
	buf_printf(b, "<%s", name);
	if (lang) {
		buf_puts(b, " xml:lang=\"");
		xml(b, lang);
		buf_putc(b, '"');
	}
	buf_putc(b, '>');
}

static int respond_feed(struct http_request *req, const char *title,
                        const char *page_path, const struct entry *e, size_t n)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct buf b = BUF_INIT;
	const char *updated = NULL, *lq = web_lang_query(req);

	for (size_t i = 0; i < n; i++) {
		const char *d = content_datetime(a, e[i].date);
		if (d && (!updated || strcmp(d, updated) > 0))
			updated = d;
	}
	/* The feed speaks the reader's language (xml:lang); each entry's
	 * title and summary keep the question's own. */
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	             "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	xml(&b, web_lang_tag(w));
	buf_puts(&b, "\">\n<id>");
	xml(&b, content_url(req, arena_printf(a, "%s%s", http_path(req), lq)));
	buf_puts(&b, "</id>\n<title>");
	xml(&b, title);
	buf_puts(&b, "</title>\n<updated>");
	xml(&b, updated ? updated : text_iso_time(a, (int64_t)time(NULL)));
	buf_puts(&b, "</updated>\n<link rel=\"self\" "
	             "type=\"application/atom+xml\" href=\"");
	xml(&b, content_url(req, arena_printf(a, "%s%s", http_path(req), lq)));
	buf_puts(&b,
	         "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	xml(&b, content_url(req, arena_printf(a, "%s%s", page_path, lq)));
	buf_puts(&b, "\"/>\n<author><name>");
	xml(&b, w->cfg->site_name);
	buf_puts(&b, "</name></author>\n");
	for (size_t i = 0; i < n; i++) {
		const char *url = content_url(req, e[i].path);
		const char *d = content_datetime(a, e[i].date);

		buf_puts(&b, "<entry>\n<id>");
		xml(&b, url);
		buf_puts(&b, "</id>\n");
		open_lang(&b, "title", e[i].lang);
		xml(&b, e[i].title);
		buf_puts(&b, "</title>\n<link rel=\"alternate\" "
		             "type=\"text/html\" href=\"");
		xml(&b, url);
		buf_puts(&b, "\"/>\n<updated>");
		xml(&b, d         ? d
		        : updated ? updated
		                  : text_iso_time(a, (int64_t)time(NULL)));
		buf_puts(&b, "</updated>\n");
		if (e[i].author && *e[i].author) {
			buf_puts(&b, "<author><name>");
			xml(&b, e[i].author);
			buf_puts(&b, "</name></author>\n");
		}
		if (e[i].category && *e[i].category) {
			buf_puts(&b, "<category term=\"");
			xml(&b, e[i].category);
			buf_puts(&b, "\"/>\n");
		}
		if (e[i].summary && *e[i].summary) {
			open_lang(&b, "summary", e[i].lang);
			xml(&b, e[i].summary);
			buf_puts(&b, "</summary>\n");
		}
		buf_puts(&b, "</entry>\n");
	}
	buf_puts(&b, "</feed>\n");
	http_set_header(req, "Cache-Control", "public, max-age=300");
	return http_respond_buf(req, 200, "application/atom+xml; charset=utf-8",
	                        &b);
}

static struct entry *qa_entries(struct http_request *req,
                                const struct qa_item *it, size_t n)
{
	const struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct entry *e = ARENA_ARRAY(a, struct entry, n + 1);

	for (size_t i = 0; i < n; i++) {
		e[i].path = arena_printf(a, "/qa/%lld", (long long)it[i].id);
		e[i].title = it[i].title;
		e[i].date = it[i].date;
		e[i].author = it[i].doctor
		                      ? arena_printf(a, "%s%s%s",
		                                     web_msg(w, "dr_prefix"),
		                                     it[i].doctor,
		                                     web_msg(w, "dr_suffix"))
		                      : NULL;
		e[i].lang = web_content_lang(w, it[i].language);
		e[i].summary = arena_printf(a, "%s%s",
		                            it[i].excerpt ? it[i].excerpt : "",
		                            it[i].excerpt_cut ? "..." : "");
		e[i].category =
		        web_name(req, STORE_KIND_DEPARTMENT,
		                 it[i].department_slug, it[i].department);
	}
	return e;
}

/* The slug in "department/<slug>.atom", in the arena; NULL if the name
 * has another form. */
static char *feed_slug(struct arena *a, const char *file, const char *dir)
{
	size_t dl = strlen(dir), n;

	if (strncmp(file, dir, dl) || file[dl] != '/')
		return NULL;
	file += dl + 1;
	n = strlen(file);
	if (n <= 5 || strcmp(file + n - 5, ".atom") || strchr(file, '/'))
		return NULL;
	return arena_strndup(a, file, n - 5);
}

int page_feed(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *file = http_param(req, "file");
	struct qa_item *it;
	size_t n;
	char *slug;
	int rc;

	if (!file)
		return web_not_found(req);
	if (!strcmp(file, "qa.atom")) {
		if ((rc = store_qa_latest(w->store, a, 0, 0, FEED_ENTRIES, &it,
		                          &n)))
			return rc;
		return respond_feed(req,
		                    arena_printf(a, "%s: %s", w->cfg->site_name,
		                                 web_msg(w, "feed_latest")),
		                    "/", qa_entries(req, it, n), n);
	}
	if (!strcmp(file, "articles.atom")) {
		struct article_item *ar;
		struct entry *e;
		if ((rc = store_article_list(w->store, a, NULL, 0, 0,
		                             FEED_ENTRIES, &ar, &n)))
			return rc;
		e = ARENA_ARRAY(a, struct entry, n + 1);
		for (size_t i = 0; i < n; i++) {
			e[i].path = arena_printf(a, "/articles/%s", ar[i].slug);
			e[i].title = ar[i].title;
			e[i].date = ar[i].updated_at ? ar[i].updated_at
			                             : ar[i].published_at;
			e[i].author = ar[i].author;
			e[i].summary = ar[i].summary;
			e[i].category =
			        ar[i].category ? web_category_name(
			                                 req, ar[i].category, 1)
			                       : NULL;
		}
		return respond_feed(req,
		                    arena_printf(a, "%s: %s", w->cfg->site_name,
		                                 web_msg(w, "feed_articles")),
		                    "/articles", e, n);
	}
	if ((slug = feed_slug(a, file, "department"))) {
		struct department d;
		rc = store_department_by_slug(w->store, a, slug, &d);
		if (rc == STORE_NOTFOUND)
			return web_not_found(req);
		if (rc || (rc = store_qa_latest(w->store, a, d.id, 0,
		                                FEED_ENTRIES, &it, &n)))
			return rc;
		web_names_depts(req, &d, 1); /* in the reader's language */
		return respond_feed(
		        req,
		        arena_printf(a, "%s: %s", w->cfg->site_name, d.name),
		        arena_printf(a, "/department/%s", d.slug),
		        qa_entries(req, it, n), n);
	}
	if ((slug = feed_slug(a, file, "topic"))) {
		struct topic t;
		rc = store_topic_by_slug(w->store, a, slug, &t);
		if (rc == STORE_NOTFOUND)
			return web_not_found(req);
		if (rc || (rc = store_qa_by_topic(w->store, a, t.id, 0,
		                                  FEED_ENTRIES, &it, &n)))
			return rc;
		web_names_topics(req, &t, 1);
		return respond_feed(
		        req,
		        arena_printf(a, "%s: %s", w->cfg->site_name, t.name),
		        arena_printf(a, "/topic/%s", t.slug),
		        qa_entries(req, it, n), n);
	}
	return web_not_found(req);
}

/* ---- sitemaps ---- */

static const struct {
	const char *name; /* in the file name: qa-3.xml */
	enum store_map_kind kind;
	const char *prefix; /* the page's path before its key */
	int by_slug;
	const char *changefreq;
} maps[] = {
        {"qa", STORE_MAP_QA, "/qa/", 0, "monthly"},
        {"articles", STORE_MAP_ARTICLE, "/articles/", 1, "monthly"},
        {"library", STORE_MAP_FAQ, "/library/", 0, "yearly"},
        {"departments", STORE_MAP_DEPARTMENT, "/department/", 1, "daily"},
        {"topics", STORE_MAP_TOPIC, "/topic/", 1, "weekly"},
        {"doctors", STORE_MAP_DOCTOR, "/doctor/", 0, "weekly"},
};

static int respond_xml(struct http_request *req, struct buf *b)
{
	http_set_header(req, "Cache-Control", "public, max-age=3600");
	return http_respond_buf(req, 200, "application/xml; charset=utf-8", b);
}

int page_sitemap_index(struct http_request *req)
{
	struct web *w = http_app(req);
	struct buf b = BUF_INIT;
	int rc;

	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	             "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/"
	             "sitemap/0.9\">\n<sitemap><loc>");
	xml(&b, content_url(req, "/sitemaps/pages.xml"));
	buf_puts(&b, "</loc></sitemap>\n");
	for (size_t i = 0; i < ARRAY_SIZE(maps); i++) {
		int64_t max, files;
		if ((rc = store_map_max_id(w->store, maps[i].kind, &max))) {
			buf_free(&b);
			return rc;
		}
		files = (max + LIMIT_SITEMAP_URLS - 1) / LIMIT_SITEMAP_URLS;
		for (int64_t k = 1; k <= files; k++) {
			buf_puts(&b, "<sitemap><loc>");
			xml(&b,
			    content_url(req,
			                arena_printf(http_arena(req),
			                             "/sitemaps/%s-%lld.xml",
			                             maps[i].name,
			                             (long long)k)));
			buf_puts(&b, "</loc></sitemap>\n");
		}
	}
	buf_puts(&b, "</sitemapindex>\n");
	return respond_xml(req, &b);
}

static void url_entry(struct http_request *req, struct buf *b, const char *path,
                      const char *lastmod, const char *changefreq)
{
	const char *d = content_datetime(http_arena(req), lastmod);

	buf_puts(b, "<url><loc>");
	xml(b, content_url(req, path));
	buf_puts(b, "</loc>");
	if (d) {
		buf_puts(b, "<lastmod>");
		xml(b, d);
		buf_puts(b, "</lastmod>");
	}
	if (changefreq) {
		buf_puts(b, "<changefreq>");
		buf_puts(b, changefreq);
		buf_puts(b, "</changefreq>");
	}
	web_sitemap_alternates(req, b, path);
	buf_puts(b, "</url>\n");
}

int page_sitemap(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *file = http_param(req, "file");
	struct store_map_entry *e;
	struct buf b = BUF_INIT;
	size_t n, i;
	int rc;

	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	             "<urlset xmlns=\"http://www.sitemaps.org/schemas/"
	             "sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/"
	             "xhtml\">\n");
	if (file && !strcmp(file, "pages.xml")) {
		static const char *const pages[] = {
		        "/", "/departments", "/articles", "/doctors", "/ask"};
		for (i = 0; i < ARRAY_SIZE(pages); i++)
			url_entry(req, &b, pages[i], NULL, "daily");
		buf_puts(&b, "</urlset>\n");
		return respond_xml(req, &b);
	}
	for (i = 0; file && i < ARRAY_SIZE(maps); i++) {
		size_t nl = strlen(maps[i].name);
		int64_t k, max;
		const char *p = file + nl + 1, *dot;

		if (strncmp(file, maps[i].name, nl) || file[nl] != '-')
			continue;
		dot = strchr(p, '.');
		if (!dot || strcmp(dot, ".xml") ||
		    web_parse_id(arena_strndup(a, p, (size_t)(dot - p)), &k) <
		            0 ||
		    k > INT64_MAX / LIMIT_SITEMAP_URLS)
			break;
		/* Files past the highest id do not exist. */
		if ((rc = store_map_max_id(w->store, maps[i].kind, &max))) {
			buf_free(&b);
			return rc;
		}
		if ((k - 1) * LIMIT_SITEMAP_URLS >= max)
			break;
		rc = store_map_range(w->store, a, maps[i].kind,
		                     (k - 1) * LIMIT_SITEMAP_URLS + 1,
		                     k * LIMIT_SITEMAP_URLS, &e, &n);
		if (rc) {
			buf_free(&b);
			return rc;
		}
		for (size_t j = 0; j < n; j++)
			url_entry(
			        req, &b,
			        maps[i].by_slug
			                ? arena_printf(
			                          a, "%s%s", maps[i].prefix,
			                          content_url_enc(a, e[j].slug))
			                : arena_printf(a, "%s%lld",
			                               maps[i].prefix,
			                               (long long)e[j].id),
			        e[j].lastmod, maps[i].changefreq);
		buf_puts(&b, "</urlset>\n");
		return respond_xml(req, &b);
	}
	buf_free(&b);
	return web_not_found(req);
}

int page_robots(struct http_request *req)
{
	struct buf b = BUF_INIT;

	/* Private and per-user pages are kept out of crawls; everything
	 * public, including search result pages, stays crawlable. */
	buf_puts(&b, "User-agent: *\n"
	             "Disallow: /my/\n"
	             "Disallow: /language\n"
	             "Disallow: /admin\n"
	             "Disallow: /moderate/\n"
	             "Disallow: /doctor/queue\n"
	             "Disallow: /doctor/question/\n"
	             "Disallow: /doctor/answer/\n"
	             "Disallow: /doctor/profile\n"
	             "Disallow: /write\n"
	             "Disallow: /comments/\n"
	             "Disallow: /login\n"
	             "Disallow: /register\n"
	             "Allow: /\n\nSitemap: ");
	buf_puts(&b, content_url(req, "/sitemap.xml"));
	buf_putc(&b, '\n');
	http_set_header(req, "Cache-Control", "public, max-age=3600");
	return http_respond_buf(req, 200, "text/plain; charset=utf-8", &b);
}
