/* upload.h - streamed multipart/form-data uploads for routes flagged R_UPLOAD: the file
 * part is written to a temporary file under <files>/tmp while SHA-256 and SM3 are
 * computed, so a 200 MB recording never sits in memory. libmicrohttpd's post processor
 * parses the multipart body; nothing here parses MIME itself.
 * Ownership: the upload state belongs to the connection (server.c) and upload_free()
 * deletes the temporary file unless a handler moved it away (files_adopt). */
#ifndef FZ_UPLOAD_H
#define FZ_UPLOAD_H

#include <microhttpd.h>
#include "fz_err.h"
#include "http/http.h"

struct upload_state;

/* upload_begin: a post processor on connection c writing into dir/tmp; FZ_EMALFORMED
 * when the request is not multipart/form-data. Caller owns *out (upload_free). */
enum fz_err upload_begin(struct MHD_Connection *c, const char *dir, long long max,
                         struct upload_state **out);
/* upload_feed: the next piece of the body; FZ_ETOOLARGE past max, FZ_EIO on disk errors,
 * FZ_EMALFORMED for a broken multipart body. After an error further data is ignored. */
enum fz_err upload_feed(struct upload_state *u, const char *data, size_t n);
/* upload_result: close the file, finish the hashes; the upload as handlers see it
 * (borrowed; valid until upload_free). FZ_OK or the first error of upload_feed. */
enum fz_err upload_result(struct upload_state *u, struct fz_upload **out);
void upload_free(struct upload_state *u);

#endif
