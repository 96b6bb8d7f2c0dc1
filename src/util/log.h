/* util/log.h: one-line structured log records on stderr.
 *
 * A record is a level, an event name and fields. Callers write the fields
 * as logfmt (`key=value key="quoted value"`); the record comes out as
 * logfmt (`time=... level=info event="..." key=value ...`, the default) or,
 * after log_set_format(LOG_FORMAT_JSON), as one JSON object per line whose
 * members are time, level, event and the fields (numbers stay numbers).
 * Either way one record is one write(2), so records of several threads
 * never interleave.
 *
 * Callers pass only operational facts (routes, status codes, counts,
 * durations): never question text, query strings, form bodies, e-mail
 * addresses, names or other patient data.
 */
#ifndef ASKDOC_LOG_H
#define ASKDOC_LOG_H

#include <stddef.h>
#include <time.h>

struct buf;

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };
enum log_format { LOG_FORMAT_TEXT, LOG_FORMAT_JSON };

/* Records below this level are dropped (default LOG_INFO). */
void log_set_level(enum log_level level);
/* Text (logfmt, the default) or JSON lines. */
void log_set_format(enum log_format format);
/* Parse "text" or "json" into *out; returns 0, or -1 for anything else. */
int log_format_parse(const char *name, enum log_format *out);
/* Write one record; fmt formats the fields (logfmt key=value pairs). */
void log_msg(enum log_level level, const char *event, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* Append to out the line (with its "\n") that log_msg writes for a record
 * at time ts with the given fields (NULL or "" for none). The time is UTC
 * with milliseconds. A JSON line is valid JSON whatever fields holds:
 * malformed UTF-8 becomes U+FFFD. */
void log_format_record(struct buf *out, enum log_format format,
                       const struct timespec *ts, enum log_level level,
                       const char *event, const char *fields);
/* Write into out (cap bytes, cap > 0, always NUL-terminated) the len bytes
 * of a URL path in a form safe to log unquoted in either format: bytes
 * that are not printable ASCII, spaces, '"' and '\\' are percent-encoded
 * ("%22"); a path longer than what fits is cut and ends in "...". Returns
 * out. */
char *log_safe_path(char *out, size_t cap, const char *path, size_t len);

#define log_info(msg, ...)  log_msg(LOG_INFO, msg, __VA_ARGS__)
#define log_warn(msg, ...)  log_msg(LOG_WARN, msg, __VA_ARGS__)
#define log_error(msg, ...) log_msg(LOG_ERROR, msg, __VA_ARGS__)

#endif
