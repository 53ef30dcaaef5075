/* demo.c - `fazhi demo --db PATH`: fills a new database with the demo data set, so that a
 * newcomer's `make run` shows a living system: the center's departments (its offices, its
 * development company, the district enforcement departments named in the 2023 report and
 * the outside law firm), one login per role, and - as each module lands - realistic
 * records of that module. Everything goes through the modules and the audit log, as if
 * entered by hand. Refuses a database that already has users besides none. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/audit.h"
#include "modules/org.h"
#include "modules/users.h"

#define DEMO_PASSWORD "Fazhi@2026"

static const struct demo_dept {
    const char *code, *parent, *name, *kind;
} depts[] = {
    { "HMSC-OFFICE", "HMSC", "综合办公室", "internal" },
    { "HMSC-PARTY", "HMSC", "党群工作部", "internal" },
    { "HMSC-LEGAL", "HMSC", "法务部", "internal" },
    { "HMSC-ENF", "HMSC", "综合执法部", "internal" },
    { "HMSC-ENF-1", "HMSC-ENF", "执法一中队", "internal" },
    { "HMSC-ENF-2", "HMSC-ENF", "执法二中队", "internal" },
    { "HMSC-SVC", "HMSC", "企业服务部", "internal" },
    { "HMSC-PLAN", "HMSC", "规划建设部", "internal" },
    { "HMSC-SAFE", "HMSC", "安全生产监管部", "internal" },
    { "HMDC", "HMSC", "天津市滨海华明开发建设有限公司", "company" },
    { "EXT", "HMSC", "区级执法部门", "external" },
    { "EXT-CG", "EXT", "东丽区城市管理委员会", "external" },
    { "EXT-ZJ", "EXT", "东丽区住房和城乡建设委员会", "external" },
    { "EXT-SJ", "EXT", "东丽区市场监督管理局", "external" },
    { "EXT-YJ", "EXT", "东丽区应急管理局", "external" },
    { "EXT-XF", "EXT", "东丽区消防救援支队", "external" },
    { "EXT-LAW", "EXT", "天津秦天律师事务所（外聘法律顾问）", "external" },
    { NULL, NULL, NULL, NULL },
};

static const struct demo_user {
    const char *username, *name, *dept, *role, *what;
} users[] = {
    { "admin", "系统管理员", "HMSC-OFFICE", "admin", "系统管理员" },
    { "leader", "王建国", "HMSC", "leader", "领导（党组书记、主任）" },
    { "legal", "李明华", "HMSC-LEGAL", "legal", "法务部（法制审核）" },
    { "officer1", "赵立新", "HMSC-ENF-1", "officer", "执法人员" },
    { "officer2", "钱志强", "HMSC-ENF-1", "officer", "执法人员" },
    { "officer3", "孙海涛", "HMSC-ENF-2", "officer", "执法人员（另一中队）" },
    { "handler", "周晓燕", "HMSC-SVC", "handler", "工单办理人员（企业服务部，兼派单）" },
    { "handler2", "冯志远", "HMSC-ENF", "handler", "工单办理人员（综合执法部）" },
    { "handler3", "陈思雨", "HMSC-PLAN", "handler", "工单办理人员（规划建设部）" },
    { "counsel", "吴律师", "EXT-LAW", "counsel", "外聘法律顾问" },
    { "viewer", "郑小雨", "HMSC-OFFICE", "viewer", "只读用户" },
    { NULL, NULL, NULL, NULL, NULL },
};

int demo_audit_commit(struct fz_ctx *ctx, const struct audit_key *key,
                            const char *action, const char *etype, int64_t id,
                            const char *summary)
{
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    struct audit_entry e = { .username = "demo", .method = "CLI", .path = "fazhi demo",
                             .action = action, .entity_type = etype, .entity_id = ids,
                             .summary = summary };
    enum fz_err rc = audit_append(ctx->db, key, &e, NULL);
    if (!rc)
        rc = db_commit(ctx->db);
    else
        db_rollback(ctx->db);
    return rc ? 1 : 0;
}

static int seed_depts(struct fz_ctx *ctx, const struct audit_key *key)
{
    for (const struct demo_dept *d = depts; d->code; d++) {
        struct dept_input in = { .name = d->name, .code = d->code, .kind = d->kind,
                                 .sort = (int64_t)(d - depts) };
        struct fz_problem p = {0};
        int64_t id = 0;
        enum fz_err rc = db_begin(ctx->db);
        if (!rc)
            rc = db_query_int(ctx->db, &in.parent_id,
                              "SELECT id FROM departments WHERE code = ?", "t", d->parent);
        if (!rc)
            rc = org_dept_create(ctx->db, &in, &id, &p);
        if (rc) {
            db_rollback(ctx->db);
            fprintf(stderr, "fazhi demo: department %s: %s\n", d->code,
                    p.message[0] ? p.message : fz_strerror(rc));
            return 1;
        }
        char summary[160];
        snprintf(summary, sizeof summary, "创建部门 %s", d->name);
        if (demo_audit_commit(ctx, key, "dept.create", "department", id, summary))
            return 1;
    }
    return 0;
}

static int seed_users(struct fz_ctx *ctx, const struct audit_key *key)
{
    for (const struct demo_user *u = users; u->username; u++) {
        json_t *roles = json_pack("[s]", u->role);
        struct user_input in = { .username = u->username, .display_name = u->name,
                                 .password = DEMO_PASSWORD, .roles = roles };
        struct fz_problem p = {0};
        int64_t id = 0;
        enum fz_err rc = db_begin(ctx->db);
        if (!rc)
            rc = db_query_int(ctx->db, &in.dept_id,
                              "SELECT id FROM departments WHERE code = ?", "t", u->dept);
        if (!rc)
            rc = users_create(ctx->db, NULL, &in, &id, &p);
        json_decref(roles);
        if (rc) {
            db_rollback(ctx->db);
            fprintf(stderr, "fazhi demo: user %s: %s\n", u->username,
                    p.message[0] ? p.message : fz_strerror(rc));
            return 1;
        }
        char summary[160];
        snprintf(summary, sizeof summary, "创建演示用户 %s（%s）", u->username, u->name);
        if (demo_audit_commit(ctx, key, "user.create", "user", id, summary))
            return 1;
    }
    return 0;
}

/* the module seeders, run in order after departments and users */
static int (*const seeders[])(struct fz_ctx *, const struct audit_key *) = {
    /* -- demo seeders -- */
    demo_seed_regulations,
    demo_seed_decisions,
    demo_seed_registries,
    demo_seed_workorders,
    demo_seed_cases,
    demo_seed_duties,
    demo_seed_reports,
    NULL,
};

int cmd_demo(struct fz_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf("usage: fazhi demo --db PATH\n\n"
               "Fills a new database with the demo data set and prints the demo logins.\n"
               "Refuses a database that already has users.\n");
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "fazhi demo: unexpected argument %s\n", argv[1]);
        return 2;
    }
    int64_t n = 0;
    if (db_query_int(ctx->db, &n, "SELECT count(*) FROM users", "") || n > 0) {
        fprintf(stderr, "fazhi demo: %s already has users; demo data goes into a new"
                " database\n", ctx->cfg->db);
        return 1;
    }
    struct audit_key key;
    if (cli_audit_key(ctx, &key))
        return 1;
    int bad = seed_depts(ctx, &key) || seed_users(ctx, &key);
    for (int i = 0; !bad && seeders[i]; i++)
        bad = seeders[i](ctx, &key);
    sodium_memzero(&key, sizeof key);
    if (bad || cli_publish_head(ctx))
        return 1;
    printf("fazhi: demo database %s is ready. Demo logins (password %s for all):\n",
           ctx->cfg->db, DEMO_PASSWORD);
    for (const struct demo_user *u = users; u->username; u++)
        printf("  %-9s %s %s\n", u->username, u->name, u->what);
    /* the modules' seeders may add people of their own (members of decision bodies,
     * counsel): list them too, so every login of the demo is on screen */
    json_t *more = NULL;
    if (!db_query_json(ctx->db, &more,
                       "SELECT u.username, u.display_name, d.name AS dept FROM users u"
                       " JOIN departments d ON d.id = u.dept_id WHERE u.id > ? ORDER BY u.id",
                       "i", (int64_t)(sizeof users / sizeof users[0] - 1))) {
        size_t i;
        json_t *r;
        json_array_foreach(more, i, r)
            printf("  %-9s %s（%s）\n", json_string_value(json_object_get(r, "username")),
                   json_string_value(json_object_get(r, "display_name")),
                   json_string_value(json_object_get(r, "dept")));
        json_decref(more);
    }
    return 0;
}
