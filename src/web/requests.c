/* web/requests.c: what askers and readers ask the moderators about a
 * published Q&A (issue 11): the "Report" form of every Q&A page (a reason
 * required, CSRF and the form guard, one open report per account or
 * address), the moderators' list of open requests and reports, and closing
 * one without action. The asker's own requests are made on the status
 * page (web/ask.c); unpublishing and editing the question (web/moderate.c)
 * close them. Every moderator action is audited.
 */
#include "web/web.h"

#include <string.h>

#include "http/http.h"
#include "limits.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/util.h"
#include "web/admin.h"
#include "web/auth.h"
#include "web/content.h"
#include "web/form.h"
#include "web/locale.h"
#include "web/guard.h"
#include "web/moderate.h"
#include "web/text.h"

static struct tval *request_value(struct http_request *req,
                                  const struct qa_request *r)
{
	struct arena *a = http_arena(req);
	struct tval *m = tval_map(a);

	tval_set_int(m, "id", r->id);
	tval_set_int(m, "question_id", r->question_id);
	tval_set_str(m, "title", r->title ? r->title : "");
	tval_set_bool(m, arena_printf(a, "k_%s", r->kind), 1);
	if (r->note)
		tval_set(m, "note", content_paragraphs(a, r->note));
	tval_set_str(m, "date", web_date(req, r->created_at));
	return m;
}

int web_requests_value(struct http_request *req, int64_t question_id,
                       struct tval *ctx)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct qa_request *v;
	struct tval *list;
	size_t n;
	int rc;

	if ((rc = store_qa_request_list(w->store, a, question_id, &v, &n)))
		return rc;
	list = tval_set(ctx, "requests", tval_list(a));
	for (size_t i = 0; i < n; i++)
		tval_push(list, request_value(req, &v[i]));
	tval_set_bool(ctx, "has_requests", n > 0);
	return 0;
}

/* ---- the report form of a Q&A page ---- */

int page_qa_report(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *u = auth_user(req);
	const char *reason = "", *reporter, *error;
	struct tval *ctx;
	struct question q;
	int64_t id;
	int rc, post = !strcmp(http_method(req), "POST");

	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return web_not_found(req);
	rc = store_qa_get(w->store, a, id, &q);
	if (rc == STORE_NOTFOUND ||
	    (rc == STORE_OK && (q.status != STORE_Q_PUBLISHED || !q.consent)))
		return web_not_found(req);
	if (rc)
		return rc;
	ctx = web_page(req);
	web_private_page(req, ctx);
	tval_set_int(ctx, "id", q.id);
	tval_set_str(ctx, "title", q.title);
	tval_set_int(ctx, "max", LIMIT_REPORT_REASON_CHARS);
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	guard_form(req, ctx, "qareport");
	if (!post)
		return web_render(req, 200, "qa_report", ctx);
	reason = web_form_text(req, "reason");
	tval_set_str(ctx, "reason", reason);
	if ((rc = guard_check(req, "qareport", &error))) {
		tval_set_str(ctx, "error", error);
		return web_render(req, rc, "qa_report", ctx);
	}
	if (!*reason) {
		tval_set_str(ctx, "error",
		             web_msg(w, "qa_report_reason_missing"));
		return web_render(req, 400, "qa_report", ctx);
	}
	if ((rc = web_form_check(req, reason, LIMIT_REPORT_REASON_CHARS,
	                         FORM_MULTILINE, &error))) {
		tval_set_str(ctx, "error", error);
		return web_render(req, rc, "qa_report", ctx);
	}
	/* One open report per account, or per address for visitors (kept
	 * hashed, as comment reports). */
	reporter = u ? arena_printf(a, "u:%lld", (long long)u->id)
	             : arena_printf(a, "a:%s",
	                            auth_token_hash(a, http_client_addr(req)));
	rc = store_qa_request_add(w->store, q.id, "report", reporter, reason);
	if (rc && rc != STORE_CONFLICT)
		return rc;
	log_info("qa reported", "id=%lld", (long long)q.id);
	tval_set_str(ctx, "done",
	             web_msg(w, rc ? "qa_report_again" : "qa_report_sent"));
	return web_render(req, 200, "qa_report", ctx);
}

/* ---- the moderators' list ---- */

int page_moderate_requests(struct http_request *req)
{
	struct web *w = http_app(req);
	struct tval *ctx;
	const char *done = http_query(req, "done");
	int rc;

	ctx = web_page(req);
	web_private_page(req, ctx);
	if ((rc = web_requests_value(req, 0, ctx)))
		return rc;
	tval_set_bool(ctx, "all", 1);
	if (done && !strcmp(done, "request"))
		tval_set_str(ctx, "done", web_msg(w, "moderate_done_request"));
	return web_render(req, 200, "moderate_requests", ctx);
}

int page_moderate_request_dismiss(struct http_request *req)
{
	struct web *w = http_app(req);
	struct qa_request *v;
	int64_t id, qid = 0;
	size_t n;
	int rc;

	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return web_not_found(req);
	/* The audit row names the question the request was about. */
	if ((rc = store_qa_request_list(w->store, http_arena(req), 0, &v, &n)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			qid = v[i].question_id;
	if (!qid)
		return web_not_found(req);
	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_qa_request_close(w->store, id, 0, NULL, auth_user(req)->id,
	                            "dismissed");
	rc = web_audit_end(
	        req, rc, "request.dismiss", STORE_KIND_QA, qid,
	        arena_printf(http_arena(req), "request %lld", (long long)id));
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc)
		return rc;
	log_info("moderation", "action=request.dismiss request=%lld user=%lld",
	         (long long)id, (long long)auth_user(req)->id);
	return web_redirect(req, 303, "/moderate/requests?done=request");
}
