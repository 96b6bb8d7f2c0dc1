/* version.h: askdoc's version. */
#ifndef ASKDOC_VERSION_H
#define ASKDOC_VERSION_H
#define ASKDOC_VERSION "0.1.0"
#endif
