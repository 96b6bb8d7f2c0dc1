/* web/comments.c: comments on articles (and on Q&As when the site turns
 * them on with --qa-comments): the thread under a page, posting, editing
 * and deleting one's own comment for a while, reporting, and the
 * moderators' queue.
 *
 * Visitors read comments and see "Login is required before commenting";
 * signed-in users post. Spam controls run before anything is written:
 * the bot checks of web/guard.h (a honeypot and a signed minimum time
 * to submit), a length limit, a limit on links, rate limits per account
 * (counted in the database, so every node sees them) and per client
 * address (an in-memory throttle), both settings, and a word list
 * (data/spam-words.txt or
 * --spam-words) whose words hold a comment for a moderator instead of
 * showing it. Authors see their held comments marked as waiting.
 *
 * Anyone may report a comment (from a small form page, so the cached
 * article page carries no per-visitor token), which has the same bot
 * checks; reports are one per account or address. The queue lists held comments
 * and reported visible ones; a moderator shows, hides or deletes them, which
 * closes their reports. Pages with comments are cached for anonymous readers,
 * so every change drops the page cache.
 */
#include "web/web.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "limits.h"
#include "store/store.h"
#include "search/analyze.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/log.h"
#include "util/util.h"
#include "web/admin.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/comments.h"
#include "web/content.h"
#include "web/form.h"
#include "web/locale.h"
#include "web/guard.h"
#include "web/locale.h"
#include "web/text.h"
#include "web/throttle.h"
#include "web/unavailable.h"

#define QUEUE_PAGE     50
#define THROTTLE_SLOTS 16384

/* ---- the word list and the address throttles (process-wide) ---- */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char *spam_text;   /* the list's text, kept for the process */
static char **spam_words; /* lowercase, NULL-terminated, into spam_text */
static struct throttle *post_throttle, *report_throttle;
static const struct config *once_cfg;

static void add_words(struct buf *all, const char *text, size_t len)
{
	buf_append(all, text, len);
	buf_putc(all, '\n');
}

static void setup(void)
{
	struct buf all = BUF_INIT;
	const struct embedded_file *f = embed_find("data/spam-words.txt");
	const char *path = once_cfg->spam_words;
	size_t n = 0, k = 0;
	char *p, *text;

	if (!path && !f)
		path = "data/spam-words.txt";
	if (path) {
		FILE *fp = fopen(path, "rb");
		char tmp[4096];
		size_t r;
		if (fp) {
			while ((r = fread(tmp, 1, sizeof(tmp), fp)) > 0)
				buf_append(&all, tmp, r);
			fclose(fp);
			buf_putc(&all, '\n');
		} else {
			log_warn("no spam word list", "path=%s", path);
		}
	} else {
		add_words(&all, f->data, f->len);
	}
	text = spam_text = buf_detach(&all, NULL);
	for (p = text; *p; p++) {
		*p = (char)tolower((unsigned char)*p);
		n += *p == '\n';
	}
	spam_words = xcalloc(n + 1, sizeof(char *));
	for (p = text; *p;) {
		char *nl = strchr(p, '\n'), *e;
		if (nl)
			*nl = '\0';
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		e = p + strlen(p);
		while (e > p &&
		       (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			*--e = '\0';
		if (*p && *p != '#')
			spam_words[k++] = p;
		if (!nl)
			break;
		p = nl + 1;
	}
	post_throttle = throttle_new("comment_post", THROTTLE_SLOTS,
	                             (int)once_cfg->comment_limit_addr,
	                             once_cfg->comment_window);
	report_throttle = throttle_new("comment_report", THROTTLE_SLOTS,
	                               (int)once_cfg->comment_limit_addr,
	                               once_cfg->comment_window);
	log_info("spam words loaded", "words=%zu", k);
}

static void ready(struct http_request *req)
{
	once_cfg = ((struct web *)http_app(req))->cfg;
	pthread_once(&once, setup);
}

/* 1 when text holds a listed word (ASCII case ignored; a word of
 * letters must stand on its own, so "class" does not match "ass"). */
static int has_spam_word(struct arena *a, const char *text)
{
	char *low = arena_strdup(a, text);

	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (char **w = spam_words; w && *w; w++) {
		size_t n = strlen(*w);
		for (const char *p = strstr(low, *w); p;
		     p = strstr(p + 1, *w)) {
			int before = p > low && isalnum((unsigned char)p[-1]);
			int after = isalnum((unsigned char)p[n]);
			if (!isalnum((unsigned char)(*w)[0]) ||
			    (!before && !after))
				return 1;
		}
	}
	return 0;
}

/* Links in text: URLs with a scheme, and bare "www." names. */
static int count_links(const char *text)
{
	int n = 0;

	for (const char *p = text; *p; p++)
		if (!strncasecmp(p, "http://", 7) ||
		    !strncasecmp(p, "https://", 8) ||
		    (!strncasecmp(p, "www.", 4) &&
		     (p == text || !isalnum((unsigned char)p[-1]))))
			n++;
	return n;
}

/* ---- helpers ---- */

static int64_t now_s(void)
{
	return (int64_t)time(NULL);
}

/* Unix seconds of a store timestamp "YYYY-MM-DDTHH:MM:SSZ"; 0 if not. */
static int64_t parse_ts(const char *s)
{
	struct tm tm = {0};
	int y, mo, d, h, mi, sec;

	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi,
	                 &sec) != 6)
		return 0;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	return (int64_t)timegm(&tm);
}

/* 1 while the author may still change comment c. */
static int in_window(const struct comment_info *c)
{
	return now_s() - parse_ts(c->c.created_at) < LIMIT_COMMENT_EDIT_SECONDS;
}

/* The language of a comment's text: what its letters say (Han
 * characters, Vietnamese letters), else the page's it was written on.
 * Plain Latin letters say English only under a page in another script:
 * under a Vietnamese page they are as likely Vietnamese typed without
 * its accents. */
static const char *comment_lang(struct http_request *req, const char *body)
{
	const char *page = web_lang_tag(http_app(req));
	const char *found = search_language(body);
	int page_zh = !strncmp(page, "zh", 2);

	if (!found)
		return page;
	if (!strcmp(found, "zh"))
		return page_zh ? page : found;
	if (!strcmp(found, "en"))
		return page_zh ? found : page;
	return found;
}

/* The page a comment is on. */
static const char *target_url(struct arena *a, const struct comment_info *c)
{
	if (c->c.target_kind == STORE_KIND_ARTICLE)
		return arena_printf(a, "/articles/%s",
		                    c->target_slug ? c->target_slug : "");
	return arena_printf(a, "/qa/%lld", (long long)c->c.target_id);
}

/* Where the client's comments are counted. */
static const char *addr_key(struct http_request *req)
{
	return arena_printf(http_arena(req), "addr:%s", http_client_addr(req));
}

/* The path's :id comment, or 0 after answering 404. */
static int load(struct http_request *req, struct comment_info *c)
{
	struct web *w = http_app(req);
	int64_t id;
	int rc;

	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return web_not_found(req), 0;
	rc = store_comment_get(w->store, http_arena(req), id, c);
	if (rc == STORE_NOTFOUND)
		return web_not_found(req), 0;
	return rc ? rc : 1;
}

/* Whether comment c's Q&A or article is public now: 1, 0, or a negative
 * STORE_* code. A comment of a page nobody may read is not there. */
static int target_public(struct http_request *req, const struct comment_info *c)
{
	struct web *w = http_app(req);
	int rc;

	if (c->c.target_kind == STORE_KIND_ARTICLE) {
		struct article_state st;
		rc = store_article_state(w->store, c->c.target_id, &st);
		if (rc == STORE_NOTFOUND)
			return 0;
		return rc ? rc : st.status == STORE_ARTICLE_PUBLISHED;
	} else {
		struct question q;
		rc = store_qa_get(w->store, http_arena(req), c->c.target_id,
		                  &q);
		if (rc == STORE_NOTFOUND)
			return 0;
		return rc ? rc : q.status == STORE_Q_PUBLISHED && q.consent;
	}
}

/* ---- the thread under a page ---- */

int web_comments_value(struct http_request *req, int kind, int64_t id,
                       const char *base_path, struct tval *ctx)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *u = auth_user(req);
	struct comment_info *v;
	struct tval *m, *list;
	int mod = auth_has(req, NEED_MODERATOR);
	size_t n;
	int64_t count = 0;
	int rc;

	if (kind == STORE_KIND_QA && !w->cfg->qa_comments)
		return 0;
	rc = store_comment_thread(w->store, a, (enum store_kind)kind, id,
	                          u ? u->id : 0, mod, &v, &n);
	if (rc)
		return rc;
	m = tval_set(ctx, "comments", tval_map(a));
	list = tval_set(m, "list", tval_list(a));
	for (size_t i = 0; i < n; i++) {
		struct tval *c = tval_push(list, tval_map(a));
		int own = auth_owner(req, v[i].c.user_id) == AUTH_OWNER;

		count += v[i].c.hidden == STORE_COMMENT_VISIBLE;
		tval_set_int(c, "id", v[i].c.id);
		tval_set_str(c, "name", v[i].c.user_name);
		tval_set_bool(c, "by_doctor", v[i].by_doctor);
		/* Always set: a missing key would be looked up outside. */
		tval_set_str(c, "comment_lang",
		             web_content_lang(w, v[i].c.lang));
		/* Date and time in the site's time zone, in the words and
		 * order of the language (catalog "comment_time_pattern"). */
		if (i18n_parse_iso(v[i].c.created_at) != (time_t)-1)
			tval_set_str(
			        c, "date",
			        i18n_date(w->i18n, web_lang(), a,
			                  i18n_parse_iso(v[i].c.created_at),
			                  "comment_time_pattern"));
		else
			tval_set_str(c, "date", v[i].c.created_at);
		tval_set_str(c, "datetime", v[i].c.created_at);
		tval_set(c, "body", content_paragraphs(a, v[i].c.body));
		if (v[i].edited_at)
			tval_set_bool(c, "edited", 1);
		tval_set_bool(c, "held", v[i].c.hidden == STORE_COMMENT_HELD);
		tval_set_bool(c, "hidden",
		              v[i].c.hidden == STORE_COMMENT_HIDDEN);
		tval_set_bool(c, "can_change",
		              mod || (own && in_window(&v[i]) &&
		                      v[i].c.hidden != STORE_COMMENT_HIDDEN));
		tval_set_bool(c, "own", own);
		if (mod && v[i].reports) {
			tval_set_int(c, "reports", v[i].reports);
			tval_set_str(c, "reports_text",
			             web_msg_count(req, "comments_reports",
			                           v[i].reports));
		}
	}
	tval_set_int(m, "count", count);
	/* " (3)", "（3）": each language brackets it its way. */
	tval_set_str(m, "count_text",
	             web_msg_count(req, "comments_count", count));
	tval_set_bool(m, "has", n > 0);
	tval_set_str(m, "action", arena_printf(a, "%s/comments", base_path));
	tval_set_int(m, "max", LIMIT_COMMENT_CHARS);
	tval_set_int(m, "edit_minutes", LIMIT_COMMENT_EDIT_SECONDS / 60);
	{
		struct i18n_arg h[] = {
		        I18N_NUM("max", LIMIT_COMMENT_CHARS),
		        I18N_NUM("minutes", LIMIT_COMMENT_EDIT_SECONDS / 60)};
		tval_set_str(m, "hint", web_msgf(req, "comments_hint", h, 2));
	}
	if (u) {
		tval_set_bool(m, "signed_in", 1);
		tval_set_str(m, "csrf", auth_csrf_token(req));
		tval_set_bool(m, "moderator", mod);
		guard_form(req, m, "comment");
	}
	return 0;
}

/* ---- posting ---- */

/* The form again, with what was typed and why it was refused. */
static int form_again(struct http_request *req, int status, const char *action,
                      const char *back, const char *body, const char *error,
                      int editing)
{
	struct tval *ctx = web_page(req);

	web_private_page(req, ctx);
	tval_set_str(ctx, "action", action);
	tval_set_str(ctx, "back", back);
	tval_set_str(ctx, "body", body);
	tval_set_int(ctx, "max", LIMIT_COMMENT_CHARS);
	tval_set_bool(ctx, "editing", editing);
	if (!editing)
		guard_form(req, ctx, "comment");
	if (error)
		tval_set_str(ctx, "error", error);
	return web_render(req, status, "comment_form", ctx);
}

/* Check a comment's text: 0 with *state set, or an HTTP status with
 * *error. */
static int check_text(struct http_request *req, const char *body,
                      enum store_comment_state *state, const char **error)
{
	struct web *w = http_app(req);
	int status;

	*state = STORE_COMMENT_VISIBLE;
	if (!*body) {
		*error = web_msg(w, "comment_empty");
		return 400;
	}
	if ((status = web_form_check(req, body, LIMIT_COMMENT_CHARS,
	                             FORM_MULTILINE, error)))
		return status;
	if (count_links(body) > LIMIT_COMMENT_LINKS) {
		*error = web_msg_n(req, "comment_links", LIMIT_COMMENT_LINKS);
		return 400;
	}
	if (has_spam_word(http_arena(req), body))
		*state = STORE_COMMENT_HELD;
	return 0;
}

/* What posting or moderating a comment writes (store_tx_run's and
 * web_audit_run's work). */
struct comment_work {
	struct comment *c;  /* a new comment */
	int state;          /* its state */
	int64_t id;         /* its id, or the comment moderated */
	const char *action; /* show, hide or delete */
};

static int comment_write(struct store *st, void *arg)
{
	struct comment_work *cw = arg;
	int rc = store_comment_create(st, cw->c, &cw->id);

	/* The store's create knows only shown and hidden: a held comment is
	 * set held in the same transaction. */
	if (!rc && cw->state == STORE_COMMENT_HELD)
		rc = store_comment_set_state(st, cw->id, cw->state);
	return rc;
}

static int moderate_write(struct store *st, void *arg)
{
	struct comment_work *cw = arg;

	if (!strcmp(cw->action, "show"))
		return store_comment_set_state(st, cw->id,
		                               STORE_COMMENT_VISIBLE);
	if (!strcmp(cw->action, "hide"))
		return store_comment_set_state(st, cw->id,
		                               STORE_COMMENT_HIDDEN);
	return store_comment_delete(st, cw->id);
}

int page_comment_post(struct http_request *req)
{
	struct comment_work cw = {0};
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *u;
	enum store_kind kind;
	enum store_comment_state state;
	struct comment c;
	const char *back, *body, *error = NULL;
	int64_t target, recent, retry, cid = 0;
	int rc, status;

	ready(req);
	if (!strcmp(http_route_pattern(req), "/qa/:id/comments")) {
		struct question q;
		kind = STORE_KIND_QA;
		if (!w->cfg->qa_comments ||
		    web_parse_id(http_param(req, "id"), &target) < 0)
			return web_not_found(req);
		rc = store_qa_get(w->store, a, target, &q);
		if (rc == STORE_NOTFOUND ||
		    (!rc && q.status != STORE_Q_PUBLISHED))
			return web_not_found(req);
		if (rc)
			return rc;
		back = arena_printf(a, "/qa/%lld", (long long)target);
	} else {
		struct article art;
		struct article_state st;
		kind = STORE_KIND_ARTICLE;
		rc = store_article_by_slug(w->store, a, http_param(req, "slug"),
		                           &art);
		if (!rc)
			rc = store_article_state(w->store, art.id, &st);
		if (rc == STORE_NOTFOUND ||
		    (!rc && st.status != STORE_ARTICLE_PUBLISHED))
			return web_not_found(req);
		if (rc)
			return rc;
		target = art.id;
		back = arena_printf(a, "/articles/%s",
		                    content_url_enc(a, art.slug));
	}
	u = auth_user(req);
	body = web_form_text(req, "body");
	if ((status = guard_check(req, "comment", &error)) ||
	    (status = check_text(req, body, &state, &error)))
		return form_again(req, status, http_path(req), back, body,
		                  error, 0);
	/* Rate limits: the account (in the database), then the address. */
	rc = store_comment_count_since(
	        w->store, u->id,
	        text_iso_time(a, now_s() - w->cfg->comment_window), &recent);
	if (rc)
		return rc;
	retry = 0;
	if (recent >= w->cfg->comment_limit_account ||
	    throttle_blocked(post_throttle, addr_key(req), now_s(), &retry)) {
		/* The account's count is in the database, without its
		 * window's start: a whole window is a safe answer. */
		if (recent >= w->cfg->comment_limit_account)
			retry = w->cfg->comment_window;
		http_set_header(
		        req, "Retry-After",
		        arena_printf(a, "%lld",
		                     (long long)(retry > 0 ? retry : 1)));
		return form_again(req, 429, http_path(req), back, body,
		                  web_msg(w, "comment_rate"), 0);
	}
	memset(&c, 0, sizeof(c));
	c.target_kind = kind;
	c.target_id = target;
	c.user_id = u->id;
	c.body = body;
	c.hidden = state;
	c.lang = comment_lang(req, body);
	cw.c = &c;
	cw.state = state;
	/* Not idempotent: a second run would post the comment twice. */
	rc = store_tx_run(w->store, comment_write, &cw, 0, NULL);
	cid = cw.id;
	if (web_unavailable(req, rc, &error))
		return form_again(req, 503, http_path(req), back, body, error,
		                  0);
	if (rc)
		return rc;
	throttle_fail(post_throttle, addr_key(req), now_s());
	if (state == STORE_COMMENT_HELD)
		log_info("comment held", "id=%lld", (long long)cid);
	content_changed(w, CHANGE_LOGGED);
	return web_redirect(
	        req, 303,
	        arena_printf(a, "%s#comment-%lld", back, (long long)cid));
}

/* ---- editing, deleting ---- */

/* May the signed-in user change comment c? 1 yes; else 0 after
 * responding (403, or a 403 with the window's message). */
static int may_change(struct http_request *req, const struct comment_info *c)
{
	struct web *w = http_app(req);
	enum auth_owner who = auth_owner(req, c->c.user_id);

	if (who == AUTH_STAFF)
		return 1;
	if (who != AUTH_OWNER || c->c.hidden == STORE_COMMENT_HIDDEN) {
		http_error(req, 403, web_msg(w, "auth_forbidden"));
		return 0;
	}
	if (!in_window(c)) {
		http_error(req, 403,
		           web_msg_n(req, "comment_window",
		                     LIMIT_COMMENT_EDIT_SECONDS / 60));
		return 0;
	}
	return 1;
}

/* The path's :id comment when the signed-in user may change it: 1; else
 * 0 after responding (404, 403), or a negative code. */
static int load_to_change(struct http_request *req, struct comment_info *c)
{
	int rc = load(req, c);

	return rc <= 0 ? rc : may_change(req, c);
}

int page_comment_edit(struct http_request *req)
{
	struct comment_info c;
	int rc;

	if ((rc = load_to_change(req, &c)) <= 0)
		return rc;
	return form_again(req, 200, http_path(req),
	                  target_url(http_arena(req), &c), c.c.body, NULL, 1);
}

int page_comment_edit_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	enum store_comment_state state;
	struct comment_info c;
	const char *body, *error = NULL, *back;
	int rc, status;

	ready(req);
	if ((rc = load_to_change(req, &c)) <= 0)
		return rc;
	back = target_url(a, &c);
	body = web_form_text(req, "body");
	if ((status = check_text(req, body, &state, &error)))
		return form_again(req, status, http_path(req), back, body,
		                  error, 1);
	if ((rc = store_comment_edit(w->store, c.c.id, body,
	                             comment_lang(req, body), state)))
		return rc;
	content_changed(w, CHANGE_LOGGED);
	return web_redirect(
	        req, 303,
	        arena_printf(a, "%s#comment-%lld", back, (long long)c.c.id));
}

int page_comment_delete(struct http_request *req)
{
	struct comment_work cw = {0};
	struct web *w = http_app(req);
	struct comment_info c;
	int rc;

	if ((rc = load_to_change(req, &c)) <= 0)
		return rc;
	if (auth_owner(req, c.c.user_id) == AUTH_OWNER) {
		rc = store_comment_delete(w->store, c.c.id);
	} else {
		/* A moderator's deletion is audited in its transaction. */
		cw.id = c.c.id;
		cw.action = "delete";
		rc = web_audit_run(req, moderate_write, &cw, "comment.delete",
		                   c.c.target_kind, c.c.target_id,
		                   arena_printf(http_arena(req), "comment %lld",
		                                (long long)c.c.id));
	}
	if (rc)
		return rc;
	content_changed(w, CHANGE_LOGGED);
	return web_redirect(req, 303,
	                    arena_printf(http_arena(req), "%s#comments",
	                                 target_url(http_arena(req), &c)));
}

/* ---- reporting ---- */

int page_comment_report(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *u = auth_user(req);
	struct comment_info c;
	struct tval *ctx;
	const char *reason, *reporter, *error;
	int64_t retry;
	int rc, status = 200;

	ready(req);
	if ((rc = load(req, &c)) <= 0)
		return rc;
	if (c.c.hidden != STORE_COMMENT_VISIBLE)
		return web_not_found(req);
	if ((rc = target_public(req, &c)) <= 0)
		return rc < 0 ? rc : web_not_found(req);
	ctx = web_page(req);
	web_private_page(req, ctx);
	tval_set_int(ctx, "id", c.c.id);
	tval_set_str(ctx, "back", target_url(a, &c));
	tval_set_str(ctx, "name", c.c.user_name);
	{
		struct i18n_arg nm[] = {I18N_STR("name", c.c.user_name)};
		tval_set_str(ctx, "wrote",
		             web_msgf(req, "comment_report_wrote", nm, 1));
	}
	tval_set(ctx, "body", content_paragraphs(a, c.c.body));
	tval_set_int(ctx, "max", LIMIT_REPORT_REASON_CHARS);
	guard_form(req, ctx, "report");
	if (!strcmp(http_method(req), "POST")) {
		reason = web_form_text(req, "reason");
		if ((rc = guard_check(req, "report", &error))) {
			tval_set_str(ctx, "error", error);
			tval_set_str(ctx, "reason", reason);
			return web_render(req, rc, "comment_report", ctx);
		}
		if ((rc = web_form_check(req, reason, LIMIT_REPORT_REASON_CHARS,
		                         0, &error))) {
			tval_set_str(ctx, "error", error);
			tval_set_str(ctx, "reason", reason);
			return web_render(req, rc, "comment_report", ctx);
		}
		if (throttle_blocked(report_throttle, addr_key(req), now_s(),
		                     &retry)) {
			tval_set_str(ctx, "error", web_msg(w, "comment_rate"));
			return web_render(req, 429, "comment_report", ctx);
		}
		throttle_fail(report_throttle, addr_key(req), now_s());
		/* One report per account, or per address for visitors
		 * (kept hashed: the table holds no addresses). */
		reporter = u ? arena_printf(a, "u:%lld", (long long)u->id)
		             : arena_printf(a, "a:%s",
		                            auth_token_hash(a, addr_key(req)));
		rc = store_comment_report(w->store, c.c.id, reporter, reason);
		if (rc && rc != STORE_CONFLICT)
			return rc;
		tval_set_str(ctx, "done",
		             web_msg(w, rc == STORE_CONFLICT
		                                ? "comment_reported_again"
		                                : "comment_reported"));
	}
	return web_render(req, status, "comment_report", ctx);
}

/* ---- moderation ---- */

int page_moderate_comments(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct content_pager pg;
	struct comment_info *v;
	struct tval *ctx, *list;
	const char *done = http_query(req, "done");
	size_t n;
	int rc;

	if (content_pager_read(req, QUEUE_PAGE, &pg) < 0)
		return web_not_found(req);
	if ((rc = store_comment_queue(w->store, a, pg.offset, pg.per, &v, &n)))
		return rc;
	ctx = web_page(req);
	web_private_page(req, ctx);
	list = tval_set(ctx, "queue", tval_list(a));
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_push(list, tval_map(a));
		tval_set_int(m, "id", v[i].c.id);
		tval_set_str(m, "name", v[i].c.user_name);
		tval_set_bool(m, "by_doctor", v[i].by_doctor);
		tval_set_str(m, "comment_lang",
		             web_content_lang(w, v[i].c.lang));
		tval_set_str(m, "date", web_date(req, v[i].c.created_at));
		tval_set(m, "body", content_paragraphs(a, v[i].c.body));
		tval_set_bool(m, "held", v[i].c.hidden == STORE_COMMENT_HELD);
		tval_set_int(m, "reports", v[i].reports);
		tval_set_str(
		        m, "reports_text",
		        web_msg_count(req, "moderate_reports", v[i].reports));
		if (v[i].reports) {
			const char **why;
			size_t k;
			struct tval *rl;
			if ((rc = store_comment_reasons(w->store, a, v[i].c.id,
			                                &why, &k)))
				return rc;
			rl = tval_set(m, "reasons", tval_list(a));
			for (size_t j = 0; j < k; j++)
				tval_push(rl, tval_str(a, why[j]));
			tval_set_bool(m, "has_reasons", k > 0);
		}
		tval_set_str(m, "target",
		             v[i].target_title ? v[i].target_title : "");
		tval_set_str(m, "url", target_url(a, &v[i]));
	}
	tval_set_bool(ctx, "has_queue", n > 0);
	if (done && (!strcmp(done, "show") || !strcmp(done, "hide") ||
	             !strcmp(done, "delete")))
		tval_set_str(
		        ctx, "done",
		        web_msg(w, arena_printf(a, "moderate_done_%s", done)));
	return web_render(req, 200, "moderate_comments", ctx);
}

int page_moderate_comment(struct http_request *req)
{
	struct comment_work cw = {0};
	struct web *w = http_app(req);
	struct comment_info c;
	const char *action;
	int rc;

	if ((rc = load(req, &c)) <= 0)
		return rc;
	action = http_form(req, "action");
	if (!action)
		action = "";
	if (strcmp(action, "show") && strcmp(action, "hide") &&
	    strcmp(action, "delete"))
		return http_error(req, 400, web_msg(w, "bad_request"));
	cw.id = c.c.id;
	cw.action = action;
	rc = web_audit_run(req, moderate_write, &cw,
	                   arena_printf(http_arena(req), "comment.%s", action),
	                   c.c.target_kind, c.c.target_id,
	                   arena_printf(http_arena(req), "comment %lld",
	                                (long long)c.c.id));
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc)
		return rc;
	content_changed(w, CHANGE_LOGGED);
	return web_redirect(req, 303,
	                    arena_printf(http_arena(req),
	                                 "/moderate/comments?done=%s", action));
}
