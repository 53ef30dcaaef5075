/* routes.c - `fazhi routes`: print the route table, one route a line (method, path,
 * permission, flags), as the API tests use to check the OpenAPI document. */
#include <stdio.h>
#include "cli/cli.h"
#include "http/http.h"

int cmd_routes(struct fz_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    if (cli_wants_help(argc, argv)) {
        printf("usage: fazhi routes\n\n"
               "Lists METHOD PATH PERMISSION [public] [paged] [raw] [upload] for every route.\n");
        return 0;
    }
    for (const struct route *r = fz_routes; r->method; r++)
        printf("%s %s %s%s%s%s%s\n", r->method, r->pattern, r->perm ? r->perm : "-",
               (r->flags & R_PUBLIC) ? " public" : "", (r->flags & R_PAGED) ? " paged" : "",
               (r->flags & R_RAW) ? " raw" : "", (r->flags & R_UPLOAD) ? " upload" : "");
    return 0;
}
