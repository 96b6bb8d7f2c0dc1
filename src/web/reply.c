/* web/reply.c: the doctor's workspace: the queue of waiting questions,
 * a question with the patient's details and the reply editor, and editing
 * a reply later.
 *
 * Every page here requires a verified doctor (moderators and admins pass
 * too). The editor works without JavaScript: "Preview" is a submit button
 * that renders the Markdown on the server (cmark, safe mode) and shows
 * the form again with everything kept. "Publish" (the asker consented) or
 * "Send reply" (they did not: the reply is then only on their private
 * status page) writes the answer, its topics and the status in one
 * transaction, with the changelog row and the asker's notification mail;
 * the status change is conditional on the question still waiting, so two
 * doctors replying at once cannot both succeed.
 *
 * The editor also shows the question's More Info draft (web/moreinfo.c):
 * the doctor unticks sentences, regenerates it ("Regenerate" also asks
 * the language model when --llm-url is set, and keeps that draft with the
 * question) or writes their own; Publish, Send and Save keep the result
 * approved by the doctor, in the transaction that writes the reply.
 *
 * Personal data: the editor shows the asker's own words with every span
 * the detector flags (safety_pii_find) marked, and Publish needs a keep or
 * remove choice for each. The public title and text are rewritten from
 * the asker's words with the removed spans as markers; each kept span
 * gets an audit row (its type and bytes, never its text) in the same
 * transaction.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "limits.h"
#include "moreinfo/extract.h"
#include "safety/pii.h"
#include "search/search.h"
#include "services/mail.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/content.h"
#include "web/form.h"
#include "web/intake.h"
#include "web/locale.h"
#include "web/moreinfo.h"
#include "web/notify.h"
#include "web/question_view.h"
#include "web/reply.h"
#include "web/safety.h"
#include "web/search.h"
#include "web/text.h"
#include "web/unavailable.h"

#define QUEUE_PAGE       50  /* questions per queue page */
#define WB_SIMILAR       4   /* answered Q&As beside the question */
#define WB_TOPICS        5   /* topics suggested (pre-ticked) */
#define WB_EXCERPT_CHARS 160 /* of a similar Q&A's question */

/* How long a question asked at iso has waited, in words ("3 hours"); ""
 * when iso is not a date. */
static const char *waited(struct http_request *req, const char *iso)
{
	time_t t = iso ? i18n_parse_iso(iso) : -1;
	long long m;

	if (t < 0)
		return "";
	m = (long long)(time(NULL) - t) / 60;
	if (m < 0)
		m = 0;
	if (m < 120)
		return web_msg_count(req, "workbench_wait_minutes", m);
	if (m < 48 * 60)
		return web_msg_count(req, "workbench_wait_hours", m / 60);
	return web_msg_count(req, "workbench_wait_days", m / (24 * 60));
}

/* ---- the queue ---- */

int page_doctor_queue(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *u;
	struct question_item *items;
	struct tval *ctx, *list;
	struct department d;
	int64_t dept = 0, page = 1;
	const char *p;
	int all, rc, staff = auth_has(req, NEED_MODERATOR);
	size_t n;

	u = auth_user(req);
	all = (p = http_query(req, "all")) && !strcmp(p, "1");
	if ((p = http_query(req, "page")) && web_parse_id(p, &page) < 0)
		page = 1;
	if (page > 100000)
		page = 100000;
	/* Doctors see their own department's queue (and the questions no
	 * department was chosen for); only staff may look at all of it. */
	if (!staff)
		all = 0;
	if (!all && u->department_id)
		dept = u->department_id;
	else if (!all && !staff)
		dept = -1; /* only the questions without a department */
	rc = store_queue_list(w->store, a, dept,
	                      (size_t)(page - 1) * QUEUE_PAGE, QUEUE_PAGE + 1,
	                      &items, &n);
	if (rc)
		return rc;
	ctx = web_page(req);
	web_private_page(req, ctx);
	list = tval_list(a);
	for (size_t i = 0; i < n && i < QUEUE_PAGE; i++) {
		struct tval *m = tval_map(a);
		tval_set_int(m, "id", items[i].id);
		tval_set_str(m, "title", items[i].title);
		web_set_content_lang(m, w, items[i].language);
		tval_set_str(m, "date", web_date(req, items[i].asked_at));
		tval_set_str(m, "waited", waited(req, items[i].asked_at));
		tval_set_str(m, "excerpt", items[i].excerpt);
		tval_set_bool(m, "cut", items[i].excerpt_cut);
		tval_set_bool(m, "urgent", items[i].urgent);
		tval_set_bool(m, "follow_up", items[i].follow_up_of != 0);
		tval_set_str(m, "department",
		             items[i].department
		                     ? web_name(req, STORE_KIND_DEPARTMENT,
		                                items[i].department_slug,
		                                items[i].department)
		                     : "");
		tval_push(list, m);
	}
	tval_set(ctx, "questions", list);
	tval_set_bool(ctx, "has_questions", n > 0);
	if (n)
		tval_set_str(ctx, "first_url",
		             arena_printf(a, "/doctor/question/%lld",
		                          (long long)items[0].id));
	tval_set_bool(ctx, "all", all || (!u->department_id && staff));
	tval_set_bool(ctx, "has_department", u->department_id != 0);
	tval_set_bool(ctx, "is_staff", staff);
	if (u->department_id &&
	    store_department_get(w->store, a, u->department_id, &d) ==
	            STORE_OK) {
		const char *name =
		        web_name(req, STORE_KIND_DEPARTMENT, d.slug, d.name);
		tval_set_str(ctx, "department", name);
		tval_set_str(
		        ctx, "dept_only",
		        web_msg_name(req, "workbench_queue_only", name, 0));
	}
	/* The filter's and the pages' links keep the language a link
	 * chose. */
	tval_set_str(ctx, "all_url", web_url_lang(req, "/doctor/queue?all=1"));
	tval_set_str(ctx, "dept_url", web_url_lang(req, "/doctor/queue"));
	if (page > 1)
		tval_set_str(
		        ctx, "prev",
		        web_url_lang(req,
		                     arena_printf(a,
		                                  "/doctor/queue?%spage=%lld",
		                                  all ? "all=1&" : "",
		                                  (long long)(page - 1))));
	if (n > QUEUE_PAGE)
		tval_set_str(
		        ctx, "next",
		        web_url_lang(req,
		                     arena_printf(a,
		                                  "/doctor/queue?%spage=%lld",
		                                  all ? "all=1&" : "",
		                                  (long long)(page + 1))));
	return web_render(req, 200, "doctor_queue", ctx);
}

/* ---- the reply editor ---- */

enum editor_action {
	ACT_PREVIEW,
	ACT_PUBLISH,
	ACT_SEND,
	ACT_SAVE,
	ACT_REGENERATE, /* a new More Info draft */
};

struct editor {
	const char *body, *signoff, *new_topic;
	int64_t topics[LIMIT_REPLY_TOPICS];
	size_t n_topics;
	enum editor_action action;
	struct web_mi_form mi;
};

/* The editor's values from the form, checked. */
static void read_editor(struct http_request *req, struct editor *ed,
                        struct web_form_errors *fe)
{
	struct web *w = http_app(req);
	const struct http_kv *f;
	const char *act = http_form(req, "action");
	size_t n;

	memset(ed, 0, sizeof(*ed));
	ed->body = web_form_text(req, "body");
	ed->signoff = web_form_text(req, "signoff");
	ed->new_topic = web_form_text(req, "new_topic");
	ed->action = !act                         ? ACT_PREVIEW
	             : !strcmp(act, "publish")    ? ACT_PUBLISH
	             : !strcmp(act, "send")       ? ACT_SEND
	             : !strcmp(act, "save")       ? ACT_SAVE
	             : !strcmp(act, "regenerate") ? ACT_REGENERATE
	                                          : ACT_PREVIEW;
	web_mi_form_read(req, &ed->mi, fe);
	web_form_rule(
	        req, fe, "body", ed->body, LIMIT_ANSWER_CHARS,
	        FORM_MULTILINE |
	                (ed->action != ACT_REGENERATE ? FORM_REQUIRED : 0),
	        "reply_body_missing", "reply_body_long");
	web_form_rule(req, fe, "signoff", ed->signoff, LIMIT_SIGNOFF_CHARS, 0,
	              NULL, "reply_signoff_long");
	web_form_rule(req, fe, "new_topic", ed->new_topic, LIMIT_TOPIC_CHARS, 0,
	              NULL, "reply_topic_long");
	f = http_form_fields(req, &n);
	for (size_t i = 0; i < n; i++) {
		struct topic t;
		int64_t id;

		if (strcmp(f[i].name, "topic"))
			continue;
		if (ed->n_topics >= LIMIT_REPLY_TOPICS) {
			web_form_error(fe, "topics",
			               web_msg_n(req, "reply_topics_many",
			                         LIMIT_REPLY_TOPICS));
			break;
		}
		if (web_parse_id(f[i].value, &id) < 0 ||
		    store_topic_get(w->store, http_arena(req), id, &t) !=
		            STORE_OK) {
			web_form_error(fe, "topics",
			               web_msg(w, "reply_topic_invalid"));
			continue;
		}
		ed->topics[ed->n_topics++] = id;
	}
}

static int has_topic(const struct editor *ed, const struct question *q,
                     int64_t id)
{
	if (ed) {
		for (size_t i = 0; i < ed->n_topics; i++)
			if (ed->topics[i] == id)
				return 1;
		return 0;
	}
	for (size_t i = 0; i < q->n_topics; i++)
		if (q->topics[i].id == id)
			return 1;
	return 0;
}

/* ---- personal data the doctor reviews before publishing ---- */

/* One flagged span of the asker's own title (field 0) or text (1). */
struct flagged {
	int field;
	struct safety_pii f;
};

/* The spans the detector flags in the asker's own words, title first.
 * Computed afresh for the page and for the post: the detector is pure,
 * so both see the same list, numbered alike. */
static size_t flagged_spans(struct http_request *req, const struct question *q,
                            struct flagged **out)
{
	struct arena *a = http_arena(req);
	const char *src[2] = {q->original_title ? q->original_title : q->title,
	                      q->original_text ? q->original_text : q->text};
	struct safety_pii *f[2];
	size_t nf[2] = {0, 0}, n = 0;

	for (int k = 0; k < 2; k++)
		if (!src[k] || safety_pii_find(a, src[k], &f[k], &nf[k]) < 0)
			nf[k] = 0;
	*out = ARENA_ARRAY(a, struct flagged, nf[0] + nf[1] + 1);
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < nf[k]; i++) {
			(*out)[n].field = k;
			(*out)[n++].f = f[k][i];
		}
	return n;
}

/* The doctor's choice for span i: 1 keep, 0 remove, -1 none given. */
static int pii_choice(struct http_request *req, size_t i)
{
	char name[32];
	const char *v;

	snprintf(name, sizeof(name), "pii_%zu", i);
	v = http_form(req, name);
	if (!v)
		return -1;
	return !strcmp(v, "keep") ? 1 : !strcmp(v, "remove") ? 0 : -1;
}

/* s with the spans of field k that the doctor removes replaced by their
 * markers (from the catalog, as at submission). */
static const char *pii_apply(struct http_request *req, const char *s, int k,
                             const struct flagged *fl, size_t n,
                             const int *keep)
{
	struct web *w = http_app(req);
	struct buf b = BUF_INIT;
	size_t pos = 0;
	const char *out;

	for (size_t i = 0; i < n; i++) {
		char key[48];
		const char *t = safety_pii_type_key(fl[i].f.type), *m;

		if (fl[i].field != k || keep[i])
			continue;
		snprintf(key, sizeof(key), "pii_marker_%s", t);
		m = web_msg(w, key);
		buf_append(&b, s + pos, fl[i].f.start - pos);
		buf_puts(&b, m);
		pos = fl[i].f.end;
	}
	buf_puts(&b, s + pos);
	out = arena_strndup(http_arena(req), b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

/* In the reply's transaction: the public title and text as the doctor
 * chose, and an audit row for each span kept. */
static int publish_choices(struct http_request *req, const struct question *q,
                           const struct flagged *fl, size_t n, const int *keep)
{
	struct web *w = http_app(req);
	const struct auth_user *u = auth_user(req);
	const char *title =
	        pii_apply(req, q->original_title ? q->original_title : q->title,
	                  0, fl, n, keep);
	const char *text =
	        pii_apply(req, q->original_text ? q->original_text : q->text, 1,
	                  fl, n, keep);
	int rc;

	if ((rc = store_question_set_public_text(w->store, q->id, title, text)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		rc = store_audit_add(
		        w->store, u->id, "question.pii_keep", STORE_KIND_QA,
		        q->id,
		        arena_printf(http_arena(req),
		                     "%s in the %s, bytes %zu-%zu",
		                     safety_pii_type_key(fl[i].f.type),
		                     fl[i].field ? "text" : "title",
		                     fl[i].f.start, fl[i].f.end));
		if (rc)
			return rc;
	}
	return 0;
}

/* The page's review list: the asker's words with each flagged span
 * marked, paragraph by paragraph, and a keep/remove choice per span. */
static void pii_review_value(struct http_request *req, struct tval *ctx,
                             const struct question *q, const struct flagged *fl,
                             size_t n)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *src[2] = {q->original_title ? q->original_title : q->title,
	                      q->original_text ? q->original_text : q->text};
	struct tval *r = tval_map(a), *fields = tval_list(a),
	            *items = tval_list(a);
	size_t i = 0;

	if (!n)
		return;
	for (int k = 0; k < 2; k++) {
		struct tval *segs = tval_list(a), *fv = tval_map(a);
		size_t pos = 0;
		const char *s = src[k] ? src[k] : "";

		for (; i < n && fl[i].field == k; i++) {
			struct tval *m = tval_map(a), *it;
			int c = pii_choice(req, i);

			if (fl[i].f.start > pos)
				tval_set(tval_push(segs, tval_map(a)), "text",
				         tval_strn(a, s + pos,
				                   fl[i].f.start - pos));
			tval_set(m, "text",
			         tval_strn(a, s + fl[i].f.start,
			                   fl[i].f.end - fl[i].f.start));
			tval_set_bool(m, "mark", 1);
			tval_set_int(m, "n", (int64_t)i + 1);
			tval_set_str(m, "type",
			             safety_pii_type_key(fl[i].f.type));
			tval_push(segs, m);
			pos = fl[i].f.end;
			it = tval_push(items, tval_map(a));
			tval_set_int(it, "i", (int64_t)i);
			tval_set_int(it, "n", (int64_t)i + 1);
			tval_set(it, "text", tval_get(m, "text"));
			tval_set_str(
			        it, "type_words",
			        web_msg(w,
			                arena_printf(a, "pii_type_%s",
			                             safety_pii_type_key(
			                                     fl[i].f.type))));
			tval_set_bool(it, "keep", c == 1);
			tval_set_bool(it, "remove", c == 0);
		}
		if (s[pos])
			tval_set(tval_push(segs, tval_map(a)), "text",
			         tval_str(a, s + pos));
		tval_set(fv, "segments", segs);
		tval_set_bool(fv, "title", k == 0);
		tval_push(fields, fv);
	}
	tval_set(r, "fields", fields);
	tval_set(r, "items", items);
	tval_set(ctx, "pii_review", r);
}

/* ---- the workbench: what the doctor reads beside the question ---- */

/* The words of q that search reads: those readers would see. */
static const char *public_words(struct arena *a, const struct question *q)
{
	return arena_printf(a, "%s\n%s", q->title ? q->title : "",
	                    q->text ? q->text : "");
}

/* The answered Q&As most like q, each with its first reply (to read, or
 * to quote into the editor). */
static struct tval *wb_similar(struct http_request *req,
                               const struct question *q)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct search_index *ix = web_search_index(w);
	struct tval *list = tval_list(a);
	struct search_filter f;
	struct search_results res;

	memset(&f, 0, sizeof(f));
	f.kinds = SEARCH_KIND_QA;
	f.exclude_id = q->id;
	f.exclude_kind = SEARCH_KIND_QA;
	if (!ix || search_similar_text(ix, a, public_words(a, q), &f,
	                               WB_SIMILAR * 2, &res) != 0)
		return list;
	for (size_t i = 0; i < res.n && list->u.list.n < WB_SIMILAR; i++) {
		struct question s;
		struct tval *m;

		if (res.hits[i].id == q->id ||
		    store_qa_get(w->store, a, res.hits[i].id, &s) != STORE_OK ||
		    s.status != STORE_Q_PUBLISHED || !s.n_answers)
			continue;
		web_names_question(req, &s);
		m = tval_map(a);
		tval_set_int(m, "id", s.id);
		tval_set_int(m, "n", (long long)list->u.list.n + 1);
		tval_set_str(m, "title", s.title);
		tval_set_str(m, "url",
		             arena_printf(a, "/qa/%lld", (long long)s.id));
		if (s.department)
			tval_set_str(m, "department", s.department);
		tval_set_str(m, "excerpt",
		             text_excerpt(a, s.text, WB_EXCERPT_CHARS));
		tval_set_str(m, "reply_by",
		             web_msg_name(req, "workbench_reply_by",
		                          s.answers[0].author, 0));
		tval_set_str(m, "reply_html",
		             text_markdown(a, s.answers[0].body));
		tval_set_str(m, "quote", s.answers[0].body);
		tval_set_str(
		        m, "quote_label",
		        web_msg_name(req, "workbench_quote_reply", s.title, 0));
		tval_push(list, m);
	}
	return list;
}

/* The library passages the More Info draft cites, by source: each
 * source with the sentences taken from it. */
static struct tval *wb_passages(struct http_request *req,
                                const struct moreinfo *mi)
{
	struct arena *a = http_arena(req);
	struct tval *list = tval_list(a);

	for (size_t j = 0; mi && j < mi->nsources; j++) {
		const struct moreinfo_source *src = &mi->sources[j];
		struct tval *m = tval_map(a), *sl = tval_list(a);

		for (size_t i = 0; i < mi->n; i++) {
			const struct moreinfo_sentence *se = &mi->sentences[i];
			int cites = 0;
			for (size_t k = 0; k < se->ncite; k++)
				cites |= se->cite[k] == j;
			if (!cites)
				continue;
			struct tval *t = tval_map(a);
			tval_set_str(t, "text", se->text);
			tval_push(sl, t);
		}
		if (!sl->u.list.n)
			continue;
		tval_set_int(m, "n", (long long)j + 1);
		tval_set_str(m, "title", src->title);
		if (src->link && *src->link)
			tval_set_str(m, "link", src->link);
		if (src->name && *src->name)
			tval_set_str(m, "name", src->name);
		tval_set(m, "sentences", sl);
		tval_set_str(m, "quote_label",
		             web_msg_name(req, "workbench_quote_passage",
		                          src->title, 0));
		tval_push(list, m);
	}
	return list;
}

/* The topics search suggests for q (names, best first). */
static size_t wb_suggested_topics(struct http_request *req,
                                  const struct question *q, const char ***out)
{
	struct search_index *ix = web_search_index(http_app(req));
	struct arena *a = http_arena(req);
	struct search_triage tr;

	*out = NULL;
	if (!ix ||
	    search_triage(ix, a, public_words(a, q), 1, WB_TOPICS, &tr) != 0)
		return 0;
	*out = tr.topics;
	return tr.ntopics;
}

static int in_names(const char *name, const char **names, size_t n)
{
	for (size_t i = 0; name && i < n; i++)
		if (!strcasecmp(name, names[i]))
			return 1;
	return 0;
}

/* The workbench's side column for q (similar Q&As, the intake, the
 * safety flags); passages are added by the caller once the More Info
 * draft is known. */
static void wb_side(struct http_request *req, struct tval *ctx,
                    const struct question *q)
{
	struct arena *a = http_arena(req);
	struct tval *sim = wb_similar(req, q), *intake, *flags;
	const char *own = arena_printf(
	        a, "%s\n%s", q->original_title ? q->original_title : q->title,
	        q->original_text ? q->original_text : q->text);

	struct tval *pr = tval_get(ctx, "pii_review");
	size_t npii = pr ? tval_get(pr, "items")->u.list.n : 0;

	tval_set(ctx, "similar", sim);
	tval_set_bool(ctx, "has_similar", sim->u.list.n > 0);
	if ((intake = web_intake_summary(req, q->id)))
		tval_set(ctx, "intake", intake);
	if ((flags = web_redflags(req, own)))
		tval_set(ctx, "redflags", flags);
	if (npii)
		tval_set_str(ctx, "pii_count",
		             web_msg_count(req, "workbench_pii_count",
		                           (long long)npii));
	tval_set_bool(ctx, "has_flags", q->urgent || flags || npii);
}

/* Render the question page with the editor: for a new reply (ans NULL)
 * or for editing ans. ed NULL: the editor's first showing. */
static int render_question(struct http_request *req, int status,
                           const struct question *q, const struct answer *ans,
                           const struct editor *ed,
                           const struct web_form_errors *fe,
                           const char *message)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *u = auth_user(req);
	struct tval *ctx, *qv, *v = tval_map(a), *tl, *passages;
	struct topic *topics;
	struct doctor d;
	const char **sug = NULL;
	size_t n = 0, nsug = 0;
	int rc, staff = auth_has(req, NEED_MODERATOR);
	/* A new reply is a doctor's: staff read the question and moderate it
	 * but get no editor (they may still correct a published reply). */
	int editing = ans != NULL || (q->status == STORE_Q_WAITING &&
	                              auth_has(req, NEED_DOCTOR_ONLY));

	if ((rc = web_question_page(req, q, WEB_LINK_STAFF, &ctx, &qv)))
		return rc;
	if (q->original_text || q->original_title) {
		/* Doctors read the asker's own words, personal data included.
		 */
		tval_set(qv, "question",
		         content_paragraphs(a, q->original_text
		                                       ? q->original_text
		                                       : q->text));
		if (q->original_title)
			tval_set_str(qv, "title", q->original_title);
		tval_set_bool(ctx, "pii_removed", 1);
	}
	if (editing && !ans && q->consent) {
		struct flagged *fl;
		size_t nfl = flagged_spans(req, q, &fl);

		pii_review_value(req, ctx, q, fl, nfl);
	}
	/* Own replies (or any, for moderators) can be edited. */
	struct tval *answers = tval_get(qv, "answers");
	for (size_t i = 0; answers && i < answers->u.list.n; i++)
		if (auth_owner(req, q->answers[i].doctor_id) != AUTH_OTHER)
			tval_set_str(answers->u.list.items[i], "edit_url",
			             arena_printf(a, "/doctor/answer/%lld/edit",
			                          (long long)q->answers[i].id));
	if (q->nickname || q->age_band || q->sex)
		tval_set_str(qv, "asker_words", web_asker_line(req, q));
	tval_set(ctx, "q", qv);
	tval_set_bool(ctx, "is_moderator", staff);
	wb_side(req, ctx, q);
	if (message)
		tval_set_str(ctx, "message", message);
	if (q->status == STORE_Q_PUBLISHED)
		tval_set_str(ctx, "public_url",
		             arena_printf(a, "/qa/%lld", (long long)q->id));
	if (!editing)
		return web_render(req, status, "doctor_question", ctx);

	if (ed) {
		tval_set_str(v, "body", ed->body);
		tval_set_str(v, "signoff", ed->signoff);
		tval_set_str(v, "new_topic", ed->new_topic);
		if (*ed->body)
			tval_set_str(ctx, "preview_html",
			             text_markdown(a, ed->body));
	} else if (ans) {
		tval_set_str(v, "body", ans->body);
		tval_set_str(v, "signoff", ans->signoff ? ans->signoff : "");
	} else if (store_doctor_get(w->store, a, u->id, &d) == STORE_OK &&
	           d.signoff) {
		tval_set_str(v, "signoff", d.signoff);
	}
	tval_set(ctx, "v", v);
	if (q->department_id &&
	    (rc = store_topic_list(w->store, a, q->department_id, &topics, &n)))
		return rc;
	/* A new reply's first showing ticks the topics search suggests. */
	if (!ed && !ans)
		nsug = wb_suggested_topics(req, q, &sug);
	tl = tval_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_map(a);
		int suggested = in_names(topics[i].name, sug, nsug);
		tval_set_int(m, "id", topics[i].id);
		tval_set_str(m, "name", /* in the reader's language */
		             web_name(req, STORE_KIND_TOPIC, topics[i].slug,
		                      topics[i].name));
		tval_set_bool(m, "checked",
		              has_topic(ed, q, topics[i].id) || suggested);
		tval_set_bool(m, "suggested", suggested);
		tval_push(tl, m);
	}
	/* Topics the question has from elsewhere stay choosable. */
	for (size_t i = 0; i < q->n_topics; i++) {
		int seen = 0;
		for (size_t k = 0; k < n; k++)
			seen |= topics[k].id == q->topics[i].id;
		if (seen)
			continue;
		struct tval *m = tval_map(a);
		tval_set_int(m, "id", q->topics[i].id);
		tval_set_str(m, "name",
		             web_name(req, STORE_KIND_TOPIC, q->topics[i].slug,
		                      q->topics[i].name));
		tval_set_bool(m, "checked", has_topic(ed, q, q->topics[i].id));
		tval_push(tl, m);
	}
	tval_set(ctx, "topics", tl);
	tval_set_bool(ctx, "has_topics", tl->u.list.n > 0);
	struct tval *edv = tval_map(a);
	if (ans) {
		tval_set_str(edv, "action",
		             arena_printf(a, "/doctor/answer/%lld/edit",
		                          (long long)ans->id));
		tval_set_bool(edv, "edit", 1);
	} else {
		tval_set_str(edv, "action",
		             arena_printf(a, "/doctor/question/%lld",
		                          (long long)q->id));
		tval_set_bool(edv, "publish", q->consent);
		tval_set_bool(edv, "send", !q->consent);
	}
	tval_set_int(edv, "body_max", LIMIT_ANSWER_CHARS);
	tval_set(ctx, "editor", edv);
	if (ed && ed->mi.present) {
		tval_set(ctx, "mi", web_mi_editor_value(req, &ed->mi));
		passages = wb_passages(req, ed->mi.draft);
	} else {
		struct web_mi_form f;
		web_mi_load(req, q, ans ? ans->body : NULL, &f);
		tval_set(ctx, "mi", web_mi_editor_value(req, &f));
		passages = wb_passages(req, f.draft);
	}
	tval_set(ctx, "passages", passages);
	tval_set_bool(ctx, "has_passages", passages->u.list.n > 0);
	tval_set_bool(ctx, "workbench", 1);
	if (fe)
		web_form_errors_set(ctx, fe);
	return web_render(req, status, "doctor_question", ctx);
}

/* Whether the signed-in user may read question q in the workspace:
 * staff read every question; a doctor reads the waiting questions of their
 * own department (and those no department was chosen for) and the
 * questions they answered, never a withdrawn one. */
static int in_scope(struct http_request *req, const struct question *q)
{
	const struct auth_user *u = auth_user(req);

	if (auth_has(req, NEED_MODERATOR))
		return 1;
	if (q->status == STORE_Q_WITHDRAWN)
		return 0;
	for (size_t i = 0; i < q->n_answers; i++)
		if (auth_owner(req, q->answers[i].doctor_id) == AUTH_OWNER)
			return 1;
	return q->status == STORE_Q_WAITING &&
	       (!q->department_id || q->department_id == u->department_id);
}

/* The question of the request's :id, if the user may read it (in_scope);
 * 1 after a 404 (a question out of scope is not there for them). */
static int load_question(struct http_request *req, struct question *q)
{
	int rc = web_question_load(req, q);

	if (!rc && !in_scope(req, q)) {
		web_not_found(req);
		return 1;
	}
	return rc;
}

int page_doctor_question(struct http_request *req)
{
	struct question q;
	int rc;

	if ((rc = load_question(req, &q)))
		return rc > 0 ? 0 : rc;
	return render_question(req, 200, &q, NULL, NULL, NULL, NULL);
}

/* Add the "new topic" (if any) to ed's topics, in q's department. */
static int add_new_topic(struct web *w, const struct question *q,
                         struct editor *ed)
{
	int64_t id;
	int rc;

	if (!*ed->new_topic)
		return 0;
	if ((rc = store_topic_ensure(w->store, ed->new_topic, q->department_id,
	                             &id)))
		return rc;
	for (size_t i = 0; i < ed->n_topics; i++)
		if (ed->topics[i] == id)
			return 0;
	if (ed->n_topics < LIMIT_REPLY_TOPICS)
		ed->topics[ed->n_topics++] = id;
	return 0;
}

/* Regenerate the More Info draft of waiting question q with the reply
 * (and the language model, when configured), and keep it with q so the
 * editor opens with it next time. */
static int keep_draft(struct http_request *req, const struct question *q,
                      struct editor *ed)
{
	struct web *w = http_app(req);
	struct web_mi_form draft;
	struct store_moreinfo row;

	web_mi_generate(req, q, ed->body, 1, &ed->mi);
	draft = ed->mi;
	draft.own = ""; /* the draft itself, not the doctor's own text */
	if (web_mi_row(req, &draft, &row))
		return 0;
	row.question_id = q->id;
	return store_moreinfo_set(w->store, &row);
}

/* Keep the More Info the editor sent, approved by the signed-in doctor
 * (inside the caller's transaction). Nothing when the form had none. */
static int approve_more_info(struct http_request *req, const struct question *q,
                             const struct editor *ed)
{
	struct web *w = http_app(req);
	struct store_moreinfo row;
	int rc;

	if (web_mi_row(req, &ed->mi, &row))
		return 0;
	row.question_id = q->id;
	if ((rc = store_moreinfo_set(w->store, &row)))
		return rc;
	return store_moreinfo_approve(w->store, q->id, auth_user(req)->id);
}

/* The writes of a reply (store_tx_run's work): the question's new
 * status, the personal data choices, the answer, its topics and More
 * Info, and the asker's mail. */
struct reply_work {
	struct http_request *req;
	struct question *q;
	struct editor *ed;
	struct answer *ans;
	enum store_qstatus to;
	struct flagged *fl;
	size_t nfl;
	int *keep;
	size_t n_topics; /* the editor's topics before add_new_topic */
	int64_t aid;
};

static int reply_write(struct store *st, void *arg)
{
	struct reply_work *rw = arg;
	struct web *w = http_app(rw->req);
	int rc;

	/* A topic made by an undone run is gone with it. */
	rw->ed->n_topics = rw->n_topics;
	if ((rc = store_question_transition(st, rw->q->id, STORE_Q_WAITING,
	                                    rw->to)))
		return rc;
	if (rw->to == STORE_Q_PUBLISHED && rw->nfl &&
	    (rc = publish_choices(rw->req, rw->q, rw->fl, rw->nfl, rw->keep)))
		return rc;
	if ((rc = store_answer_create(st, rw->ans, &rw->aid)) ||
	    (rc = add_new_topic(w, rw->q, rw->ed)) ||
	    (rc = store_question_set_topics(st, rw->q->id, rw->ed->topics,
	                                    rw->ed->n_topics)) ||
	    (rc = approve_more_info(rw->req, rw->q, rw->ed)))
		return rc;
	return web_notify(rw->req, "mail_replied", rw->q->id,
	                  rw->q->notify_email, NULL);
}

int page_doctor_question_post(struct http_request *req)
{
	struct web *w = http_app(req);
	const struct auth_user *u;
	struct web_form_errors fe;
	struct editor ed;
	struct question q;
	struct answer ans;
	enum store_qstatus to;
	struct flagged *fl = NULL;
	const char *busy;
	size_t nfl;
	int64_t aid;
	struct reply_work rw;
	int rc, *keep;

	u = auth_user(req);
	if ((rc = load_question(req, &q)))
		return rc > 0 ? 0 : rc;
	if (q.status != STORE_Q_WAITING)
		return render_question(req, 409, &q, NULL, NULL, NULL,
		                       web_msg(w, "reply_too_late"));
	web_form_errors_init(&fe, http_arena(req));
	read_editor(req, &ed, &fe);
	if (fe.n && !(ed.action == ACT_REGENERATE && !tval_get(fe.e, "mi")))
		return render_question(req, web_form_status(&fe), &q, NULL, &ed,
		                       &fe, NULL);
	if (ed.action == ACT_REGENERATE) {
		if ((rc = keep_draft(req, &q, &ed)))
			return rc;
		return render_question(req, 200, &q, NULL, &ed, NULL, NULL);
	}
	if (ed.action == ACT_PREVIEW || ed.action == ACT_SAVE) {
		/* An untouched draft is remade with the reply in view. */
		if (web_mi_form_untouched(&ed.mi))
			web_mi_generate(req, &q, ed.body, 0, &ed.mi);
		return render_question(req, 200, &q, NULL, &ed, NULL, NULL);
	}
	/* Publishing needs the asker's consent, whatever was clicked. */
	to = ed.action == ACT_PUBLISH && q.consent ? STORE_Q_PUBLISHED
	                                           : STORE_Q_ANSWERED;
	/* ... and a keep or remove choice for every flagged span. */
	nfl = q.consent ? flagged_spans(req, &q, &fl) : 0;
	keep = ARENA_ARRAY(http_arena(req), int, nfl + 1);
	for (size_t i = 0; i < nfl; i++)
		if ((keep[i] = pii_choice(req, i)) < 0 &&
		    to == STORE_Q_PUBLISHED) {
			web_form_error(&fe, "pii",
			               web_msg(w, "reply_pii_choose"));
			return render_question(req, 422, &q, NULL, &ed, &fe,
			                       NULL);
		}
	memset(&ans, 0, sizeof(ans));
	ans.question_id = q.id;
	ans.doctor_id = u->id;
	ans.department_id =
	        u->department_id ? u->department_id : q.department_id;
	ans.body = ed.body;
	ans.signoff = *ed.signoff ? ed.signoff : NULL;
	rw.req = req;
	rw.q = &q;
	rw.ed = &ed;
	rw.ans = &ans;
	rw.to = to;
	rw.fl = fl;
	rw.nfl = nfl;
	rw.keep = keep;
	rw.n_topics = ed.n_topics;
	rc = store_tx_run(w->store, reply_write, &rw, 0, NULL);
	if (rc == STORE_CONFLICT)
		return render_question(req, 409, &q, NULL, NULL, NULL,
		                       web_msg(w, "reply_too_late"));
	if (rc)
		goto failed;
	aid = rw.aid;
	mail_kick(w->mail);
	content_changed(w, CHANGE_LOGGED);
	log_info("question answered", "id=%lld answer=%lld status=%s",
	         (long long)q.id, (long long)aid, store_qstatus_name(to));
	return web_redirect(req, 303,
	                    arena_printf(http_arena(req),
	                                 to == STORE_Q_PUBLISHED
	                                         ? "/qa/%lld"
	                                         : "/doctor/question/%lld",
	                                 (long long)q.id));
failed:
	/* The database cannot take it now: the editor again, reply kept. */
	if (web_unavailable(req, rc, &busy))
		return render_question(req, 503, &q, NULL, &ed, NULL, busy);
	return rc;
}

/* ---- editing a reply ---- */

/* The answer of the request's :id and its question, if the user may edit
 * it (its author, or a moderator); 1 after responding. */
static int load_answer(struct http_request *req, struct answer *ans,
                       struct question *q)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	int64_t id;
	int rc;

	if (web_parse_id(http_param(req, "id"), &id) < 0) {
		web_not_found(req);
		return 1;
	}
	rc = store_answer_get(w->store, a, id, ans);
	if (rc == STORE_OK)
		rc = store_qa_get(w->store, a, ans->question_id, q);
	if (rc == STORE_NOTFOUND) {
		web_not_found(req);
		return 1;
	}
	if (rc)
		return rc;
	if (auth_owner(req, ans->doctor_id) == AUTH_OTHER) {
		http_error(req, 403, web_msg(w, "reply_not_yours"));
		return 1;
	}
	return 0;
}

int page_doctor_answer_edit(struct http_request *req)
{
	struct question q;
	struct answer ans;
	int rc;

	if ((rc = load_answer(req, &ans, &q)))
		return rc > 0 ? 0 : rc;
	return render_question(req, 200, &q, &ans, NULL, NULL, NULL);
}

/* The writes of an edited reply (store_tx_run's work). */
static int edit_write(struct store *st, void *arg)
{
	struct reply_work *ew = arg;
	struct http_request *req = ew->req;
	int rc;

	ew->ed->n_topics = ew->n_topics;
	if ((rc = store_answer_update(st, ew->ans)) ||
	    (rc = approve_more_info(req, ew->q, ew->ed)) ||
	    (rc = add_new_topic(http_app(req), ew->q, ew->ed)) ||
	    (rc = store_question_set_topics(st, ew->q->id, ew->ed->topics,
	                                    ew->ed->n_topics)))
		return rc;
	/* A moderator changing another doctor's reply is audited. */
	if (auth_owner(req, ew->ans->doctor_id) != AUTH_OWNER)
		rc = store_audit_add(st, auth_user(req)->id, "answer.edit",
		                     STORE_KIND_QA, ew->q->id,
		                     arena_printf(http_arena(req),
		                                  "answer %lld",
		                                  (long long)ew->ans->id));
	return rc;
}

int page_doctor_answer_edit_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct web_form_errors fe;
	struct editor ed;
	struct question q;
	struct answer ans;
	struct reply_work ew;
	int rc;

	if ((rc = load_answer(req, &ans, &q)))
		return rc > 0 ? 0 : rc;
	web_form_errors_init(&fe, http_arena(req));
	read_editor(req, &ed, &fe);
	if (fe.n && !(ed.action == ACT_REGENERATE && !tval_get(fe.e, "mi")))
		return render_question(req, web_form_status(&fe), &q, &ans, &ed,
		                       &fe, NULL);
	if (ed.action == ACT_REGENERATE)
		web_mi_generate(req, &q, ed.body, 1, &ed.mi);
	if (ed.action != ACT_SAVE)
		return render_question(req, 200, &q, &ans, &ed, NULL, NULL);
	ans.body = ed.body;
	ans.signoff = *ed.signoff ? ed.signoff : NULL;
	ew.req = req;
	ew.q = &q;
	ew.ed = &ed;
	ew.ans = &ans;
	ew.n_topics = ed.n_topics;
	/* Not idempotent: a moderator's edit adds an audit row. */
	if ((rc = store_tx_run(w->store, edit_write, &ew, 0, NULL)))
		return rc;
	content_changed(w, CHANGE_LOGGED);
	log_info("answer edited", "id=%lld question=%lld", (long long)ans.id,
	         (long long)q.id);
	return web_redirect(req, 303,
	                    arena_printf(http_arena(req),
	                                 q.status == STORE_Q_PUBLISHED
	                                         ? "/qa/%lld"
	                                         : "/doctor/question/%lld",
	                                 (long long)q.id));
}

/* ---- the live preview ---- */

int page_doctor_preview(struct http_request *req)
{
	struct arena *a = http_arena(req);
	const char *body = web_form_text(req, "body"), *error = NULL, *html;
	int status;

	if ((status = web_form_check(req, body, LIMIT_ANSWER_CHARS,
	                             FORM_MULTILINE, &error)))
		return http_error(req, status, error);
	html = *body ? text_markdown(a, body) : "";
	http_set_header(req, "Cache-Control", "no-store");
	return http_respond_static(req, 200, "text/html; charset=utf-8", html,
	                           strlen(html));
}
