/* web/question_view.c: a question as the pages show it: the asker line,
 * the answers, the topics, the status flags and the links between a
 * question and its follow-ups, shared by the published Q&A page
 * (web/qa.c), the asker's status page (web/ask.c), the reply editor
 * (web/reply.c) and moderation (web/moderate.c).
 *
 * Every value is built in the request's arena from a question read with
 * its answers (store_question_get, store_qa_get), so no helper here
 * reads a row the caller already has, except the follow-up links.
 */
#include "web/question_view.h"
#include "web/locale.h"

#include <string.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "web/auth.h"
#include "web/content.h"
#include "web/text.h"
#include "web/web.h"

const char *web_answer_doctor_url(struct http_request *req,
                                  const struct answer *an)
{
	if (!an->doctor_id || !an->doctor_verified)
		return NULL;
	return arena_printf(http_arena(req), "/doctor/%lld",
	                    (long long)an->doctor_id);
}

const char *web_doctor_url(struct http_request *req, int64_t doctor_id)
{
	struct web *w = http_app(req);
	struct doctor d;

	/* Only verified doctors have a public profile (web/profiles.c). */
	if (!doctor_id ||
	    store_doctor_get(w->store, http_arena(req), doctor_id, &d) !=
	            STORE_OK ||
	    !d.verified_at)
		return NULL;
	return arena_printf(http_arena(req), "/doctor/%lld",
	                    (long long)doctor_id);
}

struct tval *web_asker_value(struct http_request *req, const struct question *q)
{
	struct arena *a = http_arena(req);
	struct tval *m = tval_map(a);

	if (!q->nickname && !q->age_band && !q->sex)
		return NULL;
	tval_set_str(m, "nickname", q->nickname ? q->nickname : "");
	/* "winnie, 30~39 year old": no comma without a nickname (an
	 * anonymous asker, or a deleted account's published question) */
	tval_set_bool(m, "sep", q->nickname && *q->nickname && q->age_band);
	if (q->age_band) {
		char *age = arena_strdup(a, q->age_band), *dash;
		if ((dash = strchr(age, '-')))
			*dash = '~';
		tval_set_str(m, "age", age);
	}
	if (q->sex)
		tval_set_bool(m, q->sex, 1); /* "female", "male" or "other" */
	tval_set_str(m, "line", web_asker_line(req, q)); /* in the reader's */
	return m;
}

struct tval *web_answers_value(struct http_request *req,
                               const struct question *q)
{
	struct arena *a = http_arena(req);
	struct tval *list = tval_list(a);

	for (size_t i = 0; i < q->n_answers; i++) {
		const struct answer *an = &q->answers[i];
		struct tval *r = tval_push(list, tval_map(a));
		const char *signoff = an->signoff, *url;

		tval_set_int(r, "id", an->id);
		tval_set_str(r, "author", an->author ? an->author : "");
		tval_set_bool(r, "is_doctor", an->doctor_id != 0);
		{
			struct i18n_arg h[] = {
			        I18N_STR("doctor",
			                 an->doctor_id ? "yes" : "no"),
			        I18N_STR("name", an->author)};
			tval_set_str(r, "head",
			             web_msgf(req, "qv_reply_head", h, 2));
		}
		if ((url = web_answer_doctor_url(req, an)))
			tval_set_str(r, "doctor_url", url);
		/* "" rather than absent: never the question's department
		 * through the context stack */
		tval_set_str(r, "department",
		             an->department
		                     ? web_name_id(req, STORE_KIND_DEPARTMENT,
		                                   an->department_id,
		                                   an->department)
		                     : "");
		tval_set_str(r, "body_html", text_markdown(a, an->body));
		if (!signoff || !*signoff)
			signoff = an->doctor_signoff; /* the doctor's default */
		if (signoff && *signoff)
			tval_set_str(r, "signoff", signoff);
		if (an->hospital && *an->hospital)
			tval_set_str(r, "hospital", an->hospital);
		if (an->answered_at) {
			tval_set_str(r, "date", web_date(req, an->answered_at));
			tval_set_str(r, "date_line",
			             web_msg_date(req, "qv_reply_date",
			                          an->answered_at));
		}
		if (an->edited_at) {
			tval_set_str(r, "edited", web_date(req, an->edited_at));
			tval_set_str(
			        r, "edited_line",
			        web_msg_date(req, "qv_edited", an->edited_at));
		}
	}
	return list;
}

struct tval *web_topics_value(struct arena *a, const struct topic *t, size_t n)
{
	struct tval *list = tval_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_push(list, tval_map(a));
		tval_set_str(m, "name", t[i].name);
		tval_set_str(m, "slug", t[i].slug);
		if (t[i].department)
			tval_set_str(m, "department", t[i].department);
	}
	return list;
}

void web_status_flags(struct tval *m, int status)
{
	struct arena *a = m->u.map.a;

	/* Every flag is set, so that a nested list item never picks up its
	 * parent's status through the context stack. */
	tval_set_str(m, "status", store_qstatus_name(status));
	for (int i = STORE_Q_WAITING; i <= STORE_Q_UNPUBLISHED; i++)
		tval_set_bool(m,
		              arena_printf(a, "st_%s", store_qstatus_name(i)),
		              i == status);
}

struct tval *web_question_value(struct http_request *req,
                                const struct question *q)
{
	struct arena *a = http_arena(req);
	struct tval *m = tval_map(a);

	tval_set_int(m, "id", q->id);
	tval_set_str(m, "title", q->title);
	web_set_content_lang(m, http_app(req), q->language);
	tval_set(m, "question", content_paragraphs(a, q->text));
	tval_set(m, "asker", web_asker_value(req, q));
	if (q->asked_at) {
		tval_set_str(m, "asked_date", web_date(req, q->asked_at));
		tval_set_str(m, "asked_line",
		             web_msg_date(req, "qa_asked_on", q->asked_at));
	}
	if (q->department) {
		struct tval *d = tval_map(a);
		tval_set_int(d, "id", q->department_id);
		tval_set_str(d, "name",
		             web_name(req, STORE_KIND_DEPARTMENT,
		                      q->department_slug, q->department));
		tval_set_str(d, "slug", q->department_slug);
		tval_set(m, "department", d);
	} else {
		tval_set(m, "department", NULL); /* not the page's */
	}
	tval_set_bool(m, "urgent", q->urgent);
	tval_set_bool(m, "consent", q->consent);
	web_status_flags(m, q->status);
	tval_set(m, "answers", web_answers_value(req, q));
	tval_set_bool(m, "has_answers", q->n_answers > 0);
	if (q->n_topics)
		tval_set(m, "topics",
		         web_topics_value(a, q->topics, q->n_topics));
	return m;
}

/* Where a question of a follow-up pair links to, or NULL for plain text. */
static const char *link_for(struct http_request *req,
                            const struct question_item *it,
                            enum web_link_mode mode, int64_t user_id)
{
	struct arena *a = http_arena(req);

	switch (mode) {
	case WEB_LINK_STAFF:
		return arena_printf(a, "/doctor/question/%lld",
		                    (long long)it->id);
	case WEB_LINK_ACCOUNT:
		if (user_id && it->user_id == user_id)
			return arena_printf(a, "/my/questions/%lld",
			                    (long long)it->id);
		/* fall through */
	case WEB_LINK_PUBLIC:
	case WEB_LINK_TOKEN:
		if (it->status == STORE_Q_PUBLISHED)
			return arena_printf(a, "/qa/%lld", (long long)it->id);
	}
	return NULL;
}

int web_followups_value(struct http_request *req, const struct question *q,
                        enum web_link_mode mode, int64_t user_id,
                        struct tval *m)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct question_item *items, parent;
	struct tval *list = tval_list(a);
	size_t n;
	int rc;

	if (q->follow_up_of) {
		rc = store_question_item(w->store, a, q->follow_up_of, &parent);
		if (rc && rc != STORE_NOTFOUND)
			return rc;
		if (rc == STORE_OK && (mode != WEB_LINK_PUBLIC ||
		                       parent.status == STORE_Q_PUBLISHED)) {
			struct tval *p = tval_map(a);
			const char *url = link_for(req, &parent, mode, user_id);
			tval_set_str(p, "title", parent.title);
			tval_set_str(p, "url", url ? url : "");
			tval_set(m, "follow_up_of", p);
		}
	}
	if ((rc = store_question_followups(w->store, a, q->id, &items, &n)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct tval *f;
		const char *url;

		if (mode == WEB_LINK_PUBLIC &&
		    items[i].status != STORE_Q_PUBLISHED)
			continue;
		f = tval_map(a);
		url = link_for(req, &items[i], mode, user_id);
		tval_set_str(f, "title", items[i].title);
		if (url)
			tval_set_str(f, "url", url);
		if (items[i].asked_at)
			tval_set_str(f, "date",
			             web_date(req, items[i].asked_at));
		web_status_flags(f, items[i].status);
		tval_push(list, f);
	}
	tval_set(m, "followups", list);
	tval_set_bool(m, "has_followups", list->u.list.n > 0);
	return 0;
}

/* ---- the ask form ---- */

int web_question_page(struct http_request *req, const struct question *q,
                      enum web_link_mode mode, struct tval **ctx,
                      struct tval **qv)
{
	const struct auth_user *u = auth_user(req);

	*ctx = web_page(req);
	web_private_page(req, *ctx);
	*qv = web_question_value(req, q);
	return web_followups_value(req, q, mode, u ? u->id : 0, *qv);
}

int web_question_load(struct http_request *req, struct question *q)
{
	struct web *w = http_app(req);
	int64_t id;

	if (web_path_id(req, &id))
		return 1;
	return web_found(req, store_qa_get(w->store, http_arena(req), id, q));
}
