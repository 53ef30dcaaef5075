/* patrols.h - daily patrols of the zone (园区巡查): route, officers (two or more with valid
 * certificates, as for any on-site inspection), times, findings; a finding becomes an
 * inspection or a penalty case with its officers, place, time and description carried
 * over and the patrol recorded as the case's first on-site act. Results are new JSON
 * the caller owns; the actor scopes what is visible (NULL: the CLI). */
#ifndef FZ_PATROLS_H
#define FZ_PATROLS_H

#include <stdint.h>
#include <time.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct fz_user;
struct calendar;

enum fz_err patrol_create(struct db *db, const struct fz_user *actor, json_t *body, time_t at,
                          int64_t *id, struct fz_problem *p);
enum fz_err patrol_get(struct db *db, const struct fz_user *actor, int64_t id, json_t **out);
enum fz_err patrols_list(struct db *db, const struct fz_user *actor, const char *from,
                         const char *to, int64_t limit, int64_t offset, json_t **items,
                         int64_t *total);
/* patrol_end: record the end time and summary */
enum fz_err patrol_end(struct db *db, const struct fz_user *actor, int64_t id, json_t *body,
                       time_t at, struct fz_problem *p);
enum fz_err patrol_add_finding(struct db *db, const struct fz_user *actor, int64_t id,
                               json_t *body, time_t at, int64_t *finding,
                               struct fz_problem *p);
/* patrol_convert: finding -> a case (body: kind penalty|inspection, procedure, title,
 * party_name, party_kind, ...); *case_id gets the new case. FZ_ECONFLICT when the
 * finding was converted already. */
enum fz_err patrol_convert(struct db *db, const struct calendar *cal,
                           const struct fz_user *actor, int64_t finding, json_t *body,
                           time_t at, int64_t *case_id, struct fz_problem *p);

#endif
