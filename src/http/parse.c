/* http/parse.c: query strings, forms, cookies, multipart bodies and the
 * small header grammars (parameters, Accept-Encoding, If-None-Match).
 *
 * Each parser makes one pass over its input and copies what it keeps into
 * the arena, so callers may free or reuse the input. Text that reaches a
 * caller has been percent-decoded (where the grammar says so) and checked
 * to be UTF-8 without NULs: the rest of askdoc can treat form values as C
 * strings. The parsers never read outside [s, s + n) and never rely on a
 * NUL terminator, which keeps them fuzzable on raw bytes.
 */
#include "http/parse.h"

#include <string.h>

#include "limits.h"
#include "util/arena.h"
#include "util/util.h"

const char *http_strerror(int rc)
{
	switch (rc) {
	case 0: return "no error";
	case HTTP_EESCAPE: return "invalid percent-encoding";
	case HTTP_EUTF8: return "invalid UTF-8";
	case HTTP_ENUL: return "NUL byte in text";
	case HTTP_ETOOMANY: return "too many fields";
	case HTTP_ETOOBIG: return "field too large";
	case HTTP_EMALFORMED: return "malformed request";
	case HTTP_EINVAL: return "invalid argument";
	case HTTP_ENOTFOUND: return "not found";
	case HTTP_EMETHOD: return "method not allowed";
	case HTTP_ESYS: return "system error";
	}
	return "unknown error";
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Compare n bytes at s with the NUL-terminated lit, ignoring ASCII case. */
static int ieq(const char *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!lit[i] || lower((unsigned char)s[i]) != lower(lit[i]))
			return 0;
	return lit[i] == '\0';
}

static int is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* Trim optional white space on both ends of [*s, *s + *n). */
static void trim(const char **s, size_t *n)
{
	while (*n && is_ows(**s))
		(*s)++, (*n)--;
	while (*n && is_ows((*s)[*n - 1]))
		(*n)--;
}

/* Return 1 if c may appear in an RFC 9110 token. */
static int is_tchar(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return 1;
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return 1;
	return c && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* Check decoded text: UTF-8 and no NUL. */
static int check_text(const char *s, size_t n)
{
	if (memchr(s, '\0', n))
		return HTTP_ENUL;
	if (!utf8_valid(s, n))
		return HTTP_EUTF8;
	return 0;
}

int http_decode(struct arena *a, const char *s, size_t n, int plus, char **out,
                size_t *out_len)
{
	char *d = arena_alloc(a, n + 1);
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			int hi, lo;
			if (n - i < 3)
				return HTTP_EESCAPE;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return HTTP_EESCAPE;
			d[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (c == '+' && plus) {
			d[j++] = ' ';
		} else {
			d[j++] = (char)c;
		}
	}
	d[j] = '\0';
	int rc = check_text(d, j);
	if (rc)
		return rc;
	*out = d;
	*out_len = j;
	return 0;
}

int http_parse_query(struct arena *a, const char *s, size_t n,
                     struct http_kv **out, size_t *n_out)
{
	struct http_kv *kv = NULL;
	size_t count = 0, i = 0, k = 0;
	int rc = 0;

	/* Count the non-empty pairs first, so the limit costs no work. */
	for (size_t p = 0; p < n;) {
		const char *amp = memchr(s + p, '&', n - p);
		size_t end = amp ? (size_t)(amp - s) : n;
		if (end > p)
			count++;
		p = end + 1;
	}
	if (count > LIMIT_FORM_FIELDS)
		return HTTP_ETOOMANY;
	if (count)
		kv = ARENA_ARRAY(a, struct http_kv, count);
	while (i < n) {
		const char *amp = memchr(s + i, '&', n - i);
		size_t end = amp ? (size_t)(amp - s) : n;
		const char *pair = s + i, *eq;
		size_t plen = end - i, nlen, vlen;
		char *name, *value;

		i = end + 1;
		if (!plen)
			continue;
		eq = memchr(pair, '=', plen);
		nlen = eq ? (size_t)(eq - pair) : plen;
		vlen = eq ? plen - nlen - 1 : 0;
		/* Decoding never grows text, and shrinks it at most 3:1. */
		if (nlen > 3 * (size_t)LIMIT_FIELD_BYTES ||
		    vlen > 3 * (size_t)LIMIT_FIELD_BYTES) {
			rc = HTTP_ETOOBIG;
			goto done;
		}
		rc = http_decode(a, pair, nlen, 1, &name, &nlen);
		if (rc)
			goto done;
		rc = http_decode(a, eq ? eq + 1 : "", vlen, 1, &value, &vlen);
		if (rc)
			goto done;
		if (nlen > LIMIT_FIELD_BYTES || vlen > LIMIT_FIELD_BYTES) {
			rc = HTTP_ETOOBIG;
			goto done;
		}
		kv[k].name = name;
		kv[k].value = value;
		kv[k].len = vlen;
		k++;
	}
	*out = kv;
	*n_out = k;
done:
	return rc;
}

/* RFC 6265 cookie-octet: printable US-ASCII except DQUOTE , ; and \. */
static int is_cookie_octet(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2b) ||
	       (c >= 0x2d && c <= 0x3a) || (c >= 0x3c && c <= 0x5b) ||
	       (c >= 0x5d && c <= 0x7e);
}

int http_parse_cookies(struct arena *a, const char *s, size_t n,
                       struct http_kv **out, size_t *n_out)
{
	struct http_kv *kv = NULL;
	size_t count = 0, k = 0;

	for (size_t p = 0; p < n;) {
		const char *semi = memchr(s + p, ';', n - p);
		size_t end = semi ? (size_t)(semi - s) : n;
		const char *c = s + p;
		size_t len = end - p;
		trim(&c, &len);
		if (len)
			count++;
		p = end + 1;
	}
	if (count > LIMIT_COOKIES)
		return HTTP_ETOOMANY;
	if (count)
		kv = ARENA_ARRAY(a, struct http_kv, count);
	for (size_t p = 0; p < n;) {
		const char *semi = memchr(s + p, ';', n - p);
		size_t end = semi ? (size_t)(semi - s) : n;
		const char *c = s + p, *eq, *v;
		size_t len = end - p, nlen, vlen, i;

		p = end + 1;
		trim(&c, &len);
		eq = memchr(c, '=', len);
		if (!len || !eq || eq == c)
			continue;
		nlen = (size_t)(eq - c);
		v = eq + 1;
		vlen = len - nlen - 1;
		trim(&c, &nlen);
		trim(&v, &vlen);
		if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"')
			v++, vlen -= 2;
		for (i = 0; i < nlen && is_tchar((unsigned char)c[i]); i++)
			;
		if (!nlen || i < nlen)
			continue;
		for (i = 0; i < vlen && is_cookie_octet((unsigned char)v[i]);
		     i++)
			;
		if (i < vlen)
			continue;
		kv[k].name = arena_strndup(a, c, nlen);
		kv[k].value = arena_strndup(a, v, vlen);
		kv[k].len = vlen;
		k++;
	}
	*out = k ? kv : NULL;
	*n_out = k;
	return 0;
}

/* Parse a quoted-string starting at s[*i] == '"'; store the unquoted text
 * in the arena. Returns 0 or HTTP_EMALFORMED. */
static int quoted(struct arena *a, const char *s, size_t n, size_t *i,
                  char **out)
{
	char *d = arena_alloc(a, n - *i);
	size_t j = 0, k = *i + 1;

	for (; k < n && s[k] != '"'; k++) {
		if (s[k] == '\\') {
			if (++k == n)
				return HTTP_EMALFORMED;
		}
		d[j++] = s[k];
	}
	if (k == n)
		return HTTP_EMALFORMED;
	d[j] = '\0';
	*i = k + 1;
	*out = d;
	return 0;
}

int http_header_param(struct arena *a, const char *s, size_t n,
                      const char *name, char **out)
{
	size_t i = 0;

	*out = NULL;
	/* Skip the value before the parameters, minding quoted strings. */
	while (i < n && s[i] != ';') {
		if (s[i] == '"') {
			char *skip;
			if (quoted(a, s, n, &i, &skip))
				return HTTP_EMALFORMED;
			continue;
		}
		i++;
	}
	while (i < n) {
		size_t ns, ne;
		char *val = NULL;

		i++; /* the ';' */
		while (i < n && (is_ows(s[i]) || s[i] == ';'))
			i++;
		ns = i;
		while (i < n && s[i] != '=' && s[i] != ';')
			i++;
		ne = i;
		while (ne > ns && is_ows(s[ne - 1]))
			ne--;
		if (i < n && s[i] == '=') {
			i++;
			while (i < n && is_ows(s[i]))
				i++;
			if (i < n && s[i] == '"') {
				if (quoted(a, s, n, &i, &val))
					return HTTP_EMALFORMED;
				while (i < n && s[i] != ';')
					i++;
			} else {
				size_t vs = i, ve;
				while (i < n && s[i] != ';')
					i++;
				ve = i;
				while (ve > vs && is_ows(s[ve - 1]))
					ve--;
				val = arena_strndup(a, s + vs, ve - vs);
			}
		}
		if (ne > ns && ieq(s + ns, ne - ns, name)) {
			*out = val ? val : arena_strdup(a, "");
			return 0;
		}
	}
	return 0;
}

int http_mime_is(const char *s, const char *type)
{
	size_t n;

	if (!s)
		return 0;
	n = strcspn(s, ";");
	while (n && is_ows(s[n - 1]))
		n--;
	while (n && is_ows(*s))
		s++, n--;
	return ieq(s, n, type);
}

/* Find needle in [h, h + n); memmem with a length check for clarity. */
static const char *find(const char *h, size_t n, const char *needle, size_t nn)
{
	return nn <= n ? memmem(h, n, needle, nn) : NULL;
}

/* The headers of one part: Content-Disposition's name and filename and
 * the Content-Type. */
struct part_head {
	char *name;
	char *filename;
	char *ctype;
};

static int part_headers(struct arena *a, const char *s, size_t n,
                        struct part_head *h)
{
	size_t i = 0;
	int rc = 0;

	while (i < n) {
		const char *line = s + i, *crlf, *colon;
		size_t len, nlen;

		crlf = find(line, n - i, "\r\n", 2);
		len = crlf ? (size_t)(crlf - line) : n - i;
		i += len + 2;
		colon = memchr(line, ':', len);
		if (!colon)
			return HTTP_EMALFORMED;
		nlen = (size_t)(colon - line);
		const char *v = colon + 1;
		size_t vlen = len - nlen - 1;
		trim(&v, &vlen);
		if (ieq(line, nlen, "content-disposition")) {
			size_t tl = 0;
			while (tl < vlen && v[tl] != ';' && !is_ows(v[tl]))
				tl++;
			if (!ieq(v, tl, "form-data"))
				return HTTP_EMALFORMED;
			rc = http_header_param(a, v, vlen, "name", &h->name);
			if (!rc)
				rc = http_header_param(a, v, vlen, "filename",
				                       &h->filename);
			if (rc)
				return rc;
		} else if (ieq(line, nlen, "content-type")) {
			h->ctype = arena_strndup(a, v, vlen);
		}
	}
	if (!h->name)
		return HTTP_EMALFORMED;
	return 0;
}

/* Keep the last path component of a filename (browsers once sent
 * C:\Users\...\photo.jpg). */
static char *basename_of(char *f)
{
	char *p = f;

	for (char *q = f; *q; q++)
		if (*q == '/' || *q == '\\')
			p = q + 1;
	return p;
}

int http_parse_multipart(struct arena *a, const char *boundary,
                         const char *body, size_t n, struct http_kv **out,
                         size_t *n_out)
{
	struct http_kv *kv = NULL;
	size_t blen, dlen, k = 0, cap = 0;
	const char *p, *end = body + n;
	char *delim;
	int rc = 0;

	blen = boundary ? strlen(boundary) : 0;
	if (blen == 0 || blen > 70)
		return HTTP_EMALFORMED;
	/* The delimiter is CRLF "--" boundary; the first one may start the
	 * body without the CRLF. */
	delim = arena_printf(a, "\r\n--%s", boundary);
	dlen = blen + 4;
	if (n >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		p = body + dlen - 2;
	} else {
		p = find(body, n, delim, dlen);
		if (!p)
			return HTTP_EMALFORMED;
		p += dlen;
	}
	for (;;) {
		struct part_head h = {0};
		const char *hend, *next, *data;
		size_t len;

		/* After a delimiter: "--" closes, else padding and CRLF. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;
		while (p < end && is_ows(*p))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return HTTP_EMALFORMED;
		p += 2;
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
			hend = p; /* a part without headers */
			data = p + 2;
		} else {
			hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
			if (!hend || hend - p > 8192)
				return HTTP_EMALFORMED;
			data = hend + 4;
		}
		rc = part_headers(a, p, (size_t)(hend - p), &h);
		if (rc)
			return rc;
		next = find(data, (size_t)(end - data), delim, dlen);
		if (!next)
			return HTTP_EMALFORMED;
		len = (size_t)(next - data);
		if (k == LIMIT_FORM_FIELDS)
			return HTTP_ETOOMANY;
		if ((rc = check_text(h.name, strlen(h.name))) != 0)
			return rc;
		if (h.filename) {
			if ((rc = check_text(h.filename, strlen(h.filename))) !=
			    0)
				return rc;
			h.filename = basename_of(h.filename);
		} else {
			if (len > LIMIT_FIELD_BYTES)
				return HTTP_ETOOBIG;
			if ((rc = check_text(data, len)) != 0)
				return rc;
		}
		if (h.ctype && (rc = check_text(h.ctype, strlen(h.ctype))))
			return rc;
		if (k == cap) {
			struct http_kv *bigger;
			cap = cap ? cap * 2 : 8;
			bigger = ARENA_ARRAY(a, struct http_kv, cap);
			if (k)
				memcpy(bigger, kv, k * sizeof(*kv));
			kv = bigger;
		}
		kv[k].name = h.name;
		kv[k].value = arena_strndup(a, data, len);
		kv[k].len = len;
		kv[k].filename = h.filename;
		kv[k].content_type = h.ctype;
		k++;
		p = next + dlen;
	}
	*out = kv;
	*n_out = k;
	return 0;
}

/* Parse a qvalue ("0", "0.5", "1.000") into thousandths; -1 if malformed. */
static int qvalue(const char *s, size_t n)
{
	int q, scale = 100;
	size_t i;

	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	q = (s[0] - '0') * 1000;
	if (n == 1)
		return q;
	if (s[1] != '.' || n > 5)
		return -1;
	for (i = 2; i < n; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

int http_accepts_gzip(const char *s)
{
	int gzip_q = -1, star_q = -1;
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	for (size_t p = 0; p < n;) {
		const char *comma = memchr(s + p, ',', n - p);
		size_t end = comma ? (size_t)(comma - s) : n;
		const char *e = s + p, *semi;
		size_t len = end - p, tlen;
		int q = 1000;

		p = end + 1;
		trim(&e, &len);
		if (!len)
			continue;
		semi = memchr(e, ';', len);
		tlen = semi ? (size_t)(semi - e) : len;
		while (tlen && is_ows(e[tlen - 1]))
			tlen--;
		/* Only q matters; a malformed q voids the entry. */
		while (semi) {
			const char *prm = semi + 1, *next;
			size_t plen;
			next = memchr(prm, ';', (size_t)(e + len - prm));
			plen = next ? (size_t)(next - prm)
			            : (size_t)(e + len - prm);
			semi = next;
			trim(&prm, &plen);
			const char *eq = memchr(prm, '=', plen);
			size_t nlen = eq ? (size_t)(eq - prm) : plen;
			while (nlen && is_ows(prm[nlen - 1]))
				nlen--;
			if (!ieq(prm, nlen, "q"))
				continue;
			if (!eq) {
				q = -1;
				break;
			}
			const char *v = eq + 1;
			size_t vlen = (size_t)(prm + plen - v);
			trim(&v, &vlen);
			q = qvalue(v, vlen);
			if (q < 0)
				break;
		}
		if (q < 0)
			continue;
		if (ieq(e, tlen, "gzip") || ieq(e, tlen, "x-gzip"))
			gzip_q = gzip_q < 0 ? q : (q > gzip_q ? q : gzip_q);
		else if (ieq(e, tlen, "*"))
			star_q = q;
	}
	if (gzip_q >= 0)
		return gzip_q > 0;
	return star_q > 0;
}

int http_etag_match(const char *inm, const char *etag)
{
	size_t n, elen;

	if (!inm || !etag)
		return 0;
	if (etag[0] == 'W' && etag[1] == '/')
		etag += 2;
	elen = strlen(etag);
	n = strlen(inm);
	for (size_t p = 0; p < n;) {
		const char *comma = memchr(inm + p, ',', n - p);
		size_t end = comma ? (size_t)(comma - inm) : n;
		const char *t = inm + p;
		size_t len = end - p;

		p = end + 1;
		trim(&t, &len);
		if (len == 1 && t[0] == '*')
			return 1;
		if (len >= 2 && t[0] == 'W' && t[1] == '/')
			t += 2, len -= 2;
		if (len == elen && memcmp(t, etag, len) == 0)
			return 1;
	}
	return 0;
}
