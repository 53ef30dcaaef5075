-- report.sql - the data of bench/report.sh: a year of work orders and enforcement cases at
-- scale, inserted straight into a migrated fazhi database (outside the timing) with
-- recursive CTEs, plus the report of that year with live fields in its sections.
-- Sizes come from the one-row table bench_params(year, n_wo, n_cases) the script fills.
-- Deterministic: every value is computed from the row number.

PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;

INSERT INTO departments(id, parent_id, name, code, kind, sort, created_at, updated_at)
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 8)
SELECT 100 + k, 1, '部门' || k, 'BENCH-' || k, 'internal', k, '2020-01-01T00:00:00+08:00',
       '2020-01-01T00:00:00+08:00' FROM n;

-- work orders: spread evenly over the year (local time, +08:00), 78 % hotline and 22 %
-- message board, most answered within 2 days (every 33rd in 7: late), every 50th still
-- open; callbacks: satisfied, basic, dissatisfied, unreachable
INSERT INTO workorders(no, channel, category, subject, status, dept_id, received_at,
                       sign_due, reply_due, signed_at, replied_at, closed_at,
                       callback_result, solved, created_at, updated_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                        WHERE i < (SELECT n_wo FROM bench_params)),
     t AS (SELECT i, CAST(strftime('%s', printf('%d-01-01', p.year)) AS INTEGER) - 8 * 3600
                     + (i - 1) * (365 * 86400 / p.n_wo) AS secs FROM n, bench_params p),
     c(k, code) AS (SELECT row_number() OVER (ORDER BY sort) - 1, code FROM wo_categories)
SELECT printf('GD%07d', i),
       CASE WHEN i % 100 < 22 THEN 'board' ELSE 'hotline' END,
       c.code, '压测工单',
       CASE WHEN i % 50 = 0 THEN 'in_progress' ELSE 'closed' END,
       101 + i % 8,
       strftime('%Y-%m-%dT%H:%M:%S+08:00', secs + 8 * 3600, 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%S+08:00', secs + 8 * 3600 + 86400, 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%S+08:00', secs + 8 * 3600 + 5 * 86400, 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%S+08:00', secs + 8 * 3600 + 3600, 'unixepoch'),
       CASE WHEN i % 50 = 0 THEN NULL
            ELSE strftime('%Y-%m-%dT%H:%M:%S+08:00', secs + 8 * 3600
                          + (CASE WHEN i % 33 = 0 THEN 7 ELSE 2 END) * 86400, 'unixepoch') END,
       CASE WHEN i % 50 = 0 THEN NULL
            ELSE strftime('%Y-%m-%dT%H:%M:%S+08:00', secs + 8 * 3600 + 8 * 86400, 'unixepoch') END,
       CASE WHEN i % 50 = 0 THEN NULL WHEN i % 10 < 8 THEN 'satisfied'
            WHEN i % 10 = 8 THEN 'basic' WHEN i % 20 = 9 THEN 'dissatisfied'
            ELSE 'unreachable' END,
       CASE WHEN i % 50 = 0 THEN NULL ELSE (i % 10 < 9) END,
       strftime('%Y-%m-%dT%H:%M:%S+08:00', secs + 8 * 3600, 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%S+08:00', secs + 8 * 3600, 'unixepoch')
FROM t JOIN c ON c.k = t.i % 7;

-- officers with certificates
INSERT INTO officers(id, name, dept_id, cert_no, valid_from, valid_until, created_at, updated_at)
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 40)
SELECT k, '执法人员' || k, 101 + k % 8, printf('津东执9%07d', k), '2020-01-01', '2030-12-31',
       '2020-01-01T00:00:00+08:00', '2020-01-01T00:00:00+08:00' FROM n;

-- cases: ordinary penalty cases (closed), on-the-spot decisions and inspections, each with
-- two officers, one on-site act with both certificates and the records of its stage
INSERT INTO cases(id, no, kind, procedure, dept_id, title, party_name, party_kind, stage,
                  review_required, review_result, reviewed_at, filed_at, decision_due,
                  decision, fine_amount, decided_at, served_at, published_at, closed_at,
                  created_at, updated_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                        WHERE i < (SELECT n_cases FROM bench_params)),
     t AS (SELECT i, CAST(strftime('%s', printf('%d-01-01', p.year)) AS INTEGER)
                     + (i - 1) * (360 * 86400 / p.n_cases) AS secs FROM n, bench_params p)
SELECT i, printf('AJ%07d', i),
       CASE WHEN i % 10 = 9 THEN 'inspection' ELSE 'penalty' END,
       CASE WHEN i % 10 IN (7, 8) THEN 'simple' ELSE 'ordinary' END,
       101 + i % 8, '压测案件', '当事人' || i, CASE WHEN i % 2 THEN 'org' ELSE 'citizen' END,
       CASE WHEN i % 10 = 9 THEN 'inspecting' WHEN i % 10 IN (7, 8) THEN 'closed'
            WHEN i % 97 = 0 THEN 'investigating' ELSE 'closed' END,
       (i % 3 = 0), CASE WHEN i % 3 = 0 THEN 'agree' END,
       CASE WHEN i % 3 = 0 THEN strftime('%Y-%m-%dT10:00:00+08:00', secs + 10 * 86400, 'unixepoch') END,
       strftime('%Y-%m-%dT09:00:00+08:00', secs, 'unixepoch'),
       strftime('%Y-%m-%d', secs + 90 * 86400, 'unixepoch'),
       CASE WHEN i % 10 < 9 AND i % 97 <> 0 THEN 'penalty' END,
       CASE WHEN i % 10 < 9 AND i % 97 <> 0 THEN 200 * (1 + i % 20) ELSE 0 END,
       CASE WHEN i % 10 < 9 AND i % 97 <> 0
            THEN strftime('%Y-%m-%dT15:00:00+08:00', secs + 20 * 86400, 'unixepoch') END,
       CASE WHEN i % 10 < 9 AND i % 97 <> 0
            THEN strftime('%Y-%m-%dT15:00:00+08:00', secs + 22 * 86400, 'unixepoch') END,
       CASE WHEN i % 10 < 7 AND i % 97 <> 0
            THEN strftime('%Y-%m-%dT15:00:00+08:00', secs + 25 * 86400, 'unixepoch') END,
       CASE WHEN i % 10 < 9 AND i % 97 <> 0
            THEN strftime('%Y-%m-%dT15:00:00+08:00', secs + 40 * 86400, 'unixepoch') END,
       strftime('%Y-%m-%dT09:00:00+08:00', secs, 'unixepoch'),
       strftime('%Y-%m-%dT09:00:00+08:00', secs, 'unixepoch')
FROM t;

INSERT INTO case_officers(case_id, officer_id, role)
SELECT id, 1 + id % 40, 'lead' FROM cases
UNION ALL SELECT id, 1 + (id + 1) % 40, 'member' FROM cases;

INSERT INTO case_acts(case_id, kind, at, officers, certs, created_at)
SELECT id, 'inspection', created_at, json_array(1 + id % 40, 1 + (id + 1) % 40),
       json_array(printf('津东执9%07d', 1 + id % 40), printf('津东执9%07d', 1 + (id + 1) % 40)),
       created_at
FROM cases;

-- the records of each case (every 13th case misses its audio-video record)
INSERT INTO evidence(case_id, stage, record, kind, filename, content_type, size, sha256, sm3,
                     uploaded_at)
SELECT c.id, c.stage, r.code, 'document', r.code || '.txt', 'text/plain', 10,
       printf('%064d', c.id), printf('%064d', c.id), c.created_at
FROM cases c, (SELECT 'filing_form' AS code UNION ALL SELECT 'inspection_record'
               UNION ALL SELECT 'av_record' UNION ALL SELECT 'notice_doc'
               UNION ALL SELECT 'statement_record' UNION ALL SELECT 'decision_doc'
               UNION ALL SELECT 'service_receipt' UNION ALL SELECT 'execution_record') r
WHERE NOT (r.code = 'av_record' AND c.id % 13 = 0) AND c.kind = 'penalty';

-- the report of the year: every section written, with live fields
INSERT INTO reports(id, year, title, created_at, updated_at)
SELECT 1, year, '压测单位' || year || '年法治政府建设年度报告', '2025-01-10T09:00:00+08:00',
       '2025-01-10T09:00:00+08:00' FROM bench_params;
INSERT INTO report_sections(report_id, n, body, updated_at)
WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 5)
SELECT 1, k, CASE k WHEN 1 THEN
  '（一）回应群众诉求。受理12345热线及网上留言板工单{{fig:wo_received}}件（{{fig:wo_received|余}}件），'
  || '答复率{{fig:wo_reply_rate}}%，按时答复率{{fig:wo_on_time_rate}}%，满意率{{fig:wo_satisfaction_rate}}%。'
  || char(10) || '（二）规范执法。登记执法案件和检查{{fig:cases_total}}件，全过程记录完整'
  || '{{fig:cases_full_record}}件，双人执法{{fig:cases_two_officers}}件，法制审核{{fig:cases_reviewed}}件。'
  ELSE '第' || k || '部分的内容。' END, '2025-01-10T09:00:00+08:00' FROM n;

ANALYZE;
