/* web/moderate.c: moderation of questions: reject a waiting question with
 * a reason the asker sees, take a published Q&A down (and put it back),
 * move a question to another department.
 *
 * Moderators and admins only. Each action is one transaction: a store
 * write whose status change is conditional (a question answered meanwhile
 * cannot be rejected) and an audit row naming who did what to which
 * question (never patient text: the admins' viewer shows a rejection's
 * reason from the question itself, so it goes when the question does);
 * it answers 303 back to the moderation page.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "http/http.h"
#include "limits.h"
#include "services/mail.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/log.h"
#include "web/admin.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/form.h"
#include "web/locale.h"
#include "web/moderate.h"
#include "web/notify.h"
#include "web/question_view.h"

static int render(struct http_request *req, int status,
                  const struct question *q, const char *reason,
                  const struct web_form_errors *fe)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *qv, *v = tval_map(a);
	int rc;

	if ((rc = web_question_page(req, q, WEB_LINK_STAFF, &ctx, &qv)))
		return rc;
	if (q->status == STORE_Q_REJECTED) {
		const char *why = NULL;
		if ((rc = store_question_reason(w->store, a, q->id, &why)))
			return rc;
		if (why)
			tval_set_str(qv, "reason_text", why);
	}
	tval_set(ctx, "q", qv);
	if ((rc = web_department_options(req, ctx, q->department_id, NULL)))
		return rc;
	tval_set_str(v, "reason", reason ? reason : "");
	tval_set(ctx, "v", v);
	tval_set_bool(ctx, "can_reject", q->status == STORE_Q_WAITING);
	tval_set_bool(ctx, "can_unpublish", q->status == STORE_Q_PUBLISHED);
	tval_set_bool(ctx, "can_republish",
	              q->status == STORE_Q_UNPUBLISHED && q->consent);
	if (q->status == STORE_Q_PUBLISHED)
		tval_set_str(ctx, "public_url",
		             arena_printf(a, "/qa/%lld", (long long)q->id));
	tval_set_int(ctx, "reason_max", LIMIT_REASON_CHARS);
	tval_set_bool(ctx, "can_edit",
	              q->status == STORE_Q_PUBLISHED ||
	                      q->status == STORE_Q_UNPUBLISHED);
	tval_set_str(ctx, "edit_text", q->text);
	tval_set_int(ctx, "title_max", LIMIT_TITLE_CHARS);
	tval_set_int(ctx, "text_max", LIMIT_QUESTION_CHARS);
	if ((rc = web_requests_value(req, q->id, ctx)))
		return rc;
	if (fe)
		web_form_errors_set(ctx, fe);
	return web_render(req, status, "moderate", ctx);
}

/* Load the question of :id (the role and a POST's CSRF token were checked
 * before, web/auth.h); 1 after responding. */
static int begin(struct http_request *req, struct question *q)
{
	return web_question_load(req, q);
}

/* After an action (committed with its audit row): refresh cached pages,
 * back to the page. */
static int done(struct http_request *req, const struct question *q,
                const char *action)
{
	struct web *w = http_app(req);

	content_changed(w, CHANGE_LOGGED);
	log_info("moderation", "action=%s id=%lld user=%lld", action,
	         (long long)q->id, (long long)auth_user(req)->id);
	return web_redirect(req, 303,
	                    arena_printf(http_arena(req),
	                                 "/moderate/question/%lld",
	                                 (long long)q->id));
}

int page_moderate(struct http_request *req)
{
	struct question q;
	int rc;

	if ((rc = begin(req, &q)))
		return rc > 0 ? 0 : rc;
	return render(req, 200, &q, NULL, NULL);
}

/* What a moderation action writes (web_audit_run's work). */
struct mod_work {
	struct http_request *req;
	struct question *q;
	const char *reason, *title, *text;
	enum store_qstatus from, to;
	int64_t department;
};

static int reject_write(struct store *st, void *arg)
{
	struct mod_work *mw = arg;
	int rc = store_question_reject(st, mw->q->id, mw->reason);

	return rc ? rc
	          : web_notify(mw->req, "mail_rejected", mw->q->id,
	                       mw->q->notify_email, NULL);
}

int page_moderate_reject(struct http_request *req)
{
	struct web *w = http_app(req);
	struct web_form_errors fe;
	const char *reason;
	struct mod_work mw;
	struct question q;
	int rc;

	if ((rc = begin(req, &q)))
		return rc > 0 ? 0 : rc;
	reason = web_form_text(req, "reason");
	web_form_errors_init(&fe, http_arena(req));
	web_form_rule(req, &fe, "reason", reason, LIMIT_REASON_CHARS,
	              FORM_REQUIRED | FORM_MULTILINE, "reject_reason_missing",
	              "reject_reason_long");
	if (fe.n)
		return render(req, web_form_status(&fe), &q, reason, &fe);
	memset(&mw, 0, sizeof(mw));
	mw.req = req;
	mw.q = &q;
	mw.reason = reason;
	rc = web_audit_run(req, reject_write, &mw, "question.reject",
	                   STORE_KIND_QA, q.id, NULL);
	if (rc == STORE_CONFLICT)
		return http_error(req, 409, web_msg(w, "reject_too_late"));
	if (rc)
		return rc;
	mail_kick(w->mail);
	return done(req, &q, "question.reject");
}

static int transition_write(struct store *st, void *arg)
{
	struct mod_work *mw = arg;
	int64_t uid = auth_user(mw->req)->id;
	int rc = store_question_transition(st, mw->q->id, mw->from, mw->to);

	/* Taking it down answers the asker's request and readers' reports. */
	if (rc == STORE_OK && mw->to == STORE_Q_UNPUBLISHED)
		rc = store_qa_request_close(st, 0, mw->q->id, "unpublish", uid,
		                            "unpublished");
	if (rc == STORE_OK && mw->to == STORE_Q_UNPUBLISHED)
		rc = store_qa_request_close(st, 0, mw->q->id, "report", uid,
		                            "unpublished");
	return rc;
}

static int transition(struct http_request *req, enum store_qstatus from,
                      enum store_qstatus to, const char *action)
{
	struct web *w = http_app(req);
	struct mod_work mw;
	struct question q;
	int rc;

	if ((rc = begin(req, &q)))
		return rc > 0 ? 0 : rc;
	if (to == STORE_Q_PUBLISHED && !q.consent)
		return http_error(req, 409, web_msg(w, "publish_no_consent"));
	memset(&mw, 0, sizeof(mw));
	mw.req = req;
	mw.q = &q;
	mw.from = from;
	mw.to = to;
	rc = web_audit_run(req, transition_write, &mw, action, STORE_KIND_QA,
	                   q.id, NULL);
	if (rc == STORE_CONFLICT)
		return http_error(req, 409, web_msg(w, "status_changed"));
	if (rc)
		return rc;
	return done(req, &q, action);
}

int page_moderate_unpublish(struct http_request *req)
{
	return transition(req, STORE_Q_PUBLISHED, STORE_Q_UNPUBLISHED,
	                  "question.unpublish");
}

int page_moderate_republish(struct http_request *req)
{
	return transition(req, STORE_Q_UNPUBLISHED, STORE_Q_PUBLISHED,
	                  "question.republish");
}

static int department_write(struct store *st, void *arg)
{
	struct mod_work *mw = arg;

	return store_question_set_department(st, mw->q->id, mw->department);
}

int page_moderate_department(struct http_request *req)
{
	struct web *w = http_app(req);
	const char *dept;
	struct mod_work mw;
	struct question q;
	int64_t id = 0;
	char detail[64];
	int rc;

	if ((rc = begin(req, &q)))
		return rc > 0 ? 0 : rc;
	dept = web_form_text(req, "department");
	if (*dept && web_parse_id(dept, &id) < 0)
		return http_error(req, 400,
		                  web_msg(w, "ask_department_invalid"));
	snprintf(detail, sizeof(detail), "from=%lld to=%lld",
	         (long long)q.department_id, (long long)id);
	memset(&mw, 0, sizeof(mw));
	mw.q = &q;
	mw.department = id;
	rc = web_audit_run(req, department_write, &mw, "question.department",
	                   STORE_KIND_QA, q.id, detail);
	if (rc == STORE_INVALID)
		return http_error(req, 400,
		                  web_msg(w, "ask_department_invalid"));
	if (rc)
		return rc;
	return done(req, &q, "question.department");
}

static int edit_write(struct store *st, void *arg)
{
	struct mod_work *mw = arg;
	int rc = store_question_edit_text(st, mw->q->id, mw->title, mw->text);

	if (rc == STORE_OK)
		rc = store_qa_request_close(st, 0, mw->q->id, "remove_details",
		                            auth_user(mw->req)->id, "edited");
	return rc;
}

/* Remove personal details from a published Q&A: the moderator edits its
 * title and text; the asker's requests to do so are closed. */
int page_moderate_edit(struct http_request *req)
{
	struct web *w = http_app(req);
	struct web_form_errors fe;
	const char *title, *text;
	struct mod_work mw;
	struct question q;
	int rc;

	if ((rc = begin(req, &q)))
		return rc > 0 ? 0 : rc;
	title = web_form_text(req, "title");
	text = web_form_text(req, "text");
	web_form_errors_init(&fe, http_arena(req));
	web_form_rule(req, &fe, "title", title, LIMIT_TITLE_CHARS,
	              FORM_REQUIRED, "moderate_edit_missing", "ask_title_long");
	web_form_rule(req, &fe, "text", text, LIMIT_QUESTION_CHARS,
	              FORM_REQUIRED | FORM_MULTILINE, "moderate_edit_missing",
	              "ask_text_long");
	if (fe.n)
		return render(req, web_form_status(&fe), &q, NULL, &fe);
	memset(&mw, 0, sizeof(mw));
	mw.req = req;
	mw.q = &q;
	mw.title = title;
	mw.text = text;
	rc = web_audit_run(req, edit_write, &mw, "question.edit", STORE_KIND_QA,
	                   q.id, NULL);
	if (rc == STORE_CONFLICT)
		return http_error(req, 409, web_msg(w, "status_changed"));
	if (rc)
		return rc;
	return done(req, &q, "question.edit");
}
