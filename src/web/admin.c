/* web/admin.c: the admin pages: the dashboard, doctor verification and
 * user management.
 *
 * /admin is for moderators and admins; /admin/doctors (which shows licence
 * numbers, the only pages that do) and /admin/users are for admins only.
 * Every action is a POST carrying the CSRF token; the route table states
 * the role and the token, checked before the handler runs (web/auth.h:
 * anonymous visitors are sent to /login, others get 403); it ends with a
 * redirect back to the list, whose "done" query names the catalog message to
 * show. Each action and its audit row are one transaction (web_audit_end).
 * Admins cannot change their own role or disable themselves, so a site cannot
 * lose its last admin by a slip of the mouse. A deleted account's placeholder
 * (marked by deleted_at, see store_account_delete) is listed as such, without
 * controls: the store refuses to enable it or change its role.
 *
 * A doctor's title, hospital and department are credentials the
 * administrators checked when they verified the doctor, so only admins
 * change them (/admin/doctors/:id/edit, which also corrects the bio);
 * doctors edit their own bio, sign-off and photo on /doctor/profile.
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
#include "web/cache.h"
#include "web/form.h"
#include "web/locale.h"
#include "web/text.h"

/* Show the message for ?done=NAME when NAME is one of ours. */
static void done_notice(struct http_request *req, struct tval *ctx)
{
	static const char *const known[] = {"verified", "rejected", "role",
	                                    "disabled", "enabled",  "doctor"};
	const char *done = http_query(req, "done");

	if (!done)
		return;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(done, known[i]))
			tval_set_str(
			        ctx, "done",
			        web_msg(http_app(req),
			                arena_printf(http_arena(req),
			                             "admin_done_%s", done)));
}

/* The path's :id, or 0 after answering 404. */
static int64_t path_id(struct http_request *req)
{
	int64_t id;

	if (web_parse_id(http_param(req, "id"), &id)) {
		web_not_found(req);
		return 0;
	}
	return id;
}

int page_admin(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *c;
	struct store_counts n;
	struct doctor *pending;
	size_t n_pending;
	int rc;

	if ((rc = store_counts(w->store, &n)) ||
	    (rc = store_doctor_pending(w->store, a, &pending, &n_pending)))
		return rc;
	ctx = web_page(req);
	c = tval_set(ctx, "counts", tval_map(a));
	tval_set_int(c, "users", n.users);
	tval_set_int(c, "doctors", n.doctors);
	tval_set_int(c, "pending", (long long)n_pending);
	tval_set_str(c, "waiting",
	             web_msg_count(req, "admin_waiting", (long long)n_pending));
	tval_set_int(c, "questions", n.questions);
	tval_set_int(c, "published", n.qa_published);
	tval_set_int(c, "answers", n.answers);
	tval_set_int(c, "faq", n.faq);
	tval_set_int(c, "articles", n.articles);
	tval_set_int(c, "comments", n.comments);
	tval_set_int(c, "sessions", n.sessions);
	tval_set_bool(ctx, "is_admin", auth_has(req, NEED_ADMIN));
	tval_set(ctx, "canonical", tval_null(a));
	return web_render(req, 200, "admin", ctx);
}

int page_admin_doctors(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *list;
	struct doctor *d;
	size_t n;
	int rc;

	if ((rc = store_doctor_pending(w->store, a, &d, &n)))
		return rc;
	ctx = web_page(req);
	list = tval_set(ctx, "pending", tval_list(a));
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_push(list, tval_map(a));
		struct user u;

		tval_set_int(m, "id", d[i].user_id);
		tval_set_str(m, "name", d[i].name);
		tval_set_str(
		        m, "verify",
		        web_msg_name(req, "admin_verify_name", d[i].name, 0));
		tval_set_str(
		        m, "correct",
		        web_msg_name(req, "admin_correct_name", d[i].name, 0));
		tval_set_str(
		        m, "reject",
		        web_msg_name(req, "admin_reject_name", d[i].name, 0));
		tval_set_str(m, "title", d[i].title);
		tval_set_str(m, "hospital", d[i].hospital);
		tval_set_str(m, "department",
		             web_name_id(req, STORE_KIND_DEPARTMENT,
		                         d[i].department_id, d[i].department));
		tval_set_str(m, "licence", d[i].licence_no);
		tval_set_str(m, "bio", d[i].bio);
		if (store_user_get(w->store, a, d[i].user_id, &u) == STORE_OK) {
			tval_set_str(m, "email", u.email);
			tval_set_str(m, "applied", web_date(req, u.created_at));
		}
	}
	done_notice(req, ctx);
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	tval_set(ctx, "canonical", tval_null(a));
	return web_render(req, 200, "admin_doctors", ctx);
}

/* Common head of the POST actions (role and CSRF were checked before,
 * web/auth.h): the target's id, or 0 after responding. */
static int64_t action_start(struct http_request *req)
{
	return path_id(req);
}

/* Answer a store result of an action: redirect to back?done=done on
 * success, 404 for an unknown target, else the error. */
static int action_end(struct http_request *req, int rc, const char *back,
                      const char *done)
{
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc)
		return rc;
	return web_redirect(
	        req, 303,
	        arena_printf(http_arena(req), "%s?done=%s", back, done));
}

int page_admin_doctor_verify(struct http_request *req)
{
	struct web *w = http_app(req);
	int64_t id = action_start(req);
	int rc;

	if (!id)
		return 0;
	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_doctor_verify(w->store, id, auth_user(req)->id);
	rc = web_audit_end(req, rc, "doctor.verify", STORE_KIND_USER, id, NULL);
	if (rc == STORE_OK)
		log_info("doctor verified", "user=%lld by=%lld", (long long)id,
		         (long long)auth_user(req)->id);
	return action_end(req, rc, "/admin/doctors", "verified");
}

int page_admin_doctor_reject(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	int64_t id = action_start(req);
	struct doctor d;
	int rc;

	if (!id)
		return 0;
	/* Only an application still waiting can be rejected here; a
	 * rejected applicant's account is disabled (and so signed out). */
	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_doctor_get(w->store, a, id, &d);
	if (rc == STORE_OK && d.verified_at)
		rc = STORE_NOTFOUND;
	if (rc == STORE_OK)
		rc = store_user_set_disabled(w->store, id, 1);
	rc = web_audit_end(req, rc, "doctor.reject", STORE_KIND_USER, id, NULL);
	if (rc == STORE_OK)
		log_info("doctor rejected", "user=%lld by=%lld", (long long)id,
		         (long long)auth_user(req)->id);
	return action_end(req, rc, "/admin/doctors", "rejected");
}

/* ---- a doctor's profile, as the admins edit it ---- */

/* Render the editor for d with the values v (the stored ones, or what
 * was posted) and errors fe (NULL: none). */
static int doctor_form(struct http_request *req, int status,
                       const struct doctor *d, const struct doctor *v,
                       struct web_form_errors *fe)
{
	struct arena *a = http_arena(req);
	struct tval *ctx = web_page(req), *m;
	int found, rc;

	web_private_page(req, ctx);
	tval_set_int(ctx, "id", d->user_id);
	tval_set_str(ctx, "name", d->name);
	tval_set_str(ctx, "heading",
	             web_msg_name(req, "admin_edit_title", d->name, 0));
	tval_set_bool(ctx, "verified", d->verified_at != NULL);
	if (d->verified_at)
		tval_set_str(
		        ctx, "public_url",
		        arena_printf(a, "/doctor/%lld", (long long)d->user_id));
	m = tval_set(ctx, "v", tval_map(a));
	tval_set_str(m, "title", v->title ? v->title : "");
	tval_set_str(m, "hospital", v->hospital ? v->hospital : "");
	tval_set_str(m, "bio", v->bio ? v->bio : "");
	if ((rc = web_department_options(req, ctx, v->department_id, &found)))
		return rc;
	if (fe)
		web_form_errors_set(ctx, fe);
	done_notice(req, ctx);
	return web_render(req, status, "admin_doctor_edit", ctx);
}

/* The doctor of the path's :id, or 0 after responding. */
static int admin_doctor(struct http_request *req, struct doctor *d)
{
	int64_t id;
	int rc;

	if (!(id = path_id(req)))
		return 0;
	rc = store_doctor_get(((struct web *)http_app(req))->store,
	                      http_arena(req), id, d);
	if (rc == STORE_NOTFOUND) {
		web_not_found(req);
		return 0;
	}
	return rc ? rc : 1;
}

int page_admin_doctor_edit(struct http_request *req)
{
	struct doctor d;
	int rc = admin_doctor(req, &d);

	if (rc <= 0)
		return rc;
	return doctor_form(req, 200, &d, &d, NULL);
}

/* Form field name of at most max characters (line: a required single
 * line; else optional text), recording an error in fe when it is not. */
static const char *doctor_field(struct http_request *req,
                                struct web_form_errors *fe, const char *name,
                                size_t max, int line)
{
	return web_form_field(req, fe, name, max,
	                      line ? FORM_REQUIRED : FORM_MULTILINE);
}

int page_admin_doctor_edit_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct web_form_errors fe;
	struct doctor d, v;
	struct department dep;
	const char *dept;
	int rc = admin_doctor(req, &d);

	if (rc <= 0)
		return rc;
	web_form_errors_init(&fe, a);
	v = d;
	v.title = doctor_field(req, &fe, "title", LIMIT_NAME_CHARS, 1);
	v.hospital = doctor_field(req, &fe, "hospital", LIMIT_NAME_CHARS, 1);
	v.bio = doctor_field(req, &fe, "bio", LIMIT_BIO_CHARS, 0);
	if (!*v.bio)
		v.bio = NULL;
	dept = http_form(req, "department");
	v.department_id = 0;
	if (!dept || !*dept)
		web_form_error(&fe, "department", web_msg(w, "form_required"));
	else if (web_parse_id(dept, &v.department_id) ||
	         (rc = store_department_get(w->store, a, v.department_id,
	                                    &dep)) == STORE_NOTFOUND)
		web_form_error(&fe, "department",
		               web_msg(w, "form_bad_department"));
	else if (rc)
		return rc;
	/* Refused by the form rules (web/form.h): nothing is stored. */
	if (fe.n)
		return doctor_form(req, web_form_status(&fe), &d, &v, &fe);
	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_doctor_set(w->store, &v);
	if ((rc = web_audit_end(req, rc, "doctor.edit", STORE_KIND_USER,
	                        d.user_id, NULL)))
		return rc;
	log_info("doctor profile edited", "user=%lld by=%lld",
	         (long long)d.user_id, (long long)auth_user(req)->id);
	content_changed(w, CHANGE_UNLOGGED);
	return web_redirect(req, 303,
	                    arena_printf(a,
	                                 "/admin/doctors/%lld/edit?done=doctor",
	                                 (long long)d.user_id));
}

int page_admin_users(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *me;
	struct tval *ctx, *list;
	struct user *u;
	size_t n;
	int rc;

	me = auth_user(req);
	if ((rc = store_user_list(w->store, a, &u, &n)))
		return rc;
	ctx = web_page(req);
	list = tval_set(ctx, "users", tval_list(a));
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_push(list, tval_map(a));
		struct tval *roles = tval_set(m, "roles", tval_list(a));
		static const enum store_role settable[] = {STORE_ROLE_PATIENT,
		                                           STORE_ROLE_MODERATOR,
		                                           STORE_ROLE_ADMIN};

		tval_set_int(m, "id", u[i].id);
		tval_set_str(m, "name", u[i].name);
		tval_set_str(m, "of_name",
		             web_msg_name(req, "admin_of_name", u[i].name, 0));
		tval_set_str(m, "role_of",
		             web_msg_name(req, "admin_role_of", u[i].name, 0));
		tval_set_str(m, "email", u[i].email);
		tval_set_str(
		        m, "role",
		        web_msg(w, arena_printf(a, "role_%s",
		                                store_role_name(u[i].role))));
		tval_set_str(m, "created", web_date(req, u[i].created_at));
		tval_set_bool(m, "disabled", u[i].disabled);
		tval_set_bool(m, "self", u[i].id == me->id);
		if (u[i].deleted_at) {
			tval_set_bool(m, "deleted", 1);
			continue; /* no address, role or controls to show */
		}
		if (u[i].role == STORE_ROLE_DOCTOR) {
			struct doctor d;
			tval_set_bool(m, "doctor", 1);
			if (store_doctor_get(w->store, a, u[i].id, &d) ==
			            STORE_OK &&
			    !d.verified_at)
				tval_set_bool(m, "unverified", 1);
		}
		for (size_t k = 0; k < 3; k++) {
			struct tval *r = tval_push(roles, tval_map(a));
			const char *name = store_role_name(settable[k]);
			tval_set_str(r, "value", name);
			tval_set_str(
			        r, "label",
			        web_msg(w, arena_printf(a, "role_%s", name)));
			tval_set_bool(r, "selected", settable[k] == u[i].role);
		}
	}
	done_notice(req, ctx);
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	tval_set(ctx, "canonical", tval_null(a));
	return web_render(req, 200, "admin_users", ctx);
}

int page_admin_user_role(struct http_request *req)
{
	struct web *w = http_app(req);
	int64_t id = action_start(req);
	enum store_role role;
	const char *name;
	int rc;

	if (!id)
		return 0;
	name = http_form(req, "role");
	/* Doctors come only through an application and verification. */
	if (!name || store_role_parse(name, &role) || role == STORE_ROLE_DOCTOR)
		return http_error(req, 400, web_msg(w, "admin_bad_role"));
	if (id == auth_user(req)->id)
		return http_error(req, 400, web_msg(w, "admin_not_self"));
	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_user_set_role(w->store, id, role);
	rc = web_audit_end(req, rc, "user.role", STORE_KIND_USER, id,
	                   arena_printf(http_arena(req), "role=%s", name));
	if (rc == STORE_OK)
		log_info("role changed", "user=%lld role=%s by=%lld",
		         (long long)id, name, (long long)auth_user(req)->id);
	return action_end(req, rc, "/admin/users", "role");
}

static int set_disabled(struct http_request *req, int disabled)
{
	struct web *w = http_app(req);
	int64_t id = action_start(req);
	int rc;

	if (!id)
		return 0;
	if (id == auth_user(req)->id)
		return http_error(req, 400, web_msg(w, "admin_not_self"));
	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_user_set_disabled(w->store, id, disabled);
	rc = web_audit_end(req, rc, disabled ? "user.disable" : "user.enable",
	                   STORE_KIND_USER, id, NULL);
	if (rc == STORE_OK)
		log_info(disabled ? "user disabled" : "user enabled",
		         "user=%lld by=%lld", (long long)id,
		         (long long)auth_user(req)->id);
	return action_end(req, rc, "/admin/users",
	                  disabled ? "disabled" : "enabled");
}

int page_admin_user_disable(struct http_request *req)
{
	return set_disabled(req, 1);
}

int page_admin_user_enable(struct http_request *req)
{
	return set_disabled(req, 0);
}
