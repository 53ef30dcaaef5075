/* patrols.c - daily patrols and their findings (see patrols.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/calendar.h"
#include "modules/cases.h"
#include "modules/patrols.h"
#include "modules/scope.h"
#include "util/str.h"
#include "util/timeutil.h"

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return str_empty(s) ? NULL : s;
}

static void local_ymd(time_t t, char out[11])
{
    calendar_ymd((int32_t)((t + (time_t)time_offset() * 60) / 86400), out);
}

#define PATROL_SCOPE SCOPE_SQL("p.dept_id", "p.created_by")

enum fz_err patrol_create(struct db *db, const struct fz_user *actor, json_t *b, time_t at,
                          int64_t *id, struct fz_problem *p)
{
    const char *route = jstr(b, "route");
    if (!route || str_utf8_len(route) > 500) {
        fz_problem_set(p, "route", NULL, "巡查路线不能为空，且不超过 500 个字符");
        return FZ_EINVAL;
    }
    char day[11], ts[FZ_TS_LEN];
    local_ymd(at, day);
    time_format(at, ts);
    json_t *certs = NULL;
    enum fz_err rc = officers_check(db, json_object_get(b, "officers"), day, &certs, p);
    if (rc)
        return rc;
    int64_t dept = actor ? actor->dept_id : 1;
    char *o = json_dumps(json_object_get(b, "officers"), JSON_COMPACT);
    char *c = json_dumps(certs, JSON_COMPACT);
    rc = db_run(db, NULL,
                "INSERT INTO patrols(dept_id, route, officers, certs, started_at, summary,"
                " created_by, created_at) VALUES (?, ?, ?, ?, ?, coalesce(?, ''), nullif(?, 0), ?)",
                "itttttit", dept, route, o, c, ts, jstr(b, "summary"),
                actor ? actor->id : 0, ts);
    free(o);
    free(c);
    json_decref(certs);
    if (!rc)
        *id = db_last_id(db);
    return rc;
}

enum fz_err patrol_get(struct db *db, const struct fz_user *actor, int64_t id, json_t **out)
{
    json_t *pt = NULL, *f = NULL;
    enum fz_err rc = db_query_row(db, &pt,
        "SELECT p.id, p.dept_id, d.name AS dept_name, p.route, p.officers, p.certs,"
        " p.started_at, p.ended_at, p.summary, p.version FROM patrols p"
        " JOIN departments d ON d.id = p.dept_id WHERE p.id = ?4 AND " PATROL_SCOPE,
        "iiii", SCOPE_ARGS(actor), id);
    if (!rc)
        rc = db_query_json(db, &f, "SELECT f.id, f.at, f.place, f.description, f.kind,"
                           " f.case_id, c.no AS case_no FROM patrol_findings f LEFT JOIN cases c"
                           " ON c.id = f.case_id WHERE f.patrol_id = ? ORDER BY f.id", "i", id);
    if (rc) {
        json_decref(pt);
        return rc;
    }
    static const char *const arrays[] = { "officers", "certs" };
    for (int i = 0; i < 2; i++) {
        json_t *v = json_loads(json_string_value(json_object_get(pt, arrays[i])), 0, NULL);
        json_object_set_new(pt, arrays[i], v ? v : json_array());
    }
    json_object_set_new(pt, "findings", f);
    *out = pt;
    return FZ_OK;
}

enum fz_err patrols_list(struct db *db, const struct fz_user *actor, const char *from,
                         const char *to, int64_t limit, int64_t offset, json_t **items,
                         int64_t *total)
{
    static const char *const where =
        " FROM patrols p JOIN departments d ON d.id = p.dept_id WHERE " PATROL_SCOPE
        " AND (?4 IS NULL OR p.started_at >= ?4) AND (?5 IS NULL OR p.started_at <= ?5)";
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT count(*) %s", where);
    enum fz_err rc = db_query_int(db, total, sql, "iiitt", SCOPE_ARGS(actor), from, to);
    if (rc)
        return rc;
    snprintf(sql, sizeof sql,
             "SELECT p.id, p.dept_id, d.name AS dept_name, p.route, p.started_at, p.ended_at,"
             " p.summary, (SELECT count(*) FROM patrol_findings f WHERE f.patrol_id = p.id)"
             " AS findings, (SELECT count(*) FROM patrol_findings f WHERE f.patrol_id = p.id"
             " AND f.case_id IS NOT NULL) AS cases %s ORDER BY p.started_at DESC"
             " LIMIT ?6 OFFSET ?7", where);
    return db_query_json(db, items, sql, "iiittii", SCOPE_ARGS(actor), from, to, limit, offset);
}

enum fz_err patrol_end(struct db *db, const struct fz_user *actor, int64_t id, json_t *b,
                       time_t at, struct fz_problem *p)
{
    json_t *pt = NULL;
    enum fz_err rc = patrol_get(db, actor, id, &pt);
    if (rc)
        return rc;
    bool ended = json_is_string(json_object_get(pt, "ended_at"));
    json_decref(pt);
    if (ended) {
        fz_problem_set(p, NULL, "already_ended", "本次巡查已结束");
        return FZ_ECONFLICT;
    }
    char ts[FZ_TS_LEN];
    time_format(at, ts);
    return db_run(db, NULL, "UPDATE patrols SET ended_at = ?, summary = coalesce(?, summary),"
                  " version = version + 1 WHERE id = ?", "tti", ts, jstr(b, "summary"), id);
}

enum fz_err patrol_add_finding(struct db *db, const struct fz_user *actor, int64_t id,
                               json_t *b, time_t at, int64_t *finding, struct fz_problem *p)
{
    json_t *pt = NULL;
    enum fz_err rc = patrol_get(db, actor, id, &pt);
    if (rc)
        return rc;
    json_decref(pt);
    const char *desc = jstr(b, "description");
    if (!desc || str_utf8_len(desc) > 2000) {
        fz_problem_set(p, "description", NULL, "发现的问题不能为空，且不超过 2000 个字符");
        return FZ_EINVAL;
    }
    static const char *const kinds[] = { "issue", "service", "hazard", NULL };
    const char *kind = jstr(b, "kind") ? jstr(b, "kind") : "issue";
    if (!str_in(kind, kinds)) {
        fz_problem_set(p, "kind", NULL, "类型应为 issue（违法问题）、service（服务需求）或 hazard（安全隐患）");
        return FZ_EINVAL;
    }
    char ts[FZ_TS_LEN];
    time_format(at, ts);
    rc = db_run(db, NULL, "INSERT INTO patrol_findings(patrol_id, at, place, description, kind,"
                " created_at) VALUES (?, ?, coalesce(?, ''), ?, ?, ?)", "itttt" "t", id, ts,
                jstr(b, "place"), desc, kind, ts);
    if (!rc)
        *finding = db_last_id(db);
    return rc;
}

enum fz_err patrol_convert(struct db *db, const struct calendar *cal,
                           const struct fz_user *actor, int64_t finding, json_t *b,
                           time_t at, int64_t *case_id, struct fz_problem *p)
{
    json_t *f = NULL;
    enum fz_err rc = db_query_row(db, &f, "SELECT patrol_id, at, place, description, case_id"
                                  " FROM patrol_findings WHERE id = ?", "i", finding);
    if (rc)
        return rc;
    int64_t pid = json_integer_value(json_object_get(f, "patrol_id"));
    json_t *pt = NULL;
    rc = patrol_get(db, actor, pid, &pt);          /* scope check */
    if (!rc && json_is_integer(json_object_get(f, "case_id"))) {
        fz_problem_set(p, NULL, "already_converted", "该巡查发现已转为案件");
        rc = FZ_ECONFLICT;
    }
    json_t *body = NULL;
    if (!rc) {
        /* the case: what the caller said, with the patrol's facts and officers */
        body = json_deep_copy(b);
        if (!jstr(body, "facts"))
            json_object_set_new(body, "facts", json_string(jstr(f, "description")));
        if (!jstr(body, "title"))
            json_object_set_new(body, "title", json_string(jstr(f, "description")));
        json_object_set_new(body, "source", json_string("园区巡查发现"));
        json_object_set(body, "officers", json_object_get(pt, "officers"));
        json_t *warn = NULL;
        rc = case_create(db, cal, actor, body, at, case_id, &warn, p);
        json_decref(warn);
    }
    /* the patrol's on-site inspection becomes the case's first act when the case can
     * take acts at once (an inspection or a simplified-procedure case) */
    if (!rc) {
        json_t *c = NULL;
        rc = case_get(db, actor, *case_id, &c);
        const char *stage = c ? json_string_value(json_object_get(c, "stage")) : NULL;
        if (!rc && (str_eq(stage, "inspecting") || str_eq(stage, "onsite"))) {
            json_t *a = json_pack("{s:s, s:O, s:s, s:s}", "kind", "inspection", "officers",
                                  json_object_get(pt, "officers"), "place",
                                  jstr(f, "place") ? jstr(f, "place") : "",
                                  "summary", "园区巡查中发现（由巡查记录转入）");
            int64_t act = 0;
            time_t t = at;
            time_parse(jstr(f, "at"), &t);
            rc = case_add_act(db, actor, *case_id, a, t, &act, p);
            json_decref(a);
        }
        json_decref(c);
    }
    if (!rc)
        rc = db_run(db, NULL, "UPDATE patrol_findings SET case_id = ? WHERE id = ?", "ii",
                    *case_id, finding);
    json_decref(body);
    json_decref(pt);
    json_decref(f);
    return rc;
}
