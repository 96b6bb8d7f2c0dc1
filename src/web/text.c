/* web/text.c: Markdown, excerpts, paragraphs, dates and slugs for pages.
 *
 * Everything here is a pure function of its input; output strings are in
 * the caller's arena. Markdown goes through cmark with raw HTML disabled
 * (CMARK_OPT_SAFE is the default since cmark 0.29; we never pass
 * CMARK_OPT_UNSAFE), so any HTML it returns is ours to emit raw.
 */
#include "web/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

char *text_markdown(struct arena *a, const char *md)
{
	char *html, *out;

	if (!md || !*md)
		return arena_strdup(a, "");
	html = cmark_markdown_to_html(md, strlen(md),
	                              CMARK_OPT_SAFE | CMARK_OPT_SMART |
	                                      CMARK_OPT_VALIDATE_UTF8);
	out = arena_strdup(a, html ? html : "");
	free(html);
	return out;
}

/* 1 when url is an image of the site's own: a local path ("/...", not
 * "//host" nor "/\\host"), without a scheme or blank. */
static int own_image(const char *url)
{
	if (!url || url[0] != '/' || url[1] == '/' || url[1] == '\\')
		return 0;
	for (; *url; url++)
		if ((unsigned char)*url <= ' ' || *url == '\\')
			return 0;
	return 1;
}

/* The plain text of node's children (an image's description). */
static void node_text(cmark_node *node, struct buf *b)
{
	for (cmark_node *c = cmark_node_first_child(node); c;
	     c = cmark_node_next(c)) {
		const char *lit = cmark_node_get_literal(c);
		if (lit)
			buf_puts(b, lit);
		else
			node_text(c, b);
	}
}

/* Rewrite each paragraph that is only an image with a title, as cmark
 * wrote it ('<p><img src="..." alt="..." title="..." /></p>'), as a
 * figure with the title as its caption. cmark escaped the values, so an
 * attribute's text is safe as element text. */
static void figures(struct buf *out, const char *html)
{
	static const char open[] = "<p><img src=\"", close[] = " /></p>";
	const char *p = html, *s;

	while ((s = strstr(p, open))) {
		const char *end = strstr(s, close), *title, *line;

		line = strchr(s, '\n');
		title = strstr(s, "\" title=\"");
		if (!end || (line && line < end) || !title || title > end) {
			buf_append(out, p, (size_t)(s - p) + 3);
			p = s + 3;
			continue;
		}
		buf_append(out, p, (size_t)(s - p));
		buf_puts(out, "<figure>");
		buf_append(out, s + 3, (size_t)(title - (s + 3)) + 1);
		buf_puts(out, " />\n<figcaption>");
		title += strlen("\" title=\"");
		buf_append(out, title, (size_t)(end - 1 - title));
		buf_puts(out, "</figcaption></figure>");
		p = end + strlen(close);
	}
	buf_puts(out, p);
}

char *text_markdown_article(struct arena *a, const char *md)
{
	cmark_node *doc, **drop = NULL;
	cmark_iter *it;
	struct buf b = BUF_INIT;
	size_t n = 0, cap = 0;
	char *html, *out;

	if (!md || !*md)
		return arena_strdup(a, "");
	doc = cmark_parse_document(md, strlen(md),
	                           CMARK_OPT_SAFE | CMARK_OPT_SMART |
	                                   CMARK_OPT_VALIDATE_UTF8);
	/* Images from anywhere but the site: their description instead. */
	it = cmark_iter_new(doc);
	for (cmark_event_type ev;
	     (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(node) != CMARK_NODE_IMAGE ||
		    own_image(cmark_node_get_url(node)))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			drop = xrealloc(drop, cap * sizeof(*drop));
		}
		drop[n++] = node;
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
		struct buf alt = BUF_INIT;
		node_text(drop[i], &alt);
		cmark_node_set_literal(text, alt.p ? alt.p : "");
		buf_free(&alt);
		cmark_node_insert_before(drop[i], text);
		cmark_node_free(drop[i]);
	}
	free(drop);
	html = cmark_render_html(doc, CMARK_OPT_SAFE | CMARK_OPT_SMART);
	cmark_node_free(doc);
	figures(&b, html ? html : "");
	free(html);
	out = arena_strdup(a, b.p ? b.p : "");
	buf_free(&b);
	return out;
}

/* Length of the UTF-8 sequence starting with byte c (1 for junk). */
static size_t u8len(unsigned char c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

char *text_excerpt(struct arena *a, const char *s, size_t max)
{
	struct buf b = BUF_INIT;
	size_t last_space = 0;
	int cut = 0, space = 0;
	char *out;

	if (!s)
		return arena_strdup(a, "");
	while (*s && isspace((unsigned char)*s))
		s++;
	while (*s) {
		unsigned char c = (unsigned char)*s;
		if (isspace(c)) {
			space = 1;
			s++;
			continue;
		}
		size_t n = u8len(c);
		if (b.len + (space ? 1 : 0) + n > max) {
			cut = 1;
			break;
		}
		if (space && b.len) {
			last_space = b.len;
			buf_putc(&b, ' ');
		}
		space = 0;
		for (size_t i = 0; i < n && *s; i++)
			buf_putc(&b, *s++);
	}
	if (cut) {
		/* Prefer a word boundary in the second half; CJK text has none.
		 */
		if (last_space && last_space > b.len / 2)
			b.len = last_space;
		while (b.len && strchr(" ,.;:", b.p[b.len - 1]))
			b.len--;
		buf_append(&b, "...", 3);
	}
	out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

size_t text_paragraphs(struct arena *a, const char *s, char ***out)
{
	size_t n = 0, cap = 8;
	char **v = arena_alloc(a, cap * sizeof(*v));
	struct buf b = BUF_INIT;

	for (const char *p = s ? s : "";; p++) {
		int end = !*p;
		int blank = 0;

		if (*p == '\n') {
			/* A line with only spaces after this newline ends the
			 * paragraph. */
			const char *q = p + 1;
			while (*q == ' ' || *q == '\t' || *q == '\r')
				q++;
			blank = *q == '\n' || !*q;
		}
		if (end || blank) {
			while (b.len && isspace((unsigned char)b.p[b.len - 1]))
				b.len--;
			if (b.len) {
				if (n == cap) {
					char **nv = arena_alloc(
					        a, 2 * cap * sizeof(*v));
					memcpy(nv, v, n * sizeof(*v));
					v = nv;
					cap *= 2;
				}
				v[n++] = arena_strndup(a, b.p, b.len);
			}
			buf_clear(&b);
			if (end)
				break;
			continue;
		}
		if (*p == '\r')
			continue;
		if (*p == '\n' || *p == '\t') {
			if (b.len && b.p[b.len - 1] != ' ')
				buf_putc(&b, ' ');
			continue;
		}
		if (*p == ' ' && (!b.len || b.p[b.len - 1] == ' '))
			continue;
		buf_putc(&b, *p);
	}
	buf_free(&b);
	*out = v;
	return n;
}

char *text_date(struct arena *a, const char *iso)
{
	if (!iso)
		return arena_strdup(a, "");
	if (strlen(iso) >= 10 && isdigit((unsigned char)iso[0]) &&
	    isdigit((unsigned char)iso[3]) && iso[4] == '-' && iso[7] == '-')
		return arena_printf(a, "%.4s/%.2s/%.2s", iso, iso + 5, iso + 8);
	return arena_strdup(a, iso);
}

char *text_iso_time(struct arena *a, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char out[32];

	gmtime_r(&tt, &tm);
	strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return arena_strdup(a, out);
}

char *text_slug(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	char *out;
	int dash = 0;

	for (const unsigned char *p = (const unsigned char *)(s ? s : "");
	     *p;) {
		if (isalnum(*p)) {
			if (dash && b.len)
				buf_putc(&b, '-');
			dash = 0;
			buf_putc(&b, (char)tolower(*p));
			p++;
		} else if (*p >= 0x80) {
			size_t n = u8len(*p);
			if (dash && b.len)
				buf_putc(&b, '-');
			dash = 0;
			for (size_t i = 0; i < n && *p; i++)
				buf_putc(&b, (char)*p++);
		} else {
			dash = 1;
			p++;
		}
	}
	out = b.len ? arena_strndup(a, b.p, b.len) : arena_strdup(a, "-");
	buf_free(&b);
	return out;
}

char *text_markdown_plain(struct arena *a, const char *md)
{
	const char *html = text_markdown(a, md);
	struct buf b = BUF_INIT;
	char *out;
	static const struct {
		const char *ent, *ch;
	} ents[] = {{"&amp;", "&"},
	            {"&lt;", "<"},
	            {"&gt;", ">"},
	            {"&quot;", "\""},
	            {"&#39;", "'"}};

	for (const char *p = html; *p;) {
		if (*p == '<') {
			/* Block ends become spaces so words do not run on. */
			const char *end = strchr(p, '>');
			if (!end)
				break;
			if (p[1] == '/' || !strncmp(p, "<br", 3) ||
			    !strncmp(p, "<li", 3))
				buf_putc(&b, ' ');
			p = end + 1;
			continue;
		}
		if (*p == '&') {
			size_t i;
			for (i = 0; i < ARRAY_SIZE(ents); i++) {
				size_t n = strlen(ents[i].ent);
				if (!strncmp(p, ents[i].ent, n)) {
					buf_puts(&b, ents[i].ch);
					p += n;
					break;
				}
			}
			if (i < ARRAY_SIZE(ents))
				continue;
		}
		buf_putc(&b, *p++);
	}
	out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

char *text_title(struct arena *a, const char *title)
{
	static const char boiler[] = "What is (are) ";
	size_t n;
	char *r;

	if (!title)
		return arena_strdup(a, "");
	n = strlen(title);
	while (n && (title[n - 1] == ' ' || title[n - 1] == '\t'))
		n--;
	if (!strncmp(title, boiler, sizeof(boiler) - 1)) {
		size_t b = sizeof(boiler) - 1, e = n;

		if (e > b && title[e - 1] == '?')
			e--;
		while (e > b && title[e - 1] == ' ')
			e--;
		if (e > b)
			return arena_strndup(a, title + b, e - b);
	}
	r = arena_strndup(a, title, n);
	if (n >= 2 && r[n - 1] == '?' && r[n - 2] == ' ') {
		size_t e = n - 1;

		while (e > 0 && r[e - 1] == ' ')
			e--;
		r[e] = '?';
		r[e + 1] = 0;
	}
	return r;
}
