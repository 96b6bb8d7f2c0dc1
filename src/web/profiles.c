/* web/profiles.c: doctors' public pages: the list of doctors, a doctor's
 * profile with their answers, their photo, and the page where doctors
 * edit what they say about themselves and upload a photo.
 *
 * Only verified doctors of enabled accounts have a public page; anything
 * else is a 404, like an unknown id. Photos are accepted by what their
 * bytes are (web/image.c), never by the name or type the client sent,
 * stripped of camera metadata, and kept in the database; they are served
 * with their sniffed type, nosniff and a CSP that forbids everything, and
 * their URL carries the upload time so browsers may keep them for a year.
 */
#include "web/web.h"

#include <string.h>

#include "config.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "limits.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/content.h"
#include "web/form.h"
#include "web/locale.h"
#include "web/profiles.h"
#include "web/text.h"

/* The URL of a doctor's photo, changing with each upload. */
static const char *photo_url(struct arena *a, const struct doctor_profile *p)
{
	char v[16];
	size_t k = 0;

	/* "2024-02-13T10:00:00Z" gives "20240213100000". */
	for (const char *s = p->photo_at ? p->photo_at : ""; *s && k < 15; s++)
		if (*s >= '0' && *s <= '9')
			v[k++] = *s;
	v[k] = '\0';
	return arena_printf(a, "/doctor/%lld/photo?v=%s", (long long)p->user_id,
	                    v);
}

/* "Dr. name", "name 醫師", "BS. name": the catalog's title around it. */
static const char *dr_name(struct http_request *req, const char *name)
{
	const struct web *w = http_app(req);

	return arena_printf(http_arena(req), "%s%s%s", web_msg(w, "dr_prefix"),
	                    name, web_msg(w, "dr_suffix"));
}

/* The description of a doctor's page: "Dr. X, title, hospital: 3
 * answered questions on site." */
static const char *doctor_summary(struct http_request *req,
                                  const struct doctor_profile *p)
{
	const struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *sep = web_msg(w, "doctor_page_sep");
	struct i18n_arg args[] = {
	        I18N_STR("name", dr_name(req, p->name)),
	        I18N_STR("title",
	                 p->title && *p->title
	                         ? arena_printf(a, "%s%s", sep, p->title)
	                         : ""),
	        I18N_STR("hospital",
	                 p->hospital && *p->hospital
	                         ? arena_printf(a, "%s%s", sep, p->hospital)
	                         : ""),
	        I18N_NUM("n", p->n_answers),
	        I18N_STR("site", w->cfg->site_name),
	};

	return i18n_format(w->i18n, web_lang(), a, "doctor_page_summary", args,
	                   5);
}

/* A doctor as page values. */
static struct tval *doctor_value(struct http_request *req,
                                 const struct doctor_profile *p)
{
	struct arena *a = http_arena(req);
	struct tval *m = tval_map(a);

	tval_set_int(m, "id", p->user_id);
	tval_set_str(m, "name", p->name);
	tval_set_str(m, "summary", doctor_summary(req, p));
	tval_set_str(m, "photo_alt",
	             web_msg_name(req, "doctor_page_photo_alt",
	                          dr_name(req, p->name), 0));
	tval_set_str(m, "answers_h",
	             web_msg_name(req, "doctor_page_answers",
	                          dr_name(req, p->name), 0));
	tval_set_str(m, "url",
	             arena_printf(a, "/doctor/%lld", (long long)p->user_id));
	if (p->title && *p->title)
		tval_set_str(m, "title", p->title);
	if (p->hospital && *p->hospital)
		tval_set_str(m, "hospital", p->hospital);
	if (p->department) {
		struct tval *d = tval_set(m, "department", tval_map(a));
		tval_set_str(d, "name",
		             web_name(req, STORE_KIND_DEPARTMENT,
		                      p->department_slug, p->department));
		tval_set_str(d, "slug", p->department_slug);
	}
	if (p->bio && *p->bio) {
		tval_set(m, "bio", content_paragraphs(a, p->bio));
		tval_set_str(m, "bio_excerpt", text_excerpt(a, p->bio, 160));
	}
	if (p->photo_type)
		tval_set_str(m, "photo_url", photo_url(a, p));
	tval_set_int(m, "answers", p->n_answers);
	return m;
}

struct tval *web_doctor_list_value(struct http_request *req,
                                   const struct doctor_profile *d, size_t n)
{
	struct tval *list = tval_list(http_arena(req));

	for (size_t i = 0; i < n; i++)
		tval_push(list, doctor_value(req, &d[i]));
	return list;
}

int page_doctors(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct doctor_profile *d;
	struct content_crumbs c;
	struct tval *ctx;
	json_t *g;
	size_t n;
	int rc;

	if ((rc = store_doctor_list(w->store, a, 0, 0, 1000, &d, &n)))
		return rc;
	ctx = web_page(req);
	tval_set(ctx, "doctors", web_doctor_list_value(req, d, n));
	content_crumbs_init(req, &c);
	content_crumb(req, &c, web_msg(w, "crumb_doctors"), NULL);
	g = json_array();
	json_array_append_new(g, content_crumbs_done(req, &c, ctx));
	content_jsonld(req, ctx, g);
	return web_render(req, 200, "doctors", ctx);
}

/* The schema.org Physician of a profile. */
static json_t *physician(struct http_request *req,
                         const struct doctor_profile *p)
{
	struct arena *a = http_arena(req);
	json_t *j = json_object();

	json_object_set_new(j, "@type", json_string("Physician"));
	json_object_set_new(j, "name", content_jstr(dr_name(req, p->name)));
	json_object_set_new(j, "url",
	                    content_jstr(content_url(req, http_path(req))));
	if (p->bio && *p->bio)
		json_object_set_new(j, "description", content_jstr(p->bio));
	if (p->department)
		json_object_set_new(
		        j, "medicalSpecialty",
		        content_jstr(web_name(req, STORE_KIND_DEPARTMENT,
		                              p->department_slug,
		                              p->department)));
	if (p->hospital && *p->hospital) {
		json_t *h = json_object();
		json_object_set_new(h, "@type", json_string("Hospital"));
		json_object_set_new(h, "name", content_jstr(p->hospital));
		json_object_set_new(j, "hospitalAffiliation", h);
	}
	if (p->photo_type)
		json_object_set_new(
		        j, "image",
		        content_jstr(content_url(req, photo_url(a, p))));
	return j;
}

int page_doctor(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct doctor_profile p;
	struct content_pager pg;
	struct content_crumbs c;
	struct qa_item *items;
	struct tval *ctx, *doc;
	int64_t id;
	json_t *g;
	size_t n;
	int rc;

	if (web_parse_id(http_param(req, "id"), &id) < 0 ||
	    content_pager_read(req, CONTENT_PER_PAGE, &pg) < 0)
		return web_not_found(req);
	/* Not cached: verification and accounts change outside the
	 * changelog, and the page costs a handful of indexed reads. */
	rc = store_doctor_profile(w->store, a, id, &p);
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc)
		return rc;
	if ((rc = store_qa_by_doctor(w->store, a, id, pg.offset, pg.per, &items,
	                             &n)))
		return rc;
	ctx = web_page(req);
	if (content_pager_set(req, ctx, &pg, p.n_answers) < 0)
		return web_not_found(req);
	doc = tval_set(ctx, "doctor", doctor_value(req, &p));
	tval_set(ctx, "qas", content_qa_items(req, items, n));
	tval_set_bool(ctx, "on_doctor_page", 1); /* no name on every line */
	tval_set_str(ctx, "og_type", "profile");
	if (p.photo_type)
		tval_set_str(ctx, "og_image",
		             content_url(req, photo_url(a, &p)));
	(void)doc;
	content_crumbs_init(req, &c);
	if (p.department)
		content_crumb(
		        req, &c,
		        web_name(req, STORE_KIND_DEPARTMENT, p.department_slug,
		                 p.department),
		        arena_printf(a, "/department/%s", p.department_slug));
	else
		content_crumb(req, &c, web_msg(w, "crumb_doctors"), "/doctors");
	content_crumb(req, &c, dr_name(req, p.name), NULL);
	g = json_array();
	json_array_append_new(g, physician(req, &p));
	json_array_append_new(g, content_crumbs_done(req, &c, ctx));
	content_jsonld(req, ctx, g);
	return web_render(req, 200, "doctor", ctx);
}

int page_doctor_photo(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct doctor_profile p;
	struct doctor_photo ph;
	const char *etag;
	int64_t id;
	int rc;

	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return web_not_found(req);
	rc = store_doctor_profile(w->store, a, id, &p);
	if (rc == STORE_OK)
		rc = store_doctor_photo_get(w->store, a, id, &ph);
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc)
		return rc;
	etag = arena_printf(a, "\"%s\"", photo_url(a, &p) + strlen("/doctor/"));
	for (char *s = (char *)etag + 1; *s && *s != '"'; s++)
		if (*s == '/' || *s == '?' || *s == '=')
			*s = '-';
	http_set_header(req, "ETag", etag);
	http_set_header(req, "Cache-Control",
	                http_query(req, "v") ? "public, max-age=31536000"
	                                     : "public, max-age=300");
	http_set_header(req, "Content-Security-Policy",
	                "default-src 'none'; sandbox");
	http_set_header(req, "X-Content-Type-Options", "nosniff");
	http_no_compress(req);
	if (http_etag_match(http_header(req, "If-None-Match"), etag))
		return http_respond(req, 304, NULL, "", 0);
	return http_respond_static(req, 200, ph.type, ph.data, ph.len);
}

/* ---- the doctor's own profile ---- */

static int profile_form(struct http_request *req, int status,
                        const struct doctor_profile *p, const char *bio,
                        const char *signoff, struct web_form_errors *fe)
{
	struct tval *ctx = web_page(req);

	web_private_page(req, ctx);
	tval_set(ctx, "doctor", doctor_value(req, p));
	tval_set_str(ctx, "bio", bio ? bio : "");
	tval_set_str(ctx, "signoff", signoff ? signoff : "");
	tval_set_int(ctx, "max_photo_kb", LIMIT_PHOTO_BYTES / 1024);
	tval_set_str(ctx, "photo_hint",
	             web_msg_count(req, "doctor_profile_photo_hint",
	                           LIMIT_PHOTO_BYTES / 1024));
	if (fe)
		web_form_errors_set(ctx, fe);
	if (http_query(req, "done"))
		tval_set_str(ctx, "done",
		             web_msg(http_app(req), "profile_saved"));
	return web_render(req, status, "doctor_profile", ctx);
}

/* The signed-in doctor's profile, or 0 after responding. */
static int own_profile(struct http_request *req, struct doctor_profile *p)
{
	struct web *w = http_app(req);
	const struct auth_user *u;
	int rc;

	u = auth_user(req);
	rc = store_doctor_profile(w->store, http_arena(req), u->id, p);
	if (rc == STORE_NOTFOUND) {
		http_error(req, 404, web_msg(w, "profile_none"));
		return 0;
	}
	return rc ? rc : 1;
}

int page_doctor_profile_edit(struct http_request *req)
{
	struct doctor_profile p;
	int rc = own_profile(req, &p);

	if (rc <= 0)
		return rc;
	return profile_form(req, 200, &p, p.bio, p.signoff, NULL);
}

int page_doctor_profile_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct web_form_errors fe;
	struct doctor_profile p;
	struct content_image im;
	const struct http_kv *photo;
	const char *bio, *signoff;
	unsigned char *clean = NULL;
	size_t clean_len = 0;
	int rc = own_profile(req, &p), remove;

	if (rc <= 0)
		return rc;
	web_form_errors_init(&fe, a);
	bio = web_form_field(req, &fe, "bio", LIMIT_BIO_CHARS, FORM_MULTILINE);
	signoff = web_form_field(req, &fe, "signoff", LIMIT_SIGNOFF_CHARS, 0);
	remove = http_form(req, "remove_photo") != NULL;
	photo = http_form_file(req, "photo");
	if (photo && photo->len) {
		if (photo->len > LIMIT_PHOTO_BYTES) {
			web_form_error(&fe, "photo",
			               web_msg_n(req, "photo_too_large",
			                         LIMIT_PHOTO_BYTES / 1024));
			fe.too_large = 1;
		} else if (content_image_sniff(
		                   (const unsigned char *)photo->value,
		                   photo->len, &im) < 0) {
			web_form_error(&fe, "photo",
			               web_msg(w, "photo_bad_type"));
		} else if (im.width > LIMIT_PHOTO_SIDE ||
		           im.height > LIMIT_PHOTO_SIDE) {
			web_form_error(&fe, "photo",
			               web_msg_n(req, "photo_too_big",
			                         LIMIT_PHOTO_SIDE));
		} else {
			clean_len = content_image_strip(
			        a, (const unsigned char *)photo->value,
			        photo->len, &im, &clean);
		}
	}
	if (fe.n) {
		int status = web_form_status(&fe);
		/* An upload that lies about its type: 415. */
		if (status == 400 && tval_get(fe.e, "photo"))
			status = 415;
		return profile_form(req, status, &p, bio, signoff, &fe);
	}
	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_doctor_set_about(w->store, p.user_id, bio, signoff);
	if (!rc && clean)
		rc = store_doctor_photo_set(w->store, p.user_id, im.type, clean,
		                            clean_len);
	else if (!rc && remove)
		rc = store_doctor_photo_set(w->store, p.user_id, NULL, NULL, 0);
	if (!rc)
		rc = store_tx_commit(w->store);
	else
		store_tx_rollback(w->store);
	if (rc)
		return rc;
	if (clean)
		log_info("doctor photo set", "user=%lld type=%s bytes=%zu",
		         (long long)p.user_id, im.type, clean_len);
	content_changed(w, CHANGE_UNLOGGED);
	return web_redirect(req, 303, "/doctor/profile?done=1");
}
