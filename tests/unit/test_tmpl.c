/* tests/unit/test_tmpl.c: the template engine beyond the spec: escaping of
 * hostile values, syntax errors with line numbers, the depth limit, the
 * loader and its directory override, the value tree, layouts with blocks,
 * concurrent renders, random templates, and a render-speed figure. */
#include "test.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "limits.h"
#include "tmpl/tmpl.h"
#include "util/util.h"

/* Compile src as template "t" in a new set and render it against ctx;
 * returns the output (malloc'd) or NULL if the template does not compile. */
static char *render1(const char *src, const struct tval *ctx, int *rc)
{
	struct tmpl_set *set = tmpl_set_new();
	struct buf out = BUF_INIT;
	char *err = NULL;
	int r = tmpl_set_add(set, "t", src, strlen(src), &err);

	free(err);
	if (r == 0)
		r = tmpl_render(set, "t", ctx, &out);
	if (rc)
		*rc = r;
	tmpl_set_free(set);
	if (r == TMPL_ESYNTAX) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
}

/* Add a NUL-terminated template. */
static int add(struct tmpl_set *set, const char *name, const char *src)
{
	return tmpl_set_add(set, name, src, strlen(src), NULL);
}

/* The error message of compiling src, or NULL if it compiles. */
static char *compile_err(const char *src)
{
	struct tmpl_set *set = tmpl_set_new();
	char *err = NULL;
	int rc = tmpl_set_add(set, "page", src, strlen(src), &err);

	tmpl_set_free(set);
	if (rc == 0) {
		free(err);
		return NULL;
	}
	CHECK_INT(rc, TMPL_ESYNTAX);
	CHECK(err != NULL);
	return err;
}

static void test_escaping(void)
{
	struct arena *a = arena_new();
	struct tval *m = tval_map(a);
	char *s;

	tval_set_str(m, "x", "<script>alert('hi')</script>");
	s = render1("<p>{{x}}</p>", m, NULL);
	CHECK_STR(s, "<p>&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;</p>");
	free(s);

	/* Quotes cannot end an attribute; & cannot start an entity. */
	tval_set_str(m, "x", "\" onmouseover=\"alert(1)\" a='&amp;");
	s = render1("<a title=\"{{x}}\">", m, NULL);
	CHECK_STR(s, "<a title=\"&quot; onmouseover=&quot;alert(1)&quot; "
	             "a=&#39;&amp;amp;\">");
	free(s);

	/* A javascript: URL is only text to the engine: written escaped,
	 * never interpreted (the page layer decides which URLs are links). */
	tval_set_str(m, "x", "javascript:alert(1)");
	s = render1("{{x}}|{{{x}}}", m, NULL);
	CHECK_STR(s, "javascript:alert(1)|javascript:alert(1)");
	free(s);

	/* Raw output is raw, and only where the template says so. */
	tval_set_str(m, "x", "<b>&</b>");
	s = render1("{{x}} {{{x}}} {{& x}} {{#x}}{{.}}{{/x}}", m, NULL);
	CHECK_STR(s, "&lt;b&gt;&amp;&lt;/b&gt; <b>&</b> <b>&</b> "
	             "&lt;b&gt;&amp;&lt;/b&gt;");
	free(s);

	/* Values are never parsed as templates. */
	tval_set_str(m, "x", "{{y}}{{>t}}{{<t}}{{/t}}");
	tval_set_str(m, "y", "no");
	s = render1("{{x}}", m, NULL);
	CHECK_STR(s, "{{y}}{{&gt;t}}{{&lt;t}}{{/t}}");
	free(s);

	/* NUL and invalid UTF-8 pass through without truncating. */
	tval_set(m, "x", tval_strn(a, "a\0<b\xff", 5));
	s = render1("[{{x}}]", m, NULL);
	CHECK(memcmp(s, "[a\0&lt;b\xff]", 11) == 0);
	free(s);
	arena_free(a);
}

static void test_syntax_errors(void)
{
	char *e;

	e = compile_err("line one\n{{#items}}\n<li>{{name}}</li>\n");
	CHECK_STR(e, "page:2: section 'items' is not closed");
	free(e);

	e = compile_err("{{#a}}\n{{^b}}\nx\n{{/a}}\n{{/b}}\n");
	CHECK_STR(e, "page:4: closing tag 'a' does not match inverted "
	             "section 'b' opened at line 2");
	free(e);

	e = compile_err("ok\nalso ok\n<p>{{name</p>\n");
	CHECK_STR(e, "page:3: unclosed tag");
	free(e);

	e = compile_err("a\n{{{raw}}\n");
	CHECK_STR(e, "page:2: unclosed tag");
	free(e);

	e = compile_err("x\n\n{{/stray}}");
	CHECK_STR(e, "page:3: closing tag 'stray' without an opening tag");
	free(e);

	e = compile_err("{{<layout}}\n{{$content}}\nbody\n{{/layout}}\n");
	CHECK_STR(e, "page:4: closing tag 'layout' does not match block "
	             "'content' opened at line 2");
	free(e);

	e = compile_err("{{<layout}}{{$a}}{{/a}}");
	CHECK_STR(e, "page:1: parent 'layout' is not closed");
	free(e);

	e = compile_err("\n{{}}");
	CHECK_STR(e, "page:2: empty tag name");
	free(e);

	e = compile_err("{{a b}}");
	CHECK_STR(e, "page:1: space inside tag name 'a b'");
	free(e);

	e = compile_err("{{a..b}}");
	CHECK_STR(e, "page:1: bad dotted name 'a..b'");
	free(e);

	e = compile_err("{{=<% %>}}");
	CHECK_STR(e, "page:1: bad delimiter tag");
	free(e);
	e = compile_err("{{=a=b c=}}");
	CHECK_STR(e, "page:1: bad delimiter tag");
	free(e);
	e = compile_err("{{=<%=}}");
	CHECK_STR(e, "page:1: bad delimiter tag");
	free(e);

	/* Changed delimiters: the old ones are text, errors still found. */
	e = compile_err("{{=<% %>=}}\n{{x}} <%#s%>\n");
	CHECK_STR(e, "page:2: section 's' is not closed");
	free(e);

	/* A failed add leaves the earlier template of that name in place. */
	{
		struct tmpl_set *set = tmpl_set_new();
		struct buf out = BUF_INIT;
		char *err = NULL;
		CHECK_INT(add(set, "p", "good"), 0);
		CHECK_INT(tmpl_set_add(set, "p", "{{#bad}}", 8, &err),
		          TMPL_ESYNTAX);
		CHECK_STR(err, "p:1: section 'bad' is not closed");
		CHECK_INT(add(set, "q", "{{#bad}}"), TMPL_ESYNTAX);
		CHECK_INT(tmpl_set_has(set, "q"), 0);
		CHECK_INT(tmpl_render(set, "p", NULL, &out), 0);
		CHECK_STR(out.p, "good");
		free(err);
		buf_free(&out);
		tmpl_set_free(set);
	}
}

static void test_depth_limit(void)
{
	struct tmpl_set *set = tmpl_set_new();
	struct arena *a = arena_new();
	struct buf out = BUF_INIT;
	struct tval *root, *node;

	/* A partial that includes itself unconditionally. */
	CHECK_INT(add(set, "loop", "x{{>loop}}"), 0);
	CHECK_INT(tmpl_render(set, "loop", NULL, &out), TMPL_EDEPTH);
	CHECK_INT(out.len, LIMIT_TEMPLATE_DEPTH + 1);

	/* Two parents that extend each other. */
	buf_clear(&out);
	CHECK_INT(add(set, "p1", "{{<p2}}{{/p2}}"), 0);
	CHECK_INT(add(set, "p2", "{{<p1}}{{/p1}}"), 0);
	CHECK_INT(tmpl_render(set, "p1", NULL, &out), TMPL_EDEPTH);

	/* A block override that contains its own block. */
	buf_clear(&out);
	CHECK_INT(add(set, "base", "{{$b}}{{/b}}"), 0);
	CHECK_INT(
	        add(set, "kid", "{{<base}}{{$b}}<{{$b}}{{/b}}>{{/b}}{{/base}}"),
	        0);
	CHECK_INT(tmpl_render(set, "kid", NULL, &out), TMPL_EDEPTH);

	/* Recursion the data ends is fine, up to the limit. */
	buf_clear(&out);
	CHECK_INT(add(set, "tree", "({{name}}{{#kids}}{{>tree}}{{/kids}})"), 0);
	root = node = tval_map(a);
	for (int i = 0; i < 10; i++) {
		struct tval *kids = tval_set(node, "kids", tval_list(a));
		tval_set_int(node, "name", i);
		node = tval_push(kids, tval_map(a));
	}
	tval_set_int(node, "name", 10);
	tval_set(node, "kids", tval_list(a)); /* else "kids" resolves above */
	CHECK_INT(tmpl_render(set, "tree", root, &out), 0);
	CHECK_STR(out.p, "(0(1(2(3(4(5(6(7(8(9(10)))))))))))");

	/* ... and data nested too deep is cut off with an error. */
	buf_clear(&out);
	for (int i = 0; i < LIMIT_TEMPLATE_DEPTH; i++) {
		struct tval *kids = tval_set(node, "kids", tval_list(a));
		node = tval_push(kids, tval_map(a));
	}
	CHECK_INT(tmpl_render(set, "tree", root, &out), TMPL_EDEPTH);
	CHECK(out.len < 1000);

	buf_free(&out);
	arena_free(a);
	tmpl_set_free(set);
}

static void test_values(void)
{
	struct arena *a = arena_new();
	struct tval *m = tval_map(a), *l, *v;
	json_t *j;
	char *s;

	CHECK(tval_get(m, "nope") == NULL);
	CHECK(tval_get(NULL, "x") == NULL);
	tval_set_str(m, "name", "Ann");
	tval_set_int(m, "age", -42);
	tval_set_bool(m, "ok", 1);
	v = tval_set(m, "nothing", NULL);
	CHECK_INT(v->kind, TVAL_NULL);
	CHECK_INT(m->u.map.n, 4);
	CHECK_STR(tval_get(m, "name")->u.s.p, "Ann");
	/* Replacing keeps the position and does not grow the map. */
	tval_set_str(m, "name", "Bo");
	CHECK_INT(m->u.map.n, 4);
	CHECK_STR(m->u.map.e[0].key, "name");
	CHECK_STR(tval_get(m, "name")->u.s.p, "Bo");
	CHECK_INT(tval_get(m, "age")->u.i, -42);
	/* Keys are copied. */
	{
		char key[8] = "tmp";
		tval_set_str(m, key, "v");
		strcpy(key, "xxx");
		CHECK(tval_get(m, "tmp") != NULL);
	}
	/* Many keys and items grow the arrays. */
	l = tval_set(m, "list", tval_list(a));
	for (int i = 0; i < 100; i++) {
		char key[16];
		snprintf(key, sizeof(key), "k%d", i);
		tval_set_int(m, key, i);
		tval_push(l, tval_int(a, i));
	}
	CHECK_INT(tval_get(m, "k99")->u.i, 99);
	CHECK_INT(l->u.list.n, 100);
	CHECK_INT(l->u.list.items[57]->u.i, 57);
	CHECK_STR(tval_str(a, NULL)->u.s.p, "");
	CHECK_INT(tval_strn(a, "abcdef", 3)->u.s.len, 3);

	s = render1("{{name}} {{age}} {{ok}} [{{nothing}}] {{#ok}}yes{{/ok}}",
	            m, NULL);
	CHECK_STR(s, "Bo -42 true [] yes");
	free(s);

	/* Numbers as the spec writes them. */
	m = tval_map(a);
	tval_set(m, "a", tval_double(a, 1.21));
	tval_set(m, "b", tval_double(a, 0.1));
	tval_set(m, "c", tval_double(a, 3.0));
	tval_set(m, "d", tval_double(a, -2.5e-7));
	tval_set(m, "e", tval_int(a, 9007199254740993LL));
	s = render1("{{a}} {{b}} {{c}} {{d}} {{e}}", m, NULL);
	CHECK_STR(s, "1.21 0.1 3 -2.5e-07 9007199254740993");
	free(s);

	/* Falsey: missing, null, false, empty list, empty string; 0 is not. */
	j = json_loads("{\"n\":null,\"f\":false,\"l\":[],\"s\":\"\",\"z\":0,"
	               "\"m\":{},\"t\":\"x\"}",
	               0, NULL);
	v = tval_from_json(a, j);
	json_decref(j);
	s = render1("{{#missing}}1{{/missing}}{{#n}}2{{/n}}{{#f}}3{{/f}}"
	            "{{#l}}4{{/l}}{{#s}}5{{/s}}{{#z}}6{{/z}}{{#m}}7{{/m}}"
	            "{{#t}}8{{/t}}|{{^n}}a{{/n}}{{^s}}b{{/s}}{{^z}}c{{/z}}",
	            v, NULL);
	CHECK_STR(s, "678|ab");
	free(s);

	/* From JSON: order, nesting, types. */
	j = json_loads("{\"b\":1,\"a\":[true,1.5,\"x\",null,{\"k\":\"v\"}]}", 0,
	               NULL);
	v = tval_from_json(a, j);
	json_decref(j);
	CHECK_INT(v->kind, TVAL_MAP);
	CHECK_STR(v->u.map.e[0].key, "b");
	l = tval_get(v, "a");
	CHECK_INT(l->kind, TVAL_LIST);
	CHECK_INT(l->u.list.n, 5);
	CHECK_INT(l->u.list.items[0]->kind, TVAL_BOOL);
	CHECK_INT(l->u.list.items[1]->kind, TVAL_DOUBLE);
	CHECK_INT(l->u.list.items[3]->kind, TVAL_NULL);
	CHECK_STR(tval_get(l->u.list.items[4], "k")->u.s.p, "v");
	CHECK_INT(tval_from_json(a, NULL)->kind, TVAL_NULL);
	s = render1("{{#a}}({{.}}{{k}}){{/a}}", v, NULL);
	CHECK_STR(s, "(true)(1.5)(x)()(v)");
	free(s);

	/* Rendering with no context at all. */
	s = render1("[{{x}}{{#x}}y{{/x}}{{^x}}z{{/x}}{{.}}]", NULL, NULL);
	CHECK_STR(s, "[z]");
	free(s);
	arena_free(a);
}

static const char LAYOUT[] =
        "<!DOCTYPE html>\n"
        "<title>{{$title}}{{site}}{{/title}}</title>\n"
        "<main>\n"
        "  {{$content}}\n"
        "  <p>nothing here</p>\n"
        "  {{/content}}\n"
        "</main>\n"
        "<footer>{{$footer}}(c) {{site}}{{/footer}}</footer>\n";

static const char PAGE[] = "{{<layout}}\n"
                           "{{$title}}{{q.title}} · {{site}}{{/title}}\n"
                           "{{$content}}\n"
                           "<h1>{{q.title}}</h1>\n"
                           "{{#q.answers}}\n"
                           "<p>{{.}}</p>\n"
                           "{{/q.answers}}\n"
                           "{{/content}}\n"
                           "{{/layout}}\n";

static void test_layout(void)
{
	struct tmpl_set *set = tmpl_set_new();
	struct arena *a = arena_new();
	struct buf out = BUF_INIT;
	struct tval *m = tval_map(a), *q, *ans;

	CHECK_INT(tmpl_set_add(set, "layout", LAYOUT, strlen(LAYOUT), NULL), 0);
	CHECK_INT(tmpl_set_add(set, "page", PAGE, strlen(PAGE), NULL), 0);
	tval_set_str(m, "site", "askdoc");
	q = tval_set(m, "q", tval_map(a));
	tval_set_str(q, "title", "Liver <cancer>");
	ans = tval_set(q, "answers", tval_list(a));
	tval_push(ans, tval_str(a, "one"));
	tval_push(ans, tval_str(a, "two & three"));
	CHECK_INT(tmpl_render(set, "page", m, &out), 0);
	CHECK_STR(out.p, "<!DOCTYPE html>\n"
	                 "<title>Liver &lt;cancer&gt; · askdoc</title>\n"
	                 "<main>\n"
	                 "  <h1>Liver &lt;cancer&gt;</h1>\n"
	                 "  <p>one</p>\n"
	                 "  <p>two &amp; three</p>\n"
	                 "</main>\n"
	                 "<footer>(c) askdoc</footer>\n");

	/* The layout alone renders its defaults. */
	buf_clear(&out);
	CHECK_INT(tmpl_render(set, "layout", m, &out), 0);
	CHECK(strstr(out.p, "<title>askdoc</title>") != NULL);
	CHECK(strstr(out.p, "\n  <p>nothing here</p>\n</main>") != NULL);

	/* A page whose parent is missing renders nothing, not an error. */
	buf_clear(&out);
	CHECK_INT(add(set, "orphan", "a{{<nope}}{{$x}}y{{/x}}{{/nope}}b"), 0);
	CHECK_INT(tmpl_render(set, "orphan", m, &out), 0);
	CHECK_STR(out.p, "ab");

	/* A missing template is an error and writes nothing. */
	buf_clear(&out);
	CHECK_INT(tmpl_render(set, "absent", m, &out), TMPL_ENOENT);
	CHECK_INT(out.len, 0);

	/* An empty template leaves a fresh buffer a valid empty string. */
	buf_free(&out);
	CHECK_INT(add(set, "empty", ""), 0);
	CHECK_INT(tmpl_render(set, "empty", m, &out), 0);
	CHECK(out.p != NULL && out.len == 0 && out.p[0] == '\0');
	buf_free(&out);
	arena_free(a);
	tmpl_set_free(set);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static void remove_files(const char *dir)
{
	static const char *names[] = {"layout.mustache", "extra.mustache",
	                              "notes.txt", "broken.mustache"};
	char path[512];

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void test_loader(void)
{
	struct tmpl_set *set = tmpl_set_new();
	struct arena *a = arena_new();
	struct buf out = BUF_INIT;
	struct tval *m = tval_map(a);
	char dir[] = "/tmp/askdoc-tmpl-XXXXXX";
	char *err = NULL;

	/* The compiled-in templates load and the pages find their layout. */
	CHECK_INT(tmpl_set_load(set, NULL, &err), 0);
	CHECK(err == NULL);
	CHECK_INT(tmpl_set_has(set, "layout"), 1);
	CHECK_INT(tmpl_set_has(set, "qa"), 1);
	CHECK_INT(tmpl_set_has(set, "messages"), 0);
	tval_set(m, "site", tval_map(a));
	tval_set_str(tval_get(m, "site"), "name", "askdoc-test-site");
	tval_set(m, "qa", tval_map(a));
	tval_set_str(tval_get(m, "qa"), "title", "Interferon <after> surgery");
	CHECK_INT(tmpl_render(set, "qa", m, &out), 0);
	CHECK(strstr(out.p, "<!DOCTYPE html>") != NULL);
	CHECK(strstr(out.p, "Interferon &lt;after&gt; surgery") != NULL);
	CHECK(strstr(out.p, "askdoc-test-site") != NULL);

	/* A folder overrides the compiled-in layout and adds templates;
	 * files that are not *.mustache are ignored. */
	CHECK(mkdtemp(dir) != NULL);
	write_file(dir, "layout.mustache",
	           "OVERRIDE[{{$content}}{{/content}}]\n");
	write_file(dir, "extra.mustache", "extra {{x}}");
	write_file(dir, "notes.txt", "{{#unclosed}}");
	CHECK_INT(tmpl_set_load(set, dir, &err), 0);
	CHECK(err == NULL);
	CHECK_INT(tmpl_set_has(set, "extra"), 1);
	CHECK_INT(tmpl_set_has(set, "notes"), 0);
	buf_clear(&out);
	CHECK_INT(tmpl_render(set, "qa", m, &out), 0);
	CHECK(strncmp(out.p, "OVERRIDE[", 9) == 0);
	CHECK(strstr(out.p, "Interferon &lt;after&gt; surgery") != NULL);
	CHECK(strstr(out.p, "<!DOCTYPE html>") == NULL);

	/* A broken template in the folder is reported with its path. */
	write_file(dir, "broken.mustache", "ok\n{{#open}}\n");
	CHECK_INT(tmpl_set_load(set, dir, &err), TMPL_ESYNTAX);
	CHECK(err && strstr(err, "/broken.mustache:2: section 'open' is not "
	                         "closed") != NULL);
	free(err);
	err = NULL;
	remove_files(dir);

	/* A folder that does not exist is an error. */
	CHECK_INT(tmpl_set_load(set, "/nonexistent/askdoc-templates", &err),
	          TMPL_ENOENT);
	CHECK(err && strstr(err, "/nonexistent/askdoc-templates") != NULL);
	free(err);

	buf_free(&out);
	arena_free(a);
	tmpl_set_free(set);
}

struct job {
	const struct tmpl_set *set;
	const struct tval *ctx;
	const char *want;
	int bad;
};

static void *render_many(void *arg)
{
	struct job *j = arg;
	struct buf out = BUF_INIT;

	for (int i = 0; i < 2000; i++) {
		buf_clear(&out);
		if (tmpl_render(j->set, "page", j->ctx, &out) != 0 ||
		    strcmp(out.p, j->want) != 0)
			j->bad++;
	}
	buf_free(&out);
	return NULL;
}

/* A list page like the site's: a layout, a 50-item list, a partial per item. */
static struct tmpl_set *list_page(struct arena *a, struct tval **ctx)
{
	static const char item[] =
	        "<li><a href=\"/qa/{{id}}\">{{title}}</a>\n"
	        "  <p>{{excerpt}}</p>{{#dept}} <span>{{name}}</span>{{/dept}}\n"
	        "</li>\n";
	static const char page[] = "{{<layout}}{{$content}}\n<ul>\n"
	                           "{{#items}}\n  {{>item}}\n{{/items}}\n"
	                           "</ul>\n{{/content}}{{/layout}}";
	struct tmpl_set *set = tmpl_set_new();
	struct tval *m = tval_map(a), *items;

	tmpl_set_add(set, "layout", LAYOUT, strlen(LAYOUT), NULL);
	tmpl_set_add(set, "item", item, strlen(item), NULL);
	tmpl_set_add(set, "page", page, strlen(page), NULL);
	tval_set_str(m, "site", "askdoc");
	items = tval_set(m, "items", tval_list(a));
	for (int i = 0; i < 50; i++) {
		struct tval *it = tval_push(items, tval_map(a));
		tval_set_int(it, "id", 1000 + i);
		tval_set_str(it, "title", "Can interferon lower recurrence?");
		tval_set_str(it, "excerpt",
		             "After surgery for hepatitis-C-related liver "
		             "cancer, is interferon worth it & safe with "
		             "Child-Pugh B cirrhosis? ...");
		tval_set_str(tval_set(it, "dept", tval_map(a)), "name",
		             "Gastroenterology and Hepatology");
	}
	*ctx = m;
	return set;
}

static void test_threads(void)
{
	struct arena *a = arena_new();
	struct tval *ctx;
	struct tmpl_set *set = list_page(a, &ctx);
	struct buf want = BUF_INIT;
	pthread_t th[4];
	struct job jobs[4];

	CHECK_INT(tmpl_render(set, "page", ctx, &want), 0);
	CHECK(strstr(want.p, "\n    <li><a href=\"/qa/1049\">") != NULL);
	CHECK(strstr(want.p, "\n      <p>After surgery") != NULL);
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){set, ctx, want.p, 0};
		pthread_create(&th[i], NULL, render_many, &jobs[i]);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(jobs[i].bad, 0);
	}
	buf_free(&want);
	tmpl_set_free(set);
	arena_free(a);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_speed(void)
{
	struct arena *a = arena_new();
	struct tval *ctx;
	struct tmpl_set *set = list_page(a, &ctx);
	struct buf out = BUF_INIT;
	int n = 5000;
	double t0, per;

	tmpl_render(set, "page", ctx, &out);
	t0 = now();
	for (int i = 0; i < n; i++) {
		buf_clear(&out);
		tmpl_render(set, "page", ctx, &out);
	}
	per = (now() - t0) / n * 1e6;
	printf("speed: 50-item list page with layout and partial: %.1f us "
	       "per render, %zu bytes\n",
	       per, out.len);
	/* Generous bound: sanitizer builds are many times slower. */
	CHECK(per < 2000);
	buf_free(&out);
	tmpl_set_free(set);
	arena_free(a);
}

/* Random templates from Mustache's own characters must compile or fail
 * cleanly, and render without crashing. */
static void test_random_templates(void)
{
	static const char alphabet[] = "{{}}#^/!=<>$&. ab\n\t{}";
	struct arena *a = arena_new();
	struct tval *m = tval_map(a);
	unsigned seed = 12345;
	int compiled = 0;

	tval_set_str(m, "a", "A");
	tval_set(m, "b", tval_list(a));
	tval_push(tval_get(m, "b"), tval_map(a));
	for (int i = 0; i < 20000; i++) {
		char src[40];
		int n = 1 + (int)(seed % 39), rc;
		char *s;
		for (int k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			src[k] =
			        alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		src[n] = '\0';
		s = render1(src, m, &rc);
		compiled += s != NULL;
		free(s);
	}
	CHECK(compiled > 1000);
	arena_free(a);
}

int main(void)
{
	RUN(test_escaping);
	RUN(test_syntax_errors);
	RUN(test_depth_limit);
	RUN(test_values);
	RUN(test_layout);
	RUN(test_loader);
	RUN(test_threads);
	RUN(test_speed);
	RUN(test_random_templates);
	return test_summary();
}
