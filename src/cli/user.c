/* user.c - `fazhi user add|passwd|unlock|list`: account administration from the shell,
 * for the first administrator and for recovery. Each change is written to the audit log
 * as the user "cli", in the same transaction as the change. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/audit.h"
#include "modules/users.h"

static void usage(void)
{
    printf("usage: fazhi user add NAME --role ROLE [--role ROLE2] [--dept CODE]\n"
           "                          [--display-name TEXT] --password-stdin [--initial]\n"
           "       fazhi user passwd NAME --password-stdin [--initial]\n"
           "       fazhi user unlock NAME\n"
           "       fazhi user list\n\n"
           "The password is read from one line of standard input. A password set here is\n"
           "the user's own unless --initial is given (then it must be changed at first\n"
           "login). Roles: admin leader legal officer handler counsel viewer (or custom).\n"
           "The department defaults to the root department.\n");
}

/* commit_with_audit: append the audit entry and commit, or roll back */
static int commit_with_audit(struct fz_ctx *ctx, const char *action, const char *name,
                             int64_t id, const char *summary)
{
    struct audit_key key;
    if (cli_audit_key(ctx, &key)) {
        db_rollback(ctx->db);
        return 1;
    }
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    json_t *detail = json_pack("{s:s}", "username", name);
    struct audit_entry e = { .username = "cli", .method = "CLI", .path = "fazhi user",
                             .action = action, .entity_type = "user", .entity_id = ids,
                             .summary = summary, .detail = detail };
    enum fz_err rc = audit_append(ctx->db, &key, &e, NULL);
    json_decref(detail);
    sodium_memzero(&key, sizeof key);
    if (!rc)
        rc = db_commit(ctx->db);
    else
        db_rollback(ctx->db);
    if (rc) {
        fprintf(stderr, "fazhi user: could not commit: %s\n", fz_strerror(rc));
        return 1;
    }
    return cli_publish_head(ctx);
}

static int user_add(struct fz_ctx *ctx, int argc, char **argv)
{
    struct user_input in = {0};
    json_t *roles = json_array();
    const char *dept = NULL;
    bool stdin_pw = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
            json_array_append_new(roles, json_string(argv[++i]));
        else if (strcmp(argv[i], "--dept") == 0 && i + 1 < argc)
            dept = argv[++i];
        else if (strcmp(argv[i], "--display-name") == 0 && i + 1 < argc)
            in.display_name = argv[++i];
        else if (strcmp(argv[i], "--password-stdin") == 0)
            stdin_pw = true;
        else if (strcmp(argv[i], "--initial") == 0)
            in.initial_password = true;
        else if (!in.username && argv[i][0] != '-')
            in.username = argv[i];
        else {
            fprintf(stderr, "fazhi user add: unexpected argument %s\n", argv[i]);
            json_decref(roles);
            return 2;
        }
    }
    if (!in.username || !stdin_pw || !json_array_size(roles)) {
        fprintf(stderr, "fazhi user add: NAME, --role and --password-stdin are required\n");
        json_decref(roles);
        return 2;
    }
    char pw[256];
    if (cli_read_password(pw, sizeof pw)) {
        json_decref(roles);
        return 1;
    }
    in.password = pw;
    in.roles = roles;
    if (!in.display_name)
        in.display_name = in.username;
    if (dept && db_query_int(ctx->db, &in.dept_id, "SELECT id FROM departments WHERE code = ?",
                             "t", dept)) {
        fprintf(stderr, "fazhi user add: no department with code %s\n", dept);
        json_decref(roles);
        return 1;
    }
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = db_begin(ctx->db);
    if (!rc)
        rc = users_create(ctx->db, NULL, &in, &id, &p);
    sodium_memzero(pw, sizeof pw);
    json_decref(roles);
    if (rc) {
        db_rollback(ctx->db);
        fprintf(stderr, "fazhi user add: %s%s%s\n", p.field ? p.field : "",
                p.field ? ": " : "", p.message[0] ? p.message : fz_strerror(rc));
        return 1;
    }
    char summary[128];
    snprintf(summary, sizeof summary, "命令行创建用户 %s", in.username);
    if (commit_with_audit(ctx, "user.create", in.username, id, summary))
        return 1;
    printf("fazhi: user %s created (id %lld)\n", in.username, (long long)id);
    return 0;
}

static int user_passwd(struct fz_ctx *ctx, int argc, char **argv)
{
    const char *name = NULL;
    bool initial = false, stdin_pw = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--password-stdin") == 0)
            stdin_pw = true;
        else if (strcmp(argv[i], "--initial") == 0)
            initial = true;
        else if (!name && argv[i][0] != '-')
            name = argv[i];
        else {
            fprintf(stderr, "fazhi user passwd: unexpected argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!name || !stdin_pw) {
        fprintf(stderr, "fazhi user passwd: NAME and --password-stdin are required\n");
        return 2;
    }
    int64_t id = 0;
    if (db_query_int(ctx->db, &id, "SELECT id FROM users WHERE username = ?", "t", name)) {
        fprintf(stderr, "fazhi user passwd: no user %s\n", name);
        return 1;
    }
    char pw[256];
    if (cli_read_password(pw, sizeof pw))
        return 1;
    struct fz_problem p = {0};
    enum fz_err rc = db_begin(ctx->db);
    if (!rc)
        rc = users_set_password(ctx->db, id, pw, initial, &p);
    sodium_memzero(pw, sizeof pw);
    if (rc) {
        db_rollback(ctx->db);
        fprintf(stderr, "fazhi user passwd: %s\n", p.message[0] ? p.message : fz_strerror(rc));
        return 1;
    }
    return commit_with_audit(ctx, "user.reset_password", name, id, "命令行设置密码");
}

static int user_unlock(struct fz_ctx *ctx, int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "fazhi user unlock: NAME is required\n");
        return 2;
    }
    int64_t id = 0;
    if (db_query_int(ctx->db, &id, "SELECT id FROM users WHERE username = ?", "t", argv[0])) {
        fprintf(stderr, "fazhi user unlock: no user %s\n", argv[0]);
        return 1;
    }
    enum fz_err rc = db_begin(ctx->db);
    if (!rc)
        rc = users_unlock(ctx->db, NULL, id);
    if (rc) {
        db_rollback(ctx->db);
        fprintf(stderr, "fazhi user unlock: %s\n", fz_strerror(rc));
        return 1;
    }
    return commit_with_audit(ctx, "user.unlock", argv[0], id, "命令行解锁用户");
}

static int user_list(struct fz_ctx *ctx)
{
    json_t *rows = NULL;
    if (db_query_json(ctx->db, &rows,
                      "SELECT u.username, u.display_name, d.name AS dept, u.status,"
                      " (SELECT group_concat(r.code, ',') FROM user_roles ur JOIN roles r"
                      " ON r.id = ur.role_id WHERE ur.user_id = u.id) AS roles"
                      " FROM users u JOIN departments d ON d.id = u.dept_id ORDER BY u.id",
                      ""))
        return 1;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
        printf("%-16s %-10s %-8s %-16s %s\n",
               json_string_value(json_object_get(r, "username")),
               json_string_value(json_object_get(r, "status")),
               json_is_string(json_object_get(r, "roles"))
                   ? json_string_value(json_object_get(r, "roles")) : "-",
               json_string_value(json_object_get(r, "display_name")),
               json_string_value(json_object_get(r, "dept")));
    json_decref(rows);
    return 0;
}

int cmd_user(struct fz_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc < 2) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "add") == 0)
        return user_add(ctx, argc - 2, argv + 2);
    if (strcmp(sub, "passwd") == 0)
        return user_passwd(ctx, argc - 2, argv + 2);
    if (strcmp(sub, "unlock") == 0)
        return user_unlock(ctx, argc - 2, argv + 2);
    if (strcmp(sub, "list") == 0)
        return user_list(ctx);
    fprintf(stderr, "fazhi user: unknown subcommand %s\n", sub);
    return 2;
}
