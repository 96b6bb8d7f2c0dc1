/* moreinfo/render.c: More Info as text, HTML and JSON; doctors' edits.
 *
 * HTML goes only through buf_html (text and attribute values alike), and
 * the only raw writes are string literals of this file, so whatever a
 * source or a language model wrote reaches a page as text. Links are
 * whitelisted by scheme: site-relative paths and http(s) URLs.
 *
 * Editing keeps the numbering rule of extract.h: sources are numbered in
 * the order the text first cites them and every listed source is cited.
 * moreinfo_remove and moreinfo_from_json both end in mi_renumber(), which
 * restores it whatever the input was.
 */
#include "moreinfo/render.h"

#include <errno.h>
#include <string.h>

#include <jansson.h>

#include "moreinfo/internal.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

static void markers(struct buf *b, const struct moreinfo_sentence *s)
{
	for (size_t k = 0; k < s->ncite; k++)
		buf_printf(b, "%s[%zu]", k ? "" : " ", s->cite[k] + 1);
}

void moreinfo_text(struct buf *b, const struct moreinfo *mi)
{
	for (size_t i = 0; i < mi->n; i++) {
		if (i)
			buf_putc(b, ' ');
		buf_puts(b, mi->sentences[i].text);
		markers(b, &mi->sentences[i]);
	}
}

void moreinfo_render_text(struct buf *b, const struct moreinfo *mi)
{
	if (!mi->n)
		return;
	moreinfo_text(b, mi);
	buf_puts(b, "\n\nSources:\n");
	for (size_t i = 0; i < mi->nsources; i++) {
		const struct moreinfo_source *s = &mi->sources[i];

		buf_printf(b, "[%zu] %s.", i + 1, s->title);
		if (s->name && *s->name)
			buf_printf(b, " %s.", s->name);
		if (s->url)
			buf_printf(b, " %s", s->url);
		buf_putc(b, '\n');
	}
}

static int safe_link(const char *u)
{
	if (!u || !*u)
		return 0;
	if (u[0] == '/' && u[1] != '/' && u[1] != '\\')
		return 1;
	return str_starts(u, "https://") || str_starts(u, "http://");
}

static void html_str(struct buf *b, const char *s)
{
	buf_html(b, s ? s : "", s ? strlen(s) : 0);
}

void moreinfo_render_html(struct buf *b, const struct moreinfo *mi,
                          const char *id_prefix)
{
	const char *id = id_prefix && *id_prefix ? id_prefix : "mi";

	if (!mi->n && !mi->nsources)
		return;
	/* No sentences: a reading list of the library entries that answer
	 * the question (their text is at their publisher). */
	buf_puts(b, mi->n ? "<div class=\"moreinfo\">\n<p>"
	                  : "<div class=\"moreinfo moreinfo-list\">\n");
	for (size_t i = 0; i < mi->n; i++) {
		const struct moreinfo_sentence *s = &mi->sentences[i];

		if (i && s->aspect != mi->sentences[i - 1].aspect)
			buf_puts(b, "</p>\n<p>");
		else if (i)
			buf_putc(b, ' ');
		html_str(b, s->text);
		for (size_t k = 0; k < s->ncite; k++) {
			buf_puts(b, "<sup class=\"cite\"><a href=\"#");
			html_str(b, id);
			buf_printf(b, "-%zu\">[%zu]</a></sup>", s->cite[k] + 1,
			           s->cite[k] + 1);
		}
	}
	if (mi->n)
		buf_puts(b, "</p>\n");
	buf_puts(b, "<ol class=\"moreinfo-sources\">\n");
	for (size_t i = 0; i < mi->nsources; i++) {
		const struct moreinfo_source *s = &mi->sources[i];

		buf_puts(b, "<li id=\"");
		html_str(b, id);
		buf_printf(b, "-%zu\">", i + 1);
		if (safe_link(s->link)) {
			buf_puts(b, "<a href=\"");
			html_str(b, s->link);
			buf_puts(b, "\">");
			html_str(b, s->title);
			buf_puts(b, "</a>");
		} else {
			html_str(b, s->title);
		}
		if (s->name && *s->name) {
			buf_puts(b, ", ");
			html_str(b, s->name);
		}
		if (safe_link(s->url) && s->url[0] != '/') {
			buf_puts(b, " (<a href=\"");
			html_str(b, s->url);
			buf_puts(b, "\" rel=\"nofollow noopener\">");
			html_str(b, s->url);
			buf_puts(b, "</a>)");
		}
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ol>\n</div>\n");
}

void moreinfo_to_json(struct buf *b, const struct moreinfo *mi)
{
	buf_puts(b, "{\"text\": ");
	{
		struct buf t = BUF_INIT;

		moreinfo_text(&t, mi);
		buf_json_lossy(b, t.p ? t.p : "");
		buf_free(&t);
	}
	buf_puts(b, ", \"sentences\": [");
	for (size_t i = 0; i < mi->n; i++) {
		const struct moreinfo_sentence *s = &mi->sentences[i];

		buf_puts(b, i ? ", {\"text\": " : "{\"text\": ");
		buf_json_lossy(b, s->text);
		buf_puts(b, ", \"cites\": [");
		for (size_t k = 0; k < s->ncite; k++)
			buf_printf(b, "%s%zu", k ? ", " : "", s->cite[k] + 1);
		buf_printf(b, "], \"aspect\": \"%s\"}",
		           moreinfo_aspect_name(s->aspect));
	}
	buf_puts(b, "], \"sources\": [");
	for (size_t i = 0; i < mi->nsources; i++) {
		const struct moreinfo_source *s = &mi->sources[i];

		buf_puts(b, i ? ", {\"external_id\": " : "{\"external_id\": ");
		buf_json_lossy(b, s->external_id ? s->external_id : "");
		buf_puts(b, ", \"title\": ");
		buf_json_lossy(b, s->title);
		buf_puts(b, ", \"name\": ");
		buf_json_lossy(b, s->name ? s->name : "");
		buf_puts(b, ", \"url\": ");
		if (s->url)
			buf_json_lossy(b, s->url);
		else
			buf_puts(b, "null");
		buf_puts(b, ", \"link\": ");
		buf_json_lossy(b, s->link ? s->link : "");
		buf_printf(b, ", \"kind\": \"%s\", \"id\": %lld}",
		           search_kind_name(s->kind), (long long)s->id);
	}
	buf_printf(b, "], \"words\": %zu, \"machine_assisted\": %s}", mi->words,
	           mi->machine_assisted ? "true" : "false");
}

/* Number the cited sources in order of first citation, drop the others
 * and recount the words. */
void mi_renumber(struct moreinfo *mi)
{
	size_t map[256], ns = 0;
	struct moreinfo_source tmp[256];

	if (mi->nsources > 256)
		mi->nsources = 256; /* more than any draft has */
	for (size_t i = 0; i < mi->nsources; i++)
		map[i] = (size_t)-1;
	mi->words = 0;
	for (size_t i = 0; i < mi->n; i++) {
		struct moreinfo_sentence *s = &mi->sentences[i];

		for (size_t k = 0; k < s->ncite; k++) {
			size_t c = s->cite[k];

			if (map[c] == (size_t)-1) {
				tmp[ns] = mi->sources[c];
				map[c] = ns++;
			}
			s->cite[k] = map[c];
		}
		mi->words += moreinfo_count_words(s->text, strlen(s->text));
	}
	memcpy(mi->sources, tmp, ns * sizeof(*tmp));
	mi->nsources = ns;
}

void moreinfo_remove(struct moreinfo *mi, const size_t *drop, size_t ndrop)
{
	size_t n = 0;

	for (size_t i = 0; i < mi->n; i++) {
		int gone = 0;

		for (size_t k = 0; k < ndrop && !gone; k++)
			gone = drop[k] == i;
		if (!gone)
			mi->sentences[n++] = mi->sentences[i];
	}
	mi->n = n;
	mi_renumber(mi);
}

static const char *jstr(struct arena *a, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

int moreinfo_from_json(struct arena *a, const char *json, size_t len,
                       struct moreinfo *out)
{
	json_t *root = json_loadb(json, len, 0, NULL), *sv, *srcv, *v;
	size_t i, ns;
	int rc = -EINVAL;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(root))
		goto done;
	sv = json_object_get(root, "sentences");
	srcv = json_object_get(root, "sources");
	if (!json_is_array(sv) || !json_is_array(srcv))
		goto done;
	ns = json_array_size(srcv);
	if (ns > 256)
		goto done;
	out->sources = ARENA_ARRAY(a, struct moreinfo_source, ns + 1);
	json_array_foreach(srcv, i, v)
	{
		struct moreinfo_source *s = &out->sources[i];
		json_t *id = json_object_get(v, "id");
		const char *kind = jstr(a, v, "kind");

		if (!json_is_object(v) || !(s->title = jstr(a, v, "title")))
			goto done;
		s->external_id = jstr(a, v, "external_id");
		s->name = jstr(a, v, "name");
		s->url = jstr(a, v, "url");
		s->link = jstr(a, v, "link");
		s->kind = kind ? search_kind_parse(kind) : 0;
		s->id = json_is_integer(id) ? (int64_t)json_integer_value(id)
		                            : 0;
		if (!s->external_id)
			s->external_id = "";
		if (!s->name)
			s->name = "";
		if (!s->link)
			s->link = "";
	}
	out->nsources = ns;
	out->sentences = ARENA_ARRAY(a, struct moreinfo_sentence,
	                             json_array_size(sv) + 1);
	json_array_foreach(sv, i, v)
	{
		struct moreinfo_sentence *s = &out->sentences[i];
		json_t *cv = json_object_get(v, "cites"), *c;
		const char *aspect = jstr(a, v, "aspect");
		size_t k;

		s->text = jstr(a, v, "text");
		if (!s->text || !*s->text || !json_is_array(cv) ||
		    !json_array_size(cv) ||
		    json_array_size(cv) > MOREINFO_MAX_CITES)
			goto done;
		json_array_foreach(cv, k, c)
		{
			json_int_t n = json_integer_value(c);

			if (!json_is_integer(c) || n < 1 || (size_t)n > ns)
				goto done;
			s->cite[k] = (size_t)n - 1;
		}
		s->ncite = json_array_size(cv);
		s->aspect = MOREINFO_ABOUT;
		for (int x = 0; aspect && x < MOREINFO_NASPECTS; x++)
			if (!strcmp(aspect, moreinfo_aspect_name(x)))
				s->aspect = x;
	}
	out->n = json_array_size(sv);
	out->machine_assisted =
	        json_is_true(json_object_get(root, "machine_assisted"));
	mi_renumber(out);
	rc = 0;
done:
	if (rc)
		memset(out, 0, sizeof(*out));
	json_decref(root);
	return rc;
}
