/* web/image.c: recognising uploaded images by their bytes, and dropping
 * the metadata cameras leave in them.
 *
 * A client's file name and Content-Type say nothing trustworthy, so an
 * upload is accepted only when its own header reads as PNG, JPEG or WebP
 * and gives a plausible size; whatever it claimed is ignored. The checks
 * walk the container (PNG chunks up to IEND, JPEG segments up to the
 * start of scan, the RIFF chunks of WebP) with every length checked
 * against the bytes present, so a truncated or forged header is refused
 * rather than read past its end. Pixel data is never decoded: the server
 * only stores and serves the bytes.
 */
#include <string.h>

#include "util/arena.h"
#include "web/content.h"
#include "web/web.h"

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

static unsigned long le32(const unsigned char *p)
{
	return (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 |
	       (unsigned long)p[1] << 8 | p[0];
}

/* PNG: the signature, IHDR first, and chunks that fit up to IEND. */
static int sniff_png(const unsigned char *p, size_t n, struct content_image *im)
{
	static const unsigned char sig[8] = {0x89, 'P',  'N',  'G',
	                                     '\r', '\n', 0x1a, '\n'};
	size_t i = 8;

	if (n < 8 + 25 + 12 || memcmp(p, sig, 8) != 0)
		return WEB_EIMAGE;
	if (be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return WEB_EIMAGE;
	im->width = (unsigned)be32(p + 16);
	im->height = (unsigned)be32(p + 20);
	while (i + 12 <= n) {
		unsigned long len = be32(p + i);

		if (len > n - i - 12)
			return WEB_EIMAGE;
		if (memcmp(p + i + 4, "IEND", 4) == 0) {
			im->type = "image/png";
			return 0;
		}
		i += 12 + len;
	}
	return WEB_EIMAGE;
}

/* JPEG: SOI, then length-prefixed segments, a frame header (SOFn) with
 * the size before the start of scan. */
static int sniff_jpeg(const unsigned char *p, size_t n,
                      struct content_image *im)
{
	size_t i = 2;
	int have_size = 0;

	if (n < 4 || p[0] != 0xff || p[1] != 0xd8 || p[2] != 0xff)
		return WEB_EIMAGE;
	while (i + 4 <= n) {
		unsigned m, len;

		if (p[i] != 0xff)
			return WEB_EIMAGE;
		while (i < n && p[i] == 0xff)
			i++; /* fill bytes */
		if (i >= n)
			return WEB_EIMAGE;
		m = p[i++];
		if (m == 0xd8 || m == 0xd9 || (m >= 0xd0 && m <= 0xd7) ||
		    m == 1)
			return WEB_EIMAGE; /* no stand-alone markers before the
			                      scan */
		if (i + 2 > n)
			return WEB_EIMAGE;
		len = be16(p + i);
		if (len < 2 || len > n - i)
			return WEB_EIMAGE;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (len < 7)
				return WEB_EIMAGE;
			im->height = be16(p + i + 3);
			im->width = be16(p + i + 5);
			have_size = 1;
		}
		if (m == 0xda) {
			if (!have_size)
				return WEB_EIMAGE;
			im->type = "image/jpeg";
			return 0;
		}
		i += len;
	}
	return WEB_EIMAGE;
}

/* WebP: a RIFF container whose first chunk is VP8, VP8L or VP8X, and
 * whose chunks (each padded to an even length) fit inside it. */
static int sniff_webp(const unsigned char *p, size_t n,
                      struct content_image *im)
{
	const unsigned char *c = p + 12, *d = p + 20;
	unsigned long riff;
	size_t i = 12, end;

	if (n < 30 || memcmp(p, "RIFF", 4) != 0 || memcmp(p + 8, "WEBP", 4))
		return WEB_EIMAGE;
	riff = le32(p + 4);
	if (riff < 22 || riff > n - 8 || le32(c + 4) > riff - 12)
		return WEB_EIMAGE;
	end = 8 + (size_t)riff;
	while (i < end) {
		unsigned long len;

		if (end - i < 8)
			return WEB_EIMAGE;
		len = le32(p + i + 4);
		if (len > end - i - 8)
			return WEB_EIMAGE;
		i += 8 + len;
		if (len & 1 && i < end)
			i++; /* the pad byte (the last chunk may lack it) */
	}
	if (memcmp(c, "VP8 ", 4) == 0) {
		if (d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a)
			return WEB_EIMAGE;
		im->width = (d[6] | (unsigned)d[7] << 8) & 0x3fff;
		im->height = (d[8] | (unsigned)d[9] << 8) & 0x3fff;
	} else if (memcmp(c, "VP8L", 4) == 0) {
		unsigned long b = le32(d + 1);
		if (d[0] != 0x2f)
			return WEB_EIMAGE;
		im->width = (unsigned)(b & 0x3fff) + 1;
		im->height = (unsigned)(b >> 14 & 0x3fff) + 1;
	} else if (memcmp(c, "VP8X", 4) == 0) {
		if (le32(c + 4) < 10)
			return WEB_EIMAGE;
		im->width =
		        (d[4] | (unsigned)d[5] << 8 | (unsigned)d[6] << 16) + 1;
		im->height =
		        (d[7] | (unsigned)d[8] << 8 | (unsigned)d[9] << 16) + 1;
	} else {
		return WEB_EIMAGE;
	}
	im->type = "image/webp";
	return 0;
}

int content_image_sniff(const unsigned char *p, size_t n,
                        struct content_image *out)
{
	struct content_image im = {0};

	if (!p || (sniff_png(p, n, &im) && sniff_jpeg(p, n, &im) &&
	           sniff_webp(p, n, &im)))
		return WEB_EIMAGE;
	if (!im.width || !im.height)
		return WEB_EIMAGE;
	*out = im;
	return 0;
}

/* PNG chunks that carry text or camera data (ancillary, safe to drop). */
static int png_meta(const unsigned char *type)
{
	return !memcmp(type, "tEXt", 4) || !memcmp(type, "zTXt", 4) ||
	       !memcmp(type, "iTXt", 4) || !memcmp(type, "eXIf", 4) ||
	       !memcmp(type, "tIME", 4) || !memcmp(type, "iCCP", 4);
}

/* WebP chunks of metadata: EXIF, XMP and the ICC colour profile. */
static int webp_meta(const unsigned char *type)
{
	return !memcmp(type, "EXIF", 4) || !memcmp(type, "XMP ", 4) ||
	       !memcmp(type, "ICCP", 4);
}

/* The VP8X flags that announce those chunks: ICC (0x20), EXIF (0x08)
 * and XMP (0x04). */
#define VP8X_META_FLAGS 0x2c

/* Copy the WebP at p (sniffed: its chunks fit) without its metadata
 * chunks, clearing their VP8X flags and fixing the RIFF size. */
static size_t strip_webp(unsigned char *o, const unsigned char *p)
{
	size_t end = 8 + (size_t)le32(p + 4), i = 12, k = 12;
	unsigned long riff;

	memcpy(o, p, 12);
	while (i < end) {
		size_t whole = 8 + (size_t)le32(p + i + 4);

		if (whole & 1 && i + whole < end)
			whole++;
		if (!webp_meta(p + i)) {
			memcpy(o + k, p + i, whole);
			if (!memcmp(p + i, "VP8X", 4))
				o[k + 8] &= (unsigned char)~VP8X_META_FLAGS;
			k += whole;
		}
		i += whole;
	}
	riff = (unsigned long)(k - 8);
	o[4] = (unsigned char)riff;
	o[5] = (unsigned char)(riff >> 8);
	o[6] = (unsigned char)(riff >> 16);
	o[7] = (unsigned char)(riff >> 24);
	return k;
}

size_t content_image_strip(struct arena *a, const unsigned char *p, size_t n,
                           const struct content_image *im, unsigned char **out)
{
	unsigned char *o = arena_alloc(a, n ? n : 1);
	size_t i, k = 0;

	*out = o;
	if (!strcmp(im->type, "image/png")) {
		memcpy(o, p, 8);
		k = i = 8;
		while (i + 12 <= n) {
			size_t len = be32(p + i), whole = 12 + len;
			int end = !memcmp(p + i + 4, "IEND", 4);

			if (!png_meta(p + i + 4)) {
				memcpy(o + k, p + i, whole);
				k += whole;
			}
			i += whole;
			if (end)
				break;
		}
		return k;
	}
	if (!strcmp(im->type, "image/jpeg")) {
		o[k++] = p[0];
		o[k++] = p[1];
		i = 2;
		while (i + 4 <= n) {
			size_t start = i, len;
			unsigned m;

			while (i < n && p[i] == 0xff)
				i++;
			m = p[i++];
			len = be16(p + i);
			if (m == 0xda) {
				/* The scan and everything after it as is. */
				memcpy(o + k, p + start, n - start);
				return k + (n - start);
			}
			if (!((m >= 0xe1 && m <= 0xef) || m == 0xfe)) {
				memcpy(o + k, p + start, i + len - start);
				k += i + len - start;
			}
			i += len;
		}
		return k;
	}
	if (!strcmp(im->type, "image/webp"))
		return strip_webp(o, p);
	memcpy(o, p, n);
	return n;
}
