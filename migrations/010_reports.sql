-- 010_reports.sql - the annual rule-of-law report (法治政府建设年度报告, DOMAIN.md §6): one
-- report per year with its five mandatory sections (plus an optional preamble, n = 0)
-- written by staff, the flow draft -> review -> approved -> confidentiality_review ->
-- submitted -> published with its events, and the frozen documents of a published report.
-- Invariant: once status = 'published' nothing about the report changes; its rendered
-- DOCX/HTML/Markdown live in the content-addressed file store (report_files).

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2099),
    title           TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review',
                    'approved', 'confidentiality_review', 'submitted', 'published')),
    confidentiality_opinion TEXT NOT NULL DEFAULT '',   -- 保密审查意见
    confidentiality_by TEXT NOT NULL DEFAULT '',
    recipients      TEXT NOT NULL DEFAULT '[]',         -- [{"name","submitted_on"}]
    submitted_on    TEXT,                               -- YYYY-MM-DD, the first recipient's
    published_on    TEXT,                               -- YYYY-MM-DD
    publish_url     TEXT,
    frozen_at       TEXT,
    frozen_figures  TEXT,                               -- JSON snapshot at publication
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

-- n: 0 preamble (optional), 1..5 the five items of DOMAIN.md §6.2 (mandatory)
CREATE TABLE report_sections (
    report_id       INTEGER NOT NULL REFERENCES reports(id),
    n               INTEGER NOT NULL CHECK (n BETWEEN 0 AND 5),
    body            TEXT NOT NULL DEFAULT '',
    updated_by      INTEGER REFERENCES users(id),
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (report_id, n)
);

CREATE TABLE report_events (
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES reports(id),
    ts              TEXT NOT NULL,
    user_id         INTEGER,
    username        TEXT NOT NULL DEFAULT '',
    action          TEXT NOT NULL,
    from_status     TEXT NOT NULL DEFAULT '',
    to_status       TEXT NOT NULL DEFAULT '',
    comment         TEXT NOT NULL DEFAULT '',
    data            TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX report_events_report ON report_events(report_id, id);

-- the frozen bytes of a published report, one row per format (docx, html, md)
CREATE TABLE report_files (
    report_id       INTEGER NOT NULL REFERENCES reports(id),
    format          TEXT NOT NULL CHECK (format IN ('docx', 'html', 'md')),
    sha256          TEXT NOT NULL,
    sm3             TEXT NOT NULL,
    size            INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (report_id, format)
);

INSERT INTO settings(key, value) VALUES
 ('report.org_name', '天津市东丽区华明高新技术产业区服务中心'),
 ('report.submit_by', '03-01'),        -- departments submit before 1 March (§6.1)
 ('report.publish_by', '04-01');       -- published before 1 April (§6.3)

INSERT INTO permissions(code, module, name, sort) VALUES
 ('report:read',    '法治政府建设年度报告', '查看年度报告、领导驾驶舱与统计指标', 400),
 ('report:write',   '法治政府建设年度报告', '撰写年度报告各部分、提交审核', 401),
 ('report:approve', '法治政府建设年度报告', '审核通过或退回年度报告、保密审查', 402),
 ('report:publish', '法治政府建设年度报告', '报送与公开发布年度报告', 403);

INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'admin' AND p.module = '法治政府建设年度报告';
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'leader' AND p.code IN ('report:read', 'report:approve', 'report:publish');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'legal' AND p.code IN ('report:read', 'report:write');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'report:read' FROM roles r WHERE r.code = 'viewer';
