/* fuzz/fuzz_archive.c: libFuzzer target for one archive line
 * (archive_parse: JSON to a validated record; archive_format: the
 * canonical line).
 *
 * The input is one line of an import file. A rejected line must come with
 * a one-line reason that fits its buffer. An accepted line is formatted
 * canonically, and the canonical line must parse again and format to the
 * same bytes: export -> import -> export is the identity, as archive.h
 * promises, for anything the importer accepts.
 */
#include <stdint.h>
#include <string.h>

#include "archive/archive.h"
#include "fuzz.h"
#include "util/arena.h"
#include "util/buf.h"

/* Parse line and append its canonical form to out; returns archive_parse's
 * code. */
static int archive_roundtrip(struct arena *a, const char *line, size_t len,
                             struct buf *out)
{
	struct archive_record rec;
	struct store_record view;
	char err[160];
	int rc;

	memset(err, 'x', sizeof err);
	rc = archive_parse(a, line, len, &rec, err, sizeof err);
	if (rc) {
		FUZZ_CHECK(rc == -1);
		FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL);
		FUZZ_CHECK(err[0] != 0);
		FUZZ_CHECK(strchr(err, '\n') == NULL);
		return rc;
	}
	FUZZ_CHECK(rec.kind == STORE_KIND_QA || rec.kind == STORE_KIND_FAQ ||
	           rec.kind == STORE_KIND_ARTICLE);
	for (size_t i = 0; i < rec.n_warnings; i++)
		FUZZ_CHECK(rec.warnings[i] != NULL &&
		           strchr(rec.warnings[i], '\n') == NULL);
	view = archive_record_view(&rec);
	archive_format(out, &view);
	FUZZ_CHECK(out->len > 0 && out->p[0] == '{');
	FUZZ_CHECK(memchr(out->p, '\n', out->len) == NULL);
	return 0;
}

int fuzz_archive(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct buf one = BUF_INIT, two = BUF_INIT;

	if (archive_roundtrip(a, (const char *)data, size, &one) == 0) {
		FUZZ_CHECK(archive_roundtrip(a, one.p, one.len, &two) == 0);
		FUZZ_CHECK(one.len == two.len);
		FUZZ_CHECK(memcmp(one.p, two.p, one.len) == 0);
	}
	buf_free(&one);
	buf_free(&two);
	arena_free(a);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_archive(data, size);
}
#endif
