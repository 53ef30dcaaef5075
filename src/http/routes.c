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
#define T_ENF "行政执法"
#define T_PUB "公开信息"

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

#define S_OFFICER "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}," \
    "\"dept_id\":{\"type\":\"integer\"},\"cert_no\":{\"type\":\"string\"},\"cert_kind\":" \
    "{\"type\":\"string\"},\"issuer\":{\"type\":\"string\"},\"valid_from\":{\"type\":" \
    "\"string\",\"format\":\"date\"},\"valid_until\":{\"type\":\"string\",\"format\":" \
    "\"date\"},\"status\":{\"enum\":[\"valid\",\"suspended\",\"revoked\"]},\"user_id\":" \
    "{\"type\":\"integer\"},\"legal_qualified\":{\"type\":\"boolean\"},\"version\":" \
    "{\"type\":\"integer\"}}}"
#define S_POWER "{\"type\":\"object\",\"required\":[\"code\",\"kind\",\"name\",\"basis\"," \
    "\"dept_id\"],\"properties\":{\"code\":{\"type\":\"string\"},\"kind\":{\"enum\":" \
    "[\"inspection\",\"penalty\",\"coercion\",\"other\"]},\"name\":{\"type\":\"string\"}," \
    "\"basis\":{\"type\":\"string\"},\"article\":{\"type\":\"string\"},\"dept_id\":" \
    "{\"type\":\"integer\"}}}"
#define S_CASE "{\"type\":\"object\",\"required\":[\"title\",\"party_name\",\"party_kind\"," \
    "\"officers\"],\"properties\":{\"kind\":{\"enum\":[\"penalty\",\"inspection\"]}," \
    "\"procedure\":{\"enum\":[\"simple\",\"ordinary\"]},\"title\":{\"type\":\"string\"}," \
    "\"party_name\":{\"type\":\"string\"},\"party_kind\":{\"enum\":[\"citizen\",\"org\"]}," \
    "\"party_id_no\":{\"type\":\"string\"},\"party_address\":{\"type\":\"string\"}," \
    "\"facts\":{\"type\":\"string\"},\"violation_at\":{\"type\":\"string\",\"format\":" \
    "\"date\"},\"dept_id\":{\"type\":\"integer\"},\"officers\":{\"type\":\"array\"," \
    "\"minItems\":2,\"items\":{\"type\":\"integer\"}},\"major\":{\"type\":\"boolean\"}," \
    "\"review_required\":{\"type\":\"boolean\"},\"source\":{\"type\":\"string\"}," \
    "\"workorder_id\":{\"type\":\"integer\"},\"power_id\":{\"type\":\"integer\"}}}"
#define S_CASE_ACTION "{\"type\":\"object\",\"required\":[\"action\"],\"properties\":{" \
    "\"action\":{\"type\":\"string\"},\"intended\":{\"type\":\"object\"},\"penalty\":" \
    "{\"type\":\"object\",\"properties\":{\"kinds\":{\"type\":\"array\",\"items\":" \
    "{\"type\":\"string\"}},\"fine\":{\"type\":\"number\"}}},\"decision\":{\"type\":" \
    "\"string\"},\"statement\":{\"type\":\"string\"},\"result\":{\"type\":\"string\"}," \
    "\"opinion\":{\"type\":\"string\"},\"method\":{\"type\":\"string\"},\"consent\":" \
    "{\"type\":\"boolean\"},\"officers\":{\"type\":\"array\",\"items\":{\"type\":" \
    "\"integer\"}},\"hearing_at\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\"}," \
    "\"reason\":{\"type\":\"string\"},\"performed_on\":{\"type\":\"string\"}}}"
#define S_CASE_ACT "{\"type\":\"object\",\"required\":[\"kind\",\"officers\"],\"properties\":" \
    "{\"kind\":{\"enum\":[\"inspection\",\"inquiry\",\"evidence\"]},\"officers\":{\"type\":" \
    "\"array\",\"minItems\":2,\"items\":{\"type\":\"integer\"}},\"place\":{\"type\":" \
    "\"string\"},\"summary\":{\"type\":\"string\"}}}"

#define S_PATROL "{\"type\":\"object\",\"required\":[\"route\",\"officers\"],\"properties\":" \
    "{\"route\":{\"type\":\"string\"},\"officers\":{\"type\":\"array\",\"minItems\":2," \
    "\"items\":{\"type\":\"integer\"}},\"summary\":{\"type\":\"string\"}}}"
#define S_PATROL_END "{\"type\":\"object\",\"properties\":{\"summary\":{\"type\":\"string\"}}}"
#define S_FINDING "{\"type\":\"object\",\"required\":[\"description\"],\"properties\":{" \
    "\"description\":{\"type\":\"string\"},\"place\":{\"type\":\"string\"},\"kind\":" \
    "{\"enum\":[\"issue\",\"service\",\"hazard\"]}}}"

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

    { "GET", "/api/v1/users", users_api_list, "system:user:read", R_PAGED, T_ORG,
      "用户列表（分页、筛选、排序）", NULL },
    { "POST", "/api/v1/users", users_api_create, "system:user:write", R_CREATES, T_ORG,
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
    { "POST", "/api/v1/departments", org_api_dept_create, "system:dept:write", R_CREATES, T_ORG,
      "创建部门", S_DEPT },
    { "PUT", "/api/v1/departments/:id", org_api_dept_update, "system:dept:write", 0, T_ORG,
      "修改部门（带版本号）", S_DEPT },
    { "DELETE", "/api/v1/departments/:id", org_api_dept_delete, "system:dept:write", 0,
      T_ORG, "删除部门", NULL },

    { "GET", "/api/v1/roles", org_api_roles, "system:role:read", 0, T_ORG,
      "角色列表", NULL },
    { "POST", "/api/v1/roles", org_api_role_create, "system:role:write", R_CREATES, T_ORG,
      "创建角色", S_ROLE },
    { "PUT", "/api/v1/roles/:id", org_api_role_update, "system:role:write", 0, T_ORG,
      "修改角色（带版本号）", S_ROLE },
    { "DELETE", "/api/v1/roles/:id", org_api_role_delete, "system:role:write", 0, T_ORG,
      "删除角色", NULL },
    { "GET", "/api/v1/permissions", org_api_permissions, "system:role:read", 0, T_ORG,
      "权限目录", NULL },

    { "GET", "/api/v1/audit", audit_api_list, "system:audit:read", R_PAGED, T_AUDIT,
      "操作日志（防篡改审计日志）", NULL },
    { "GET", "/api/v1/audit/head", audit_api_head, "system:audit:read", 0, T_AUDIT,
      "签名的树头（大小、根哈希、签名）", NULL },
    { "GET", "/api/v1/audit/consistency", audit_api_consistency, "system:audit:read", 0,
      T_AUDIT, "两个树大小之间的一致性证明（RFC 9162）", NULL },
    { "GET", "/api/v1/audit/:seq/proof", audit_api_proof, "system:audit:read", 0, T_AUDIT,
      "日志条目的包含证明（RFC 9162）", NULL },
    { "GET", "/api/v1/login-log", audit_api_login_log, "system:loginlog:read", R_PAGED, T_AUDIT,
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
    { "GET", "/api/v1/workorders", workorders_api_list, "workorder:read", R_PAGED, T_WO,
      "工单列表（分页、筛选：状态、类别、渠道、部门、超期/临期/督办/暂停/疑似重复）", NULL },
    { "POST", "/api/v1/workorders", workorders_api_create, "workorder:create", R_CREATES, T_WO,
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
#define T_O311 "Open311 GeoReport v2"
#define R_O311_POST (R_PUBLIC | R_RAW | R_NO_CSRF)   /* form body; the api_key authenticates */
#define S_O311_POST "{\"content\":{\"application/x-www-form-urlencoded\":{\"schema\":" \
    "{\"type\":\"object\"," \
    "\"required\":[\"api_key\",\"service_code\"],\"properties\":{\"api_key\":{\"type\":" \
    "\"string\"},\"jurisdiction_id\":{\"type\":\"string\"},\"service_code\":{\"type\":" \
    "\"string\"},\"lat\":{\"type\":\"number\"},\"long\":{\"type\":\"number\"}," \
    "\"address_string\":{\"type\":\"string\"},\"address_id\":{\"type\":\"string\"}," \
    "\"email\":{\"type\":\"string\"},\"device_id\":{\"type\":\"string\"},\"account_id\":" \
    "{\"type\":\"string\"},\"first_name\":{\"type\":\"string\"},\"last_name\":{\"type\":" \
    "\"string\"},\"phone\":{\"type\":\"string\"},\"description\":{\"type\":\"string\"," \
    "\"maxLength\":4000},\"media_url\":{\"type\":\"string\"}},\"patternProperties\":{" \
    "\"^attribute\\\\[\":{\"type\":\"string\"}}}}}}"
#define S_O311_NONE "{\"content\":{\"application/x-www-form-urlencoded\":{\"schema\":" \
    "{\"type\":\"object\",\"description\":\"no body is read\"}}}}"
    { "GET", "/open311/v2/discovery.xml", open311_api_discovery, NULL, R_PUBLIC, T_O311,
      "Open311 服务发现（XML）", NULL },
    { "GET", "/open311/v2/discovery.json", open311_api_discovery, NULL, R_PUBLIC, T_O311,
      "Open311 服务发现（JSON）", NULL },
    { "GET", "/open311/v2/services.xml", open311_api_services, NULL, R_PUBLIC, T_O311,
      "Open311 服务目录：公开的工单类别（XML）", NULL },
    { "GET", "/open311/v2/services.json", open311_api_services, NULL, R_PUBLIC, T_O311,
      "Open311 服务目录：公开的工单类别（JSON）", NULL },
    { "GET", "/open311/v2/services/:service_code", open311_api_service, NULL, R_PUBLIC,
      T_O311, "Open311 服务定义（属性）；service_code 后接 .xml 或 .json", NULL },
    { "POST", "/open311/v2/requests.xml", open311_api_request_create, NULL, R_O311_POST,
      T_O311, "Open311 提交诉求（表单编码，须带 api_key），登记为工单（XML）", S_O311_POST },
    { "POST", "/open311/v2/requests.json", open311_api_request_create, NULL, R_O311_POST,
      T_O311, "Open311 提交诉求（表单编码，须带 api_key），登记为工单（JSON）", S_O311_POST },
    { "GET", "/open311/v2/requests.xml", open311_api_requests, NULL, R_PUBLIC, T_O311,
      "Open311 查询诉求：service_request_id、service_code、start_date、end_date、status（XML）",
      NULL },
    { "GET", "/open311/v2/requests.json", open311_api_requests, NULL, R_PUBLIC, T_O311,
      "Open311 查询诉求：service_request_id、service_code、start_date、end_date、status（JSON）",
      NULL },
    { "GET", "/open311/v2/requests/:service_request_id", open311_api_request, NULL,
      R_PUBLIC, T_O311, "Open311 一件诉求（工单编号后接 .xml 或 .json）", NULL },
    { "GET", "/open311/v2/tokens/:token", open311_api_token, NULL, R_PUBLIC, T_O311,
      "Open311 由 token 查工单编号（token 后接 .xml 或 .json）", NULL },
    { "GET", "/open311/v2/:resource", open311_api_unknown, NULL, R_PUBLIC, T_O311,
      "Open311 其他地址：按规范格式返回 404（无此资源）或 400（格式或方法不对）", NULL },
    { "POST", "/open311/v2/:resource", open311_api_unknown, NULL, R_O311_POST, T_O311,
      "Open311 其他地址：按规范格式返回 404 或 400", S_O311_NONE },
    { "GET", "/open311/v2/:resource/:file", open311_api_unknown, NULL, R_PUBLIC, T_O311,
      "Open311 其他地址：按规范格式返回 404 或 400", NULL },
    { "POST", "/open311/v2/:resource/:file", open311_api_unknown, NULL, R_O311_POST, T_O311,
      "Open311 其他地址：按规范格式返回 404 或 400", S_O311_NONE },

    /* -- decisions (issue 6) -- */
#define T_DEC "重大行政决策"
#define T_MTG "集体决策"
#define T_REV "法律顾问与合法性审查"
#define S_DOC "{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{\"name\":" \
    "{\"type\":\"string\"},\"text\":{\"type\":\"string\"},\"content_base64\":{\"type\":" \
    "\"string\",\"contentEncoding\":\"base64\"},\"mime\":{\"type\":\"string\"}}}"
#define S_DOCS "{\"type\":\"array\",\"maxItems\":20,\"items\":" S_DOC "}"
#define S_DEC_NEW "{\"type\":\"object\",\"required\":[\"title\",\"category\",\"lead_dept_id\"]," \
    "\"properties\":{\"title\":{\"type\":\"string\"},\"category\":{\"enum\":[\"public_policy\"," \
    "\"plan\",\"resources\",\"construction\",\"other\"]},\"org\":{\"enum\":[\"center\"," \
    "\"company\"]},\"lead_dept_id\":{\"type\":\"integer\"},\"catalogue_item_id\":{\"type\":" \
    "\"integer\"},\"proposer\":{\"type\":\"string\"},\"description\":{\"type\":\"string\"}," \
    "\"initiated_on\":{\"type\":\"string\",\"format\":\"date\"}}}"
/* the fields of hearing (Art. 16-17), party_report (Art. 31) and adjust (Art. 37) */
#define S_DEC_MORE "\"held_on\":{\"type\":\"string\",\"format\":\"date\"},\"notice_on\":" \
    "{\"type\":\"string\",\"format\":\"date\"},\"materials_sent_on\":{\"type\":\"string\"," \
    "\"format\":\"date\"},\"place\":{\"type\":\"string\"},\"presider\":{\"type\":\"string\"}," \
    "\"selection_method\":{\"type\":\"string\"},\"participants\":{\"type\":\"array\"," \
    "\"items\":{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{\"name\":" \
    "{\"type\":\"string\"},\"represents\":{\"type\":\"string\"},\"chosen_by\":{\"type\":" \
    "\"string\"}}}},\"minutes\":{\"type\":\"string\"},\"minutes_signed\":{\"type\":" \
    "\"boolean\"},\"adoption\":{\"type\":\"string\"},\"committee\":{\"type\":\"string\"}," \
    "\"opinion\":{\"type\":\"string\"},\"required\":{\"type\":\"boolean\"},\"kind\":" \
    "{\"enum\":[\"adjust\",\"suspend\",\"resume\",\"terminate\"]},\"proposer\":{\"type\":" \
    "\"string\"},\"reasons\":{\"type\":\"string\"},\"content\":{\"type\":\"string\"}," \
    "\"major\":{\"type\":\"boolean\"},\"procedures\":{\"type\":\"string\"},\"emergency\":" \
    "{\"type\":\"boolean\"},\"head\":{\"type\":\"string\"}"
#define S_DEC_ACTION "{\"type\":\"object\",\"required\":[\"action\"],\"properties\":{" \
    "\"action\":{\"enum\":[\"participation\",\"hearing\",\"expert\",\"risk\",\"submit_review\"," \
    "\"review\",\"decide\",\"party_report_required\",\"party_report\",\"publish\"," \
    "\"implement\",\"evaluate\",\"adjust\",\"archive\",\"comment\"]},\"date\":" \
    "{\"type\":\"string\",\"format\":\"date\"},\"state\":{\"enum\":[\"done\",\"na\"]}," \
    "\"reason\":{\"type\":\"string\"},\"method\":{\"type\":\"string\"},\"comment_start\":" \
    "{\"type\":\"string\",\"format\":\"date\"},\"comment_end\":{\"type\":\"string\",\"format\":" \
    "\"date\"},\"shortening_reason\":{\"type\":\"string\"},\"experts\":{\"type\":\"string\"}," \
    "\"level\":{\"enum\":[\"low\",\"medium\",\"high\"]},\"counsel_id\":{\"type\":\"integer\"}," \
    "\"review_id\":{\"type\":\"integer\"},\"result\":{\"enum\":[\"lawful\",\"unlawful\"," \
    "\"exploratory_with_risk_statement\"]},\"override_reason\":{\"type\":\"string\"}," \
    "\"meeting_item_id\":{\"type\":\"integer\"},\"outcome\":{\"enum\":[\"adopted\"," \
    "\"rejected\",\"deferred\",\"agreed\",\"agreed_with_changes\",\"disagreed\"]}," \
    "\"channel\":{\"type\":\"string\"},\"comment\":{\"type\":" \
    "\"string\"},\"documents\":" S_DOCS "," S_DEC_MORE "}}"
#define S_DEC_DOC "{\"type\":\"object\",\"required\":[\"step\",\"name\"],\"properties\":{" \
    "\"step\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"text\":{\"type\":" \
    "\"string\"},\"content_base64\":{\"type\":\"string\"},\"mime\":{\"type\":\"string\"}}}"
#define S_CATALOGUE "{\"type\":\"object\",\"properties\":{\"year\":{\"type\":\"integer\"}," \
    "\"title\":{\"type\":\"string\"},\"version\":{\"type\":\"integer\"},\"items\":{\"type\":" \
    "\"array\",\"items\":{\"type\":\"object\",\"required\":[\"title\",\"category\"]," \
    "\"properties\":{\"title\":{\"type\":\"string\"},\"category\":{\"type\":\"string\"}," \
    "\"lead_dept_id\":{\"type\":\"integer\"},\"planned\":{\"type\":\"string\"},\"note\":" \
    "{\"type\":\"string\"}}}}}}"
#define S_STEP_ACTION "{\"type\":\"object\",\"required\":[\"action\"],\"properties\":{" \
    "\"action\":{\"enum\":[\"party_approve\",\"publish\"]},\"date\":{\"type\":\"string\"," \
    "\"format\":\"date\"}}}"
#define S_BODY "{\"type\":\"object\",\"required\":[\"version\"],\"properties\":{\"version\":" \
    "{\"type\":\"integer\"},\"quorum_num\":{\"type\":\"integer\"},\"quorum_den\":{\"type\":" \
    "\"integer\"},\"quorum_strict\":{\"type\":\"boolean\"},\"members\":{\"type\":\"array\"," \
    "\"items\":{\"type\":\"object\",\"properties\":{\"user_id\":{\"type\":\"integer\"}," \
    "\"duty\":{\"type\":\"string\"},\"is_chair\":{\"type\":\"boolean\"}}}}}}"
#define S_ITEM_PROPS "\"properties\":{\"title\":{\"type\":\"string\"},\"presenter\":{\"type\":" \
    "\"string\"},\"description\":{\"type\":\"string\"},\"decision_id\":{\"type\":\"integer\"}," \
    "\"matter_id\":{\"type\":\"integer\"}}"
#define S_MTG_NEW "{\"type\":\"object\",\"required\":[\"body_id\",\"title\",\"held_on\"]," \
    "\"properties\":{\"body_id\":{\"type\":\"integer\"},\"title\":{\"type\":\"string\"}," \
    "\"held_on\":{\"type\":\"string\",\"format\":\"date\"},\"start_time\":{\"type\":\"string\"}," \
    "\"place\":{\"type\":\"string\"},\"chair_id\":{\"type\":\"integer\"},\"recorder\":{\"type\":" \
    "\"string\"},\"items\":{\"type\":\"array\",\"items\":{\"type\":\"object\"," S_ITEM_PROPS "}}}}"
#define S_MTG_UPD "{\"type\":\"object\",\"required\":[\"version\"],\"properties\":{\"version\":" \
    "{\"type\":\"integer\"},\"title\":{\"type\":\"string\"},\"place\":{\"type\":\"string\"}," \
    "\"start_time\":{\"type\":\"string\"},\"recorder\":{\"type\":\"string\"},\"minutes\":" \
    "{\"type\":\"string\"},\"chair_id\":{\"type\":\"integer\"}}}"
#define S_MTG_ITEM "{\"type\":\"object\"," S_ITEM_PROPS "}"
#define S_ATTEND "{\"type\":\"object\",\"required\":[\"attendees\"],\"properties\":{" \
    "\"attendees\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"user_id\"," \
    "\"present\"],\"properties\":{\"user_id\":{\"type\":\"integer\"},\"present\":{\"type\":" \
    "\"boolean\"},\"role\":{\"enum\":[\"member\",\"attendee\"]},\"absence_reason\":{\"type\":" \
    "\"string\"}}}}}}"
#define S_OPINIONS "{\"type\":\"object\",\"required\":[\"opinions\"],\"properties\":{" \
    "\"opinions\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"user_id\"," \
    "\"opinion\"],\"properties\":{\"user_id\":{\"type\":\"integer\"},\"opinion\":{\"enum\":" \
    "[\"agree\",\"disagree\",\"abstain\"]},\"statement\":{\"type\":\"string\"}}}}}}"
#define S_DECIDE "{\"type\":\"object\",\"required\":[\"outcome\"],\"properties\":{\"outcome\":" \
    "{\"enum\":[\"adopted\",\"rejected\",\"deferred\"]},\"resolution\":{\"type\":\"string\"}," \
    "\"dissent\":{\"type\":\"string\"},\"against_majority_reason\":{\"type\":\"string\"}," \
    "\"meeting_item_id\":{\"type\":\"integer\"}}}"
#define S_CLOSE "{\"type\":\"object\",\"properties\":{\"minutes\":{\"type\":\"string\"}}}"
#define S_KIND "{\"type\":\"object\",\"required\":[\"version\"],\"properties\":{\"version\":" \
    "{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},\"threshold\":{\"type\":" \
    "[\"integer\",\"null\"]},\"basis\":{\"type\":\"string\"}}}"
#define S_MATTER "{\"type\":\"object\",\"required\":[\"title\",\"kind\"],\"properties\":{" \
    "\"title\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\"},\"amount\":{\"type\":" \
    "\"integer\"},\"org\":{\"enum\":[\"center\",\"company\"]},\"description\":{\"type\":" \
    "\"string\"}}}"
#define S_REVIEW_NEW "{\"type\":\"object\",\"required\":[\"title\",\"kind\"],\"properties\":{" \
    "\"title\":{\"type\":\"string\"},\"kind\":{\"enum\":[\"decision\",\"contract\"," \
    "\"normative_document\",\"enforcement_document\",\"other\"]},\"material\":{\"type\":" \
    "\"string\"},\"decision_id\":{\"type\":\"integer\"},\"counsel_id\":{\"type\":\"integer\"}," \
    "\"submitted_on\":{\"type\":\"string\",\"format\":\"date\"},\"attachments\":" S_DOCS "}}"
#define S_ASSIGN "{\"type\":\"object\",\"required\":[\"counsel_id\"],\"properties\":{" \
    "\"counsel_id\":{\"type\":\"integer\"}}}"
#define S_RETURN "{\"type\":\"object\",\"required\":[\"reason\"],\"properties\":{\"reason\":" \
    "{\"type\":\"string\"}}}"
#define S_RESUBMIT "{\"type\":\"object\",\"properties\":{\"material\":{\"type\":\"string\"}," \
    "\"attachments\":" S_DOCS "}}"
#define S_OPINION "{\"type\":\"object\",\"required\":[\"conclusion\",\"reasoning\"]," \
    "\"properties\":{\"letter_on\":{\"type\":\"string\",\"format\":\"date\"},\"conclusion\":" \
    "{\"enum\":[\"lawful\",\"lawful_with_changes\",\"unlawful\",\"other\"]},\"reasoning\":" \
    "{\"type\":\"string\"},\"attachments\":" S_DOCS "}}"
#define S_FIRM "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}," \
    "\"letter_prefix\":{\"type\":\"string\"},\"address\":{\"type\":\"string\"},\"contact\":" \
    "{\"type\":\"string\"},\"phone\":{\"type\":\"string\"},\"status\":{\"enum\":[\"active\"," \
    "\"inactive\"]},\"version\":{\"type\":\"integer\"}}}"
#define S_LAWYER "{\"type\":\"object\",\"required\":[\"user_id\"],\"properties\":{\"user_id\":" \
    "{\"type\":\"integer\"},\"license_no\":{\"type\":\"string\"},\"title\":{\"type\":\"string\"}}}"
#define S_ENGAGE "{\"type\":\"object\",\"required\":[\"firm_id\",\"start_on\",\"end_on\"," \
    "\"scope\"],\"properties\":{\"firm_id\":{\"type\":\"integer\"},\"contract_no\":{\"type\":" \
    "\"string\"},\"start_on\":{\"type\":\"string\",\"format\":\"date\"},\"end_on\":{\"type\":" \
    "\"string\",\"format\":\"date\"},\"scope\":{\"type\":\"string\"}," \
    "\"fee\":{\"type\":\"integer\"}}}"
    { "GET", "/api/v1/decisions", decisions_api_list, "decision:read", R_PAGED, T_DEC,
      "重大行政决策列表（筛选 q status org year，from/to 启动日期，decided_from/decided_to，"
      "published_from/published_to，review_overdue=1；每条含尚不能进行的环节及原因）", NULL },
    { "POST", "/api/v1/decisions", decisions_api_create, "decision:write", 0, T_DEC,
      "启动重大行政决策（第十条、第十一条：确定承办单位）", S_DEC_NEW },
    { "GET", "/api/v1/decisions/:id", decisions_api_get, "decision:read", 0, T_DEC,
      "决策详情：法定程序各环节、记录、材料、可执行与受阻的操作", NULL },
    { "POST", "/api/v1/decisions/:id/actions", decisions_api_action, "decision:read", 0, T_DEC,
      "决策程序操作：participation hearing expert risk submit_review review decide"
      " party_report_required party_report publish implement evaluate adjust archive comment"
      "（违反程序 409 procedure_violation）", S_DEC_ACTION },
    { "POST", "/api/v1/decisions/:id/documents", decisions_api_attach, "decision:write", 0,
      T_DEC, "上传某一环节的材料（文本或 Base64，保存 SHA-256）", S_DEC_DOC },
    { "POST", "/api/v1/decisions/:id/files", decisions_api_upload, "decision:write",
      R_UPLOAD | R_CREATES, T_DEC,
      "上传某一环节的材料文件（multipart/form-data：step、name、file；存入文件库，"
      "返回 sha256 与 sm3，不受 JSON 请求体大小限制）", NULL },
    { "GET", "/api/v1/decisions/:id/documents/:doc", decisions_api_document, "decision:read",
      0, T_DEC, "下载材料原件", NULL },
    { "GET", "/api/v1/decisions/:id/archive.zip", decisions_api_archive, "decision:read", 0,
      T_DEC, "归档包（材料、manifest.json、manifest.sha256、README；可用 sha256sum -c 离线核验）",
      NULL },
    { "GET", "/api/v1/decision-catalogues", decisions_api_catalogues, "decision:read", 0, T_DEC,
      "决策事项目录（无编制权限者只见已公布的）", NULL },
    { "POST", "/api/v1/decision-catalogues", decisions_api_catalogue_create, "decision:write",
      0, T_DEC, "编制年度决策事项目录", S_CATALOGUE },
    { "GET", "/api/v1/decision-catalogues/:id", decisions_api_catalogue_get, "decision:read", 0,
      T_DEC, "决策事项目录详情", NULL },
    { "PUT", "/api/v1/decision-catalogues/:id", decisions_api_catalogue_update,
      "decision:write", 0, T_DEC, "修改草稿目录（带版本号）", S_CATALOGUE },
    { "POST", "/api/v1/decision-catalogues/:id/actions", decisions_api_catalogue_action,
      "decision:approve", 0, T_DEC, "目录经党委同意、向社会公布（第三条第三款）", S_STEP_ACTION },
    { "GET", "/api/v1/public/decision-catalogues/:year", decisions_api_catalogue_public, NULL,
      R_PUBLIC, T_DEC, "已公布的年度决策事项目录（公开）", NULL },
    { "GET", "/api/v1/meeting-bodies", decisions_api_bodies, "meeting:read", 0, T_MTG,
      "议事机构（党组会、主任办公会、董事会、总经理办公会）及成员、法定人数规则", NULL },
    { "PUT", "/api/v1/meeting-bodies/:id", decisions_api_body_update, "meeting:write", 0, T_MTG,
      "修改议事机构成员与法定人数规则（带版本号）", S_BODY },
    { "GET", "/api/v1/meetings", decisions_api_meetings, "meeting:read", R_PAGED, T_MTG,
      "集体决策会议列表", NULL },
    { "POST", "/api/v1/meetings", decisions_api_meeting_create, "meeting:write", 0, T_MTG,
      "组织会议（含议题）", S_MTG_NEW },
    { "GET", "/api/v1/meetings/:id", decisions_api_meeting_get, "meeting:read", 0, T_MTG,
      "会议详情：出席、议题、意见、决定", NULL },
    { "PUT", "/api/v1/meetings/:id", decisions_api_meeting_update, "meeting:write", 0, T_MTG,
      "修改会议信息或纪要（带版本号）", S_MTG_UPD },
    { "POST", "/api/v1/meetings/:id/items", decisions_api_meeting_item, "meeting:write", 0,
      T_MTG, "增加议题（可关联重大行政决策或重大事项）", S_MTG_ITEM },
    { "POST", "/api/v1/meetings/:id/attendance", decisions_api_meeting_attendance,
      "meeting:write", 0, T_MTG, "登记出席与缺席，计算是否达到法定人数", S_ATTEND },
    { "POST", "/api/v1/meetings/:id/items/:item/opinions", decisions_api_meeting_opinions,
      "meeting:write", 0, T_MTG, "登记与会人员对议题的意见", S_OPINIONS },
    { "POST", "/api/v1/meetings/:id/items/:item/decide", decisions_api_meeting_decide,
      "meeting:write", 0, T_MTG, "会议对议题作出决定（须达到法定人数；如实记录不同意见）",
      S_DECIDE },
    { "POST", "/api/v1/meetings/:id/close", decisions_api_meeting_close, "meeting:write", 0,
      T_MTG, "结束会议，纪要定稿", S_CLOSE },
    { "GET", "/api/v1/meetings/:id/minutes.docx", decisions_api_minutes, "meeting:read", 0,
      T_MTG, "导出会议纪要（DOCX）", NULL },
    { "GET", "/api/v1/matter-kinds", decisions_api_matter_kinds, "meeting:read", 0, T_MTG,
      "重大事项类别与金额标准", NULL },
    { "PUT", "/api/v1/matter-kinds/:code", decisions_api_matter_kind_update, "meeting:write", 0,
      T_MTG, "修改重大事项类别的标准（带版本号）", S_KIND },
    { "GET", "/api/v1/matters", decisions_api_matters, "meeting:read", R_PAGED, T_MTG,
      "事项列表（是否属于重大事项、决定情况）", NULL },
    { "POST", "/api/v1/matters", decisions_api_matter_create, "meeting:write", 0, T_MTG,
      "登记待决定事项", S_MATTER },
    { "GET", "/api/v1/matters/:id", decisions_api_matter_get, "meeting:read", 0, T_MTG,
      "事项详情", NULL },
    { "POST", "/api/v1/matters/:id/decide", decisions_api_matter_decide, "meeting:write", 0,
      T_MTG, "对事项作出决定（重大事项只能经会议决定，否则 409）", S_DECIDE },
    /* stats comes before /:id, which would also match it */
    { "GET", "/api/v1/reviews", counsel_api_list, "review:read", R_PAGED, T_REV,
      "合法性审查申请列表（法律顾问只见指派给本人的；mine=1 我的审查任务；筛选 q kind status"
      " from/to 提交日期 letter_from/letter_to 意见书日期 overdue=1 counsel_id decision_id）",
      NULL },
    { "POST", "/api/v1/reviews", counsel_api_create, "review:request", 0, T_REV,
      "提交合法性审查申请（期限为提交后 N 个工作日）", S_REVIEW_NEW },
    { "GET", "/api/v1/reviews/stats", counsel_api_stats, "review:read", 0, T_REV,
      "审查与法律意见书统计：按类别、法律顾问、月份；平均与最长用时（工作日）；超期", NULL },
    { "GET", "/api/v1/reviews/:id", counsel_api_get, "review:read", 0, T_REV,
      "审查申请详情（含材料、过程、法律意见书）", NULL },
    { "POST", "/api/v1/reviews/:id/assign", counsel_api_assign, "review:admin", 0, T_REV,
      "指派法律顾问", S_ASSIGN },
    { "POST", "/api/v1/reviews/:id/return", counsel_api_return, "review:answer", 0, T_REV,
      "退回补充材料", S_RETURN },
    { "POST", "/api/v1/reviews/:id/resubmit", counsel_api_resubmit, "review:request", 0, T_REV,
      "补充材料后重新提交", S_RESUBMIT },
    { "POST", "/api/v1/reviews/:id/opinion", counsel_api_opinion, "review:answer", 0, T_REV,
      "出具法律意见书（按律所、年度编号）", S_OPINION },
    { "GET", "/api/v1/reviews/:id/letter.docx", counsel_api_letter, "review:read", 0, T_REV,
      "导出法律意见书（DOCX）", NULL },
    { "GET", "/api/v1/reviews/:id/attachments/:att", counsel_api_attachment, "review:read", 0,
      T_REV, "下载审查材料", NULL },
    { "GET", "/api/v1/law-firms", counsel_api_firms, "review:read", 0, T_REV,
      "律师事务所、律师与聘用情况", NULL },
    { "POST", "/api/v1/law-firms", counsel_api_firm_create, "review:admin", 0, T_REV,
      "登记律师事务所", S_FIRM },
    { "PUT", "/api/v1/law-firms/:id", counsel_api_firm_update, "review:admin", 0, T_REV,
      "修改律师事务所（带版本号）", S_FIRM },
    { "POST", "/api/v1/law-firms/:id/lawyers", counsel_api_lawyer_save, "review:admin", 0,
      T_REV, "登记律师（须为 counsel 角色的用户）", S_LAWYER },
    { "GET", "/api/v1/counsels", counsel_api_lawyers, "review:read", 0, T_REV,
      "法律顾问（律师）列表及在办数量", NULL },
    { "GET", "/api/v1/engagements", counsel_api_engagements, "review:read", 0, T_REV,
      "法律顾问聘用合同", NULL },
    { "POST", "/api/v1/engagements", counsel_api_engagement_create, "review:admin", 0, T_REV,
      "登记法律顾问聘用（期限、服务范围）", S_ENGAGE },

    /* -- registries (issue 7) -- */
#define T_REG "企业与信用、普法与学习"
#define REG_READ "registry:read"
#define REG_WRITE "registry:write"
#define S_REG_ENT \
    "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"uscc\":{" \
    "\"type\":\"string\",\"pattern\":\"^\\\\s*[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}" \
    "\\\\s*$\"},\"legal_rep\":{\"type\":\"string\"},\"address\":{\"type\":\"string\"}" \
    ",\"industry\":{\"type\":\"string\"},\"settled_on\":{\"type\":\"string\",\"format\":\"date\"}" \
    ",\"contacts\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"name\"]," \
    "\"properties\":{\"name\":{\"type\":\"string\"},\"phone\":{\"type\":\"string\"}" \
    "}}},\"status\":{\"enum\":[\"active\",\"moved_out\",\"deregistered\"]},\"remark\":{" \
    "\"type\":\"string\"}},\"required\":[\"name\",\"uscc\"]}"
#define S_REG_ENT_UPD \
    "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":\"integer\",\"minimum\":1}" \
    ",\"name\":{\"type\":\"string\"},\"uscc\":{\"type\":\"string\"," \
    "\"pattern\":\"^\\\\s*[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{" \
    "18}\\\\s*$\"},\"legal_rep\":{\"type\":\"string\"},\"address\":{\"type\":\"string\"}" \
    ",\"industry\":{\"type\":\"string\"},\"settled_on\":{\"type\":\"string\",\"format\":\"date\"}" \
    ",\"contacts\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"name\"]," \
    "\"properties\":{\"name\":{\"type\":\"string\"},\"phone\":{\"type\":\"string\"}" \
    "}}},\"status\":{\"enum\":[\"active\",\"moved_out\",\"deregistered\"]},\"remark\":{" \
    "\"type\":\"string\"}},\"required\":[\"version\"]}"
#define S_REG_CM \
    "{\"type\":\"object\",\"properties\":{\"enterprise_id\":{\"type\":\"integer\",\"minimum\":1}" \
    ",\"kind\":{\"enum\":[\"credit\",\"integrity\",\"notification\"]},\"content\":{" \
    "\"type\":\"string\"},\"signed_on\":{\"type\":\"string\",\"format\":\"date\"},\"signer\":{" \
    "\"type\":\"string\"},\"valid_until\":{\"type\":\"string\",\"format\":\"date\"}" \
    ",\"file_ref\":{\"type\":\"string\"},\"status\":{\"enum\":[\"valid\",\"breached\"," \
    "\"revoked\"]}},\"required\":[\"enterprise_id\",\"kind\",\"signed_on\"]}"
#define S_REG_CM_UPD \
    "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":\"integer\",\"minimum\":1}" \
    ",\"enterprise_id\":{\"type\":\"integer\",\"minimum\":1},\"kind\":{\"enum\":[\"credit\"," \
    "\"integrity\",\"notification\"]},\"content\":{\"type\":\"string\"},\"signed_on\":{" \
    "\"type\":\"string\",\"format\":\"date\"},\"signer\":{\"type\":\"string\"},\"valid_until\":{" \
    "\"type\":\"string\",\"format\":\"date\"},\"file_ref\":{\"type\":\"string\"},\"status\":{" \
    "\"enum\":[\"valid\",\"breached\",\"revoked\"]}},\"required\":[\"version\"]}"
#define S_REG_BF \
    "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},\"held_on\":{" \
    "\"type\":\"string\",\"format\":\"date\"},\"location\":{\"type\":\"string\"},\"speaker\":{" \
    "\"type\":\"string\"},\"dept_id\":{\"type\":\"integer\",\"minimum\":1},\"people_count\":{" \
    "\"type\":\"integer\",\"minimum\":0},\"enterprise_ids\":{\"type\":\"array\",\"items\":{" \
    "\"type\":\"integer\",\"minimum\":1}}," \
    "\"notes\":{\"type\":\"string\"}},\"required\":[\"title\"," \
    "" \
    "\"held_on\"]}"
#define S_REG_BF_UPD \
    "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":\"integer\",\"minimum\":1}" \
    ",\"title\":{\"type\":\"string\"},\"held_on\":{\"type\":\"string\",\"format\":\"date\"}" \
    ",\"location\":{\"type\":\"string\"},\"speaker\":{\"type\":\"string\"},\"dept_id\":{" \
    "\"type\":\"integer\",\"minimum\":1},\"people_count\":{\"type\":\"integer\",\"minimum\":0}" \
    ",\"enterprise_ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"minimum\":1}" \
    "},\"notes\":{\"type\":\"string\"}},\"required\":[\"version\"]}"
#define S_REG_BR \
    "{\"type\":\"object\",\"properties\":{\"enterprise_id\":{\"type\":\"integer\",\"minimum\":1}" \
    ",\"commitment_id\":{\"type\":\"integer\",\"minimum\":1},\"found_on\":{\"type\":\"string\"," \
    "\"format\":\"date\"},\"description\":{\"type\":\"string\"}," \
    "\"evidence\":{\"type\":\"string\"}" \
    ",\"handling\":{\"type\":\"string\"},\"status\":{\"enum\":[\"open\",\"handled\"]}" \
    "},\"required\":[\"enterprise_id\",\"found_on\",\"description\"]}"
#define S_REG_BR_UPD \
    "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":\"integer\",\"minimum\":1}" \
    ",\"enterprise_id\":{\"type\":\"integer\"," \
    "\"minimum\":1},\"commitment_id\":{\"type\":\"integer\"," \
    "\"minimum\":1},\"found_on\":{\"type\":\"string\",\"format\":\"date\"},\"description\":{" \
    "\"type\":\"string\"},\"evidence\":{\"type\":\"string\"},\"handling\":{\"type\":\"string\"}" \
    ",\"status\":{\"enum\":[\"open\",\"handled\"]}},\"required\":[\"version\"]}"
#define S_REG_ACT \
    "{\"type\":\"object\",\"properties\":{\"kind\":{\"enum\":[\"pufa_lecture\",\"pufa_onsite\"," \
    "\"pufa_online\",\"pufa_case\",\"anti_fraud\",\"study_first_topic\",\"study_theory_group\"," \
    "\"enforcement_publicity\"]},\"title\":{\"type\":\"string\"}," \
    "\"held_on\":{\"type\":\"string\"," \
    "" \
    "\"format\":\"date\"},\"dept_id\":{\"type\":\"integer\",\"minimum\":1},\"partner\":{" \
    "\"type\":\"string\"},\"location\":{\"type\":\"string\"},\"laws\":{\"type\":\"array\"," \
    "\"items\":{\"type\":\"string\"}},\"audience\":{\"type\":\"integer\",\"minimum\":0}" \
    ",\"enterprises_reached\":{\"type\":\"integer\"," \
    "\"minimum\":0},\"channel\":{\"type\":\"string\"}" \
    ",\"link\":{\"type\":\"string\"},\"reads\":{\"type\":\"integer\",\"minimum\":0}" \
    ",\"leaflets\":{\"type\":\"integer\",\"minimum\":0},\"app_installs\":{\"type\":\"integer\"," \
    "\"minimum\":0},\"warnings\":{\"type\":\"integer\",\"minimum\":0},\"attendees\":{" \
    "\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"absentees\":{\"type\":\"array\"," \
    "\"items\":{\"type\":\"string\"}},\"departments\":{\"type\":\"array\",\"items\":{" \
    "\"type\":\"string\"}},\"material\":{\"type\":\"string\"},\"notes\":{\"type\":\"string\"}" \
    "},\"required\":[\"kind\",\"title\",\"held_on\"]}"
#define S_REG_ACT_UPD \
    "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":\"integer\",\"minimum\":1}" \
    ",\"kind\":{\"enum\":[\"pufa_lecture\",\"pufa_onsite\",\"pufa_online\",\"pufa_case\"," \
    "\"anti_fraud\",\"study_first_topic\",\"study_theory_group\",\"enforcement_publicity\"]}" \
    ",\"title\":{\"type\":\"string\"},\"held_on\":{\"type\":\"string\",\"format\":\"date\"}" \
    ",\"dept_id\":{\"type\":\"integer\",\"minimum\":1},\"partner\":{\"type\":\"string\"}" \
    ",\"location\":{\"type\":\"string\"},\"laws\":{\"type\":\"array\"," \
    "\"items\":{\"type\":\"string\"}" \
    "},\"audience\":{\"type\":\"integer\"," \
    "\"minimum\":0},\"enterprises_reached\":{\"type\":\"integer\"," \
    "" \
    "\"minimum\":0},\"channel\":{\"type\":\"string\"},\"link\":{\"type\":\"string\"}" \
    ",\"reads\":{\"type\":\"integer\",\"minimum\":0},\"leaflets\":{\"type\":\"integer\"," \
    "\"minimum\":0},\"app_installs\":{\"type\":\"integer\",\"minimum\":0},\"warnings\":{" \
    "\"type\":\"integer\",\"minimum\":0},\"attendees\":{\"type\":\"array\",\"items\":{" \
    "\"type\":\"string\"}},\"absentees\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}" \
    "},\"departments\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"material\":{" \
    "\"type\":\"string\"},\"notes\":{\"type\":\"string\"}},\"required\":[\"version\"]}"
    /* export.xlsx and kinds come before /:id, which would also match them */
    { "GET", "/api/v1/enterprises", registries_api_enterprises, REG_READ, 0, T_REG,
      "企业名录（分页、筛选 q/industry/status/year/from/to、排序）", NULL },
    { "GET", "/api/v1/enterprises/export.xlsx", registries_api_enterprises_export, REG_READ, 0,
      T_REG, "导出企业名录（XLSX，列表的筛选条件）", NULL },
    { "POST", "/api/v1/enterprises/import", registries_api_enterprises_import, REG_WRITE, R_RAW,
      T_REG, "导入企业名录（请求体为 CSV 或 XLSX 文件，按统一社会信用代码新增或更新）", NULL },
    { "POST", "/api/v1/enterprises", registries_api_enterprise_create, REG_WRITE, 0, T_REG,
      "登记企业（name、uscc 必填，uscc 按 GB 32100 校验）", S_REG_ENT },
    { "GET", "/api/v1/enterprises/:id", registries_api_enterprise_get, REG_READ, 0, T_REG,
      "企业详情", NULL },
    { "PUT", "/api/v1/enterprises/:id", registries_api_enterprise_update, REG_WRITE, 0, T_REG,
      "修改企业（带版本号）", S_REG_ENT_UPD },
    { "GET", "/api/v1/enterprises/:id/credit", registries_api_enterprise_credit, REG_READ, 0,
      T_REG, "企业信用页：承诺书、诚信经营宣讲、违诺记录", NULL },

    { "GET", "/api/v1/commitments", registries_api_commitments, REG_READ, 0, T_REG,
      "信用承诺书列表（q/kind/status/from/to/enterprise_id）", NULL },
    { "GET", "/api/v1/commitments/export.xlsx", registries_api_commitments_export, REG_READ, 0,
      T_REG, "导出信用承诺书（XLSX）", NULL },
    { "POST", "/api/v1/commitments", registries_api_commitment_create, REG_WRITE, 0, T_REG,
      "登记信用承诺书（enterprise_id、kind、signed_on 必填）", S_REG_CM },
    { "GET", "/api/v1/commitments/:id", registries_api_commitment_get, REG_READ, 0, T_REG,
      "信用承诺书详情", NULL },
    { "PUT", "/api/v1/commitments/:id", registries_api_commitment_update, REG_WRITE, 0, T_REG,
      "修改信用承诺书（带版本号）", S_REG_CM_UPD },

    { "GET", "/api/v1/briefings", registries_api_briefings, REG_READ, 0, T_REG,
      "诚信经营宣讲列表", NULL },
    { "POST", "/api/v1/briefings", registries_api_briefing_create, REG_WRITE, 0, T_REG,
      "登记诚信经营宣讲（参加企业 enterprise_ids）", S_REG_BF },
    { "GET", "/api/v1/briefings/:id", registries_api_briefing_get, REG_READ, 0, T_REG,
      "诚信经营宣讲详情", NULL },
    { "PUT", "/api/v1/briefings/:id", registries_api_briefing_update, REG_WRITE, 0, T_REG,
      "修改诚信经营宣讲（带版本号）", S_REG_BF_UPD },

    { "GET", "/api/v1/breaches", registries_api_breaches, REG_READ, 0, T_REG,
      "违诺记录列表", NULL },
    { "POST", "/api/v1/breaches", registries_api_breach_create, REG_WRITE, 0, T_REG,
      "登记违诺记录（关联的承诺书标记为已违诺）", S_REG_BR },
    { "GET", "/api/v1/breaches/:id", registries_api_breach_get, REG_READ, 0, T_REG,
      "违诺记录详情", NULL },
    { "PUT", "/api/v1/breaches/:id", registries_api_breach_update, REG_WRITE, 0, T_REG,
      "修改违诺记录（带版本号）", S_REG_BR_UPD },

    { "GET", "/api/v1/activities", registries_api_activities, REG_READ, 0, T_REG,
      "普法、反诈、学习活动列表（kind/group/from/to/dept_id，按数据权限）", NULL },
    { "GET", "/api/v1/activities/kinds", registries_api_activity_kinds, REG_READ, 0, T_REG,
      "活动类型及各类型适用、必填的字段", NULL },
    { "GET", "/api/v1/activities/export.xlsx", registries_api_activities_export, REG_READ, 0,
      T_REG, "导出活动记录（XLSX）", NULL },
    { "POST", "/api/v1/activities", registries_api_activity_create, REG_WRITE, 0, T_REG,
      "登记活动（kind、title、held_on 必填，其余按类型校验）", S_REG_ACT },
    { "GET", "/api/v1/activities/:id", registries_api_activity_get, REG_READ, 0, T_REG,
      "活动详情", NULL },
    { "PUT", "/api/v1/activities/:id", registries_api_activity_update, REG_WRITE, 0, T_REG,
      "修改活动（带版本号，类型不可改）", S_REG_ACT_UPD },

#define S_REG_SR_PROPS \
    "\"enterprise_id\":{\"type\":\"integer\",\"minimum\":1},\"source\":{\"enum\":[" \
    "\"shuangwan\",\"visit\",\"phone\",\"other\"]},\"visit_id\":{\"type\":\"integer\"}," \
    "\"category\":{\"enum\":[\"policy\",\"approval\",\"financing\",\"talent\"," \
    "\"premises\",\"infrastructure\",\"safety\",\"other\"]},\"problem\":{\"type\":" \
    "\"string\"},\"recv_dept_id\":{\"type\":\"integer\"},\"dept_id\":{\"type\":" \
    "\"integer\"},\"received_on\":{\"type\":\"string\",\"format\":\"date\"}," \
    "\"resolution\":{\"type\":\"string\"},\"resolved_on\":{\"type\":\"string\"," \
    "\"format\":\"date\"},\"status\":{\"enum\":[\"received\",\"in_progress\"," \
    "\"resolved\"]}"
#define S_REG_SR "{\"type\":\"object\",\"properties\":{" S_REG_SR_PROPS "}," \
    "\"required\":[\"enterprise_id\",\"category\",\"problem\",\"dept_id\",\"received_on\"]}"
#define S_REG_SR_UPD "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":" \
    "\"integer\",\"minimum\":1}," S_REG_SR_PROPS "},\"required\":[\"version\"]}"
#define S_REG_SV_PROPS \
    "\"enterprise_id\":{\"type\":\"integer\",\"minimum\":1},\"visited_on\":{\"type\":" \
    "\"string\",\"format\":\"date\"},\"visitors\":{\"type\":\"array\",\"items\":{" \
    "\"type\":\"string\"}},\"purpose\":{\"type\":\"string\"},\"findings\":{\"type\":" \
    "\"string\"},\"dept_id\":{\"type\":\"integer\"}"
#define S_REG_SV "{\"type\":\"object\",\"properties\":{" S_REG_SV_PROPS "}," \
    "\"required\":[\"enterprise_id\",\"visited_on\",\"visitors\",\"purpose\"]}"
#define S_REG_SV_UPD "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":" \
    "\"integer\",\"minimum\":1}," S_REG_SV_PROPS "},\"required\":[\"version\"]}"
#define S_REG_FC_PROPS \
    "\"enterprise_id\":{\"type\":\"integer\",\"minimum\":1},\"contacted_on\":{\"type\":" \
    "\"string\",\"format\":\"date\"},\"channel\":{\"enum\":[\"visit\",\"lecture\"," \
    "\"online\",\"phone\",\"other\"]},\"staff\":{\"type\":\"array\",\"items\":{" \
    "\"type\":\"string\"}},\"financing_need\":{\"type\":\"string\"},\"need_amount\":{" \
    "\"type\":\"number\",\"minimum\":0},\"outcome\":{\"enum\":[\"informed\"," \
    "\"registered\",\"applied\",\"granted\",\"declined\",\"no_need\"]}," \
    "\"applied_amount\":{\"type\":\"number\",\"minimum\":0},\"granted_amount\":{" \
    "\"type\":\"number\",\"minimum\":0},\"lender\":{\"type\":\"string\"},\"dept_id\":{" \
    "\"type\":\"integer\"},\"notes\":{\"type\":\"string\"}"
#define S_REG_FC "{\"type\":\"object\",\"properties\":{" S_REG_FC_PROPS "}," \
    "\"required\":[\"enterprise_id\",\"contacted_on\",\"channel\"]}"
#define S_REG_FC_UPD "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":" \
    "\"integer\",\"minimum\":1}," S_REG_FC_PROPS "},\"required\":[\"version\"]}"
    { "GET", "/api/v1/enterprises/:id/service", registries_api_enterprise_service, REG_READ, 0,
      T_REG, "企业服务页：双万双服诉求、走访记录、信易贷对接（按数据权限）", NULL },
    { "POST", "/api/v1/commitments/:id/scan", registries_api_scan_upload, REG_WRITE,
      R_UPLOAD | R_CREATES, T_REG,
      "上传承诺书扫描件（multipart/form-data 字段 file；PDF/JPEG/PNG/TIFF/OFD；哈希计入审计日志）",
      NULL },
    { "GET", "/api/v1/commitments/:id/scan", registries_api_scan_file, REG_READ, 0, T_REG,
      "查看承诺书扫描件（最新一份）", NULL },

    { "GET", "/api/v1/service-requests", registries_api_requests, REG_READ, R_PAGED, T_REG,
      "双万双服企业诉求（q/category/status/source/from/to/enterprise_id/dept_id/visit_id，"
      "按数据权限）", NULL },
    { "GET", "/api/v1/service-requests/export.xlsx", registries_api_requests_export, REG_READ,
      0, T_REG, "导出企业诉求（XLSX）", NULL },
    { "GET", "/api/v1/service-requests/codes", registries_api_service_codes, REG_READ, 0, T_REG,
      "企业服务登记的代码表（来源、类别、状态、信易贷方式与结果）", NULL },
    { "POST", "/api/v1/service-requests", registries_api_request_create, REG_WRITE, R_CREATES,
      T_REG, "登记企业诉求（办结时按工作日计算办理用时）", S_REG_SR },
    { "GET", "/api/v1/service-requests/:id", registries_api_request_get, REG_READ, 0, T_REG,
      "企业诉求详情", NULL },
    { "PUT", "/api/v1/service-requests/:id", registries_api_request_update, REG_WRITE, 0, T_REG,
      "修改、办结企业诉求（带版本号）", S_REG_SR_UPD },

    { "GET", "/api/v1/service-visits", registries_api_visits, REG_READ, R_PAGED, T_REG,
      "走访企业记录（按数据权限）", NULL },
    { "GET", "/api/v1/service-visits/export.xlsx", registries_api_visits_export, REG_READ, 0,
      T_REG, "导出走访记录（XLSX）", NULL },
    { "POST", "/api/v1/service-visits", registries_api_visit_create, REG_WRITE, R_CREATES,
      T_REG, "登记走访企业", S_REG_SV },
    { "GET", "/api/v1/service-visits/:id", registries_api_visit_get, REG_READ, 0, T_REG,
      "走访记录详情（含由走访形成的诉求）", NULL },
    { "PUT", "/api/v1/service-visits/:id", registries_api_visit_update, REG_WRITE, 0, T_REG,
      "修改走访记录（带版本号）", S_REG_SV_UPD },

    { "GET", "/api/v1/financing-contacts", registries_api_financing, REG_READ, R_PAGED, T_REG,
      "信易贷宣传对接记录（q/channel/outcome/from/to/enterprise_id，按数据权限）", NULL },
    { "GET", "/api/v1/financing-contacts/export.xlsx", registries_api_financing_export,
      REG_READ, 0, T_REG, "导出信易贷宣传对接记录（XLSX）", NULL },
    { "POST", "/api/v1/financing-contacts", registries_api_financing_create, REG_WRITE,
      R_CREATES, T_REG, "登记信易贷宣传对接（金额单位：万元）", S_REG_FC },
    { "GET", "/api/v1/financing-contacts/:id", registries_api_financing_get, REG_READ, 0,
      T_REG, "信易贷对接记录详情", NULL },
    { "PUT", "/api/v1/financing-contacts/:id", registries_api_financing_update, REG_WRITE, 0,
      T_REG, "修改信易贷对接记录（带版本号）", S_REG_FC_UPD },

    { "GET", "/api/v1/registries/stats", registries_api_stats, REG_READ, 0, T_REG,
      "期间汇总（from、to）：入驻企业、承诺书、宣讲、违诺、各类活动与学习", NULL },

    /* -- regulations (issue 5) -- */
    { "GET", "/api/v1/regulations", regulations_api_list, "regulation:read", R_PAGED,
      "政策法规", "法规列表（level、status、dept、q 筛选）", NULL },
    { "POST", "/api/v1/regulations", regulations_api_create, "regulation:write", R_CREATES,
      "政策法规", "新增法规及其首个版本（full_text 按“第…条”拆分，或 articles 数组）",
      "{\"type\":\"object\",\"required\":[\"title\",\"level\",\"effective_from\"],"
      "\"properties\":{\"title\":{\"type\":\"string\"},\"level\":{\"enum\":[\"法律\","
      "\"行政法规\",\"地方性法规\",\"部门规章\",\"地方政府规章\",\"规范性文件\"]},"
      "\"issuer\":{\"type\":\"string\"},\"doc_no\":{\"type\":\"string\"},"
      "\"promulgated_on\":{\"type\":\"string\",\"format\":\"date\"},\"effective_from\":"
      "{\"type\":\"string\",\"format\":\"date\"},\"note\":{\"type\":\"string\"},"
      "\"version_note\":{\"type\":\"string\"},\"dept_ids\":{\"type\":\"array\",\"items\":"
      "{\"type\":\"integer\"}},\"full_text\":{\"type\":\"string\"},\"articles\":"
      "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"no\",\"text\"],"
      "\"properties\":{\"no\":{\"type\":\"integer\"},\"text\":{\"type\":\"string\"},"
      "\"label\":{\"type\":\"string\"},\"chapter\":{\"type\":\"string\"}}}}}}" },
    { "GET", "/api/v1/regulations/search", regulations_api_search, "regulation:read",
      R_PAGED, "政策法规",
      "条文全文检索（q 必填，空格分隔的词同时出现；status、level、dept 筛选；摘要带 <mark>）",
      NULL },
    { "GET", "/api/v1/regulations/cite", regulations_api_cite, "regulation:read", 0,
      "政策法规", "引用条文：id、article 与 date（默认今天）取当日施行版本，或 ref=reg/ID/vN/art/M",
      NULL },
    { "GET", "/api/v1/regulations/:id", regulations_api_get, "regulation:read", 0,
      "政策法规", "法规详情（适用部门、各版本及施行期间）", NULL },
    { "PUT", "/api/v1/regulations/:id", regulations_api_update, "regulation:write", 0,
      "政策法规", "修改法规信息、适用部门，或废止（status 已废止、repealed_on；带版本号）",
      "{\"type\":\"object\",\"required\":[\"version\"],\"properties\":{\"version\":"
      "{\"type\":\"integer\"},\"title\":{\"type\":\"string\"},\"level\":{\"type\":"
      "\"string\"},\"issuer\":{\"type\":\"string\"},\"note\":{\"type\":\"string\"},"
      "\"dept_ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}},\"status\":"
      "{\"enum\":[\"现行有效\",\"已废止\"]},\"repealed_on\":{\"type\":\"string\","
      "\"format\":\"date\"}}}" },
    { "POST", "/api/v1/regulations/:id/versions", regulations_api_version_create,
      "regulation:write", R_CREATES, "政策法规",
      "新增修订版本（原版本标记为已修订，施行期间截至新版本施行前一日）",
      "{\"type\":\"object\",\"required\":[\"effective_from\"],\"properties\":{"
      "\"doc_no\":{\"type\":\"string\"},\"promulgated_on\":{\"type\":\"string\","
      "\"format\":\"date\"},\"effective_from\":{\"type\":\"string\",\"format\":"
      "\"date\"},\"note\":{\"type\":\"string\"},\"full_text\":{\"type\":\"string\"},"
      "\"articles\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}}}}" },
    { "GET", "/api/v1/regulations/:id/articles", regulations_api_articles, "regulation:read",
      0, "政策法规", "某版本的全部条文（version=N，默认最新版本）与全文", NULL },

    /* -- enforcement (issue 5) -- */
    { "GET", "/api/v1/officers", cases_api_officers, "officer:read", 0, T_ENF,
      "执法人员与执法证件", NULL },
    { "POST", "/api/v1/officers", cases_api_officer_create, "officer:write", R_CREATES,
      T_ENF, "登记执法人员（证号、种类、发证机关、有效期）", S_OFFICER },
    { "GET", "/api/v1/officers/:id", cases_api_officer_get, "officer:read", 0, T_ENF,
      "执法人员详情", NULL },
    { "PUT", "/api/v1/officers/:id", cases_api_officer_update, "officer:write", 0, T_ENF,
      "修改执法证件（暂扣、吊销、续期；带版本号）", S_OFFICER },
    { "GET", "/api/v1/powers", cases_api_powers, "case:read", 0, T_ENF,
      "权责清单", NULL },
    { "POST", "/api/v1/powers", cases_api_power_create, "power:write", 0, T_ENF,
      "新增权责事项", S_POWER },
    { "GET", "/api/v1/cases", cases_api_list, "case:read", R_PAGED, T_ENF,
      "执法案件列表（阶段、类别、部门、超期筛选）", NULL },
    { "POST", "/api/v1/cases", cases_api_create, "case:write", R_CREATES, T_ENF,
      "登记案件或检查（至少两名持有效执法证的执法人员，第四十二条；citations [{regulation_id,"
      " article}] 按违法行为日期取当日施行的法规版本）", S_CASE },
    { "GET", "/api/v1/cases/:id", cases_api_get, "case:read", 0, T_ENF,
      "案件详情（阶段时间线、执法活动、证据、全过程记录清单、法律依据、先行登记保存、回避、可执行操作）",
      NULL },
    { "POST", "/api/v1/cases/:id/actions", cases_api_action, NULL, 0, T_ENF,
      "案件流转：approve_filing notify statement waive request_hearing schedule_hearing"
      " hold_hearing submit_review review discuss extend decide decide_on_spot serve publish"
      " execute close revoke withdraw_publication conclude; cite（法律依据）;"
      " request_preservation approve_preservation preserve handle_preservation（先行登记保存，"
      "第五十六条）; apply_recusal decide_recusal（回避，第四十三条）", S_CASE_ACTION },
    { "POST", "/api/v1/cases/:id/acts", cases_api_add_act, "case:write", R_CREATES, T_ENF,
      "记录现场执法活动（检查、询问、取证；至少两名执法人员）", S_CASE_ACT },
    { "POST", "/api/v1/cases/:id/evidence", cases_api_add_evidence, "case:write",
      R_UPLOAD | R_CREATES, T_ENF,
      "上传证据（multipart/form-data：file、record、kind、description、act_id；返回 sha256 与 sm3）",
      NULL },
    { "GET", "/api/v1/cases/:id/documents/:kind", cases_api_document, "case:read", 0, T_ENF,
      "下载执法文书 DOCX（filing_form 立案审批表、notice_doc 事先告知书、decision_doc 处罚决定书、"
      "service_receipt 送达回证；带文号）", NULL },
    { "POST", "/api/v1/cases/:id/documents/:kind", cases_api_document_file, "case:write",
      R_CREATES, T_ENF, "制作执法文书并归档为证据（哈希计入审计日志）", NULL },
    { "GET", "/api/v1/evidence/:id", cases_api_evidence_get, "case:read", 0, T_ENF,
      "证据信息（SHA-256、SM3）", NULL },
    { "GET", "/api/v1/evidence/:id/file", cases_api_evidence_file, "case:read", 0, T_ENF,
      "下载证据文件", NULL },
    { "GET", "/api/v1/patrols", patrols_api_list, "case:read", R_PAGED, T_ENF,
      "园区巡查记录", NULL },
    { "POST", "/api/v1/patrols", patrols_api_create, "case:write", R_CREATES, T_ENF,
      "开始园区巡查（路线、至少两名执法人员）", S_PATROL },
    { "GET", "/api/v1/patrols/:id", patrols_api_get, "case:read", 0, T_ENF,
      "巡查详情（含发现的问题及转办案件）", NULL },
    { "POST", "/api/v1/patrols/:id/end", patrols_api_end, "case:write", 0, T_ENF,
      "结束巡查", S_PATROL_END },
    { "POST", "/api/v1/patrols/:id/findings", patrols_api_finding, "case:write", R_CREATES,
      T_ENF, "记录巡查发现", S_FINDING },
    { "POST", "/api/v1/findings/:id/convert", patrols_api_convert, "case:write", R_CREATES,
      T_ENF, "巡查发现转为检查或案件（执法人员、地点、时间、情况随之转入）", S_CASE },
    { "GET", "/public/decisions", cases_api_public_html, NULL, R_PUBLIC, T_PUB,
      "行政处罚决定公示（HTML，无需登录）", NULL },
    { "GET", "/public/decisions.json", cases_api_public_json, NULL, R_PUBLIC, T_PUB,
      "行政处罚决定公示（JSON，无需登录）", NULL },
    { "GET", "/public/officers.json", cases_api_public_officers, NULL, R_PUBLIC, T_PUB,
      "执法人员公示（姓名、执法证号；事前公开）", NULL },
    { "GET", "/public/powers.json", cases_api_public_powers, NULL, R_PUBLIC, T_PUB,
      "权责清单公示（职权、依据、实施部门；事前公开）", NULL },

    /* -- duties (issue 7) -- */
#define T_DUTY "组织领导、普法责任与学法"
#define S_DUTY_MEMBER "{\"type\":\"object\",\"required\":[\"user_id\",\"role\"," \
    "\"from_on\"],\"properties\":{\"user_id\":{\"type\":\"integer\"},\"role\":{\"enum\":" \
    "[\"leader\",\"deputy\",\"member\"]},\"title\":{\"type\":\"string\"},\"from_on\":" \
    "{\"type\":\"string\",\"format\":\"date\"},\"until_on\":{\"type\":\"string\"," \
    "\"format\":\"date\"},\"version\":{\"type\":\"integer\"}}}"
#define S_DUTY "{\"type\":\"object\",\"properties\":{\"year\":{\"type\":\"integer\"}," \
    "\"title\":{\"type\":\"string\"},\"owner_id\":{\"type\":\"integer\"},\"dept_id\":" \
    "{\"type\":\"integer\"},\"due_on\":{\"type\":\"string\",\"format\":\"date\"}," \
    "\"status\":{\"enum\":[\"not_started\",\"in_progress\",\"done\"]},\"evidence\":" \
    "{\"type\":\"string\"},\"version\":{\"type\":\"integer\"}}}"
#define S_PUFA_DUTY "{\"type\":\"object\",\"properties\":{\"year\":{\"type\":" \
    "\"integer\"},\"dept_id\":{\"type\":\"integer\"},\"content\":{\"type\":\"string\"}," \
    "\"audience\":{\"type\":\"string\"},\"planned_count\":{\"type\":\"integer\"}," \
    "\"progress_count\":{\"type\":\"integer\"},\"status\":{\"enum\":[\"not_started\"," \
    "\"in_progress\",\"done\"]},\"version\":{\"type\":\"integer\"}}}"
#define S_LEARNING "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":" \
    "\"string\"},\"regulation_ref\":{\"type\":\"string\"},\"dept_ids\":{\"type\":" \
    "\"array\",\"items\":{\"type\":\"integer\"}},\"due_on\":{\"type\":\"string\"," \
    "\"format\":\"date\"}}}"
#define S_LEARNING_DONE "{\"type\":\"object\",\"properties\":{\"score\":{\"type\":" \
    "\"integer\",\"minimum\":0,\"maximum\":100}}}"
    { "GET", "/api/v1/leading-group/members", duties_api_members, "duty:read", 0, T_DUTY,
      "法治建设工作领导小组成员（date=某日的组成；无 date 为全部任职记录）", NULL },
    { "POST", "/api/v1/leading-group/members", duties_api_member_create, "duty:write",
      R_CREATES, T_DUTY, "登记领导小组成员（组长/副组长/成员，起止日期）", S_DUTY_MEMBER },
    { "PUT", "/api/v1/leading-group/members/:id", duties_api_member_update, "duty:write", 0,
      T_DUTY, "修改领导小组成员（until_on 截止日期；带版本号）", S_DUTY_MEMBER },
    { "GET", "/api/v1/duties", duties_api_list, "duty:read", R_PAGED, T_DUTY,
      "责任分工（year/status/dept_id/flag=overdue）", NULL },
    { "POST", "/api/v1/duties", duties_api_create, "duty:write", R_CREATES, T_DUTY,
      "登记责任分工（year、title、due_on 必填）", S_DUTY },
    /* export.xlsx comes before /:id, which would also match it */
    { "GET", "/api/v1/duties/export.xlsx", duties_api_export, "duty:read", 0, T_DUTY,
      "导出责任分工 XLSX（year/status/dept_id/flag=overdue，同列表筛选）", NULL },
    { "GET", "/api/v1/duties/:id", duties_api_get, "duty:read", 0, T_DUTY,
      "责任分工详情", NULL },
    { "PUT", "/api/v1/duties/:id", duties_api_update, "duty:write", 0, T_DUTY,
      "修改责任分工（带版本号；已完成须填写佐证 evidence）", S_DUTY },
    { "GET", "/api/v1/pufa-duties", duties_api_pufa_list, "duty:read", R_PAGED, T_DUTY,
      "谁执法谁普法责任清单（year/status/dept_id）", NULL },
    { "GET", "/api/v1/pufa-duties/progress", duties_api_pufa_progress, "duty:read", 0, T_DUTY,
      "谁执法谁普法：各执法部门进度（year）", NULL },
    { "POST", "/api/v1/pufa-duties", duties_api_pufa_create, "duty:write", R_CREATES, T_DUTY,
      "登记普法责任（执法部门、内容、对象、计划次数）", S_PUFA_DUTY },
    { "PUT", "/api/v1/pufa-duties/:id", duties_api_pufa_update, "duty:write", 0, T_DUTY,
      "修改普法责任（进度、状态；带版本号）", S_PUFA_DUTY },
    { "GET", "/api/v1/learning-tasks", duties_api_learning_list, "duty:read", R_PAGED, T_DUTY,
      "学法任务（mine=1 本人；batch_id/status=done|pending/year）", NULL },
    { "GET", "/api/v1/learning-tasks/batches", duties_api_learning_batches, "duty:read", 0,
      T_DUTY, "学法任务完成情况（按批次统计）", NULL },
    { "POST", "/api/v1/learning-tasks", duties_api_learning_create, "duty:write", R_CREATES,
      T_DUTY, "布置学法任务（按部门为每名在职人员生成一条）", S_LEARNING },
    { "POST", "/api/v1/learning-tasks/from-regulation/:id", duties_api_learning_from_regulation,
      "duty:write", R_CREATES, T_DUTY, "按法规的适用部门布置学法任务", S_LEARNING },
    { "POST", "/api/v1/learning-tasks/:id/complete", duties_api_learning_complete, "duty:read",
      0, T_DUTY, "完成本人的学法任务（可附测试成绩 0-100）", S_LEARNING_DONE },
#define S_TEACHING "{\"type\":\"object\",\"required\":[\"version\"],\"properties\":{" \
    "\"version\":{\"type\":\"integer\"},\"title\":{\"type\":\"string\"},\"facts\":" \
    "{\"type\":\"string\"},\"basis\":{\"type\":\"string\"},\"outcome\":{\"type\":" \
    "\"string\"},\"lesson\":{\"type\":\"string\"}}}"
#define S_TEACHING_STEP "{\"type\":\"object\",\"properties\":{\"comment\":{\"type\":" \
    "\"string\"}}}"
#define S_TEACHING_ACT "{\"type\":\"object\",\"properties\":{\"activity_id\":{\"type\":" \
    "[\"integer\",\"null\"]}}}"
    { "GET", "/api/v1/teaching", teaching_api_list, "teaching:read", R_PAGED, T_DUTY,
      "以案说法教学材料（q/status/case_id；只读用户仅见已发布）", NULL },
    { "POST", "/api/v1/cases/:id/teaching", teaching_api_from_case, "teaching:write",
      R_CREATES, T_DUTY, "从已结案件生成以案说法教学材料草稿（当事人信息脱敏；未结案 409）",
      "{\"type\":\"object\",\"properties\":{}}" },
    { "GET", "/api/v1/teaching/:id", teaching_api_get, "teaching:read", 0, T_DUTY,
      "以案说法教学材料详情", NULL },
    { "PUT", "/api/v1/teaching/:id", teaching_api_update, "teaching:write", 0, T_DUTY,
      "修改教学材料草稿（带版本号；每个字段重新脱敏；已提交或已发布 409）", S_TEACHING },
    { "POST", "/api/v1/teaching/:id/submit", teaching_api_submit, "teaching:write", 0, T_DUTY,
      "教学材料提交审核（须填写以案说法启示）", S_TEACHING_STEP },
    { "POST", "/api/v1/teaching/:id/return", teaching_api_return, "teaching:publish", 0,
      T_DUTY, "退回教学材料修改（comment 审核意见）", S_TEACHING_STEP },
    { "POST", "/api/v1/teaching/:id/publish", teaching_api_publish, "teaching:publish", 0,
      T_DUTY, "审核发布教学材料（发布后不可修改）", S_TEACHING_STEP },
    { "PUT", "/api/v1/teaching/:id/activity", teaching_api_activity, "teaching:write", 0,
      T_DUTY, "关联以案说法普法活动（activity_id；null 取消关联）", S_TEACHING_ACT },
    { "POST", "/api/v1/teaching/:id/learning-tasks", teaching_api_learning, "duty:write",
      R_CREATES, T_DUTY, "以已发布的教学材料布置学法任务（dept_ids、due_on）", S_LEARNING },

    /* -- reports (issue 8) -- */
#define T_REP "法治政府建设年度报告"
#define S_REP_NEW "{\"type\":\"object\",\"required\":[\"year\"],\"properties\":" \
    "{\"year\":{\"type\":\"integer\"}}}"
#define S_REP_SECTION "{\"type\":\"object\",\"required\":[\"body\",\"version\"]," \
    "\"properties\":{\"body\":{\"type\":\"string\",\"maxLength\":50000,\"description\":" \
    "\"正文；可含实时数据字段 {{fig:指标}} 或 {{fig:指标|余}}\"},\"version\":{\"type\":" \
    "\"integer\"}}}"
#define S_REP_ACTION "{\"type\":\"object\",\"required\":[\"action\"],\"properties\":{" \
    "\"action\":{\"enum\":[\"submit_review\",\"approve\",\"return\"," \
    "\"confidentiality_review\",\"submit\",\"publish\"]},\"comment\":{\"type\":" \
    "\"string\"},\"confidentiality_opinion\":{\"type\":\"string\"}," \
    "\"confidentiality_by\":{\"type\":\"string\"},\"recipients\":{\"type\":\"array\"}," \
    "\"submitted_on\":{\"type\":\"string\",\"format\":\"date\"},\"url\":{\"type\":" \
    "\"string\"},\"published_on\":{\"type\":\"string\",\"format\":\"date\"}}}"
    { "GET", "/api/v1/reports", reports_api_list, "report:read", 0, T_REP,
      "年度报告列表（状态、报送与公开期限提示）", NULL },
    { "POST", "/api/v1/reports", reports_api_create, "report:write", R_CREATES, T_REP,
      "创建年度报告（起草中，五个必备部分为空）", S_REP_NEW },
    { "GET", "/api/v1/reports/figures", reports_api_figures, "report:read", 0, T_REP,
      "领导驾驶舱与年度报告的统计指标（from、to）及分项数据", NULL },
    { "GET", "/api/v1/reports/:year", reports_api_get, "report:read", 0, T_REP,
      "年度报告详情（各部分、校验、期限、流转记录、可执行操作）", NULL },
    { "GET", "/api/v1/reports/:year/figures", reports_api_year_figures, "report:read", 0,
      T_REP, "年度报告的统计指标（已发布报告另附发布时的快照）", NULL },
    { "PUT", "/api/v1/reports/:year/sections/:n", reports_api_section_put, "report:write", 0,
      T_REP, "撰写年度报告的一个部分（0 导语，1-5 必备部分；带版本号）", S_REP_SECTION },
    { "POST", "/api/v1/reports/:year/actions", reports_api_action, "report:read", 0, T_REP,
      "年度报告流转：submit_review approve return confidentiality_review submit publish"
      "（各操作另需 report:write / report:approve / report:publish）", S_REP_ACTION },
    { "GET", "/api/v1/reports/:year/document.docx", reports_api_document, "report:read", 0,
      T_REP, "年度报告 DOCX（GB/T 9704 版式；已发布报告为存档文件）", NULL },
    { "GET", "/api/v1/reports/:year/document.html", reports_api_document, "report:read", 0,
      T_REP, "年度报告 HTML（预览；download=1 下载）", NULL },
    { "GET", "/api/v1/reports/:year/document.md", reports_api_document, "report:read", 0,
      T_REP, "年度报告 Markdown", NULL },
    { "GET", "/api/v1/reports/:year/document.pdf", reports_api_document, "report:read", 0,
      T_REP, "年度报告 PDF（需服务器安装 LibreOffice，否则 501）", NULL },

    { NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL } /* sentinel */
};
