/* files.h - the content-addressed file store of evidence and documents: a file lives at
 * <root>/sha256/<first two hex digits>/<sha256>, so identical content is stored once and
 * its name is its integrity. Rows that refer to a file keep its SHA-256, SM3 and size;
 * files_check() recomputes both hashes by streaming, to prove a file unchanged later.
 * Paths returned are caller buffers; nothing here allocates for the caller. */
#ifndef FZ_FILES_H
#define FZ_FILES_H

#include <stdbool.h>
#include <stdint.h>
#include "fz_err.h"
#include "http/http.h"

/* files_adopt: move the streamed upload into the store (or drop it when the same content
 * is already there). The upload's temporary file is gone afterwards. */
enum fz_err files_adopt(const char *root, struct fz_upload *up);
/* files_put: store bytes held in memory (generated documents); fills sha256/sm3 (65). */
enum fz_err files_put(const char *root, const void *data, size_t len, char sha256[65],
                      char sm3[65]);
/* files_path: where the content with this SHA-256 lives. */
void files_path(const char *root, const char *sha256, char *out, size_t n);
/* files_check: recompute the stored file's hashes and size; FZ_OK when all match,
 * FZ_ENOTFOUND when the file is missing, FZ_ECONFLICT when it was altered. */
enum fz_err files_check(const char *root, const char *sha256, const char *sm3,
                        uint64_t size);

#endif
