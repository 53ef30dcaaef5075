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
enum fz_err open311_api_discovery(struct fz_req *req, struct fz_resp *resp);
enum fz_err open311_api_services(struct fz_req *req, struct fz_resp *resp);
enum fz_err open311_api_service(struct fz_req *req, struct fz_resp *resp);
enum fz_err open311_api_request_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err open311_api_requests(struct fz_req *req, struct fz_resp *resp);
enum fz_err open311_api_request(struct fz_req *req, struct fz_resp *resp);
enum fz_err open311_api_token(struct fz_req *req, struct fz_resp *resp);
enum fz_err open311_api_unknown(struct fz_req *req, struct fz_resp *resp);

/* -- decisions (issue 6) -- */
/* decisions_api.c */
enum fz_err decisions_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_action(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_attach(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_document(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_upload(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_archive(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_catalogues(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_catalogue_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_catalogue_public(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_catalogue_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_catalogue_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_catalogue_action(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_bodies(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_body_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_meetings(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_meeting_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_meeting_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_meeting_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_meeting_item(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_meeting_attendance(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_meeting_opinions(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_meeting_decide(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_meeting_close(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_minutes(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_matter_kinds(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_matter_kind_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_matters(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_matter_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_matter_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err decisions_api_matter_decide(struct fz_req *req, struct fz_resp *resp);
/* counsel_api.c */
enum fz_err counsel_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_assign(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_return(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_resubmit(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_opinion(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_attachment(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_letter(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_stats(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_firms(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_firm_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_firm_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_lawyer_save(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_lawyers(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_engagements(struct fz_req *req, struct fz_resp *resp);
enum fz_err counsel_api_engagement_create(struct fz_req *req, struct fz_resp *resp);

/* -- registries_api.c (issue 7) -- */
enum fz_err registries_api_enterprises(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_enterprise_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_enterprise_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_enterprise_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_enterprise_credit(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_enterprises_import(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_enterprises_export(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_commitments(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_commitment_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_commitment_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_commitment_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_commitments_export(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_briefings(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_briefing_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_briefing_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_briefing_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_breaches(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_breach_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_breach_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_breach_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_activities(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_activity_kinds(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_activity_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_activity_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_activity_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_activities_export(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_stats(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_requests(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_requests_export(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_request_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_request_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_request_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_service_codes(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_visits(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_visits_export(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_visit_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_visit_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_visit_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_financing(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_financing_export(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_financing_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_financing_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_financing_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_enterprise_service(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_scan_upload(struct fz_req *req, struct fz_resp *resp);
enum fz_err registries_api_scan_file(struct fz_req *req, struct fz_resp *resp);

/* -- regulations_api.c (issue 5) -- */
enum fz_err regulations_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err regulations_api_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err regulations_api_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err regulations_api_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err regulations_api_version_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err regulations_api_articles(struct fz_req *req, struct fz_resp *resp);
enum fz_err regulations_api_cite(struct fz_req *req, struct fz_resp *resp);
enum fz_err regulations_api_search(struct fz_req *req, struct fz_resp *resp);

/* -- cases_api.c (issue 5) -- */
enum fz_err cases_api_officers(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_officer_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_officer_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_officer_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_powers(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_power_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_action(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_add_act(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_add_evidence(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_evidence_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_evidence_file(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_public_json(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_public_html(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_public_officers(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_public_powers(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_document(struct fz_req *req, struct fz_resp *resp);

/* patrols_api.c (issue 5) */
enum fz_err patrols_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err patrols_api_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err patrols_api_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err patrols_api_end(struct fz_req *req, struct fz_resp *resp);
enum fz_err patrols_api_finding(struct fz_req *req, struct fz_resp *resp);
enum fz_err patrols_api_convert(struct fz_req *req, struct fz_resp *resp);
enum fz_err cases_api_document_file(struct fz_req *req, struct fz_resp *resp);

/* -- reports_api.c (issue 8) -- */
enum fz_err reports_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err reports_api_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err reports_api_figures(struct fz_req *req, struct fz_resp *resp);
enum fz_err reports_api_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err reports_api_year_figures(struct fz_req *req, struct fz_resp *resp);
enum fz_err reports_api_section_put(struct fz_req *req, struct fz_resp *resp);
enum fz_err reports_api_action(struct fz_req *req, struct fz_resp *resp);
enum fz_err reports_api_document(struct fz_req *req, struct fz_resp *resp);

/* -- duties_api.c (issue 7: leading group, duty items, 普法责任, learning tasks) -- */
enum fz_err duties_api_members(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_member_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_member_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_pufa_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_pufa_progress(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_pufa_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_pufa_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_learning_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_learning_batches(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_learning_create(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_learning_from_regulation(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_learning_complete(struct fz_req *req, struct fz_resp *resp);
enum fz_err duties_api_export(struct fz_req *req, struct fz_resp *resp);
/* teaching_api.c (issue 7: 以案说法 teaching material from closed cases) */
enum fz_err teaching_api_list(struct fz_req *req, struct fz_resp *resp);
enum fz_err teaching_api_get(struct fz_req *req, struct fz_resp *resp);
enum fz_err teaching_api_from_case(struct fz_req *req, struct fz_resp *resp);
enum fz_err teaching_api_update(struct fz_req *req, struct fz_resp *resp);
enum fz_err teaching_api_submit(struct fz_req *req, struct fz_resp *resp);
enum fz_err teaching_api_return(struct fz_req *req, struct fz_resp *resp);
enum fz_err teaching_api_publish(struct fz_req *req, struct fz_resp *resp);
enum fz_err teaching_api_activity(struct fz_req *req, struct fz_resp *resp);
enum fz_err teaching_api_learning(struct fz_req *req, struct fz_resp *resp);

#endif
