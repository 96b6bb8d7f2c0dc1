/* util/embed.h: files compiled into the binary (templates/, static/).
 *
 * The build generates the table from the source tree with tools/embed.c.
 * Names are paths relative to the repository root, e.g.
 * "templates/layout.mustache" or "static/site.css".
 */
#ifndef ASKDOC_EMBED_H
#define ASKDOC_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* NULL ends the table */
	const char *data; /* NUL-terminated */
	size_t len;
};

extern const struct embedded_file embedded_files[];

/* Return the embedded file called name, or NULL. */
const struct embedded_file *embed_find(const char *name);

#endif
