/* moreinfo/internal.h: what the files of moreinfo/ share and nobody else
 * needs.
 *
 * The sentence iterator is opened once per extraction and reused for every
 * document (opening one costs more than splitting a page of text).
 */
#ifndef ASKDOC_MOREINFO_INTERNAL_H
#define ASKDOC_MOREINFO_INTERNAL_H

#include <stddef.h>

#include "moreinfo/extract.h"

struct arena;

/* Return a new ICU sentence iterator, or NULL when ICU cannot make one
 * (moreinfo_split_with then cuts at lines and bullets only). */
void *mi_brk_open(void);
void mi_brk_close(void *brk);
/* moreinfo_split with the iterator brk (see extract.h). */
size_t mi_split_with(void *brk, struct arena *a, const char *text, size_t len,
                     int markdown, struct moreinfo_span **out);

/* Copy n bytes of s into a with every run of blanks made one space. */
char *mi_squeeze(struct arena *a, const char *s, size_t n);

/* Number the cited sources of mi in order of first citation, drop the
 * sources no sentence cites, recount the words (render.c). Every cite
 * must be below mi->nsources, and nsources at most 256. */
void mi_renumber(struct moreinfo *mi);

#endif
