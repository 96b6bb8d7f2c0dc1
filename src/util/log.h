/* util/log.h: one-line structured log records on stderr.
 *
 * Records are logfmt: `ts=... level=info msg="..." key=value ...`. Callers
 * pass only operational facts (routes, status codes, counts, durations):
 * never question text, e-mail addresses, names or other patient data.
 */
#ifndef ASKDOC_LOG_H
#define ASKDOC_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Records below this level are dropped (default LOG_INFO). */
void log_set_level(enum log_level level);
/* Write one record; fmt formats the part after msg= (key=value pairs). */
void log_msg(enum log_level level, const char *msg, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#define log_info(msg, ...)  log_msg(LOG_INFO, msg, __VA_ARGS__)
#define log_warn(msg, ...)  log_msg(LOG_WARN, msg, __VA_ARGS__)
#define log_error(msg, ...) log_msg(LOG_ERROR, msg, __VA_ARGS__)

#endif
