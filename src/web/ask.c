/* web/ask.c: asking: the ask form, the asker's private status page with
 * its follow-up and withdraw forms, and a signed-in patient's questions;
 * plus the helpers the doctor and moderation pages share with it (form
 * errors, the question as a value tree, follow-up links).
 *
 * The status page is a capability URL: /my/question/<token>, where the
 * token is 256 random bits handed to the asker once (and by mail) and only
 * its hash is stored. A wrong or malformed token is a plain 404. The page
 * is never cached, indexed or sent as a Referer. A signed-in asker also
 * reaches their questions as /my/questions/<id>, checked against the
 * account; both forms of address share the handlers below.
 *
 * Nothing is stored unless every field is valid; an invalid form comes
 * back with the patient's text kept, a message per field and status 400
 * (413 when a text is over its limit). Asking and following up are
 * guarded against bots (a honeypot and a signed minimum time to submit)
 * and rate-limited per address and per account, follow-ups counting as
 * questions
 * (web/guard.h); a refused form comes back the same way (400, or 429
 * with Retry-After).
 */
#include "web/web.h"

#include <string.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "limits.h"
#include "safety/identity.h"
#include "services/mail.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/util.h"
#include "web/ask.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/content.h"
#include "web/form.h"
#include "web/guard.h"
#include "web/intake.h"
#include "web/locale.h"
#include "web/moreinfo.h"
#include "web/notify.h"
#include "web/question_view.h"
#include "web/safety.h"
#include "web/search.h"
#include "web/text.h"
#include "web/unavailable.h"

#define MY_QUESTIONS_MAX 200 /* a patient's list: one page is plenty */

static const char *const age_bands[] = {
        "0-9",   "10-19", "20-29", "30-39", "40-49",
        "50-59", "60-69", "70-79", "80-89", "90+",
};
static const char *const sexes[] = {"female", "male", "other"};

/* ---- shared helpers ---- */

struct ask_input {
	const char *title, *text, *nickname, *age_band, *sex, *email;
	const char *department; /* as sent: a department id or "" */
	int64_t department_id;
	int consent;
};

static int in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return 1;
	return 0;
}

/* Check free text s of field by the form rules (web/form.h), at least
 * min characters, with the ask form's own messages (keys prefix_missing,
 * prefix_long, prefix_short). */
static void check_text(struct http_request *req, struct web_form_errors *fe,
                       const char *field, const char *s, size_t min, size_t max,
                       unsigned flags, const char *prefix)
{
	struct arena *a = http_arena(req);

	if (web_form_rule(req, fe, field, s, max, flags,
	                  arena_printf(a, "%s_missing", prefix),
	                  arena_printf(a, "%s_long", prefix)) == FORM_OK &&
	    *s && utf8_chars(s) < min)
		web_form_error(fe, field,
		               web_msg_n(req,
		                         arena_printf(a, "%s_short", prefix),
		                         (long long)min));
}

/* Check title and text (shared with the follow-up form). */
static void check_title_text(struct http_request *req, struct ask_input *in,
                             struct web_form_errors *fe)
{
	check_text(req, fe, "title", in->title, LIMIT_TITLE_MIN_CHARS,
	           LIMIT_TITLE_CHARS, FORM_REQUIRED, "ask_title");
	check_text(req, fe, "text", in->text, LIMIT_QUESTION_MIN_CHARS,
	           LIMIT_QUESTION_CHARS, FORM_REQUIRED | FORM_MULTILINE,
	           "ask_text");
}

/* Check the optional reply-notice address (the ask form's and the
 * status page's field): the ask form's message says it may stay empty;
 * we mail it, so the mailer must take it too. */
static void check_email(struct http_request *req, struct web_form_errors *fe,
                        const char *email)
{
	struct web *w = http_app(req);

	if (form_check(email, 0, FORM_EMAIL) == FORM_BAD_EMAIL ||
	    (*email && form_email_ok(email) && !mail_address_ok(email)))
		web_form_error(fe, "email", web_msg(w, "ask_email_invalid"));
	else
		web_form_rule(req, fe, "email", email, 0, FORM_EMAIL, NULL,
		              "ask_email_long");
}

static void read_ask(struct http_request *req, struct ask_input *in,
                     struct web_form_errors *fe)
{
	struct web *w = http_app(req);
	struct department d;

	memset(in, 0, sizeof(*in));
	in->title = web_form_text(req, "title");
	in->text = web_form_text(req, "text");
	in->nickname = web_form_text(req, "nickname");
	in->age_band = web_form_text(req, "age_band");
	in->sex = web_form_text(req, "sex");
	in->department = web_form_text(req, "department");
	in->email = web_form_text(req, "email");
	in->consent = !strcmp(web_form_text(req, "consent"), "yes");

	check_title_text(req, in, fe);
	check_text(req, fe, "nickname", in->nickname, 0, LIMIT_NICKNAME_CHARS,
	           0, "ask_nickname");
	if (*in->nickname && !tval_get(fe->e, "nickname")) {
		/* Shown with the question: the same rule as account names. */
		switch (identity_name_check(http_arena(req), in->nickname, 0)) {
		case IDENTITY_OK: break;
		case IDENTITY_RESERVED:
			web_form_error(fe, "nickname",
			               web_msg(w, "identity_name_reserved"));
			break;
		default:
			web_form_error(fe, "nickname",
			               web_msg(w, "identity_name_hidden"));
		}
	}
	if (*in->age_band && !in_list(in->age_band, age_bands,
	                              sizeof(age_bands) / sizeof(*age_bands)))
		web_form_error(fe, "age_band", web_msg(w, "ask_age_invalid"));
	if (*in->sex &&
	    !in_list(in->sex, sexes, sizeof(sexes) / sizeof(*sexes)))
		web_form_error(fe, "sex", web_msg(w, "ask_sex_invalid"));
	if (*in->department &&
	    (web_parse_id(in->department, &in->department_id) < 0 ||
	     store_department_get(w->store, http_arena(req), in->department_id,
	                          &d) != STORE_OK))
		web_form_error(fe, "department",
		               web_msg(w, "ask_department_invalid"));
	if (!w->mail)
		in->email = ""; /* no field shown, nothing kept */
	else
		check_email(req, fe, in->email);
}

static struct tval *choices(struct arena *a, const char *const *list, size_t n,
                            const char *selected)
{
	struct tval *l = tval_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_map(a);
		tval_set_str(m, "value", list[i]);
		tval_set_bool(m, "selected",
		              selected && !strcmp(selected, list[i]));
		tval_set_bool(m, list[i], 1);
		tval_push(l, m);
	}
	return l;
}

static int render_ask(struct http_request *req, int status,
                      const struct ask_input *in,
                      const struct web_form_errors *fe, const char *error)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx = web_page(req), *v = tval_map(a), *depts, *ages;
	struct department *d;
	int64_t sel = in ? in->department_id : 0;
	size_t n;
	int rc;

	if ((rc = store_department_list(w->store, a, &d, &n)))
		return rc;
	if (!in) {
		/* ?department=<slug> pre-selects (links from a department
		 * page). */
		const char *slug = http_query(req, "department");
		for (size_t i = 0; slug && i < n; i++)
			if (!strcmp(d[i].slug, slug))
				sel = d[i].id;
	}
	web_names_depts(req, d, n); /* in the reader's language */
	depts = tval_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_map(a);
		tval_set_int(m, "id", d[i].id);
		tval_set_str(m, "name", d[i].name);
		tval_set_bool(m, "selected", d[i].id == sel);
		tval_push(depts, m);
	}
	tval_set(ctx, "departments", depts);
	tval_set(ctx, "intakes", web_intake_forms(req, sel, fe));
	if (in) {
		tval_set_str(v, "title", in->title);
		tval_set_str(v, "text", in->text);
		tval_set_str(v, "nickname", in->nickname);
		tval_set_str(v, "email", in->email);
		tval_set_bool(v, "consent", in->consent);
	}
	/* A first showing leaves "consent" unset: publication is opt-in. */
	tval_set(ctx, "v", v);
	ages = choices(a, age_bands, sizeof(age_bands) / sizeof(*age_bands),
	               in ? in->age_band : NULL);
	for (size_t i = 0; i < ages->u.list.n; i++) {
		struct i18n_arg band[] = {I18N_STR("band", age_bands[i])};
		tval_set_str(ages->u.list.items[i], "label",
		             web_msgf(req, "ask_age_years", band, 1));
	}
	tval_set(ctx, "age_bands", ages);
	tval_set(ctx, "sexes",
	         choices(a, sexes, sizeof(sexes) / sizeof(*sexes),
	                 in ? in->sex : NULL));
	tval_set_bool(ctx, "mail_on", w->mail != NULL);
	tval_set_int(ctx, "title_max", LIMIT_TITLE_CHARS);
	tval_set_int(ctx, "text_max", LIMIT_QUESTION_CHARS);
	if (fe)
		web_form_errors_set(ctx, fe);
	if (error)
		tval_set_str(ctx, "error", error);
	tval_set(ctx, "emergency_live", web_redflags_live(req));
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	guard_form(req, ctx, "ask");
	return web_render(req, status, "ask", ctx);
}

int page_ask(struct http_request *req)
{
	return render_ask(req, 200, NULL, NULL, NULL);
}

/* The writes of a new question (store_tx_run's work): the question, its
 * intake answers and the "received" mail. */
struct ask_work {
	struct http_request *req;
	struct question *q;
	const char *intake, *token;
	int64_t id;
};

static int ask_write(struct store *st, void *arg)
{
	struct ask_work *aw = arg;
	int rc;

	if ((rc = store_question_create(st, aw->q, &aw->id)))
		return rc;
	if (aw->intake &&
	    (rc = store_question_intake_set(st, aw->id, aw->intake)))
		return rc;
	if (aw->q->notify_email)
		rc = web_notify(aw->req, "mail_asked", aw->id,
		                aw->q->notify_email, aw->token);
	return rc;
}

/* Store a question from in (follow_up_of and the inherited fields set by
 * the caller), queue the "received" mail, and answer 303 to its status
 * page. */
static int create_question(struct http_request *req, struct question *q,
                           const char *intake, const char *redirect_account)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	char *token = auth_token_new(a);
	struct ask_work aw = {req, q, intake, token, 0};
	int64_t id;
	int rc;

	q->token_hash = auth_token_hash(a, token);
	q->status = STORE_Q_WAITING;
	if (!q->language) /* the interface's, unless the form said */
		q->language = web_lang_tag(w);
	if ((rc = web_redact_question(req, q)))
		return rc;
	/* Not idempotent: a second run would ask the question twice. */
	if ((rc = store_tx_run(w->store, ask_write, &aw, 0, NULL)))
		return rc;
	id = aw.id;
	mail_kick(w->mail);
	log_info("question asked", "id=%lld follow_up_of=%lld", (long long)id,
	         (long long)q->follow_up_of);
	if (redirect_account)
		return web_redirect(req, 303,
		                    arena_printf(a, "%s%lld", redirect_account,
		                                 (long long)id));
	return web_redirect(req, 303,
	                    arena_printf(a, "/my/question/%s", token));
}

int page_ask_post(struct http_request *req)
{
	const struct auth_user *u = auth_user(req);
	struct web_form_errors fe;
	struct ask_input in;
	struct question q;
	const char *error, *intake = NULL;
	int64_t minutes;
	int rc;

	web_form_errors_init(&fe, http_arena(req));
	read_ask(req, &in, &fe);
	/* Bots, then the rate limits, then the fields: whatever refuses the
	 * form shows it again with everything typed; nothing is stored. */
	if ((rc = guard_check(req, "ask", &error)))
		return render_ask(req, rc, &in, NULL, error);
	if (guard_rate_blocked(req, GUARD_ASK_ADDR, GUARD_ASK_ACCOUNT,
	                       &minutes))
		return render_ask(req, 429, &in, NULL,
		                  web_msg_n(req, "ask_rate", minutes));
	if (fe.n)
		return render_ask(req, web_form_status(&fe), &in, &fe, NULL);
	memset(&q, 0, sizeof(q));
	q.title = in.title;
	q.text = in.text;
	q.nickname = *in.nickname ? in.nickname : NULL;
	q.age_band = *in.age_band ? in.age_band : NULL;
	q.sex = *in.sex ? in.sex : NULL;
	q.department_id = in.department_id;
	if (!q.department_id) /* "not sure": suggest from answered ones */
		q.department_id = web_suggest_department(
		        req, arena_printf(http_arena(req), "%s\n%s", in.title,
		                          in.text));
	/* The intake of the department chosen or suggested (the form shows
	 * every department's; only that one's fields are read). */
	if ((rc = web_intake_read(req, q.department_id, &fe, &intake)))
		return rc;
	if (fe.n) {
		in.department_id = q.department_id; /* the form it came from */
		return render_ask(req, web_form_status(&fe), &in, &fe, NULL);
	}
	guard_rate_count(req, GUARD_ASK_ADDR, GUARD_ASK_ACCOUNT);
	q.consent = in.consent;
	q.notify_email = *in.email ? in.email : NULL;
	q.user_id = u ? u->id : 0;
	/* An emergency goes first in the doctors' queue, flagged. */
	q.urgent = web_redflags(req, arena_printf(http_arena(req), "%s\n%s",
	                                          in.title, in.text)) != NULL;
	rc = create_question(req, &q, intake, NULL);
	/* The database cannot take it now: the form again, text kept. */
	if (web_unavailable(req, rc, &error))
		return render_ask(req, 503, &in, NULL, error);
	return rc;
}

/* ---- the status page ---- */

/* The question a status-page request names, by token or (for its
 * signed-in asker, the route's NEED_USER | NEED_OWNER) by id. Returns 0
 * with *q and *base (the page's own path) set; 1 after responding (404);
 * or a negative code. */
static int find_own_question(struct http_request *req, struct question *q,
                             const char **base, enum web_link_mode *mode)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *token = http_param(req, "token");
	int64_t id;
	int rc;

	if (token) {
		if (!auth_token_valid(token)) {
			web_not_found(req);
			return 1;
		}
		rc = store_question_by_token(w->store, a,
		                             auth_token_hash(a, token), q);
		*base = arena_printf(a, "/my/question/%s", token);
		*mode = WEB_LINK_TOKEN;
	} else {
		if (web_parse_id(http_param(req, "id"), &id) < 0) {
			web_not_found(req);
			return 1;
		}
		rc = store_qa_get(w->store, a, id, q);
		if (rc == STORE_OK && auth_owner(req, q->user_id) != AUTH_OWNER)
			rc = STORE_NOTFOUND;
		*base = arena_printf(a, "/my/questions/%lld", (long long)id);
		*mode = WEB_LINK_ACCOUNT;
	}
	if (rc == STORE_NOTFOUND) {
		web_not_found(req);
		return 1;
	}
	return rc;
}

/* The "keep this page" box: the page's full address to copy (by token
 * only: an account's page is reached by signing in), and saving the
 * question to the signed-in account, or links to log in or register that
 * come back here. Notices after a save or an address change. */
static void keep_value(struct http_request *req, const struct question *q,
                       const char *base, enum web_link_mode mode,
                       struct tval *ctx)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *u = auth_user(req);
	struct tval *k = tval_map(a);
	const char *done = http_query(req, "done");

	if (mode == WEB_LINK_TOKEN) {
		tval_set_str(k, "url",
		             arena_printf(a, "%s%s", w->public_url, base));
		if (!u) {
			/* Signing in comes back here, in the language a
			 * link chose. */
			const char *arg = web_url_arg(a, base);
			tval_set_str(
			        k, "login_url",
			        web_url_lang(req,
			                     arena_printf(a, "/login?next=%s",
			                                  arg)));
			tval_set_str(
			        k, "register_url",
			        web_url_lang(req,
			                     arena_printf(a,
			                                  "/register?next=%s",
			                                  arg)));
		} else if (q->user_id == u->id) {
			tval_set_bool(k, "saved", 1);
			tval_set_int(k, "id", q->id);
		} else if (!q->user_id) {
			tval_set_bool(k, "can_save", 1);
		}
		tval_set(ctx, "keep", k);
	}
	/* The reply-notice address, whenever mail can be sent. */
	tval_set_bool(ctx, "mail_on", w->mail != NULL);
	if (done && !strcmp(done, "saved"))
		tval_set_str(ctx, "done", web_msg(w, "status_saved_done"));
	else if (done && !strcmp(done, "email"))
		tval_set_str(ctx, "done", web_msg(w, "status_email_done"));
	else if (done && !strcmp(done, "email-removed"))
		tval_set_str(ctx, "done",
		             web_msg(w, "status_email_removed_done"));
}

/* What the status page shows again when a form on it was refused. */
struct status_again {
	const struct ask_input *fu;       /* the follow-up as typed */
	const struct web_form_errors *fe; /* the follow-up's field errors */
	const char *error;                /* a line above the follow-up form */
	struct tval *x;                   /* the address form's values ("x") */
};

/* The status page of q with status; again NULL for the page as linked. */
static int render_status(struct http_request *req, int status,
                         const struct question *q, const char *base,
                         enum web_link_mode mode,
                         const struct status_again *again)
{
	static const struct status_again none;
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *qv, *v = tval_map(a);
	const struct ask_input *fu;
	int rc;

	if (!again)
		again = &none;
	fu = again->fu;

	if ((rc = web_question_page(req, q, mode, &ctx, &qv)))
		return rc;
	if (q->status == STORE_Q_REJECTED) {
		const char *reason = NULL;
		if ((rc = store_question_reason(w->store, a, q->id, &reason)))
			return rc;
		if (reason)
			tval_set(qv, "reason", content_paragraphs(a, reason));
	}
	tval_set(ctx, "q", qv);
	tval_set_str(ctx, "base", base);
	if (q->status == STORE_Q_PUBLISHED) {
		struct i18n_arg link[] = {I18N_STR(
		        "link", web_html_link(a,
		                              arena_printf(a, "/qa/%lld",
		                                           (long long)q->id),
		                              web_msg(w, "myq_public_page")))};
		tval_set_str(ctx, "published_html",
		             web_msg_html(req, "myq_published", link, 1));
	}
	if (q->status == STORE_Q_WAITING && q->urgent) {
		/* The notice shown on submit stays until a doctor replies. */
		struct tval *em = web_redflags(
		        req, arena_printf(a, "%s\n%s", q->title, q->text));
		if (em)
			tval_set(ctx, "emergency", em);
	}
	if (q->status == STORE_Q_WAITING) {
		struct tval *wait = web_moreinfo_wait(req, q);
		if (wait)
			tval_set(ctx, "wait", wait);
	}
	if (q->status == STORE_Q_ANSWERED || q->status == STORE_Q_PUBLISHED ||
	    q->status == STORE_Q_UNPUBLISHED) {
		struct tval *mi = web_moreinfo_approved(req, q);
		if (mi)
			tval_set(ctx, "more_info", mi);
	}
	tval_set_bool(ctx, "can_withdraw", q->status == STORE_Q_WAITING);
	/* After publication the asker can still ask to take things back. */
	tval_set_bool(ctx, "can_request", q->status == STORE_Q_PUBLISHED);
	tval_set_int(ctx, "note_max", LIMIT_REASON_CHARS);
	{
		const char *sent = http_query(req, "request");
		if (sent && (!strcmp(sent, "sent") || !strcmp(sent, "again")))
			tval_set_str(
			        ctx, "request_done",
			        web_msg(w, !strcmp(sent, "sent")
			                           ? "privacy_request_sent"
			                           : "privacy_request_again"));
	}
	tval_set_bool(ctx, "can_follow_up",
	              q->status == STORE_Q_ANSWERED ||
	                      q->status == STORE_Q_PUBLISHED ||
	                      q->status == STORE_Q_UNPUBLISHED);
	guard_form(req, ctx, "followup");
	tval_set_bool(ctx, "by_token", mode == WEB_LINK_TOKEN);
	tval_set_bool(ctx, "has_email", q->notify_email && w->mail);
	keep_value(req, q, base, mode, ctx);
	if (again->x)
		tval_set(ctx, "x", again->x);
	tval_set_str(v, "title", fu ? fu->title : "");
	tval_set_str(v, "text", fu ? fu->text : "");
	tval_set_bool(v, "consent", fu ? fu->consent : q->consent);
	tval_set(ctx, "v", v);
	if (again->fe)
		web_form_errors_set(ctx, again->fe);
	if (again->error)
		tval_set_str(ctx, "error", again->error);
	return web_render(req, status, "my_question", ctx);
}

int page_my_question(struct http_request *req)
{
	enum web_link_mode mode;
	struct question q;
	const char *base;
	int rc = find_own_question(req, &q, &base, &mode);

	if (rc)
		return rc > 0 ? 0 : rc;
	return render_status(req, 200, &q, base, mode, NULL);
}

int page_my_withdraw(struct http_request *req)
{
	struct web *w = http_app(req);
	enum web_link_mode mode;
	struct question q;
	const char *base;
	int rc;

	if ((rc = find_own_question(req, &q, &base, &mode)))
		return rc > 0 ? 0 : rc;
	/* Without confirm=yes (the status page's first button) the page
	 * comes back asking to confirm: withdrawing works without
	 * JavaScript and is never one slip of the finger. */
	if (strcmp(web_form_text(req, "confirm"), "yes")) {
		struct tval *x = tval_map(http_arena(req));
		if (q.status != STORE_Q_WAITING)
			return http_error(req, 409,
			                  web_msg(w, "withdraw_too_late"));
		tval_set_bool(x, "confirm_withdraw", 1);
		return render_status(req, 200, &q, base, mode,
		                     &(struct status_again){.x = x});
	}
	rc = store_question_transition(w->store, q.id, STORE_Q_WAITING,
	                               STORE_Q_WITHDRAWN);
	if (rc == STORE_CONFLICT)
		return http_error(req, 409, web_msg(w, "withdraw_too_late"));
	if (rc)
		return rc;
	log_info("question withdrawn", "id=%lld", (long long)q.id);
	return web_redirect(req, 303, base);
}

/* POST /my/question/:token/save: attach the question to the signed-in
 * account, so it is under "My questions" too; the link keeps working.
 * Anonymous, it leads to the login page, which comes back here. */
int page_my_save(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *u = auth_user(req);
	enum web_link_mode mode;
	struct question q;
	const char *base;
	int rc;

	if ((rc = find_own_question(req, &q, &base, &mode)))
		return rc > 0 ? 0 : rc;
	if (!u)
		return web_redirect(req, 303,
		                    arena_printf(a, "/login?next=%s",
		                                 web_url_arg(a, base)));
	rc = store_question_claim(w->store, q.id, u->id);
	if (rc == STORE_CONFLICT)
		return http_error(req, 409, web_msg(w, "status_saved_other"));
	if (rc)
		return rc;
	log_info("question saved to account", "id=%lld user=%lld",
	         (long long)q.id, (long long)u->id);
	return web_redirect(req, 303, arena_printf(a, "%s?done=saved", base));
}

/* POST .../email: set, change or (empty, or remove=yes) clear the
 * private address the reply notice goes to. Only when mail is on; a bad
 * address shows the page again with what was typed, 400, nothing kept. */
int page_my_email(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct web_form_errors fe;
	enum web_link_mode mode;
	struct question q;
	const char *base, *email;
	int rc, remove;

	if ((rc = find_own_question(req, &q, &base, &mode)))
		return rc > 0 ? 0 : rc;
	if (!w->mail)
		return web_not_found(req);
	remove = !strcmp(web_form_text(req, "remove"), "yes");
	email = remove ? "" : web_form_text(req, "email");
	web_form_errors_init(&fe, a);
	check_email(req, &fe, email);
	if (!remove && !*email)
		web_form_error(&fe, "email",
		               web_msg(w, "status_email_missing"));
	if (fe.n) {
		struct tval *x = tval_map(a);
		tval_set_str(x, "email", email);
		tval_set(x, "email_error", tval_get(fe.e, "email"));
		return render_status(req, web_form_status(&fe), &q, base, mode,
		                     &(struct status_again){.x = x});
	}
	if ((rc = store_question_set_email(w->store, q.id, email)))
		return rc;
	log_info("reply notice address set", "id=%lld removed=%d",
	         (long long)q.id, !*email);
	return web_redirect(req, 303,
	                    arena_printf(a, "%s?done=%s", base,
	                                 *email ? "email" : "email-removed"));
}

/* POST .../request: the asker of a published Q&A asks the moderators
 * to remove personal details or to unpublish it, with an optional note.
 * Asking again replaces the note of the open request. */
int page_my_request(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	enum web_link_mode mode;
	struct question q;
	const char *base, *kind, *note, *error;
	int rc;

	if ((rc = find_own_question(req, &q, &base, &mode)))
		return rc > 0 ? 0 : rc;
	kind = web_form_text(req, "kind");
	note = web_form_text(req, "note");
	if (strcmp(kind, "remove_details") && strcmp(kind, "unpublish"))
		return http_error(req, 400, web_msg(w, "bad_request"));
	if ((rc = web_form_check(req, note, LIMIT_REASON_CHARS, FORM_MULTILINE,
	                         &error)))
		return http_error(req, rc, error);
	if (q.status != STORE_Q_PUBLISHED)
		return http_error(req, 409,
		                  web_msg(w, "privacy_request_not_published"));
	rc = store_qa_request_add(w->store, q.id, kind, "asker", note);
	if (rc && rc != STORE_CONFLICT)
		return rc;
	log_info("privacy request", "id=%lld kind=%s", (long long)q.id, kind);
	return web_redirect(
	        req, 303,
	        arena_printf(a, "%s?request=%s", base, rc ? "again" : "sent"));
}

int page_my_follow_up(struct http_request *req)
{
	struct web *w = http_app(req);
	struct web_form_errors fe;
	struct ask_input in;
	enum web_link_mode mode;
	struct question q, f;
	const char *base, *error;
	int64_t minutes;
	int rc;

	if ((rc = find_own_question(req, &q, &base, &mode)))
		return rc > 0 ? 0 : rc;
	if (q.status != STORE_Q_ANSWERED && q.status != STORE_Q_PUBLISHED &&
	    q.status != STORE_Q_UNPUBLISHED)
		return http_error(req, 409, web_msg(w, "follow_up_not_yet"));
	memset(&in, 0, sizeof(in));
	in.title = web_form_text(req, "title");
	in.text = web_form_text(req, "text");
	in.consent = !strcmp(web_form_text(req, "consent"), "yes");
	web_form_errors_init(&fe, http_arena(req));
	check_title_text(req, &in, &fe);
	/* Follow-ups are questions too: the same bot checks and counters. */
	if ((rc = guard_check(req, "followup", &error)))
		return render_status(
		        req, rc, &q, base, mode,
		        &(struct status_again){.fu = &in, .error = error});
	if (guard_rate_blocked(req, GUARD_ASK_ADDR, GUARD_ASK_ACCOUNT,
	                       &minutes))
		return render_status(
		        req, 429, &q, base, mode,
		        &(struct status_again){
		                .fu = &in,
		                .error = web_msg_n(req, "ask_rate", minutes)});
	if (fe.n)
		return render_status(
		        req, web_form_status(&fe), &q, base, mode,
		        &(struct status_again){.fu = &in, .fe = &fe});
	guard_rate_count(req, GUARD_ASK_ADDR, GUARD_ASK_ACCOUNT);
	memset(&f, 0, sizeof(f));
	f.title = in.title;
	f.text = in.text;
	f.consent = in.consent;
	f.follow_up_of = q.id;
	f.nickname = q.nickname;
	f.age_band = q.age_band;
	f.sex = q.sex;
	f.department_id = q.department_id;
	f.notify_email = q.notify_email;
	f.user_id = q.user_id;
	f.language = q.language;
	rc = create_question(req, &f, NULL,
	                     mode == WEB_LINK_ACCOUNT ? "/my/questions/"
	                                              : NULL);
	if (web_unavailable(req, rc, &error))
		return render_status(
		        req, 503, &q, base, mode,
		        &(struct status_again){.fu = &in, .error = error});
	return rc;
}

int page_my_questions(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *u;
	struct question_item *items;
	struct tval *ctx, *list;
	size_t n;
	int rc;

	u = auth_user(req);
	rc = store_question_list_by_user(w->store, a, u->id, 0,
	                                 MY_QUESTIONS_MAX, &items, &n);
	if (rc)
		return rc;
	ctx = web_page(req);
	web_private_page(req, ctx);
	list = tval_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_map(a);
		tval_set_int(m, "id", items[i].id);
		tval_set_str(m, "title", items[i].title);
		tval_set_str(m, "date", web_date(req, items[i].asked_at));
		tval_set_str(m, "department",
		             items[i].department
		                     ? web_name_id(req, STORE_KIND_DEPARTMENT,
		                                   items[i].department_id,
		                                   items[i].department)
		                     : "");
		web_status_flags(m, items[i].status);
		tval_push(list, m);
	}
	tval_set(ctx, "questions", list);
	tval_set_bool(ctx, "has_questions", n > 0);
	return web_render(req, 200, "my_questions", ctx);
}
