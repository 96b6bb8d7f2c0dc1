/* safety/report.c: one text's emergency flags and personal data as a
 * report line, for `askdoc safety` and its tests.
 *
 * It calls what the web pages call: safety_redflags and safety_redact with
 * the default markers (see report.h for the format).
 */
#include "safety/report.h"

#include <errno.h>
#include <string.h>

#include "safety/pii.h"
#include "safety/redflag.h"
#include "util/arena.h"
#include "util/buf.h"

void safety_report(struct arena *a, const char *text, int json, struct buf *b)
{
	struct safety_flag *f = NULL;
	struct safety_pii *found = NULL;
	size_t nf = 0, np = 0;
	char *red = NULL;
	int rc;

	rc = safety_redflags(a, text, &f, &nf);
	if (rc >= 0)
		rc = safety_redact(a, text, NULL, &red, &found, &np);
	if (rc < 0) {
		const char *why = rc == -E2BIG ? "text too long" : "bad text";
		if (json)
			buf_printf(b, "{\"error\": \"%s\"}\n", why);
		else
			buf_printf(b, "error: %s\n", why);
		return;
	}
	if (!json) {
		buf_puts(b, nf ? "emergency:" : "no emergency");
		for (size_t i = 0; i < nf; i++)
			buf_printf(b, " %s",
			           safety_category_key(f[i].category));
		buf_puts(b, "\n  redacted: ");
		buf_puts(b, red);
		for (size_t i = 0; i < np; i++) {
			buf_printf(b, "\n  %s %zu-%zu: ",
			           safety_pii_type_key(found[i].type),
			           found[i].start, found[i].end);
			buf_append(b, text + found[i].start,
			           found[i].end - found[i].start);
		}
		buf_putc(b, '\n');
		return;
	}
	buf_printf(b, "{\"emergency\": %s, \"categories\": [",
	           nf ? "true" : "false");
	for (size_t i = 0; i < nf; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_json_lossy(b, safety_category_key(f[i].category));
	}
	buf_puts(b, "], \"redacted\": ");
	buf_json_lossy(b, red);
	buf_puts(b, ", \"findings\": [");
	for (size_t i = 0; i < np; i++) {
		size_t len = found[i].end - found[i].start;
		char *s = arena_alloc(a, len + 1);

		memcpy(s, text + found[i].start, len);
		s[len] = 0;
		buf_puts(b, i ? ", {\"type\": " : "{\"type\": ");
		buf_json_lossy(b, safety_pii_type_key(found[i].type));
		buf_puts(b, ", \"text\": ");
		buf_json_lossy(b, s);
		buf_printf(b, ", \"start\": %zu, \"end\": %zu}", found[i].start,
		           found[i].end);
	}
	buf_puts(b, "]}\n");
}
