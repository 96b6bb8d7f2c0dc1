/* fuzz/fuzz_tmpl.c: libFuzzer target for the Mustache engine
 * (tmpl_set_add compiles, tmpl_render renders).
 *
 * The input is a template. It is compiled into a set that also holds two
 * fixed templates it may use, a partial "p" and a parent "layout" with one
 * block, and rendered against a small value tree (strings that need
 * escaping, numbers, booleans, null, an empty list, a list of two maps,
 * nested maps). The fuzzed template is added under a name with a space in
 * it, which no tag can name, so it cannot include itself.
 *
 * Mustache lets templates recurse (a partial may include itself), so a
 * template with two recursive references renders in time exponential in
 * LIMIT_TEMPLATE_DEPTH. Templates are trusted files, not user input, so
 * the target only renders inputs that could not build such a tree: at most
 * one '>' (partial) and one '<' (parent) byte, and the only list with more
 * than one item has items that hide its name (every item's "two" is an
 * empty list), so nested sections over it do not multiply. Every input is
 * still compiled. Checks: compile errors come with a "NAME:LINE: ..."
 * message and leave the set without the template; renders return 0 or
 * TMPL_EDEPTH and leave a NUL-terminated buffer.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"

#define TMPL_FUZZ_NAME "fuzz main"

static const char tmpl_fuzz_partial[] =
        "<p>{{name}}|{{{name}}}|{{#two}}[{{x}}{{name}}]{{/two}}</p>\n"
        "  {{^none}}nothing{{/none}}\n";
static const char tmpl_fuzz_layout[] = "<main>\n"
                                       "  {{$body}}default {{n}}{{/body}}\n"
                                       "</main>\n";

static struct tval *tmpl_fuzz_item(struct arena *a, const char *x,
                                   const char *name)
{
	struct tval *m = tval_map(a);

	tval_set_str(m, "x", x);
	tval_set_str(m, "name", name);
	tval_set(m, "two", tval_list(a));
	return m;
}

static struct tval *tmpl_fuzz_context(struct arena *a)
{
	struct tval *root = tval_map(a), *two, *map, *inner;

	tval_set_str(root, "name", "<b>\"Tom\" & 'Jerry'</b>");
	tval_set_int(root, "n", 42);
	tval_set_int(root, "neg", -7);
	tval_set(root, "d", tval_double(a, 1.5));
	tval_set(root, "tiny", tval_double(a, 1e-300));
	tval_set_bool(root, "t", 1);
	tval_set_bool(root, "f", 0);
	tval_set(root, "nul", NULL);
	tval_set_str(root, "empty", "");
	tval_set(root, "none", tval_list(a));
	two = tval_set(root, "two", tval_list(a));
	tval_push(two, tmpl_fuzz_item(a, "1", "a<"));
	tval_push(two, tmpl_fuzz_item(a, "2", ""));
	map = tval_set(root, "map", tval_map(a));
	inner = tval_set(map, "a", tval_map(a));
	tval_set_str(inner, "b", "deep & dark");
	tval_set(map, "two", tval_list(a));
	tval_set_str(root, "utf8", "\xe8\x82\x9d\xe7\x99\x8c \xc3\xa9");
	return root;
}

static void tmpl_fuzz_render(struct tmpl_set *set, const char *name,
                             const struct tval *ctx)
{
	struct buf out = BUF_INIT;
	int rc = tmpl_render(set, name, ctx, &out);

	FUZZ_CHECK(rc == 0 || rc == TMPL_EDEPTH);
	FUZZ_CHECK(out.p != NULL && out.p[out.len] == 0);
	buf_free(&out);
}

int fuzz_tmpl(const uint8_t *data, size_t size)
{
	struct tmpl_set *set = tmpl_set_new();
	struct arena *a = arena_new();
	char *err = NULL;
	size_t lt = 0, gt = 0;
	int rc;

	rc = tmpl_set_add(set, "p", tmpl_fuzz_partial,
	                  sizeof tmpl_fuzz_partial - 1, NULL);
	FUZZ_CHECK(rc == 0);
	rc = tmpl_set_add(set, "layout", tmpl_fuzz_layout,
	                  sizeof tmpl_fuzz_layout - 1, NULL);
	FUZZ_CHECK(rc == 0);
	rc = tmpl_set_add(set, TMPL_FUZZ_NAME, (const char *)data, size, &err);
	if (rc) {
		FUZZ_CHECK(rc == TMPL_ESYNTAX);
		FUZZ_CHECK(err != NULL);
		FUZZ_CHECK(strncmp(err, TMPL_FUZZ_NAME ":",
		                   sizeof TMPL_FUZZ_NAME) == 0);
		FUZZ_CHECK(!tmpl_set_has(set, TMPL_FUZZ_NAME));
		free(err);
		goto done;
	}
	FUZZ_CHECK(err == NULL);
	FUZZ_CHECK(tmpl_set_has(set, TMPL_FUZZ_NAME));
	for (size_t i = 0; i < size; i++) {
		lt += data[i] == '<';
		gt += data[i] == '>';
	}
	if (lt <= 1 && gt <= 1) {
		struct tval *ctx = tmpl_fuzz_context(a);
		tmpl_fuzz_render(set, TMPL_FUZZ_NAME, ctx);
		tmpl_fuzz_render(set, TMPL_FUZZ_NAME, NULL);
		tmpl_fuzz_render(set, TMPL_FUZZ_NAME, tval_str(a, "scalar"));
	}
done:
	arena_free(a);
	tmpl_set_free(set);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_tmpl(data, size);
}
#endif
