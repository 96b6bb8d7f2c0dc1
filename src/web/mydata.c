/* web/mydata.c: a signed-in user's download of all their data, as one
 * JSON file (POST /account/data).
 *
 * The file is built with jansson from the store's own reads, so it holds
 * exactly what the site keeps: the profile (never the password hash, nor
 * any token or its hash), every question the account asked in the
 * asker's own words with the text readers see beside it, the replies,
 * rejection reasons, comments, articles, a doctor's profile, photo and
 * replies, the sessions' times, and the audit rows about the account
 * (other people in them are named only as "staff"). The format is
 * described in docs/mydata.md; "format" and "version" head the file so
 * it can change compatibly. The response is a private attachment: no
 * caching, no CORS, nothing logged but the account id.
 */
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "http/http.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"
#include "web/account.h"
#include "web/auth.h"
#include "web/content.h"

/* Questions and articles read per store call. */
#define PAGE 100

/* A JSON string, or null for NULL. */
static json_t *js(const char *s)
{
	return s ? content_jstr(s) : json_null();
}

/* Unix seconds as ISO 8601 UTC. */
static json_t *jtime(int64_t t)
{
	char out[32];
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) ||
	    !strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm))
		return json_null();
	return json_string(out);
}

static json_t *profile_json(const struct user *u)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(u->id));
	json_object_set_new(j, "email", js(u->email));
	json_object_set_new(j, "name", js(u->name));
	json_object_set_new(j, "role", js(store_role_name(u->role)));
	json_object_set_new(j, "created_at", js(u->created_at));
	json_object_set_new(j, "disabled", json_boolean(u->disabled));
	return j;
}

static json_t *answer_json(const struct answer *an)
{
	json_t *j = json_object();

	json_object_set_new(j, "author", js(an->author));
	json_object_set_new(j, "department", js(an->department));
	json_object_set_new(j, "body", js(an->body));
	json_object_set_new(j, "signoff", js(an->signoff));
	json_object_set_new(j, "answered_at", js(an->answered_at));
	json_object_set_new(j, "edited_at", js(an->edited_at));
	return j;
}

/* One question in the asker's own words; "public_title"/"public_text"
 * are what readers see when personal data was removed. */
static int question_json(struct http_request *req, int64_t id, json_t **out)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct question q;
	json_t *j, *list;
	int rc;

	if ((rc = store_qa_get(w->store, a, id, &q)))
		return rc;
	j = json_object();
	json_object_set_new(j, "id", json_integer(q.id));
	json_object_set_new(j, "status", js(store_qstatus_name(q.status)));
	json_object_set_new(j, "title",
	                    js(q.original_title ? q.original_title : q.title));
	json_object_set_new(j, "text",
	                    js(q.original_text ? q.original_text : q.text));
	if (q.original_title || q.original_text) {
		json_object_set_new(j, "public_title", js(q.title));
		json_object_set_new(j, "public_text", js(q.text));
	}
	json_object_set_new(j, "nickname", js(q.nickname));
	json_object_set_new(j, "age_band", js(q.age_band));
	json_object_set_new(j, "sex", js(q.sex));
	json_object_set_new(j, "department", js(q.department));
	json_object_set_new(j, "consent", json_boolean(q.consent));
	json_object_set_new(j, "language", js(q.language));
	json_object_set_new(j, "urgent", json_boolean(q.urgent));
	json_object_set_new(j, "notify_email", js(q.notify_email));
	json_object_set_new(j, "asked_at", js(q.asked_at));
	json_object_set_new(j, "published_at", js(q.published_at));
	json_object_set_new(j, "follow_up_of",
	                    q.follow_up_of ? json_integer(q.follow_up_of)
	                                   : json_null());
	if (q.status == STORE_Q_REJECTED) {
		const char *reason = NULL;
		if ((rc = store_question_reason(w->store, a, q.id, &reason))) {
			json_decref(j);
			return rc;
		}
		json_object_set_new(j, "reject_reason", js(reason));
	}
	{
		/* The intake answers as kept (web/intake.c's JSON). */
		const char *intake = NULL;
		json_t *ij = NULL;

		rc = store_question_intake_get(w->store, a, q.id, &intake);
		if (rc && rc != STORE_NOTFOUND) {
			json_decref(j);
			return rc;
		}
		if (intake)
			ij = json_loads(intake, 0, NULL);
		json_object_set_new(j, "intake", ij ? ij : json_null());
	}
	if (q.status == STORE_Q_PUBLISHED)
		json_object_set_new(
		        j, "public_url",
		        js(arena_printf(a, "%s/qa/%lld", w->public_url,
		                        (long long)q.id)));
	list = json_array();
	for (size_t i = 0; i < q.n_answers; i++)
		json_array_append_new(list, answer_json(&q.answers[i]));
	json_object_set_new(j, "replies", list);
	*out = j;
	return 0;
}

static int questions_json(struct http_request *req, int64_t user_id,
                          json_t *list)
{
	struct web *w = http_app(req);
	struct question_item *it;
	size_t n, off = 0;
	json_t *q;
	int rc;

	do {
		rc = store_question_list_by_user(w->store, http_arena(req),
		                                 user_id, off, PAGE, &it, &n);
		if (rc)
			return rc;
		for (size_t i = 0; i < n; i++) {
			rc = question_json(req, it[i].id, &q);
			if (rc == STORE_NOTFOUND) /* deleted meanwhile */
				continue;
			if (rc)
				return rc;
			json_array_append_new(list, q);
		}
		off += n;
	} while (n == PAGE);
	return 0;
}

static const char *article_status(enum store_article_status s)
{
	switch (s) {
	case STORE_ARTICLE_DRAFT: return "draft";
	case STORE_ARTICLE_PUBLISHED: return "published";
	case STORE_ARTICLE_UNPUBLISHED: return "unpublished";
	}
	return "?";
}

static int articles_json(struct http_request *req, int64_t user_id,
                         json_t *list)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct article_item *it;
	struct article ar;
	size_t n, off = 0;
	int rc;

	do {
		rc = store_article_list(w->store, a, NULL, user_id, off, PAGE,
		                        &it, &n);
		if (rc)
			return rc;
		for (size_t i = 0; i < n; i++) {
			json_t *j = json_object();
			if ((rc = store_article_get(w->store, a, it[i].id,
			                            &ar))) {
				json_decref(j);
				return rc;
			}
			json_object_set_new(j, "id", json_integer(ar.id));
			json_object_set_new(j, "slug", js(ar.slug));
			json_object_set_new(j, "status",
			                    js(article_status(it[i].status)));
			json_object_set_new(j, "title", js(ar.title));
			json_object_set_new(j, "summary", js(ar.summary));
			json_object_set_new(j, "body", js(ar.body));
			json_object_set_new(j, "category", js(ar.category));
			json_object_set_new(j, "author", js(ar.author));
			json_object_set_new(j, "published_at",
			                    js(ar.published_at));
			json_object_set_new(j, "updated_at", js(ar.updated_at));
			json_array_append_new(list, j);
		}
		off += n;
	} while (n == PAGE);
	return 0;
}

/* The doctor profile and photo, or null for other accounts. */
static int doctor_json(struct http_request *req, int64_t user_id, json_t **out)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct doctor d;
	struct doctor_photo ph;
	json_t *j;
	int rc;

	*out = json_null();
	rc = store_doctor_get(w->store, a, user_id, &d);
	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	j = json_object();
	json_object_set_new(j, "title", js(d.title));
	json_object_set_new(j, "hospital", js(d.hospital));
	json_object_set_new(j, "department", js(d.department));
	json_object_set_new(j, "licence_no", js(d.licence_no));
	json_object_set_new(j, "bio", js(d.bio));
	json_object_set_new(j, "signoff", js(d.signoff));
	json_object_set_new(j, "verified", json_boolean(d.verified_at != NULL));
	json_object_set_new(j, "verified_at", js(d.verified_at));
	rc = store_doctor_photo_get(w->store, a, user_id, &ph);
	if (rc == STORE_OK) {
		size_t len = sodium_base64_ENCODED_LEN(
		        ph.len, sodium_base64_VARIANT_ORIGINAL);
		char *b64 = arena_alloc(a, len);
		json_t *p = json_object();
		sodium_bin2base64(b64, len, ph.data, ph.len,
		                  sodium_base64_VARIANT_ORIGINAL);
		json_object_set_new(p, "type", js(ph.type));
		json_object_set_new(p, "updated_at", js(ph.updated_at));
		json_object_set_new(p, "base64", js(b64));
		json_object_set_new(j, "photo", p);
	} else if (rc == STORE_NOTFOUND) {
		json_object_set_new(j, "photo", json_null());
	} else {
		json_decref(j);
		return rc;
	}
	json_decref(*out);
	*out = j;
	return 0;
}

static const char *comment_state(int state)
{
	return state == STORE_COMMENT_HIDDEN ? "hidden"
	       : state == STORE_COMMENT_HELD ? "held"
	                                     : "visible";
}

/* Comments, replies written, sessions, audit rows and privacy requests
 * and reports. */
static void user_data_json(const struct store_user_data *d, int64_t user_id,
                           json_t *root)
{
	json_t *list;

	list = json_array();
	for (size_t i = 0; i < d->n_comments; i++) {
		const struct store_my_comment *c = &d->comments[i];
		json_t *j = json_object();
		json_object_set_new(j, "id", json_integer(c->id));
		json_object_set_new(j, "on",
		                    js(store_kind_name(c->target_kind)));
		json_object_set_new(j, "on_id", json_integer(c->target_id));
		json_object_set_new(j, "on_title", js(c->target_title));
		json_object_set_new(j, "body", js(c->body));
		json_object_set_new(j, "lang", js(c->lang));
		json_object_set_new(j, "state", js(comment_state(c->state)));
		json_object_set_new(j, "created_at", js(c->created_at));
		json_object_set_new(j, "edited_at", js(c->edited_at));
		json_array_append_new(list, j);
	}
	json_object_set_new(root, "comments", list);

	list = json_array();
	for (size_t i = 0; i < d->n_answers; i++) {
		const struct store_my_answer *an = &d->answers[i];
		json_t *j = json_object();
		json_object_set_new(j, "id", json_integer(an->id));
		json_object_set_new(j, "question_id",
		                    json_integer(an->question_id));
		json_object_set_new(j, "question_title",
		                    js(an->question_title));
		json_object_set_new(
		        j, "question_status",
		        js(store_qstatus_name(an->question_status)));
		json_object_set_new(j, "body", js(an->body));
		json_object_set_new(j, "signoff", js(an->signoff));
		json_object_set_new(j, "answered_at", js(an->answered_at));
		json_object_set_new(j, "edited_at", js(an->edited_at));
		json_array_append_new(list, j);
	}
	json_object_set_new(root, "replies_written", list);

	/* Sessions slide: their expiry moves to a visit plus
	 * AUTH_SESSION_SECONDS at most once a day, so the last visit is
	 * known to the day. */
	list = json_array();
	for (size_t i = 0; i < d->n_sessions; i++) {
		const struct store_session_times *s = &d->sessions[i];
		int64_t seen = s->expires_at - AUTH_SESSION_SECONDS;
		json_t *j = json_object();
		if (seen < s->created_at)
			seen = s->created_at;
		json_object_set_new(j, "created_at", jtime(s->created_at));
		json_object_set_new(j, "last_seen", jtime(seen));
		json_array_append_new(list, j);
	}
	json_object_set_new(root, "sessions", list);

	list = json_array();
	for (size_t i = 0; i < d->n_audit; i++) {
		const struct store_audit_row *r = &d->audit[i];
		json_t *j = json_object();
		json_object_set_new(j, "at", js(r->at));
		json_object_set_new(j, "by",
		                    js(r->user_id == user_id ? "you"
		                       : r->user_id          ? "staff"
		                                             : "system"));
		json_object_set_new(j, "action", js(r->action));
		json_object_set_new(j, "target_kind", js(r->target_kind));
		json_object_set_new(j, "target_id",
		                    r->target_id ? json_integer(r->target_id)
		                                 : json_null());
		json_object_set_new(j, "detail", js(r->detail));
		json_array_append_new(list, j);
	}
	json_object_set_new(root, "audit", list);

	list = json_array();
	for (size_t i = 0; i < d->n_requests; i++) {
		const struct store_my_request *r = &d->requests[i];
		json_t *j = json_object();
		json_object_set_new(j, "id", json_integer(r->id));
		json_object_set_new(j, "as",
		                    js(r->as_asker ? "asker" : "reporter"));
		json_object_set_new(j, "question_id",
		                    json_integer(r->question_id));
		json_object_set_new(j, "question_title", js(r->question_title));
		json_object_set_new(j, "kind", js(r->kind));
		json_object_set_new(j, "note", js(r->note));
		json_object_set_new(j, "created_at", js(r->created_at));
		json_object_set_new(j, "resolved_at", js(r->resolved_at));
		json_object_set_new(j, "resolution", js(r->resolution));
		json_array_append_new(list, j);
	}
	json_object_set_new(root, "requests", list);
}

int page_account_data(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *au;
	struct store_user_data d;
	struct user u;
	struct buf b = BUF_INIT;
	json_t *root = NULL, *list, *doc;
	char *text = NULL, day[16];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	au = auth_user(req);
	if ((rc = store_user_get(w->store, a, au->id, &u)))
		goto done;
	root = json_object();
	json_object_set_new(root, "format", json_string("askdoc-user-data"));
	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "exported_at", jtime((int64_t)now));
	json_object_set_new(root, "site", js(w->public_url));
	json_object_set_new(root, "profile", profile_json(&u));
	if ((rc = doctor_json(req, u.id, &doc)))
		goto done;
	json_object_set_new(root, "doctor", doc);
	list = json_array();
	json_object_set_new(root, "questions", list);
	if ((rc = questions_json(req, u.id, list)))
		goto done;
	list = json_array();
	json_object_set_new(root, "articles", list);
	if ((rc = articles_json(req, u.id, list)))
		goto done;
	if ((rc = store_user_data(w->store, a, u.id, &d)))
		goto done;
	user_data_json(&d, u.id, root);

	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text) {
		rc = STORE_ERROR;
		goto done;
	}
	buf_puts(&b, text);
	buf_putc(&b, '\n');
	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y%m%d", &tm);
	http_set_header(req, "Content-Disposition",
	                arena_printf(a,
	                             "attachment; filename=\"askdoc-data-%s."
	                             "json\"",
	                             day));
	http_set_header(req, "Cache-Control", "no-store");
	http_set_header(req, "X-Content-Type-Options", "nosniff");
	http_set_header(req, "X-Robots-Tag", "noindex, nofollow");
	log_info("data download", "user=%lld", (long long)u.id);
	rc = http_respond_buf(req, 200, "application/json; charset=utf-8", &b);
done:
	free(text);
	json_decref(root);
	return rc;
}
