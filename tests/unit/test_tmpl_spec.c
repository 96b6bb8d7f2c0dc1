/* tests/unit/test_tmpl_spec.c: the Mustache spec's conformance tests.
 *
 * Reads every JSON file in ../shared/conformance/mustache (the spec's test
 * files as JSON), compiles each test's template and partials into a fresh set,
 * renders the test's data and compares with the expected output. Each spec
 * test counts as one check; failures print the file, the test name, and the
 * expected and actual output. Without the shared folder it skips.
 */
#include "test.h"

#include <dirent.h>
#include <stdlib.h>

#include <jansson.h>

#include "tmpl/tmpl.h"

#define SPEC_DIR "../shared/conformance/mustache"

static void run_test(const char *file, const json_t *t)
{
	const char *name = json_string_value(json_object_get(t, "name"));
	const json_t *tmpl = json_object_get(t, "template");
	const json_t *want = json_object_get(t, "expected");
	const json_t *partials = json_object_get(t, "partials");
	struct tmpl_set *set = tmpl_set_new();
	struct arena *a = arena_new();
	struct buf out = BUF_INIT;
	const char *pname;
	json_t *psrc;
	char *err = NULL;
	int rc = 0;

	test_current = name ? name : file;
	if (!name || !json_is_string(tmpl) || !json_is_string(want)) {
		test_failed++;
		fprintf(stderr, "FAIL %s: malformed test\n", file);
		goto done;
	}
	json_object_foreach((json_t *)partials, pname, psrc)
	{
		rc = tmpl_set_add(set, pname, json_string_value(psrc),
		                  json_string_length(psrc), &err);
		if (rc < 0)
			goto done;
	}
	rc = tmpl_set_add(set, "(test)", json_string_value(tmpl),
	                  json_string_length(tmpl), &err);
	if (rc < 0)
		goto done;
	rc = tmpl_render(set, "(test)",
	                 tval_from_json(a, json_object_get(t, "data")), &out);
done:
	if (name && json_is_string(want)) {
		if (rc == 0 && out.len == json_string_length(want) &&
		    memcmp(out.p ? out.p : "", json_string_value(want),
		           out.len) == 0) {
			test_passed++;
		} else {
			test_failed++;
			fprintf(stderr,
			        "FAIL %s: %s\n  template: %s\n  expected: "
			        "[%s]\n"
			        "  got:      [%s] (rc %d%s%s)\n",
			        file, name, json_string_value(tmpl),
			        json_string_value(want), out.p ? out.p : "", rc,
			        err ? ", " : "", err ? err : "");
		}
	}
	free(err);
	buf_free(&out);
	arena_free(a);
	tmpl_set_free(set);
}

static int json_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && strcmp(d->d_name + n - 5, ".json") == 0;
}

int main(void)
{
	struct dirent **list;
	int n = scandir(SPEC_DIR, &list, json_file, alphasort);

	if (n < 0) {
		printf("SKIP: " SPEC_DIR " not found\n");
		return test_summary();
	}
	for (int i = 0; i < n; i++) {
		char path[512];
		json_error_t jerr;
		json_t *root, *tests, *t;
		size_t j;
		int before = test_failed, passed = test_passed;

		snprintf(path, sizeof(path), SPEC_DIR "/%s", list[i]->d_name);
		root = json_load_file(path, 0, &jerr);
		tests = json_object_get(root, "tests");
		if (!json_is_array(tests)) {
			test_failed++;
			fprintf(stderr, "FAIL %s: %s\n", path,
			        root ? "no tests array" : jerr.text);
		}
		json_array_foreach(tests, j, t) run_test(list[i]->d_name, t);
		printf("%-20s %d passed, %d failed\n", list[i]->d_name,
		       test_passed - passed, test_failed - before);
		json_decref(root);
		free(list[i]);
	}
	free(list);
	return test_summary();
}
