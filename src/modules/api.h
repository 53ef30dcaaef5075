/* api.h - prototypes of every HTTP handler, one block per module's *_api.c file.
 * routes.c puts them in the route table; nothing else calls them. */
#ifndef FZ_API_H
#define FZ_API_H

#include "http/http.h"

/* system_api.c */
enum fz_err system_api_health(struct fz_req *req, struct fz_resp *resp);
enum fz_err system_api_openapi(struct fz_req *req, struct fz_resp *resp);

/* auth_api.c */
enum fz_err auth_api_login(struct fz_req *req, struct fz_resp *resp);
enum fz_err auth_api_logout(struct fz_req *req, struct fz_resp *resp);
enum fz_err auth_api_me(struct fz_req *req, struct fz_resp *resp);
enum fz_err auth_api_password(struct fz_req *req, struct fz_resp *resp);

/* users_api.c */
enum fz_err users_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err users_api_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err users_api_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err users_api_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err users_api_reset_password(struct fz_req *req, struct fz_resp *resp);
enum fz_err users_api_unlock(struct fz_req *req, struct fz_resp *resp);

/* org_api.c */
enum fz_err org_api_depts(struct fz_req *req, struct fz_resp *resp);
enum fz_err org_api_dept_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err org_api_dept_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err org_api_dept_delete(struct fz_req *req, struct fz_resp *resp);
enum fz_err org_api_roles(struct fz_req *req, struct fz_resp *resp);
enum fz_err org_api_role_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err org_api_role_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err org_api_role_delete(struct fz_req *req, struct fz_resp *resp);
enum fz_err org_api_permissions(struct fz_req *req, struct fz_resp *resp);

/* audit_api.c */
enum fz_err audit_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err audit_api_head(struct fz_req *req, struct fz_resp *resp);
enum fz_err audit_api_proof(struct fz_req *req, struct fz_resp *resp);
enum fz_err audit_api_consistency(struct fz_req *req, struct fz_resp *resp);
enum fz_err audit_api_login_log(struct fz_req *req, struct fz_resp *resp);

/* -- calendar_api.c (issue 4) -- */
enum fz_err calendar_api_workdays(struct fz_req *req, struct fz_resp *resp);
enum fz_err calendar_api_add(struct fz_req *req, struct fz_resp *resp);
enum fz_err calendar_api_years(struct fz_req *req, struct fz_resp *resp);
enum fz_err calendar_api_days(struct fz_req *req, struct fz_resp *resp);
enum fz_err calendar_api_year_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err calendar_api_year_replace(struct fz_req *req, struct fz_resp *resp);

/* -- workorders_api.c (issue 4) -- */
enum fz_err workorders_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err workorders_api_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err workorders_api_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err workorders_api_action(struct fz_req *req, struct fz_resp *resp);
enum fz_err workorders_api_bulk_dispatch(struct fz_req *req, struct fz_resp *resp);
enum fz_err workorders_api_stats(struct fz_req *req, struct fz_resp *resp);
enum fz_err workorders_api_categories(struct fz_req *req, struct fz_resp *resp);
enum fz_err workorders_api_rules(struct fz_req *req, struct fz_resp *resp);
enum fz_err workorders_api_rule_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err workorders_api_import(struct fz_req *req, struct fz_resp *resp);
enum fz_err workorders_api_export(struct fz_req *req, struct fz_resp *resp);

/* -- open311_api.c (issue 4) -- */

/* -- registries_api.c (issue 7) -- */

#endif
