/* util/buf.h: a growable byte buffer for building output.
 *
 * A buf owns its bytes (malloc'd); p is always NUL-terminated after any
 * append, so buf.p can be used as a C string when no NULs were appended.
 * A zeroed struct buf is an empty buffer (BUF_INIT).
 */
#ifndef ASKDOC_BUF_H
#define ASKDOC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *p;
	size_t len;
	size_t cap;
};

#define BUF_INIT                                                               \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Make room for at least n more bytes. */
void buf_grow(struct buf *b, size_t n);
void buf_append(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Empty the buffer, keeping its memory. */
void buf_clear(struct buf *b);
/* Free the bytes and return the buffer to BUF_INIT. */
void buf_free(struct buf *b);
/* Hand the bytes to the caller (who frees them); the buffer becomes empty.
 * Never NULL: an empty buffer gives "". */
char *buf_detach(struct buf *b, size_t *len);

/* Escapers, one per output context (cgit's html_txt / html_attr). */
/* Append s with & < > " ' escaped: safe in HTML text and quoted attributes. */
void buf_html(struct buf *b, const char *s, size_t n);
/* Append s percent-encoded for a URL query value. */
void buf_url_arg(struct buf *b, const char *s, size_t n);
/* Append s as a JSON string literal with its quotes (s must be UTF-8);
 * '<', '>' and '&' are escaped too, so the result is safe inside <script>. */
void buf_json_str(struct buf *b, const char *s, size_t n);

/* Like buf_json_str for the NUL-terminated s (NULL is ""), with each byte
 * of malformed UTF-8 replaced by U+FFFD, so any input gives valid JSON. */
void buf_json_lossy(struct buf *b, const char *s);

#endif
