/* web/moreinfo.c: More Info on the pages: the review section of the reply
 * editor, the block of the published Q&A page, and "while you wait" on
 * the asker's status page.
 *
 * The editor works without JavaScript. Its form carries the whole draft
 * as JSON (mi_json, moreinfo/render.h's form), a "keep" box per sentence
 * (mi_keep) and a text area for the doctor's own text (mi_own), so
 * Preview and Regenerate show the doctor's choices again and Publish keeps
 * exactly the sentences still ticked, or the own text when one was
 * written. The draft is the doctor's to edit like the reply (it is read
 * back through moreinfo_from_json, which rejects citations of unlisted
 * sources); every page renders it through moreinfo_render_html, which
 * escapes all text, so nothing in it becomes markup.
 *
 * What is kept with a question (store_moreinfo_*) is the web layer's JSON:
 * the render.h form, or {"own": MARKDOWN, ...} for a doctor's own text.
 * A published page shows the approved one, or, for Q&As that have none
 * (imported ones, demo content), an extract made when the page is first
 * rendered and kept in the page cache until content changes.
 */
#include "web/web.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "config.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "limits.h"
#include "moreinfo/extract.h"
#include "moreinfo/llm.h"
#include "moreinfo/render.h"
#include "safety/pii.h"
#include "search/search.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"
#include "web/cache.h"
#include "web/form.h"
#include "web/locale.h"
#include "web/moreinfo.h"
#include "web/search.h"
#include "web/text.h"

#define WAIT_SIMILAR       4   /* "while you wait": answered questions */
#define WAIT_EXCERPT_CHARS 200 /* of each, as on Similar Q&A */
#define WAIT_SHARED_TERMS  2   /* words an answered question shares */

static struct search_index *index_of(struct http_request *req)
{
	return web_search_index(http_app(req));
}

/* The extract for Q&A q (its title, question and topics; never its own
 * source) and reply (may be NULL), empty when the library holds nothing
 * close enough or there is no index. */
static void extract(struct http_request *req, const struct question *q,
                    const char *reply, struct moreinfo *out)
{
	struct web *w = http_app(req);
	struct search_index *ix = index_of(req);
	struct moreinfo_request r;
	struct moreinfo_store src = {.st = w->store};

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	const char **topics =
	        ARENA_ARRAY(http_arena(req), const char *, q->n_topics + 1);

	for (size_t i = 0; i < q->n_topics; i++)
		topics[i] = q->topics[i].name;
	r.title = q->title;
	r.question = q->text;
	r.reply = reply && *reply ? reply : NULL;
	r.exclude_qa = q->id;
	r.topics = topics;
	r.ntopics = q->n_topics;
	r.prefetch = moreinfo_store_prefetch;
	if (!ix || moreinfo_extract(ix, moreinfo_store_fetch, &src,
	                            http_arena(req), &r, out) != 0)
		memset(out, 0, sizeof(*out));
}

static char *to_json(struct arena *a, const struct moreinfo *mi)
{
	struct buf b = BUF_INIT;
	char *s;

	moreinfo_to_json(&b, mi);
	s = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return s;
}

static char *to_html(struct arena *a, const struct moreinfo *mi,
                     const char *id_prefix)
{
	struct buf b = BUF_INIT;
	char *s;

	moreinfo_render_html(&b, mi, id_prefix);
	s = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return s;
}

/* The own text of a kept row, or NULL when it holds sentences. */
static const char *own_text(struct arena *a, const char *json)
{
	json_t *root = json_loads(json, 0, NULL), *v;
	const char *s = NULL;

	v = json_object_get(root, "own");
	if (json_is_string(v))
		s = arena_strdup(a, json_string_value(v));
	json_decref(root);
	return s;
}

/* ---- the reply editor ---- */

static void keep_all(struct arena *a, struct web_mi_form *f)
{
	size_t n = f->draft->n;

	f->keep = arena_zalloc(a, n + 1);
	memset(f->keep, 1, n);
}

void web_mi_form_read(struct http_request *req, struct web_mi_form *f,
                      struct web_form_errors *fe)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *json = http_form(req, "mi_json");
	const struct http_kv *kv;
	size_t nkv;

	memset(f, 0, sizeof(*f));
	f->draft = arena_zalloc(a, sizeof(*f->draft));
	f->own = web_form_text(req, "mi_own");
	f->generated_at = web_form_text(req, "mi_at");
	f->keep = arena_zalloc(a, 1);
	web_form_rule(req, fe, "mi", f->own, LIMIT_MOREINFO_CHARS,
	              FORM_MULTILINE, NULL, "mi_own_long");
	if (!json)
		return;
	f->present = 1;
	if (moreinfo_from_json(a, json, strlen(json), f->draft) != 0) {
		memset(f->draft, 0, sizeof(*f->draft));
		web_form_error(fe, "mi", web_msg(w, "mi_unreadable"));
		return;
	}
	f->keep = arena_zalloc(a, f->draft->n + 1);
	kv = http_form_fields(req, &nkv);
	for (size_t i = 0; i < nkv; i++) {
		int64_t k;

		if (strcmp(kv[i].name, "mi_keep"))
			continue;
		/* "0" is a valid index, which web_parse_id refuses. */
		if (!strcmp(kv[i].value, "0"))
			k = 0;
		else if (web_parse_id(kv[i].value, &k) < 0)
			continue;
		if ((size_t)k < f->draft->n)
			f->keep[k] = 1;
	}
}

int web_mi_form_untouched(const struct web_mi_form *f)
{
	if (!f->present || *f->own || f->draft->machine_assisted)
		return 0;
	for (size_t i = 0; i < f->draft->n; i++)
		if (!f->keep[i])
			return 0;
	return 1;
}

void web_mi_generate(struct http_request *req, const struct question *q,
                     const char *reply, int use_llm, struct web_mi_form *f)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct config *cfg = w->cfg;
	struct moreinfo mi;

	if (!f->draft)
		f->draft = arena_zalloc(a, sizeof(*f->draft));
	if (!f->own)
		f->own = "";
	f->present = 1;
	f->note = NULL;
	extract(req, q, reply, &mi);
	if (use_llm && cfg && cfg->llm_url && *cfg->llm_url && mi.n) {
		struct moreinfo_llm llm;
		struct moreinfo drafted;
		const char *why = NULL;
		char *text = NULL;

		memset(&llm, 0, sizeof(llm));
		llm.url = cfg->llm_url;
		llm.model = cfg->llm_model && *cfg->llm_model ? cfg->llm_model
		                                              : "default";
		llm.api_key = getenv("ASKDOC_LLM_KEY");
		llm.timeout_ms = cfg->llm_timeout * 1000;
		/* The model is given the question without personal data. */
		if (safety_redact(a, q->text ? q->text : "", NULL, &text, NULL,
		                  NULL) != 0)
			text = NULL;
		moreinfo_llm_draft(&llm, a, &mi, text ? text : q->title,
		                   &drafted, &why);
		if (drafted.machine_assisted) {
			mi = drafted;
			f->note = "mi_note_llm";
		} else {
			log_warn("More Info draft: model not used",
			         "question=%lld "
			         "why=%s",
			         (long long)q->id, why ? why : "?");
			f->note = "mi_note_llm_failed";
		}
	}
	*f->draft = mi;
	keep_all(a, f);
	f->generated_at = text_iso_time(a, (int64_t)time(NULL));
}

void web_mi_load(struct http_request *req, const struct question *q,
                 const char *reply, struct web_mi_form *f)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct store_moreinfo row;
	const char *own;

	memset(f, 0, sizeof(*f));
	f->draft = arena_zalloc(a, sizeof(*f->draft));
	f->own = "";
	if (store_moreinfo_get(w->store, a, q->id, &row) == STORE_OK) {
		f->present = 1;
		f->generated_at = row.generated_at;
		if ((own = own_text(a, row.json))) {
			f->own = own;
			keep_all(a, f);
			return;
		}
		if (moreinfo_from_json(a, row.json, strlen(row.json),
		                       f->draft) == 0) {
			keep_all(a, f);
			return;
		}
		log_warn("More Info kept is unreadable", "question=%lld",
		         (long long)q->id);
	}
	web_mi_generate(req, q, reply, 0, f);
}

/* "[1][2]" for a sentence's citations. */
static const char *cite_marks(struct arena *a,
                              const struct moreinfo_sentence *s)
{
	struct buf b = BUF_INIT;
	const char *out;

	for (size_t k = 0; k < s->ncite; k++)
		buf_printf(&b, "[%zu]", s->cite[k] + 1);
	out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

static int safe_url(const char *u)
{
	return u && (!strncmp(u, "https://", 8) || !strncmp(u, "http://", 7));
}

struct tval *web_mi_editor_value(struct http_request *req,
                                 const struct web_mi_form *f)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *m = tval_map(a), *sl = tval_list(a), *src = tval_list(a);
	const struct moreinfo *mi = f->draft;
	size_t kept = 0;

	for (size_t i = 0; mi && i < mi->n; i++) {
		struct tval *s = tval_map(a);
		tval_set_int(s, "i", (long long)i);
		tval_set_str(s, "text", mi->sentences[i].text);
		tval_set_str(s, "cites", cite_marks(a, &mi->sentences[i]));
		tval_set_bool(s, "kept", f->keep[i]);
		kept += f->keep[i];
		tval_push(sl, s);
	}
	for (size_t i = 0; mi && i < mi->nsources; i++) {
		const struct moreinfo_source *s = &mi->sources[i];
		struct tval *v = tval_map(a);
		tval_set_int(v, "n", (long long)i + 1);
		tval_set_str(v, "title", s->title);
		if (s->name && *s->name)
			tval_set_str(v, "name", s->name);
		if (s->link && s->link[0] == '/' && s->link[1] != '/' &&
		    s->link[1] != '\\')
			tval_set_str(v, "link", s->link);
		if (safe_url(s->url))
			tval_set_str(v, "url", s->url);
		tval_push(src, v);
	}
	tval_set(m, "sentences", sl);
	tval_set_bool(m, "has_sentences", mi && mi->n > 0);
	tval_set(m, "sources", src);
	tval_set_int(m, "kept", (long long)kept);
	tval_set_str(m, "json", mi ? to_json(a, mi) : "");
	tval_set_str(m, "at", f->generated_at ? f->generated_at : "");
	tval_set_str(m, "own", f->own ? f->own : "");
	tval_set_int(m, "own_max", LIMIT_MOREINFO_CHARS);
	tval_set_bool(m, "machine_assisted", mi && mi->machine_assisted);
	tval_set_bool(m, "llm", w->cfg && w->cfg->llm_url && *w->cfg->llm_url);
	if (f->note)
		tval_set_str(m, "note", web_msg(w, f->note));
	return m;
}

int web_mi_row(struct http_request *req, const struct web_mi_form *f,
               struct store_moreinfo *out)
{
	struct arena *a = http_arena(req);
	struct moreinfo mi;
	size_t *drop, ndrop = 0;

	if (!f->present)
		return 1;
	memset(out, 0, sizeof(*out));
	out->generated_at =
	        f->generated_at && *f->generated_at ? f->generated_at : NULL;
	if (*f->own) {
		struct buf b = BUF_INIT;

		buf_puts(&b, "{\"own\": ");
		buf_json_lossy(&b, f->own);
		buf_printf(&b,
		           ", \"text\": \"\", \"sentences\": [], \"sources\": "
		           "[], \"words\": %zu, \"machine_assisted\": false}",
		           moreinfo_count_words(f->own, strlen(f->own)));
		out->json = arena_strndup(a, b.p, b.len);
		buf_free(&b);
		out->edited = 1;
		return 0;
	}
	mi = *f->draft;
	mi.sentences = ARENA_ARRAY(a, struct moreinfo_sentence, mi.n + 1);
	mi.sources = ARENA_ARRAY(a, struct moreinfo_source, mi.nsources + 1);
	memcpy(mi.sentences, f->draft->sentences, mi.n * sizeof(*mi.sentences));
	memcpy(mi.sources, f->draft->sources,
	       mi.nsources * sizeof(*mi.sources));
	drop = ARENA_ARRAY(a, size_t, mi.n + 1);
	for (size_t i = 0; i < mi.n; i++)
		if (!f->keep[i])
			drop[ndrop++] = i;
	if (ndrop)
		moreinfo_remove(&mi, drop, ndrop);
	out->json = to_json(a, &mi);
	out->machine_assisted = mi.machine_assisted;
	out->edited = ndrop > 0;
	return 0;
}

/* ---- the published page ---- */

/* The extract of published q as HTML ("" for none), kept in the page
 * cache until q changes for pages not cached whole (signed-in readers). */
static const char *auto_html(struct http_request *req, const struct question *q)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *key = arena_printf(a, "moreinfo:%lld", (long long)q->id);
	uint64_t gen = web_cache_generation(w->cache);
	struct web_deps deps = {0};
	struct web_cached hit;
	struct moreinfo mi;
	const char *html;
	int keep = !web_cacheable(req); /* else the page is cached whole */

	if (keep && web_cache_get(w->cache, key, a, &hit))
		return arena_strndup(a, hit.before, hit.before_len);
	extract(req, q, q->n_answers ? q->answers[0].body : NULL, &mi);
	html = to_html(a, &mi, "mi");
	web_deps_add(&deps, STORE_KIND_QA, q->id);
	if (keep)
		web_cache_put(w->cache, key, gen, &deps, html, strlen(html), 0);
	return html;
}

/* The sentence under reviewed More Info, one catalog message whatever
 * its parts (how it was made, who approved it), so each language words
 * it whole. */
static void set_label(struct http_request *req, struct tval *m, const char *how,
                      const char *approver)
{
	int named = approver && *approver;
	struct i18n_arg args[] = {I18N_STR("how", how),
	                          I18N_STR("who", named ? "name" : "replier"),
	                          I18N_STR("approver", named ? approver : "")};

	tval_set_str(m, "label",
	             web_msgf(req, "mi_reviewed", args,
	                      sizeof(args) / sizeof(args[0])));
}

/* The approved More Info of q into *out (NULL when the doctor kept
 * none); returns 1 when there is an approved row, 0 when not, with rc
 * the store's answer. */
static int approved_value(struct http_request *req, const struct question *q,
                          struct tval **out, int *rc)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *m = tval_map(a);
	struct store_moreinfo row;
	static const char *const flags[] = {"reviewed", "own", "automatic",
	                                    "machine_assisted", "cited"};
	struct moreinfo mi;
	const char *own;

	*out = NULL;
	*rc = store_moreinfo_get(w->store, a, q->id, &row);
	if (*rc != STORE_OK || row.status != STORE_MI_APPROVED) {
		/* Every flag is set, so a missing one never falls through
		 * to a value of the page around it. */
		for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
			tval_set_bool(m, flags[i], 0);
		tval_set_str(m, "approver", "");
		*out = m;
		return 0;
	}
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		tval_set_bool(m, flags[i], 0);
	tval_set_str(m, "approver", row.approver ? row.approver : "");
	tval_set_bool(m, "reviewed", 1);
	if ((own = own_text(a, row.json))) {
		if (!*own)
			return 1;
		tval_set_str(m, "html",
		             arena_printf(a,
		                          "<div class=\"moreinfo "
		                          "moreinfo-own\">%s</div>",
		                          text_markdown(a, own)));
		tval_set_bool(m, "own", 1);
		set_label(req, m, "own", row.approver);
		*out = m;
		return 1;
	}
	if (moreinfo_from_json(a, row.json, strlen(row.json), &mi) != 0 ||
	    !mi.n)
		return 1; /* the doctor kept none */
	tval_set_str(m, "html", to_html(a, &mi, "mi"));
	tval_set_bool(m, "machine_assisted", mi.machine_assisted);
	tval_set_bool(m, "cited", 1);
	set_label(req, m, mi.machine_assisted ? "machine" : "quoted",
	          row.approver);
	*out = m;
	return 1;
}

struct tval *web_moreinfo_approved(struct http_request *req,
                                   const struct question *q)
{
	struct tval *m;
	int rc;

	return approved_value(req, q, &m, &rc) ? m : NULL;
}

struct tval *web_moreinfo_value(struct http_request *req,
                                const struct question *q)
{
	struct tval *m;
	const char *html;
	int rc;

	if (approved_value(req, q, &m, &rc))
		return m;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		log_warn("More Info not read", "question=%lld err=\"%s\"",
		         (long long)q->id, web_strerror(rc));
	html = auto_html(req, q);
	if (!*html)
		return NULL;
	tval_set_str(m, "html", html);
	tval_set_bool(m, "automatic", 1);
	tval_set_bool(m, "cited", 1);
	return m;
}

/* ---- while you wait ---- */

/* The distinct terms of text worth matching (no stop words), in a. */
static size_t content_terms(struct search_analyzer *an, struct arena *a,
                            const char *text, const char ***out)
{
	struct search_tokens tk;
	const char **v;
	size_t n = 0;

	search_analyze(an, a, text, strlen(text), &tk);
	v = ARENA_ARRAY(a, const char *, tk.n + 1);
	for (size_t i = 0; i < tk.n; i++) {
		int seen = 0;

		if (tk.v[i].flags & SEARCH_TOK_STOP)
			continue;
		for (size_t k = 0; k < n && !seen; k++)
			seen = !strcmp(v[k], tk.v[i].term);
		if (!seen)
			v[n++] = tk.v[i].term;
	}
	*out = v;
	return n;
}

/* 1 when an answered question (its title and topics) shares enough
 * words with the patient's to be worth showing: the ranking always finds
 * something, and a patient should not be sent to unrelated answers. */
static int close_enough(struct search_analyzer *an, struct arena *a,
                        const char **q, size_t nq, const struct search_hit *h)
{
	const char **t;
	size_t nt, shared = 0;

	nt = content_terms(an, a,
	                   arena_printf(a, "%s %s", h->title ? h->title : "",
	                                h->topics ? h->topics : ""),
	                   &t);
	for (size_t i = 0; i < nt; i++)
		for (size_t k = 0; k < nq; k++)
			if (!strcmp(t[i], q[k])) {
				shared++;
				break;
			}
	return shared >= WAIT_SHARED_TERMS;
}

struct tval *web_moreinfo_wait(struct http_request *req,
                               const struct question *q)
{
	struct arena *a = http_arena(req);
	struct search_index *ix = index_of(req);
	struct tval *m = tval_map(a), *list = tval_list(a);
	struct search_filter f;
	struct search_results res;
	struct moreinfo mi;
	const char *text;

	if (!ix)
		return NULL;
	text = arena_printf(a, "%s\n%s", q->title ? q->title : "",
	                    q->text ? q->text : "");
	memset(&f, 0, sizeof(f));
	f.kinds = SEARCH_KIND_QA;
	if (search_similar_text(ix, a, text, &f, WAIT_SIMILAR * 2, &res) == 0) {
		struct search_analyzer *an = search_index_analyzer(ix);
		const char **qt;
		size_t nq = content_terms(an, a, text, &qt);

		for (size_t i = 0; i < res.n && list->u.list.n < WAIT_SIMILAR;
		     i++) {
			struct tval *s;

			if (!close_enough(an, a, qt, nq, &res.hits[i]))
				continue;
			s = tval_map(a);
			tval_set_int(s, "id", res.hits[i].id);
			tval_set_str(s, "title", res.hits[i].title);
			if (res.hits[i].text && *res.hits[i].text)
				tval_set_str(s, "excerpt",
				             text_excerpt(a, res.hits[i].text,
				                          WAIT_EXCERPT_CHARS));
			tval_push(list, s);
		}
	}
	extract(req, q, NULL, &mi);
	if (!list->u.list.n && !mi.n)
		return NULL;
	tval_set(m, "similar", list);
	tval_set_bool(m, "has_similar", list->u.list.n > 0);
	tval_set_str(m, "html", mi.n ? to_html(a, &mi, "ww") : "");
	return m;
}
