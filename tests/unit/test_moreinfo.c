/* tests/unit/test_moreinfo.c: More Info: sentence splitting, the
 * extractive draft's invariants (verbatim sentences, word bounds,
 * citation numbering, aspect order), rendering (escaped HTML, text, JSON
 * round trip) and doctors' edits.
 *
 * The library here is a handful of entries written for this test, indexed
 * in memory and served by a fake fetcher, so no database is needed. */
#include "test.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moreinfo/extract.h"
#include "moreinfo/internal.h"
#include "moreinfo/render.h"
#include "search/search.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

/* ---- the fixture library ---- */

struct fixture {
	enum search_kind kind;
	const char *ext, *title, *qtype, *text, *name, *url;
	const char *topics[3];
};

static const struct fixture lib[] = {
        {SEARCH_KIND_FAQ,
         "HC_1",
         "What is hepatitis C ?",
         "information",
         "Hepatitis C is an infection of the liver caused by the hepatitis "
         "C virus. The virus spreads mainly through contact with the blood "
         "of an infected person, for example by sharing needles. Many "
         "people with hepatitis C feel well for years and do not know they "
         "carry the virus. Over many years the infection can scar the liver, "
         "a change doctors call cirrhosis. Some people with cirrhosis later "
         "develop liver cancer. A blood test can show whether a person has "
         "been infected. These tests are simple and widely available.",
         "Liver Institute",
         "https://liver.example.org/hepc",
         {"Hepatitis C", "HCV"}},
        {SEARCH_KIND_FAQ,
         "HC_2",
         "What are the treatments for hepatitis C ?",
         "treatment",
         "Hepatitis C is treated with antiviral medicines taken by mouth "
         "for several weeks. Most people who complete treatment are cured "
         "of the infection. Older treatments with interferon injections "
         "had more side effects and are now rarely used. Your doctor will "
         "choose the treatment based on the type of virus and the health "
         "of your liver. Treatment works best when it is started before "
         "the liver is badly scarred.",
         "Liver Institute",
         "https://liver.example.org/hepc-treatment",
         {"Hepatitis C", "HCV"}},
        {SEARCH_KIND_FAQ,
         "HC_3",
         "What are the risks of hepatitis C ?",
         "complications",
         "The main risks of a long infection with hepatitis C are cirrhosis "
         "and liver cancer. Antiviral medicines can cause tiredness, "
         "headache and nausea, which usually pass. Call your doctor right "
         "away if your skin or eyes turn yellow or you vomit blood. "
         "People with hepatitis C should avoid alcohol because it speeds "
         "up damage to the liver.",
         "Liver Institute",
         NULL,
         {"Hepatitis C", NULL}},
        {SEARCH_KIND_FAQ,
         "AS_1",
         "What is asthma ?",
         "information",
         "Asthma is a long-term disease of the airways in the lungs. The "
         "airways swell and narrow, which makes breathing hard. Inhalers "
         "open the airways and reduce the swelling.",
         "Lung Institute",
         "https://lung.example.org/asthma",
         {"Asthma"}},
        {SEARCH_KIND_FAQ,
         "EMPTY_1",
         "What is hepatitis C in children ?",
         "information",
         "",
         "Liver Institute",
         NULL,
         {"Hepatitis C"}},
        {SEARCH_KIND_ARTICLE,
         "ART_1",
         "Living with hepatitis C",
         "information",
         "# Living with hepatitis C\n\n"
         "Hepatitis C does not have to stop you from working or studying.\n"
         "People with hepatitis C can share meals and hugs without risk to\n"
         "their family.\n\n"
         "- Cover cuts and do not share razors or toothbrushes.\n"
         "- See [our guide](http://x.example) for **more** tips.\n\n"
         "```\ncode that is not prose\n```\n",
         "askdoc editors",
         NULL,
         {"Hepatitis C"}},
};

static int fake_fetch(void *ctx, struct arena *a, enum search_kind kind,
                      int64_t id, struct moreinfo_doc *out)
{
	const struct fixture *f;

	(void)ctx;
	if (id < 1 || (size_t)id > ARRAY_SIZE(lib))
		return -ENOENT;
	f = &lib[id - 1];
	if (f->kind != kind)
		return -ENOENT;
	memset(out, 0, sizeof(*out));
	out->external_id = f->ext;
	out->title = f->title;
	out->text = f->text;
	out->markdown = kind == SEARCH_KIND_ARTICLE;
	out->question_type = f->qtype;
	out->topics = f->topics;
	out->ntopics = f->topics[1] ? 2 : 1;
	out->source_name = f->name;
	out->source_url = f->url;
	out->link = kind == SEARCH_KIND_FAQ
	                    ? arena_printf(a, "/library/%lld", (long long)id)
	                    : "/articles/living-with-hepatitis-c";
	return 0;
}

static struct search_index *fixture_index(void)
{
	struct search_index *ix = search_index_new(NULL);

	for (size_t i = 0; ix && i < ARRAY_SIZE(lib); i++) {
		struct search_doc d;

		memset(&d, 0, sizeof(d));
		d.id = (int64_t)i + 1;
		d.kind = lib[i].kind;
		d.external_id = lib[i].ext;
		d.title = lib[i].title;
		d.question = lib[i].title;
		d.answer = lib[i].text;
		d.topics = lib[i].topics;
		d.ntopics = lib[i].topics[1] ? 2 : 1;
		d.question_type = lib[i].qtype;
		d.language = "en";
		search_index_put(ix, &d);
	}
	return ix;
}

/* The fixture whose external id is ext. */
static const struct fixture *by_ext(const char *ext)
{
	for (size_t i = 0; i < ARRAY_SIZE(lib); i++)
		if (!strcmp(lib[i].ext, ext))
			return &lib[i];
	return NULL;
}

/* 1 if sentence s (blanks squeezed) is a verbatim piece of text. */
static int verbatim_in(struct arena *a, const char *s, const char *text)
{
	const char *t = mi_squeeze(a, text, strlen(text));

	return strstr(t, s) != NULL;
}

/* ---- splitting ---- */

static char *span_str(struct arena *a, const char *text,
                      const struct moreinfo_span *sp)
{
	return arena_strndup(a, text + sp->start, sp->len);
}

static void test_split_sentences(void)
{
	struct arena *a = arena_new();
	const char *t = "The liver filters blood. It also stores sugar!  Is it "
	                "big? Dr. Lee said so, e.g. in 2020.";
	struct moreinfo_span *sp;
	size_t n = moreinfo_split(a, t, strlen(t), 0, &sp);

	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(span_str(a, t, &sp[0]), "The liver filters blood.");
		CHECK_STR(span_str(a, t, &sp[1]), "It also stores sugar!");
		CHECK_STR(span_str(a, t, &sp[2]), "Is it big?");
		CHECK_STR(span_str(a, t, &sp[3]),
		          "Dr. Lee said so, e.g. in 2020.");
	}
	for (size_t i = 0; i < n; i++) {
		CHECK(sp[i].len > 0);
		CHECK(sp[i].start + sp[i].len <= strlen(t));
		CHECK(t[sp[i].start] != ' ');
		CHECK(t[sp[i].start + sp[i].len - 1] != ' ');
	}
	arena_free(a);
}

static void test_split_lines_break_sentences(void)
{
	struct arena *a = arena_new();
	const char *t = "First line without stop\nSecond line.\n\nThird.";
	struct moreinfo_span *sp;
	size_t n = moreinfo_split(a, t, strlen(t), 0, &sp);

	CHECK_INT(n, 3);
	if (n == 3)
		CHECK_STR(span_str(a, t, &sp[0]), "First line without stop");
	arena_free(a);
}

static void test_split_inline_bullets(void)
{
	struct arena *a = arena_new();
	/* A short list stays with its lead-in. */
	const char *t = "See a doctor if you have any of these: - High fever. "
	                "- A stiff neck. - Confusion. The doctor will examine "
	                "you.";
	/* A long list is cut into items; the lead-in is its own piece. */
	const char *l = "Signs include: - One. - Two. - Three. - Four. - Five. "
	                "- Six. - Seven. - Eight. - Nine. - Ten.";
	/* Library answers open with a "Key Points" list. */
	const char *k = "Key Points - Leukemia is a cancer of the blood. - It "
	                "starts in the bone marrow. Leukemia is a cancer of "
	                "the blood.";
	/* A dash inside a sentence is not a bullet. */
	const char *d =
	        "Shingles is caused by the varicella-zoster virus - the "
	        "same virus that causes chickenpox.";
	struct moreinfo_span *sp;
	size_t n;

	n = moreinfo_split(a, t, strlen(t), 0, &sp);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(sp[0].list, 1);
		CHECK_STR(span_str(a, t, &sp[0]),
		          "See a doctor if you have any of these: - High "
		          "fever. - A stiff neck. - Confusion.");
		CHECK_STR(span_str(a, t, &sp[1]),
		          "The doctor will examine you.");
	}
	n = moreinfo_split(a, l, strlen(l), 0, &sp);
	CHECK_INT(n, 11);
	if (n == 11) {
		CHECK_STR(span_str(a, l, &sp[0]), "Signs include:");
		CHECK_STR(span_str(a, l, &sp[10]), "Ten.");
		CHECK_INT(sp[0].list, 0);
	}
	n = moreinfo_split(a, k, strlen(k), 0, &sp);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(span_str(a, k, &sp[0]), "Key Points");
		CHECK_STR(span_str(a, k, &sp[1]),
		          "Leukemia is a cancer of the blood.");
		CHECK_STR(span_str(a, k, &sp[2]),
		          "It starts in the bone marrow.");
	}
	n = moreinfo_split(a, d, strlen(d), 0, &sp);
	CHECK_INT(n, 1);
	arena_free(a);
}

static void test_split_markdown(void)
{
	struct arena *a = arena_new();
	const char *t = lib[5].text;
	struct moreinfo_span *sp;
	size_t n = moreinfo_split(a, t, strlen(t), 1, &sp);
	int saw_item = 0;

	/* heading, code and the item with link syntax are gone */
	CHECK_INT(n, 3);
	for (size_t i = 0; i < n; i++) {
		char *s = span_str(a, t, &sp[i]);

		CHECK(!strchr(s, '#'));
		CHECK(!strstr(s, "code"));
		CHECK(!strchr(s, '['));
		saw_item |= !strcmp(s, "Cover cuts and do not share razors or "
		                       "toothbrushes.");
	}
	CHECK(saw_item);
	/* A sentence wrapped over two lines stays one sentence. */
	if (n >= 2)
		CHECK(strchr(span_str(a, t, &sp[1]), '\n') != NULL);
	arena_free(a);
}

static void test_split_hostile_input(void)
{
	struct arena *a = arena_new();
	const char bad[] = "Bad \xff\xfe bytes. More \xc3 here.\n\n - - -";
	struct moreinfo_span *sp;
	size_t n;

	CHECK_INT(moreinfo_split(a, "", 0, 0, &sp), 0);
	CHECK_INT(moreinfo_split(a, NULL, 0, 1, &sp), 0);
	CHECK_INT(moreinfo_split(a, "   \n\n\t ", 7, 0, &sp), 0);
	n = moreinfo_split(a, bad, sizeof(bad) - 1, 0, &sp);
	CHECK(n >= 1);
	for (size_t i = 0; i < n; i++)
		CHECK(sp[i].start + sp[i].len <= sizeof(bad) - 1);
	n = moreinfo_split(a, bad, sizeof(bad) - 1, 1, &sp);
	for (size_t i = 0; i < n; i++)
		CHECK(sp[i].start + sp[i].len <= sizeof(bad) - 1);
	CHECK_INT(moreinfo_count_words("  two  words ", 13), 2);
	CHECK_INT(moreinfo_count_words("", 0), 0);
	arena_free(a);
}

/* ---- extraction ---- */

/* The invariants every draft keeps. */
static void check_draft(struct arena *a, const struct moreinfo *mi, size_t minw,
                        size_t maxw, size_t maxs)
{
	size_t words = 0, next = 0;

	CHECK(mi->n > 0);
	CHECK(mi->nsources >= 1 && mi->nsources <= maxs);
	for (size_t i = 0; i < mi->n; i++) {
		const struct moreinfo_sentence *s = &mi->sentences[i];

		CHECK_INT(s->ncite, 1);
		CHECK(s->cite[0] < mi->nsources);
		if (s->cite[0] >= mi->nsources)
			continue;
		/* sources are numbered in order of first citation */
		CHECK(s->cite[0] <= next);
		if (s->cite[0] == next)
			next++;
		/* verbatim in the source it cites */
		{
			const struct fixture *f =
			        by_ext(mi->sources[s->cite[0]].external_id);

			CHECK(f != NULL);
			if (f && !verbatim_in(a, s->text, f->text)) {
				CHECK(!"sentence not verbatim in its source");
				fprintf(stderr, "  sentence: %s\n", s->text);
			}
		}
		if (i)
			CHECK(s->aspect >= mi->sentences[i - 1].aspect);
		words += moreinfo_count_words(s->text, strlen(s->text));
	}
	CHECK_INT(next, mi->nsources); /* every source is cited */
	CHECK_INT(words, mi->words);
	CHECK(mi->words >= minw && mi->words <= maxw);
	CHECK_INT(mi->machine_assisted, 0);
}

static void test_extract_invariants(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;

	memset(&req, 0, sizeof(req));
	req.title = "Hepatitis C treatment";
	req.question = "I was told I have hepatitis C. How is it treated and "
	               "what are the side effects of the medicines?";
	req.min_words = 60;
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, &mi), 0);
	check_draft(a, &mi, 60, MOREINFO_MAX_WORDS, MOREINFO_MAX_SOURCES);
	for (size_t i = 0; i < mi.nsources; i++) {
		CHECK(strcmp(mi.sources[i].external_id, "AS_1") != 0);
		CHECK(strcmp(mi.sources[i].external_id, "EMPTY_1") != 0);
		CHECK(mi.sources[i].link[0] == '/');
	}
	/* With the reply, still within bounds; a tighter word limit holds. */
	req.reply = "Antiviral tablets cure most people; see me if you turn "
	            "yellow.";
	req.max_words = 70;
	req.min_words = 30;
	arena_reset(a);
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, &mi), 0);
	check_draft(a, &mi, 30, 70, MOREINFO_MAX_SOURCES);

	/* One source at most. */
	req.max_sources = 1;
	req.max_words = 0;
	arena_reset(a);
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, &mi), 0);
	check_draft(a, &mi, 30, MOREINFO_MAX_WORDS, 1);

	/* Without a fetcher the index's copy is used (no source URL). */
	req.max_sources = 0;
	arena_reset(a);
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	check_draft(a, &mi, 30, MOREINFO_MAX_WORDS, MOREINFO_MAX_SOURCES);
	for (size_t i = 0; i < mi.nsources; i++)
		CHECK(mi.sources[i].url == NULL);
	arena_free(a);
	search_index_free(ix);
}

static void test_extract_default_bounds(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;

	memset(&req, 0, sizeof(req));
	req.question = "What is hepatitis C, how is hepatitis C treated and "
	               "when should I see a doctor?";
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, &mi), 0);
	/* It opens with what hepatitis C is. */
	CHECK(mi.n > 2);
	if (mi.n > 2)
		CHECK_INT(mi.sentences[0].aspect, MOREINFO_WHAT);
	arena_free(a);
	search_index_free(ix);
}

static void test_extract_covers_asked_aspect(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;
	int doctor = 0;

	memset(&req, 0, sizeof(req));
	req.question = "I have hepatitis C. When should I see a doctor?";
	req.min_words = 40;
	/* The sources are the best-ranked entries, one per source allowed:
	 * with four, the entry holding the doctor sentence is among them
	 * and the sentence is picked for the asked aspect. */
	req.max_sources = 4;
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, &mi), 0);
	for (size_t i = 0; i < mi.n; i++)
		doctor |= mi.sentences[i].aspect == MOREINFO_DOCTOR;
	CHECK(doctor); /* the asked aspect is covered */
	/* and the doctor sentence comes last */
	if (mi.n)
		CHECK_INT(mi.sentences[mi.n - 1].aspect, MOREINFO_DOCTOR);
	arena_free(a);
	search_index_free(ix);
}

static void test_extract_nothing_close(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;

	memset(&req, 0, sizeof(req));
	req.question = "How do I fix the brakes of my bicycle?";
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, &mi), 0);
	CHECK_INT(mi.n, 0);
	CHECK_INT(mi.nsources, 0);
	req.question = "";
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, &mi),
	          -EINVAL);
	req.question = NULL;
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, &mi),
	          -EINVAL);
	req.title = "the of and";
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, &mi), 0);
	CHECK_INT(mi.n, 0);
	arena_free(a);
	search_index_free(ix);
}

static void test_extract_anaphor_needs_antecedent(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;

	memset(&req, 0, sizeof(req));
	req.question = "Which blood tests show hepatitis C and are these "
	               "tests simple and available?";
	req.min_words = 20;
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, &mi), 0);
	for (size_t i = 0; i < mi.n; i++) {
		if (!str_starts(mi.sentences[i].text, "These tests"))
			continue;
		/* quoted only right after the sentence it points back to */
		CHECK(i > 0);
		if (i > 0)
			CHECK(str_starts(mi.sentences[i - 1].text,
			                 "A blood test can show"));
	}
	arena_free(a);
	search_index_free(ix);
}

/* ---- rendering and edits ---- */

static struct moreinfo sample(struct arena *a)
{
	struct moreinfo mi;
	static struct moreinfo_source src[2];
	static struct moreinfo_sentence s[3];

	memset(&mi, 0, sizeof(mi));
	memset(src, 0, sizeof(src));
	memset(s, 0, sizeof(s));
	src[0] = (struct moreinfo_source){
	        SEARCH_KIND_FAQ, 7,
	        "X_1",           "Fever <b>facts</b>",
	        "Inst & Co",     "https://ex.org/a?b=1&c=\"2\"",
	        "/library/7"};
	src[1] = (struct moreinfo_source){
	        SEARCH_KIND_ARTICLE, 3,  "",
	        "Bad link",          "", "javascript:alert(1)",
	        "//evil.example/x"};
	s[0] = (struct moreinfo_sentence){
	        "Fever is <script>alert(1)</script>.", {0}, 1, MOREINFO_WHAT};
	s[1] = (struct moreinfo_sentence){
	        "Rest & drink.", {1}, 1, MOREINFO_OPTIONS};
	s[2] = (struct moreinfo_sentence){
	        "See a doctor if it lasts.", {0, 1}, 2, MOREINFO_DOCTOR};
	mi.sentences = s;
	mi.n = 3;
	mi.sources = src;
	mi.nsources = 2;
	mi.words = 12;
	(void)a;
	return mi;
}

static void test_render_html_is_escaped(void)
{
	struct arena *a = arena_new();
	struct moreinfo mi = sample(a), empty;
	struct buf b = BUF_INIT;

	moreinfo_render_html(&b, &mi, "q1");
	CHECK(strstr(b.p, "<script>") == NULL);
	CHECK(strstr(b.p, "&lt;script&gt;") != NULL);
	CHECK(strstr(b.p, "Rest &amp; drink.") != NULL);
	CHECK(strstr(b.p, "<sup class=\"cite\"><a href=\"#q1-1\">[1]</a>"
	                  "</sup>") != NULL);
	CHECK(strstr(b.p, "<li id=\"q1-2\">") != NULL);
	CHECK(strstr(b.p, "<a href=\"/library/7\">Fever &lt;b&gt;facts"
	                  "&lt;/b&gt;</a>, Inst &amp; Co") != NULL);
	CHECK(strstr(b.p,
	             "href=\"https://ex.org/a?b=1&amp;c=&quot;2&quot;\"") !=
	      NULL);
	CHECK(strstr(b.p, "javascript:") == NULL);
	CHECK(strstr(b.p, "evil.example") == NULL);
	CHECK(strstr(b.p, "<ol class=\"moreinfo-sources\">") != NULL);
	/* one paragraph per aspect */
	CHECK(strstr(b.p, "</p>\n<p>Rest") != NULL);
	buf_clear(&b);
	memset(&empty, 0, sizeof(empty));
	moreinfo_render_html(&b, &empty, NULL);
	CHECK_INT(b.len, 0);
	/* A reading list: the sources alone, still escaped, no paragraph. */
	mi.n = 0;
	moreinfo_render_html(&b, &mi, "q1");
	CHECK(strstr(b.p, "<div class=\"moreinfo moreinfo-list\">\n"
	                  "<ol class=\"moreinfo-sources\">") != NULL);
	CHECK(strstr(b.p, "<a href=\"/library/7\">Fever &lt;b&gt;facts"
	                  "&lt;/b&gt;</a>") != NULL);
	CHECK(strstr(b.p, "<p>") == NULL);
	CHECK(strstr(b.p, "</p>") == NULL);
	CHECK(strstr(b.p, "javascript:") == NULL);
	buf_free(&b);
	arena_free(a);
}

static void test_render_text_and_json(void)
{
	struct arena *a = arena_new();
	struct moreinfo mi = sample(a), back;
	struct buf b = BUF_INIT;

	moreinfo_text(&b, &mi);
	CHECK_STR(b.p, "Fever is <script>alert(1)</script>. [1] Rest & drink. "
	               "[2] See a doctor if it lasts. [1][2]");
	buf_clear(&b);
	moreinfo_render_text(&b, &mi);
	CHECK(strstr(b.p,
	             "\n\nSources:\n[1] Fever <b>facts</b>. Inst & Co. "
	             "https://ex.org/a?b=1&c=\"2\"\n[2] Bad link.") != NULL);
	buf_clear(&b);
	moreinfo_to_json(&b, &mi);
	CHECK(strstr(b.p, "\"url\": null") == NULL);
	CHECK(strstr(b.p, "\\u003cscript") != NULL);
	CHECK_INT(moreinfo_from_json(a, b.p, b.len, &back), 0);
	CHECK_INT(back.n, 3);
	CHECK_INT(back.nsources, 2);
	CHECK_STR(back.sentences[0].text, mi.sentences[0].text);
	CHECK_INT(back.sentences[2].ncite, 2);
	CHECK_INT(back.sentences[2].aspect, MOREINFO_DOCTOR);
	CHECK_STR(back.sources[0].url, mi.sources[0].url);
	CHECK_INT(back.sources[0].id, 7);
	CHECK_INT(back.sources[0].kind, SEARCH_KIND_FAQ);
	CHECK_INT(back.words, 12);
	arena_free(a);
	buf_free(&b);
}

static void test_from_json_rejects_bad_citations(void)
{
	struct arena *a = arena_new();
	struct moreinfo mi;
	const char *bad[] = {
	        "",
	        "[]",
	        "{\"sentences\": [], \"sources\": {}}",
	        "{\"sentences\": [{\"text\": \"x\", \"cites\": [2]}], "
	        "\"sources\": [{\"title\": \"t\"}]}",
	        "{\"sentences\": [{\"text\": \"x\", \"cites\": [0]}], "
	        "\"sources\": [{\"title\": \"t\"}]}",
	        "{\"sentences\": [{\"text\": \"x\", \"cites\": []}], "
	        "\"sources\": [{\"title\": \"t\"}]}",
	        "{\"sentences\": [{\"text\": \"\", \"cites\": [1]}], "
	        "\"sources\": [{\"title\": \"t\"}]}",
	        "{\"sentences\": [{\"text\": \"x\", \"cites\": [\"1\"]}], "
	        "\"sources\": [{\"title\": \"t\"}]}",
	        "{\"sentences\": [{\"text\": \"x\", \"cites\": [1]}], "
	        "\"sources\": [{\"name\": \"no title\"}]}",
	};
	const char *unused = "{\"sentences\": [{\"text\": \"x y\", \"cites\": "
	                     "[2]}], \"sources\": [{\"title\": \"a\"}, "
	                     "{\"title\": \"b\"}]}";

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK_INT(moreinfo_from_json(a, bad[i], strlen(bad[i]), &mi),
		          -EINVAL);
		CHECK_INT(mi.n, 0);
	}
	/* a source nobody cites is dropped and the rest renumbered */
	CHECK_INT(moreinfo_from_json(a, unused, strlen(unused), &mi), 0);
	CHECK_INT(mi.nsources, 1);
	CHECK_STR(mi.sources[0].title, "b");
	CHECK_INT(mi.sentences[0].cite[0], 0);
	CHECK_INT(mi.words, 2);
	arena_free(a);
}

static void test_remove_renumbers(void)
{
	struct arena *a = arena_new();
	struct moreinfo mi = sample(a);
	size_t drop0[] = {0, 99};
	struct buf b = BUF_INIT;

	moreinfo_remove(&mi, drop0, 2);
	CHECK_INT(mi.n, 2);
	/* "Rest & drink." cited source 2, which is now the first */
	CHECK_INT(mi.nsources, 2);
	CHECK_STR(mi.sources[0].title, "Bad link");
	CHECK_INT(mi.sentences[0].cite[0], 0);
	CHECK_INT(mi.sentences[1].cite[0], 1);
	CHECK_INT(mi.sentences[1].cite[1], 0);
	moreinfo_text(&b, &mi);
	CHECK_STR(b.p, "Rest & drink. [1] See a doctor if it lasts. [2][1]");
	{
		size_t drop1[] = {1};

		moreinfo_remove(&mi, drop1, 1);
		CHECK_INT(mi.n, 1);
		CHECK_INT(mi.nsources, 1);
		CHECK_INT(mi.words, 3);
	}
	buf_free(&b);
	arena_free(a);
}

int main(void)
{
	RUN(test_split_sentences);
	RUN(test_split_lines_break_sentences);
	RUN(test_split_inline_bullets);
	RUN(test_split_markdown);
	RUN(test_split_hostile_input);
	RUN(test_extract_invariants);
	RUN(test_extract_default_bounds);
	RUN(test_extract_covers_asked_aspect);
	RUN(test_extract_nothing_close);
	RUN(test_extract_anaphor_needs_antecedent);
	RUN(test_render_html_is_escaped);
	RUN(test_render_text_and_json);
	RUN(test_from_json_rejects_bad_citations);
	RUN(test_remove_renumbers);
	return test_summary();
}
