/* routes.c - THE route table: every endpoint of fazhi, one row each (lwan/redis habit).
 * The router checks each row's permission and flags; GET /api/v1/openapi.json is
 * generated from these rows, so a route cannot be missing from the API reference.
 * Body schemas are JSON Schema (OpenAPI 3.1) text, kept next to the route. */
#include "http/http.h"
#include "modules/api.h"

#define T_SYS "系统"
#define T_AUTH "登录与会话"
#define T_ORG "系统管理"
#define T_AUDIT "操作日志"
#define T_WO "12345工单"

#define S_LOGIN "{\"type\":\"object\",\"required\":[\"username\",\"password\"]," \
    "\"properties\":{\"username\":{\"type\":\"string\"},\"password\":{\"type\":\"string\"}}}"
#define S_PASSWORD "{\"type\":\"object\",\"required\":[\"old_password\",\"new_password\"]," \
    "\"properties\":{\"old_password\":{\"type\":\"string\"}," \
    "\"new_password\":{\"type\":\"string\",\"minLength\":8}}}"
#define S_USER_NEW "{\"type\":\"object\",\"required\":[\"username\",\"display_name\"," \
    "\"password\"],\"properties\":{\"username\":{\"type\":\"string\"}," \
    "\"display_name\":{\"type\":\"string\"},\"password\":{\"type\":\"string\"}," \
    "\"dept_id\":{\"type\":\"integer\"},\"roles\":{\"type\":\"array\",\"items\":" \
    "{\"type\":\"string\"}},\"phone\":{\"type\":\"string\"},\"email\":{\"type\":\"string\"}}}"
#define S_USER_UPD "{\"type\":\"object\",\"required\":[\"version\"],\"properties\":{" \
    "\"version\":{\"type\":\"integer\"},\"display_name\":{\"type\":\"string\"}," \
    "\"dept_id\":{\"type\":\"integer\"},\"roles\":{\"type\":\"array\",\"items\":" \
    "{\"type\":\"string\"}},\"phone\":{\"type\":\"string\"},\"email\":{\"type\":\"string\"}," \
    "\"status\":{\"enum\":[\"active\",\"disabled\"]}}}"
#define S_PW_RESET "{\"type\":\"object\",\"required\":[\"password\"],\"properties\":" \
    "{\"password\":{\"type\":\"string\"}}}"
#define S_DEPT "{\"type\":\"object\",\"properties\":{\"parent_id\":{\"type\":\"integer\"}," \
    "\"name\":{\"type\":\"string\"},\"code\":{\"type\":\"string\"},\"kind\":{\"enum\":" \
    "[\"internal\",\"company\",\"external\"]},\"sort\":{\"type\":\"integer\"}," \
    "\"version\":{\"type\":\"integer\"}}}"
#define S_ROLE "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}," \
    "\"name\":{\"type\":\"string\"},\"data_scope\":{\"enum\":[\"all\",\"dept\",\"own\"]}," \
    "\"permissions\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}," \
    "\"version\":{\"type\":\"integer\"}}}"

#define S_WO_NEW "{\"type\":\"object\",\"required\":[\"channel\",\"category\"," \
    "\"subject\"],\"properties\":{\"channel\":{\"enum\":[\"hotline\",\"board\",\"phone\"," \
    "\"walkin\",\"open311\"]},\"category\":{\"type\":\"string\"},\"urgency\":{\"enum\":" \
    "[\"normal\",\"urgent\",\"critical\"]},\"subject\":{\"type\":\"string\"}," \
    "\"content\":{\"type\":\"string\"},\"platform_no\":{\"type\":\"string\"}," \
    "\"citizen_name\":{\"type\":\"string\"},\"citizen_phone\":{\"type\":\"string\"}," \
    "\"address\":{\"type\":\"string\"},\"lat\":{\"type\":\"number\"},\"lng\":" \
    "{\"type\":\"number\"},\"enterprise_uscc\":{\"type\":\"string\"},\"received_at\":" \
    "{\"type\":\"string\",\"format\":\"date-time\"},\"dept_id\":{\"type\":\"integer\"}}}"
#define S_WO_ACTION "{\"type\":\"object\",\"required\":[\"action\"],\"properties\":{" \
    "\"action\":{\"enum\":[\"dispatch\",\"sign\",\"return\",\"start\",\"draft\",\"review\"," \
    "\"reply\",\"callback\",\"close\",\"reopen\",\"extend_request\",\"extend_approve\"," \
    "\"supervise\",\"pause\",\"resume\",\"merge\",\"comment\"]},\"dept_id\":{\"type\":" \
    "\"integer\"},\"reason\":{\"type\":\"string\"},\"comment\":{\"type\":\"string\"}," \
    "\"reply\":{\"type\":\"string\"},\"approve\":{\"type\":\"boolean\"},\"result\":" \
    "{\"enum\":[\"satisfied\",\"basic\",\"dissatisfied\",\"unreachable\"]},\"solved\":" \
    "{\"type\":\"boolean\"},\"days\":{\"type\":\"integer\"},\"into\":{\"type\":\"integer\"}}}"
#define S_WO_BULK "{\"type\":\"object\",\"required\":[\"ids\",\"dept_id\"],\"properties\":" \
    "{\"ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}},\"dept_id\":" \
    "{\"type\":\"integer\"}}}"
#define S_WO_RULE "{\"type\":\"object\",\"required\":[\"version\"],\"properties\":{" \
    "\"version\":{\"type\":\"integer\"},\"sign_minutes\":{\"type\":\"integer\"}," \
    "\"sign_workdays\":{\"type\":\"integer\"},\"reply_minutes\":{\"type\":\"integer\"}," \
    "\"reply_workdays\":{\"type\":\"integer\"},\"basis\":{\"type\":\"string\"}}}"

const struct route fz_routes[] = {
    /* method  pattern                          handler               permission            flags */
    { "GET", "/api/v1/health", system_api_health, NULL, R_PUBLIC, T_SYS,
      "健康检查", NULL },
    { "GET", "/api/v1/openapi.json", system_api_openapi, NULL, R_PUBLIC, T_SYS,
      "OpenAPI 3.1 接口文档", NULL },

    { "POST", "/api/v1/auth/login", auth_api_login, NULL,
      R_PUBLIC | R_NO_CSRF | R_COMMIT_ERR, T_AUTH, "登录", S_LOGIN },
    { "POST", "/api/v1/auth/logout", auth_api_logout, NULL, R_PWCHANGE, T_AUTH,
      "退出登录", NULL },
    { "POST", "/api/v1/auth/password", auth_api_password, NULL, R_PWCHANGE, T_AUTH,
      "修改本人密码", S_PASSWORD },
    { "GET", "/api/v1/me", auth_api_me, NULL, R_PWCHANGE, T_AUTH,
      "当前用户、权限与 CSRF 令牌", NULL },

    { "GET", "/api/v1/users", users_api_list, "system:user:read", 0, T_ORG,
      "用户列表（分页、筛选、排序）", NULL },
    { "POST", "/api/v1/users", users_api_create, "system:user:write", 0, T_ORG,
      "创建用户（初始密码，首次登录须修改）", S_USER_NEW },
    { "GET", "/api/v1/users/:id", users_api_get, "system:user:read", 0, T_ORG,
      "用户详情", NULL },
    { "PUT", "/api/v1/users/:id", users_api_update, "system:user:write", 0, T_ORG,
      "修改用户（带版本号）", S_USER_UPD },
    { "POST", "/api/v1/users/:id/reset-password", users_api_reset_password,
      "system:user:write", 0, T_ORG, "重置用户密码", S_PW_RESET },
    { "POST", "/api/v1/users/:id/unlock", users_api_unlock, "system:user:write", 0, T_ORG,
      "解锁用户", NULL },

    { "GET", "/api/v1/departments", org_api_depts, "system:dept:read", 0, T_ORG,
      "部门列表（平铺，含 parent_id）", NULL },
    { "POST", "/api/v1/departments", org_api_dept_create, "system:dept:write", 0, T_ORG,
      "创建部门", S_DEPT },
    { "PUT", "/api/v1/departments/:id", org_api_dept_update, "system:dept:write", 0, T_ORG,
      "修改部门（带版本号）", S_DEPT },
    { "DELETE", "/api/v1/departments/:id", org_api_dept_delete, "system:dept:write", 0,
      T_ORG, "删除部门", NULL },

    { "GET", "/api/v1/roles", org_api_roles, "system:role:read", 0, T_ORG,
      "角色列表", NULL },
    { "POST", "/api/v1/roles", org_api_role_create, "system:role:write", 0, T_ORG,
      "创建角色", S_ROLE },
    { "PUT", "/api/v1/roles/:id", org_api_role_update, "system:role:write", 0, T_ORG,
      "修改角色（带版本号）", S_ROLE },
    { "DELETE", "/api/v1/roles/:id", org_api_role_delete, "system:role:write", 0, T_ORG,
      "删除角色", NULL },
    { "GET", "/api/v1/permissions", org_api_permissions, "system:role:read", 0, T_ORG,
      "权限目录", NULL },

    { "GET", "/api/v1/audit", audit_api_list, "system:audit:read", 0, T_AUDIT,
      "操作日志（防篡改审计日志）", NULL },
    { "GET", "/api/v1/audit/head", audit_api_head, "system:audit:read", 0, T_AUDIT,
      "签名的树头（大小、根哈希、签名）", NULL },
    { "GET", "/api/v1/audit/consistency", audit_api_consistency, "system:audit:read", 0,
      T_AUDIT, "两个树大小之间的一致性证明（RFC 9162）", NULL },
    { "GET", "/api/v1/audit/:seq/proof", audit_api_proof, "system:audit:read", 0, T_AUDIT,
      "日志条目的包含证明（RFC 9162）", NULL },
    { "GET", "/api/v1/login-log", audit_api_login_log, "system:loginlog:read", 0, T_AUDIT,
      "登录日志", NULL },

    /* -- calendar (issue 4) -- */
#define T_CAL "工作日历"
#define S_CAL_PROPS "\"properties\":{" \
    "\"year\":{\"type\":\"integer\"},\"notice\":{\"type\":\"string\",\"maxLength\":128}," \
    "\"issued\":{\"type\":\"string\",\"format\":\"date\"},\"source\":{\"type\":\"string\"}," \
    "\"off\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"format\":\"date\"}}," \
    "\"work\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"format\":\"date\"}}," \
    "\"names\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}}}"
#define S_CAL_YEAR "{\"type\":\"object\",\"required\":[\"year\",\"notice\",\"off\"]," \
    S_CAL_PROPS
#define S_CAL_YEAR_PUT "{\"type\":\"object\",\"required\":[\"notice\",\"off\"]," \
    S_CAL_PROPS
    { "GET", "/api/v1/calendar/workdays", calendar_api_workdays, "calendar:read", 0, T_CAL,
      "闭区间 [from, to] 内的工作日数", NULL },
    { "GET", "/api/v1/calendar/add", calendar_api_add, "calendar:read", 0, T_CAL,
      "date 之后第 days 个工作日（当日不计）", NULL },
    { "GET", "/api/v1/calendar/years", calendar_api_years, "calendar:read", 0, T_CAL,
      "已加载的年度节假日安排（通知、天数）", NULL },
    { "GET", "/api/v1/calendar/days", calendar_api_days, "calendar:read", 0, T_CAL,
      "某年的放假与调休上班日期", NULL },
    { "POST", "/api/v1/calendar/years", calendar_api_year_create, "calendar:write", 0,
      T_CAL, "加载一年的节假日安排（国务院办公厅通知）", S_CAL_YEAR },
    { "PUT", "/api/v1/calendar/years/:year", calendar_api_year_replace, "calendar:write",
      0, T_CAL, "替换一年的节假日安排", S_CAL_YEAR_PUT },

    /* -- workorders (issue 4) -- */
    { "GET", "/api/v1/workorders", workorders_api_list, "workorder:read", 0, T_WO,
      "工单列表（分页、筛选：状态、类别、渠道、部门、超期/临期/督办/暂停/疑似重复）", NULL },
    { "POST", "/api/v1/workorders", workorders_api_create, "workorder:create", 0, T_WO,
      "登记工单（12345转办、网上留言板、电话、来访）", S_WO_NEW },
    { "GET", "/api/v1/workorders/stats", workorders_api_stats, "workorder:read", 0, T_WO,
      "工单统计：受理、按时签收、答复率、按时答复率、解决率、满意率、超期、平均办理工作日", NULL },
    { "GET", "/api/v1/workorders/categories", workorders_api_categories, "workorder:read", 0,
      T_WO, "工单类别", NULL },
    { "GET", "/api/v1/workorders/rules", workorders_api_rules, "workorder:read", 0, T_WO,
      "签收与答复时限规则", NULL },
    { "PUT", "/api/v1/workorders/rules/:id", workorders_api_rule_update, "workorder:admin", 0,
      T_WO, "修改时限规则（带版本号）", S_WO_RULE },
    { "POST", "/api/v1/workorders/bulk-dispatch", workorders_api_bulk_dispatch,
      "workorder:dispatch", 0, T_WO, "批量派单（全部成功或全部不派）", S_WO_BULK },
    { "POST", "/api/v1/workorders/import", workorders_api_import, "workorder:import", R_RAW,
      T_WO, "导入市平台导出的工单（CSV/XLSX 原文件；按市平台编号去重；逐行报告拒绝原因）", NULL },
    { "GET", "/api/v1/workorders/export.xlsx", workorders_api_export, "workorder:read", 0,
      T_WO, "按当前筛选条件导出工单台账（XLSX）", NULL },
    { "GET", "/api/v1/workorders/:id", workorders_api_get, "workorder:read", 0, T_WO,
      "工单详情（含办理时间线与当前可执行操作）", NULL },
    { "POST", "/api/v1/workorders/:id/actions", workorders_api_action, NULL, 0, T_WO,
      "工单流转：dispatch sign return start draft review reply callback close reopen"
      " extend_request extend_approve supervise pause resume merge comment", S_WO_ACTION },

    /* -- open311 (issue 4) -- */

    /* -- registries (issue 7) -- */

    { NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL } /* sentinel */
};
