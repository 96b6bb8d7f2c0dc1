/* safety/pii_marks.c: the labelled form of personal data, text with each
 * finding marked "[[type|data]]", as tests/data/safety/pii*.tsv and the
 * outside batches write it. The tests score the detector on it and
 * tools/pii_train.c learns from it; nothing at run time reads it.
 */
#include <string.h>

#include "safety/pii.h"

int safety_pii_type_by_key(const char *k, size_t n)
{
	for (int t = 0; t < SAFETY_PII_NTYPES; t++) {
		const char *s = safety_pii_type_key((enum safety_pii_type)t);

		if (strlen(s) == n && memcmp(s, k, n) == 0)
			return t;
	}
	return -1;
}

size_t safety_pii_unmark(const char *in, char *out, struct safety_pii *sp,
                         size_t max)
{
	size_t n = 0, o = 0;

	while (*in) {
		const char *bar, *end;
		int t;

		if (in[0] != '[' || in[1] != '[' || !(bar = strchr(in, '|')) ||
		    !(end = strstr(bar, "]]")) ||
		    (t = safety_pii_type_by_key(in + 2,
		                                (size_t)(bar - in - 2))) < 0) {
			out[o++] = *in++;
			continue;
		}
		if (n < max) {
			sp[n].type = (enum safety_pii_type)t;
			sp[n].start = o;
			sp[n].end = o + (size_t)(end - bar - 1);
			n++;
		}
		memcpy(out + o, bar + 1, (size_t)(end - bar - 1));
		o += (size_t)(end - bar - 1);
		in = end + 2;
	}
	out[o] = 0;
	return n;
}
