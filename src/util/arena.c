/* util/arena.c: the region allocator.
 *
 * An arena is a list of blocks. Small allocations bump a pointer in the
 * current block; a request bigger than a quarter of the block size gets a
 * block of its own, linked behind the current one so the current block keeps
 * serving small requests. arena_reset keeps the first block, so a worker's
 * arena reaches a steady state without calling malloc per request.
 */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define BLOCK_SIZE (16 * 1024)
#define ALIGN      16

struct block {
	struct block *next;
	size_t size; /* usable bytes in data[] */
	size_t used;
	_Alignas(ALIGN) unsigned char data[];
};

struct arena {
	struct block *head;  /* current block for small allocations */
	struct block *first; /* the block made with the arena, kept by reset */
};

static struct block *block_new(size_t size)
{
	struct block *b = xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *arena_new(void)
{
	struct arena *a = xmalloc(sizeof(*a));
	a->head = a->first = block_new(BLOCK_SIZE);
	return a;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	for (struct block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void arena_reset(struct arena *a)
{
	struct block *keep = a->first;

	for (struct block *b = a->head, *next; b; b = next) {
		next = b->next;
		if (b != keep)
			free(b);
	}
	keep->used = 0;
	keep->next = NULL;
	a->head = keep;
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct block *b = a->head;
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);

	if (need < n) {
		fprintf(stderr, "askdoc: arena allocation overflow\n");
		abort();
	}
	if (need > BLOCK_SIZE / 4) {
		/* A block of its own, linked after the head. */
		struct block *big = block_new(need);
		big->used = need;
		big->next = b->next;
		b->next = big;
		return big->data;
	}
	if (b->size - b->used < need) {
		b = block_new(BLOCK_SIZE);
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
