/* util/log.c: log records on stderr, as logfmt or JSON lines.
 *
 * Callers format their fields as logfmt; for JSON the fields are parsed
 * back (key=value, key="quoted \"value\"") into members, numbers as JSON
 * numbers and everything else as strings, so every existing call site
 * speaks both formats. Bytes the parser cannot make sense of still end up
 * inside some string member: a JSON line is always valid JSON. Each
 * record is built in a buffer and written with one write(2).
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"

static enum log_level min_level = LOG_INFO;
static enum log_format out_format = LOG_FORMAT_TEXT;

static const char *level_names[] = {"debug", "info", "warn", "error"};

void log_set_level(enum log_level level)
{
	min_level = level;
}

void log_set_format(enum log_format format)
{
	out_format = format;
}

int log_format_parse(const char *name, enum log_format *out)
{
	if (name && !strcmp(name, "text"))
		*out = LOG_FORMAT_TEXT;
	else if (name && !strcmp(name, "json"))
		*out = LOG_FORMAT_JSON;
	else
		return -1;
	return 0;
}

char *log_safe_path(char *out, size_t cap, const char *path, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0, i;

	if (cap < 4) {
		out[0] = '\0';
		return out;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)path[i];
		int enc = c <= 0x20 || c >= 0x7f || c == '"' || c == '\\';
		if (n + (enc ? 3 : 1) + 4 > cap)
			break;
		if (enc) {
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		} else {
			out[n++] = (char)c;
		}
	}
	if (i < len) {
		memcpy(out + n, "...", 3); /* the loop kept room for it */
		n += 3;
	}
	out[n] = '\0';
	return out;
}

/* 1 if the n bytes at s are a JSON number (-?int(.digits)?). */
static int is_number(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i == n || s[i] < '0' || s[i] > '9')
		return 0;
	if (s[i] == '0' && i + 1 < n && s[i + 1] != '.')
		return 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i < n && s[i] == '.') {
		size_t d = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	return i == n;
}

/* Append the logfmt fields in s as JSON members (each preceded by ','). */
static void json_fields(struct buf *b, const char *s)
{
	struct buf tmp = BUF_INIT;

	while (*s) {
		const char *k, *v;
		size_t kn, vn;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		k = s;
		while (*s && *s != '=' && *s != ' ')
			s++;
		kn = (size_t)(s - k);
		buf_clear(&tmp);
		buf_append(&tmp, k, kn);
		buf_putc(b, ',');
		buf_json_lossy(b, tmp.p ? tmp.p : "");
		buf_putc(b, ':');
		if (*s != '=') {
			buf_puts(b, "true"); /* a bare word: a flag */
			continue;
		}
		s++;
		buf_clear(&tmp);
		if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
					s++;
				buf_putc(&tmp, *s);
			}
			if (*s == '"')
				s++;
			buf_json_lossy(b, tmp.p ? tmp.p : "");
			continue;
		}
		v = s;
		while (*s && *s != ' ')
			s++;
		vn = (size_t)(s - v);
		if (is_number(v, vn)) {
			buf_append(b, v, vn);
		} else {
			buf_append(&tmp, v, vn);
			buf_json_lossy(b, tmp.p ? tmp.p : "");
		}
	}
	buf_free(&tmp);
}

void log_format_record(struct buf *out, enum log_format format,
                       const struct timespec *ts, enum log_level level,
                       const char *event, const char *fields)
{
	char when[40];
	struct tm tm;
	size_t n;

	gmtime_r(&ts->tv_sec, &tm);
	n = strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(when + n, sizeof(when) - n, ".%03ldZ",
	         (long)(ts->tv_nsec / 1000000));
	if (format == LOG_FORMAT_JSON) {
		buf_printf(out,
		           "{\"time\":\"%s\",\"level\":\"%s\",\"event\":", when,
		           level_names[level]);
		buf_json_lossy(out, event);
		if (fields)
			json_fields(out, fields);
		buf_puts(out, "}\n");
		return;
	}
	buf_printf(out, "time=%s level=%s event=\"", when, level_names[level]);
	for (const char *p = event; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_putc(out, '\\');
		buf_putc(out, (unsigned char)*p < 0x20 ? ' ' : *p);
	}
	buf_putc(out, '"');
	if (fields && *fields) {
		buf_putc(out, ' ');
		for (const char *p = fields; *p; p++)
			buf_putc(out, *p == '\n' || *p == '\r' ? ' ' : *p);
	}
	buf_putc(out, '\n');
}

void log_msg(enum log_level level, const char *event, const char *fmt, ...)
{
	struct buf fields = BUF_INIT, line = BUF_INIT;
	struct timespec ts;

	if (level < min_level)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (fmt && *fmt) {
		va_list ap;
		va_start(ap, fmt);
		buf_vprintf(&fields, fmt, ap);
		va_end(ap);
	}
	log_format_record(&line, out_format, &ts, level, event, fields.p);
	if (write(STDERR_FILENO, line.p, line.len) < 0) {
		/* Nothing sensible to do when stderr is gone. */
	}
	buf_free(&fields);
	buf_free(&line);
}
