/* tests/unit/test_content.c: content and discovery (issue 5) below the
 * web pages: the store's department and topic management (renames keep
 * redirects, merges move links and collapse redirect chains), doctors'
 * profiles and photos, article lists, categories and the editor's
 * writes, comments and their moderation states, sitemap id ranges; and
 * image sniffing and metadata stripping, with forged and truncated
 * headers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "test.h"
#include "util/arena.h"
#include "web/content.h"
#include "web/web.h"

static char dir[64];

static struct store *fresh(const char *name)
{
	char path[160];
	struct store *st = NULL;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_OK);
	return st;
}

static int64_t add_user(struct store *st, const char *email, const char *name,
                        enum store_role role)
{
	struct user u = {0};
	int64_t id = 0;

	u.email = email;
	u.name = name;
	u.role = role;
	u.password_hash = "x";
	CHECK_INT(store_user_create(st, &u, &id), STORE_OK);
	return id;
}

static int64_t add_qa(struct store *st, const char *title, int64_t dept,
                      int64_t doctor, int consent)
{
	struct question q = {0};
	struct answer an = {0};
	int64_t id = 0, aid = 0;

	q.title = title;
	q.text = "A question long enough to be a question.";
	q.department_id = dept;
	q.consent = consent;
	q.status = STORE_Q_WAITING;
	CHECK_INT(store_question_create(st, &q, &id), STORE_OK);
	an.question_id = id;
	an.doctor_id = doctor;
	an.author = doctor ? NULL : "Someone";
	an.department_id = dept;
	an.body = "An answer.";
	CHECK_INT(store_answer_create(st, &an, &aid), STORE_OK);
	CHECK_INT(store_question_set_status(st, id, STORE_Q_PUBLISHED),
	          STORE_OK);
	return id;
}

static void test_departments_and_redirects(void)
{
	struct store *st = fresh("dept.db");
	struct arena *a = arena_new();
	struct department d;
	const char *slug = NULL;
	int64_t id = 0, id2 = 0, seq0, seq1;

	CHECK_INT(store_department_create(st, "Dermatology", "Skin.", &id),
	          STORE_OK);
	CHECK_INT(store_department_create(st, "Dermatology", NULL, &id2),
	          STORE_CONFLICT);
	CHECK_INT(store_department_create(st, "", NULL, &id2), STORE_INVALID);
	CHECK_INT(store_department_get(st, a, id, &d), STORE_OK);
	CHECK_STR(d.slug, "dermatology");
	CHECK_STR(d.description, "Skin.");
	add_qa(st, "Itchy rash", id, 0, 1);
	CHECK_INT(store_last_change_seq(st, &seq0), STORE_OK);
	/* Rename: new slug, old one redirects, its Q&A is re-indexed. */
	CHECK_INT(store_department_update(st, id, "Skin Diseases", ""),
	          STORE_OK);
	CHECK_INT(store_last_change_seq(st, &seq1), STORE_OK);
	CHECK(seq1 > seq0);
	CHECK_INT(store_department_get(st, a, id, &d), STORE_OK);
	CHECK_STR(d.slug, "skin-diseases");
	CHECK(d.description == NULL);
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_DEPARTMENT,
	                              "dermatology", &slug),
	          STORE_OK);
	CHECK_STR(slug, "skin-diseases");
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_TOPIC, "dermatology",
	                              &slug),
	          STORE_NOTFOUND);
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_DEPARTMENT, "never",
	                              &slug),
	          STORE_NOTFOUND);
	/* A description-only update keeps the slug and adds no redirect. */
	CHECK_INT(store_department_update(st, id, "Skin Diseases", "Skin."),
	          STORE_OK);
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_DEPARTMENT,
	                              "skin-diseases", &slug),
	          STORE_NOTFOUND);
	/* A new department may take the old slug back; the redirect goes. */
	CHECK_INT(store_department_create(st, "Dermatology", NULL, &id2),
	          STORE_OK);
	CHECK_INT(store_department_get(st, a, id2, &d), STORE_OK);
	CHECK_STR(d.slug, "dermatology");
	CHECK_INT(store_department_update(st, id2, "Skin Diseases", NULL),
	          STORE_CONFLICT);
	CHECK_INT(store_department_update(st, 999, "X", NULL), STORE_NOTFOUND);
	CHECK_INT(store_department_update(st, id, "", NULL), STORE_INVALID);
	arena_free(a);
	store_close(st);
}

static void test_topics_merge(void)
{
	struct store *st = fresh("topics.db");
	struct arena *a = arena_new();
	struct topic t;
	struct qa_item *items;
	const char *slug;
	int64_t dept = 0, x = 0, y = 0, z = 0, ids[2], q1, q2, q3, n;
	size_t k;

	CHECK_INT(store_department_ensure(st, "Oncology", &dept), STORE_OK);
	CHECK_INT(store_topic_create(st, "Liver Cancer", dept, &x), STORE_OK);
	CHECK_INT(store_topic_create(st, "Liver Cancer", dept, &y),
	          STORE_CONFLICT);
	CHECK_INT(store_topic_create(st, "Liver Cancer", 0, &y), STORE_OK);
	CHECK_INT(store_topic_create(st, "HCC", dept, &z), STORE_OK);
	CHECK_INT(store_topic_create(st, "Bad", 999, &n), STORE_INVALID);
	q1 = add_qa(st, "One", dept, 0, 1);
	q2 = add_qa(st, "Two", dept, 0, 1);
	q3 = add_qa(st, "Three", dept, 0, 1);
	ids[0] = z;
	ids[1] = x;
	CHECK_INT(store_question_set_topics(st, q1, ids, 2), STORE_OK);
	CHECK_INT(store_question_set_topics(st, q2, &z, 1), STORE_OK);
	CHECK_INT(store_question_set_topics(st, q3, &x, 1), STORE_OK);
	/* Rename z, then merge it into x: both old slugs lead to x. */
	CHECK_INT(store_topic_update(st, z, "Hepatocellular Carcinoma", dept),
	          STORE_OK);
	CHECK_INT(store_topic_get(st, a, z, &t), STORE_OK);
	CHECK_STR(t.slug, "hepatocellular-carcinoma");
	CHECK_INT(store_topic_merge(st, z, z), STORE_INVALID);
	CHECK_INT(store_topic_merge(st, z, 999), STORE_NOTFOUND);
	CHECK_INT(store_topic_merge(st, z, x), STORE_OK);
	CHECK_INT(store_topic_get(st, a, z, &t), STORE_NOTFOUND);
	CHECK_INT(store_qa_count(st, x, 0, 0, &n), STORE_OK);
	CHECK_INT(n, 3);
	CHECK_INT(store_qa_by_topic(st, a, x, 0, 10, &items, &k), STORE_OK);
	CHECK_INT(k, 3);
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_TOPIC, "hcc", &slug),
	          STORE_OK);
	CHECK_STR(slug, "liver-cancer");
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_TOPIC,
	                              "hepatocellular-carcinoma", &slug),
	          STORE_OK);
	CHECK_STR(slug, "liver-cancer");
	/* The merged names became synonyms of the survivor. */
	CHECK_INT(store_topic_get(st, a, x, &t), STORE_OK);
	CHECK_INT(t.n_synonyms, 1);
	CHECK_STR(t.synonyms[0], "Hepatocellular Carcinoma");
	/* Counts of the other lists. */
	CHECK_INT(store_qa_count(st, 0, 0, dept, &n), STORE_OK);
	CHECK_INT(n, 3);
	CHECK_INT(store_qa_count(st, 0, 0, 0, &n), STORE_OK);
	CHECK_INT(n, 3);
	arena_free(a);
	store_close(st);
}

static void test_doctors_and_photos(void)
{
	struct store *st = fresh("doctors.db");
	struct arena *a = arena_new();
	struct doctor d = {0};
	struct doctor_profile p, *list;
	struct doctor_photo ph;
	int64_t dept = 0, doc, other, pat;
	size_t n;

	CHECK_INT(store_department_ensure(st, "Oncology", &dept), STORE_OK);
	doc = add_user(st, "doc@x.org", "Olga", STORE_ROLE_DOCTOR);
	other = add_user(st, "unv@x.org", "Una", STORE_ROLE_DOCTOR);
	pat = add_user(st, "pat@x.org", "Pia", STORE_ROLE_PATIENT);
	d.user_id = doc;
	d.title = "Attending";
	d.hospital = "Lakeside";
	d.department_id = dept;
	d.licence_no = "L-1";
	d.verified_at = "2024-01-01T00:00:00Z";
	CHECK_INT(store_doctor_set(st, &d), STORE_OK);
	d.user_id = other;
	d.verified_at = NULL;
	CHECK_INT(store_doctor_set(st, &d), STORE_OK);
	add_qa(st, "Answered", dept, doc, 1);
	CHECK_INT(store_doctor_profile(st, a, doc, &p), STORE_OK);
	CHECK_STR(p.name, "Olga");
	CHECK_STR(p.department, "Oncology");
	CHECK_INT(p.n_answers, 1);
	CHECK(p.photo_type == NULL);
	CHECK_INT(store_doctor_profile(st, a, other, &p), STORE_NOTFOUND);
	CHECK_INT(store_doctor_profile(st, a, pat, &p), STORE_NOTFOUND);
	CHECK_INT(store_doctor_list(st, a, dept, 0, 10, &list, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_doctor_list(st, a, 999, 0, 10, &list, &n), STORE_OK);
	CHECK_INT(n, 0);
	/* About and photo. */
	CHECK_INT(store_doctor_set_about(st, doc, "Bio.", ""), STORE_OK);
	CHECK_INT(store_doctor_set_about(st, pat, "Bio.", ""), STORE_NOTFOUND);
	CHECK_INT(store_doctor_photo_set(st, doc, "image/png", "\x89PNG", 4),
	          STORE_OK);
	CHECK_INT(store_doctor_photo_set(st, doc, "image/gif", "GIF8", 4),
	          STORE_INVALID); /* the schema allows three types */
	CHECK_INT(store_doctor_photo_set(st, doc, "image/png", "", 0),
	          STORE_INVALID);
	CHECK_INT(store_doctor_photo_set(st, pat, "image/png", "\x89PNG", 4),
	          STORE_NOTFOUND);
	CHECK_INT(store_doctor_photo_get(st, a, doc, &ph), STORE_OK);
	CHECK_STR(ph.type, "image/png");
	CHECK_INT(ph.len, 4);
	CHECK(memcmp(ph.data, "\x89PNG", 4) == 0);
	CHECK_INT(store_doctor_profile(st, a, doc, &p), STORE_OK);
	CHECK_STR(p.photo_type, "image/png");
	CHECK_STR(p.bio, "Bio.");
	CHECK(p.signoff == NULL);
	CHECK_INT(store_doctor_photo_set(st, doc, NULL, NULL, 0), STORE_OK);
	CHECK_INT(store_doctor_photo_get(st, a, doc, &ph), STORE_NOTFOUND);
	/* Disabled accounts have no public profile. */
	CHECK_INT(store_user_set_disabled(st, doc, 1), STORE_OK);
	CHECK_INT(store_doctor_profile(st, a, doc, &p), STORE_NOTFOUND);
	arena_free(a);
	store_close(st);
}

static void test_articles(void)
{
	struct store *st = fresh("articles.db");
	struct arena *a = arena_new();
	struct article ar = {0}, got;
	struct article_item *it;
	struct article_category *cat;
	struct article_state s;
	int64_t author, id = 0, id2 = 0, id3 = 0, seq0, seq1;
	size_t n;

	author = add_user(st, "ed@x.org", "Eda", STORE_ROLE_MODERATOR);
	ar.title = "Healing after surgery";
	ar.body = "## Rest\n\nSleep.";
	ar.category = "More > Health > Recovery";
	CHECK_INT(store_last_change_seq(st, &seq0), STORE_OK);
	CHECK_INT(store_article_save(st, &ar, author, STORE_ARTICLE_DRAFT, &id),
	          STORE_OK);
	CHECK_INT(store_last_change_seq(st, &seq1), STORE_OK);
	CHECK_INT(seq1, seq0); /* drafts are not indexed */
	CHECK_INT(store_article_state(st, id, &s), STORE_OK);
	CHECK_INT(s.status, STORE_ARTICLE_DRAFT);
	CHECK_INT(s.author_id, author);
	CHECK_INT(store_article_list(st, a, NULL, 0, 0, 10, &it, &n), STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_article_list(st, a, NULL, author, 0, 10, &it, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	ar.id = id;
	CHECK_INT(store_article_save(st, &ar, author, STORE_ARTICLE_PUBLISHED,
	                             NULL),
	          STORE_OK);
	CHECK_INT(store_last_change_seq(st, &seq1), STORE_OK);
	CHECK(seq1 > seq0);
	CHECK_INT(store_article_get(st, a, id, &got), STORE_OK);
	CHECK_STR(got.slug, "healing-after-surgery");
	CHECK_STR(got.author, "Eda");
	CHECK(got.published_at != NULL);
	/* Same title: a unique slug. */
	ar.id = 0;
	ar.category = "More > Health > Nutrition";
	CHECK_INT(store_article_save(st, &ar, author, STORE_ARTICLE_PUBLISHED,
	                             &id2),
	          STORE_OK);
	CHECK_INT(store_article_get(st, a, id2, &got), STORE_OK);
	CHECK_STR(got.slug, "healing-after-surgery-2");
	ar.category = "More > Healthy eating";
	CHECK_INT(store_article_save(st, &ar, author, STORE_ARTICLE_PUBLISHED,
	                             &id3),
	          STORE_OK);
	/* Category filters: a path holds its children, not its lookalikes. */
	CHECK_INT(store_article_list(st, a, "More > Health", 0, 0, 10, &it, &n),
	          STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(store_article_list(st, a, "More", 0, 0, 10, &it, &n),
	          STORE_OK);
	CHECK_INT(n, 3);
	CHECK_INT(store_article_list(st, a, "More > Health > Recovery", 0, 0,
	                             10, &it, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_article_list(st, a, "Mor", 0, 0, 10, &it, &n),
	          STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_article_categories(st, a, &cat, &n), STORE_OK);
	CHECK_INT(n, 3);
	/* Taking one down drops it from lists and writes the changelog. */
	ar.id = id3;
	CHECK_INT(store_article_save(st, &ar, author, STORE_ARTICLE_UNPUBLISHED,
	                             NULL),
	          STORE_OK);
	CHECK_INT(store_article_list(st, a, "More", 0, 0, 10, &it, &n),
	          STORE_OK);
	CHECK_INT(n, 2);
	ar.title = "";
	CHECK_INT(
	        store_article_save(st, &ar, author, STORE_ARTICLE_DRAFT, NULL),
	        STORE_INVALID);
	ar.title = "X";
	ar.id = 999;
	CHECK_INT(
	        store_article_save(st, &ar, author, STORE_ARTICLE_DRAFT, NULL),
	        STORE_NOTFOUND);
	arena_free(a);
	store_close(st);
}

static void test_comments(void)
{
	struct store *st = fresh("comments.db");
	struct arena *a = arena_new();
	struct comment c = {0};
	struct comment_info ci, *v;
	struct article ar = {0};
	int64_t u1, u2, art = 0, c1 = 0, c2 = 0, n;
	size_t k;

	u1 = add_user(st, "a@x.org", "Ann", STORE_ROLE_PATIENT);
	u2 = add_user(st, "b@x.org", "Ben", STORE_ROLE_PATIENT);
	ar.title = "T";
	ar.body = "B";
	CHECK_INT(
	        store_article_save(st, &ar, u1, STORE_ARTICLE_PUBLISHED, &art),
	        STORE_OK);
	c.target_kind = STORE_KIND_ARTICLE;
	c.target_id = art;
	c.user_id = u1;
	c.body = "First";
	CHECK_INT(store_comment_create(st, &c, &c1), STORE_OK);
	c.user_id = u2;
	c.body = "Casino";
	CHECK_INT(store_comment_create(st, &c, &c2), STORE_OK);
	CHECK_INT(store_comment_set_state(st, c2, STORE_COMMENT_HELD),
	          STORE_OK);
	/* Readers see the visible one; the author also their held one;
	 * moderators all. */
	CHECK_INT(store_comment_thread(st, a, STORE_KIND_ARTICLE, art, 0, 0, &v,
	                               &k),
	          STORE_OK);
	CHECK_INT(k, 1);
	CHECK_INT(store_comment_thread(st, a, STORE_KIND_ARTICLE, art, u2, 0,
	                               &v, &k),
	          STORE_OK);
	CHECK_INT(k, 2);
	CHECK_INT(store_comment_thread(st, a, STORE_KIND_ARTICLE, art, u1, 1,
	                               &v, &k),
	          STORE_OK);
	CHECK_INT(k, 2);
	/* Reports: one per reporter; the queue holds held and reported. */
	CHECK_INT(store_comment_report(st, c1, "u:2", "rude"), STORE_OK);
	CHECK_INT(store_comment_report(st, c1, "u:2", "again"), STORE_CONFLICT);
	CHECK_INT(store_comment_report(st, 999, "u:2", NULL), STORE_NOTFOUND);
	CHECK_INT(store_comment_report(st, c1, "", NULL), STORE_INVALID);
	CHECK_INT(store_comment_queue(st, a, 0, 10, &v, &k), STORE_OK);
	CHECK_INT(k, 2);
	CHECK_INT(v[0].c.id, c2); /* held first */
	CHECK_INT(v[1].reports, 1);
	CHECK_STR(v[1].target_title, "T");
	/* A moderator's decision closes reports. */
	CHECK_INT(store_comment_set_state(st, c1, STORE_COMMENT_HIDDEN),
	          STORE_OK);
	CHECK_INT(store_comment_queue(st, a, 0, 10, &v, &k), STORE_OK);
	CHECK_INT(k, 1);
	/* Edits: a hidden comment stays hidden; a held one shows when
	 * clean. */
	CHECK_INT(store_comment_edit(st, c1, "Nicer", NULL,
	                             STORE_COMMENT_VISIBLE),
	          STORE_OK);
	CHECK_INT(store_comment_get(st, a, c1, &ci), STORE_OK);
	CHECK_INT(ci.c.hidden, STORE_COMMENT_HIDDEN);
	CHECK(ci.edited_at != NULL);
	CHECK_INT(store_comment_edit(st, c2, "Clean", NULL,
	                             STORE_COMMENT_VISIBLE),
	          STORE_OK);
	CHECK_INT(store_comment_get(st, a, c2, &ci), STORE_OK);
	CHECK_INT(ci.c.hidden, STORE_COMMENT_VISIBLE);
	CHECK_INT(store_comment_edit(st, c2, "", NULL, STORE_COMMENT_VISIBLE),
	          STORE_INVALID);
	CHECK_INT(store_comment_count_since(st, u2, "2000-01-01T00:00:00Z", &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_comment_count_since(st, u2, "2999-01-01T00:00:00Z", &n),
	          STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_comment_delete(st, c2), STORE_OK);
	CHECK_INT(store_comment_delete(st, c2), STORE_NOTFOUND);
	CHECK_INT(store_comment_set_state(st, c2, STORE_COMMENT_VISIBLE),
	          STORE_NOTFOUND);
	arena_free(a);
	store_close(st);
}

static void test_sitemap_ranges(void)
{
	struct store *st = fresh("map.db");
	struct arena *a = arena_new();
	struct store_map_entry *e;
	int64_t dept = 0, max, q1, q2, q3;
	size_t n;

	CHECK_INT(store_map_max_id(st, STORE_MAP_QA, &max), STORE_OK);
	CHECK_INT(max, 0);
	CHECK_INT(store_department_ensure(st, "Oncology", &dept), STORE_OK);
	q1 = add_qa(st, "Public", dept, 0, 1);
	q2 = add_qa(st, "No consent", dept, 0, 0);
	q3 = add_qa(st, "Taken down", dept, 0, 1);
	CHECK_INT(store_question_set_status(st, q3, STORE_Q_UNPUBLISHED),
	          STORE_OK);
	CHECK_INT(store_map_max_id(st, STORE_MAP_QA, &max), STORE_OK);
	CHECK_INT(max, q3);
	CHECK_INT(store_map_range(st, a, STORE_MAP_QA, 1, max, &e, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(e[0].id, q1);
	CHECK(e[0].lastmod != NULL);
	(void)q2;
	CHECK_INT(store_map_range(st, a, STORE_MAP_DEPARTMENT, 1, 100, &e, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	CHECK_STR(e[0].slug, "oncology");
	CHECK_INT(store_map_max_id(st, (enum store_map_kind)99, &max),
	          STORE_INVALID);
	arena_free(a);
	store_close(st);
}

/* ---- image sniffing ---- */

static size_t put32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
	return 4;
}

/* A PNG of w x h with a tEXt chunk (CRCs are not checked here). */
static size_t make_png(unsigned char *p, unsigned w, unsigned h)
{
	size_t k = 0;

	memcpy(p, "\x89PNG\r\n\x1a\n", 8);
	k = 8;
	k += put32(p + k, 13);
	memcpy(p + k, "IHDR", 4);
	k += 4;
	k += put32(p + k, w);
	k += put32(p + k, h);
	memcpy(p + k, "\x08\x02\x00\x00\x00", 5);
	k += 5;
	k += put32(p + k, 0);
	k += put32(p + k, 7);
	memcpy(p + k, "tEXtsecret!", 11);
	k += 11;
	k += put32(p + k, 0);
	k += put32(p + k, 0);
	memcpy(p + k, "IEND", 4);
	k += 4;
	k += put32(p + k, 0);
	return k;
}

static size_t put_le32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
	return 4;
}

/* A RIFF chunk: type, length, data and a pad byte when the length is
 * odd. */
static size_t webp_chunk(unsigned char *p, const char *type, const void *data,
                         size_t len)
{
	size_t k = 0;

	memcpy(p, type, 4);
	k += 4;
	k += put_le32(p + k, len);
	memcpy(p + k, data, len);
	k += len;
	if (len & 1)
		p[k++] = 0;
	return k;
}

/* An extended (VP8X) WebP of w x h carrying an ICC profile, EXIF and XMP
 * (flags 0x2c) around a VP8L image. */
static size_t make_webp_x(unsigned char *p, unsigned w, unsigned h)
{
	unsigned char x[10] = {0x2c, 0, 0, 0}, l[5] = {0x2f};
	size_t k = 12;

	x[4] = (unsigned char)(w - 1);
	x[5] = (unsigned char)((w - 1) >> 8);
	x[6] = (unsigned char)((w - 1) >> 16);
	x[7] = (unsigned char)(h - 1);
	x[8] = (unsigned char)((h - 1) >> 8);
	x[9] = (unsigned char)((h - 1) >> 16);
	put_le32(l + 1, (w - 1) | (unsigned long)(h - 1) << 14);
	memcpy(p, "RIFF\0\0\0\0WEBP", 12);
	k += webp_chunk(p + k, "VP8X", x, sizeof(x));
	k += webp_chunk(p + k, "ICCP", "profile-by-acme", 15);
	k += webp_chunk(p + k, "VP8L", l, sizeof(l));
	k += webp_chunk(p + k, "EXIF", "Exif\0\0GPS 25.03N", 16);
	k += webp_chunk(p + k, "XMP ", "<x:xmpmeta>Phone</x:xmpmeta>", 28);
	put_le32(p + 4, k - 8);
	return k;
}

/* A PNG with an ICC profile chunk between IHDR and IEND. */
static size_t make_png_icc(unsigned char *p)
{
	size_t n = make_png(p, 4, 4), k = 33;

	/* Drop the tEXt chunk (19 bytes after IHDR), put iCCP there. */
	memmove(p + k, p + k + 19, n - k - 19);
	n -= 19;
	memmove(p + k + 21, p + k, n - k);
	put32(p + k, 9);
	memcpy(p + k + 4, "iCCPacme\0\0\0\0\0", 13);
	put32(p + k + 17, 0);
	return n + 21;
}

/* WebP EXIF/XMP/ICC chunks and PNG ICC profiles go; forged WebP chunk
 * lengths are refused. */
static void test_image_strip_more(void)
{
	struct arena *a = arena_new();
	struct content_image im;
	unsigned char w[256], png[160], *out;
	size_t n = make_webp_x(w, 300, 200), k;

	CHECK_INT(content_image_sniff(w, n, &im), 0);
	CHECK_STR(im.type, "image/webp");
	CHECK_INT(im.width, 300);
	CHECK_INT(im.height, 200);
	k = content_image_strip(a, w, n, &im, &out);
	CHECK_INT(k, 12 + 18 + 14); /* header, VP8X, VP8L (5 + pad) */
	CHECK(memmem(out, k, "GPS", 3) == NULL);
	CHECK(memmem(out, k, "xmpmeta", 7) == NULL);
	CHECK(memmem(out, k, "acme", 4) == NULL);
	CHECK(memmem(out, k, "EXIF", 4) == NULL);
	CHECK_INT(out[20] & 0x2c, 0); /* ICC, EXIF and XMP flags cleared */
	CHECK_INT(out[4] | out[5] << 8, k - 8); /* the RIFF size follows */
	CHECK_INT(content_image_sniff(out, k, &im), 0);
	CHECK_INT(im.width, 300);
	/* Stripping twice changes nothing more. */
	CHECK_INT(content_image_strip(a, out, k, &im, &out), k);
	/* Truncated anywhere, or a chunk length past the RIFF end: refused. */
	for (size_t cut = 0; cut < n; cut++)
		if (content_image_sniff(w, cut, &im) == 0) {
			CHECK(!"a truncated WebP was accepted");
			break;
		}
	put_le32(w + 12 + 18 + 4, 0x7ffffff0);
	CHECK_INT(content_image_sniff(w, n, &im), WEB_EIMAGE);
	/* Bytes after the RIFF end are not kept. */
	n = make_webp_x(w, 8, 8);
	memcpy(w + n, "trailing-secret", 15);
	CHECK_INT(content_image_sniff(w, n + 15, &im), 0);
	k = content_image_strip(a, w, n + 15, &im, &out);
	CHECK(memmem(out, k, "trailing", 8) == NULL);
	/* A dimension bomb is read as such (the page refuses it). */
	n = make_webp_x(w, 1 << 24, 1 << 24);
	CHECK_INT(content_image_sniff(w, n, &im), 0);
	CHECK_INT(im.width, 1 << 24);

	n = make_png_icc(png);
	CHECK_INT(content_image_sniff(png, n, &im), 0);
	k = content_image_strip(a, png, n, &im, &out);
	CHECK_INT(k, n - 21);
	CHECK(memmem(out, k, "acme", 4) == NULL);
	CHECK_INT(content_image_sniff(out, k, &im), 0);
	arena_free(a);
}

static void test_image_sniff(void)
{
	struct arena *a = arena_new();
	struct content_image im;
	unsigned char png[128], *out;
	static const unsigned char jpeg[] = {
	        0xff, 0xd8, 0xff, 0xe1, 0x00, 0x06, 'E',  'x',  'i',  'f',
	        0xff, 0xfe, 0x00, 0x04, 'h',  'i',  0xff, 0xc0, 0x00, 0x0b,
	        0x08, 0x00, 0x20, 0x00, 0x30, 0x01, 0x01, 0x11, 0x00, 0xff,
	        0xda, 0x00, 0x02, 0x12, 0x34, 0xff, 0xd9};
	static const unsigned char webp[] = {
	        'R',  'I',  'F',  'F',  22,   0,   0,  0, 'W', 'E',
	        'B',  'P',  'V',  'P',  '8',  'L', 10, 0, 0,   0,
	        0x2f, 0x01, 0x40, 0x00, 0x00, 0,   0,  0, 0,   0};
	size_t n = make_png(png, 3, 5), k;

	CHECK_INT(content_image_sniff(png, n, &im), 0);
	CHECK_STR(im.type, "image/png");
	CHECK_INT(im.width, 3);
	CHECK_INT(im.height, 5);
	k = content_image_strip(a, png, n, &im, &out);
	CHECK_INT(k, n - 19); /* the tEXt chunk went */
	CHECK(memmem(out, k, "secret", 6) == NULL);
	CHECK_INT(content_image_sniff(out, k, &im), 0);
	/* Truncated anywhere: refused. */
	for (size_t cut = 0; cut < n; cut++)
		if (content_image_sniff(png, cut, &im) == 0) {
			CHECK(!"a truncated PNG was accepted");
			break;
		}
	/* A chunk length pointing past the end. */
	png[33] = 0x7f;
	CHECK_INT(content_image_sniff(png, n, &im), WEB_EIMAGE);
	/* Zero width. */
	n = make_png(png, 0, 5);
	CHECK_INT(content_image_sniff(png, n, &im), WEB_EIMAGE);

	CHECK_INT(content_image_sniff(jpeg, sizeof(jpeg), &im), 0);
	CHECK_STR(im.type, "image/jpeg");
	CHECK_INT(im.width, 0x30);
	CHECK_INT(im.height, 0x20);
	k = content_image_strip(a, jpeg, sizeof(jpeg), &im, &out);
	CHECK_INT(k, sizeof(jpeg) - 8 - 6);
	CHECK(memmem(out, k, "Exif", 4) == NULL);
	CHECK_INT(content_image_sniff(out, k, &im), 0);
	for (size_t cut = 0; cut < sizeof(jpeg) - 6; cut++)
		if (content_image_sniff(jpeg, cut, &im) == 0) {
			CHECK(!"a truncated JPEG was accepted");
			break;
		}

	CHECK_INT(content_image_sniff(webp, sizeof(webp), &im), 0);
	CHECK_STR(im.type, "image/webp");
	CHECK_INT(im.width, 2);
	CHECK_INT(im.height, 2);
	CHECK_INT(content_image_sniff(webp, 20, &im), WEB_EIMAGE);
	k = content_image_strip(a, webp, sizeof(webp), &im, &out);
	CHECK_INT(k, sizeof(webp)); /* nothing to remove */
	CHECK(memcmp(out, webp, k) == 0);
	arena_free(a);
	test_image_strip_more();
	a = arena_new();

	CHECK_INT(content_image_sniff((const unsigned char *)"GIF89a....", 10,
	                              &im),
	          WEB_EIMAGE);
	CHECK_INT(content_image_sniff((const unsigned char *)"<svg/>", 6, &im),
	          WEB_EIMAGE);
	CHECK_INT(content_image_sniff(NULL, 0, &im), WEB_EIMAGE);
	arena_free(a);
}

int main(void)
{
	char cmd[96];

	snprintf(dir, sizeof(dir), "/tmp/askdoc-content-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_departments_and_redirects);
	RUN(test_topics_merge);
	RUN(test_doctors_and_photos);
	RUN(test_articles);
	RUN(test_comments);
	RUN(test_sitemap_ranges);
	RUN(test_image_sniff);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return test_summary();
}
