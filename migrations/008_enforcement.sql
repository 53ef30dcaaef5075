-- 008_enforcement.sql - administrative enforcement (行政执法): officers and their
-- certificates, the powers list (权责清单), cases under the Administrative Penalty Law
-- (行政处罚法, 2021) with their stages, on-site acts with the officers present, the
-- evidence of the full-process record (全过程记录, content-addressed files), the case
-- timeline, document numbers (文号) and publication (公示).
-- Periods: the Law's 2/3/5/7-day periods are working days (Art. 85); the 90-day decision
-- limit (Art. 60) is calendar days and configurable per department (settings).

CREATE TABLE officers (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER REFERENCES users(id),
    name            TEXT NOT NULL,
    dept_id         INTEGER NOT NULL REFERENCES departments(id),
    cert_no         TEXT NOT NULL UNIQUE,          -- 行政执法证号
    cert_kind       TEXT NOT NULL DEFAULT '行政执法证',
    issuer          TEXT NOT NULL DEFAULT '',
    valid_from      TEXT NOT NULL,                 -- YYYY-MM-DD
    valid_until     TEXT NOT NULL,                 -- YYYY-MM-DD, inclusive
    status          TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'suspended', 'revoked')),
    legal_qualified INTEGER NOT NULL DEFAULT 0,    -- 法律职业资格 (Art. 58 reviewers)
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX officers_dept ON officers(dept_id);

CREATE TABLE powers (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('inspection', 'penalty', 'coercion', 'other')),
    name        TEXT NOT NULL,
    dept_id     INTEGER NOT NULL REFERENCES departments(id),
    basis       TEXT NOT NULL,                     -- e.g. 《安全生产法》第九十九条
    regulation_id INTEGER,                         -- the library entry, when present
    article     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    no              TEXT NOT NULL UNIQUE,          -- internal case number AJ2024-0001
    kind            TEXT NOT NULL CHECK (kind IN ('penalty', 'inspection')),
    procedure       TEXT NOT NULL CHECK (procedure IN ('simple', 'ordinary')),
    dept_id         INTEGER NOT NULL REFERENCES departments(id),
    power_id        INTEGER REFERENCES powers(id),
    title           TEXT NOT NULL,
    party_name      TEXT NOT NULL,
    party_kind      TEXT NOT NULL CHECK (party_kind IN ('citizen', 'org')),
    party_id_no     TEXT NOT NULL DEFAULT '',      -- 身份证号 or 统一社会信用代码
    party_address   TEXT NOT NULL DEFAULT '',
    facts           TEXT NOT NULL DEFAULT '',
    violation_at    TEXT,                          -- date the act ended (Art. 36)
    source          TEXT NOT NULL DEFAULT '',      -- 巡查发现 / 投诉举报 / 工单 …
    workorder_id    INTEGER REFERENCES workorders(id),
    from_case_id    INTEGER REFERENCES cases(id),  -- an inspection turned into this case
    stage           TEXT NOT NULL,
    major           INTEGER NOT NULL DEFAULT 0,    -- 重大案件: 集体讨论 (Art. 57)
    review_required INTEGER NOT NULL DEFAULT 0,    -- 法制审核 (Art. 58)
    filed_at        TEXT,
    filing_no       TEXT UNIQUE,                   -- 立案审批表 number
    notice_no       TEXT UNIQUE,                   -- 事先告知书 文号
    decision_due    TEXT,                          -- filed + 90 days (Art. 60)
    extension_days  INTEGER NOT NULL DEFAULT 0,
    intended        TEXT NOT NULL DEFAULT '{}',    -- notified penalty (JSON: kinds, fine)
    notice_served_at TEXT,
    hearing_right   INTEGER NOT NULL DEFAULT 0,    -- Art. 63
    hearing_request_due TEXT,                      -- 5 working days after notice (Art. 64)
    hearing_requested_at TEXT,
    hearing_at      TEXT,
    statement       TEXT NOT NULL DEFAULT 'none' CHECK (statement IN ('none', 'heard', 'waived')),
    review_result   TEXT,
    reviewed_by     INTEGER REFERENCES users(id),
    reviewed_at     TEXT,
    discussed_at    TEXT,
    decision        TEXT,                          -- penalty | no_penalty_minor | no_penalty_facts | transfer
    penalty         TEXT NOT NULL DEFAULT '{}',    -- JSON: kinds, fine, confiscation
    fine_amount     REAL NOT NULL DEFAULT 0,
    decision_no     TEXT UNIQUE,                   -- 文号
    decided_at      TEXT,
    service_due     TEXT,                          -- 7 working days (Art. 61)
    served_at       TEXT,
    service_method  TEXT,
    publish_required INTEGER NOT NULL DEFAULT 0,
    publish_due     TEXT,                          -- 7 working days (118号, T-04)
    published_at    TEXT,
    withdrawn_at    TEXT,
    withdraw_due    TEXT,                          -- 3 working days (Art. 48 ¶2)
    withdraw_reason TEXT,
    payment_due     TEXT,                          -- 15 days (Art. 67)
    executed_at     TEXT,
    closed_at       TEXT,
    conclusion      TEXT NOT NULL DEFAULT '',
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_dept ON cases(dept_id, stage);

CREATE TABLE case_officers (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    officer_id  INTEGER NOT NULL REFERENCES officers(id),
    role        TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('lead', 'member')),
    PRIMARY KEY (case_id, officer_id)
);

-- on-site acts: inspection, inquiry, evidence collection, service, on-the-spot decision
CREATE TABLE case_acts (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    kind        TEXT NOT NULL CHECK (kind IN ('inspection', 'inquiry', 'evidence', 'service', 'onsite_decision', 'hearing')),
    at          TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    officers    TEXT NOT NULL,                     -- JSON array of officer ids (>= 2, Art. 42)
    certs       TEXT NOT NULL,                     -- their certificate numbers at the time
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX case_acts_case ON case_acts(case_id);

CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    act_id      INTEGER REFERENCES case_acts(id),
    stage       TEXT NOT NULL,
    record      TEXT NOT NULL,                     -- checklist item, e.g. inquiry_record, av_record
    kind        TEXT NOT NULL CHECK (kind IN ('document', 'photo', 'audio', 'video', 'other')),
    filename    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    sm3         TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    uploaded_by INTEGER REFERENCES users(id),
    uploaded_at TEXT NOT NULL
);
CREATE INDEX evidence_case ON evidence(case_id);
CREATE INDEX evidence_sha ON evidence(sha256);

CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    ts          TEXT NOT NULL,
    user_id     INTEGER,
    username    TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    from_stage  TEXT NOT NULL DEFAULT '',
    to_stage    TEXT NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events(case_id, id);

-- 文号 sequences per department, kind and year (东丽华明罚决〔2024〕第1号)
CREATE TABLE doc_sequences (
    dept_id     INTEGER NOT NULL REFERENCES departments(id),
    kind        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    last        INTEGER NOT NULL,
    PRIMARY KEY (dept_id, kind, year)
);

INSERT INTO settings(key, value) VALUES
 ('case.decision_days', '90'),               -- Art. 60 (calendar days; sector rules may differ)
 ('case.start_day_excluded', '1'),           -- DOMAIN §2.2 (unverified): the filing day not counted
 ('case.max_extension_days', '30'),          -- 市场监管 rule, +30 days with approval (unverified)
 ('case.simple_max_fine_citizen', '200'),    -- Art. 51
 ('case.simple_max_fine_org', '3000'),       -- Art. 51
 ('case.hearing_fine_citizen', '10000'),     -- 较大数额 (Art. 63): set by provinces (unverified)
 ('case.hearing_fine_org', '100000'),        -- idem (unverified)
 ('case.publish_workdays', '7'),             -- 118号 T-04: penalty decisions in 7 working days
 ('case.doc_prefix', '东丽华明');

INSERT INTO permissions(code, module, name, sort) VALUES
 ('case:read',    '行政执法', '查看执法案件', 200),
 ('case:write',   '行政执法', '办理执法案件（立案申请、调查、告知、送达、执行）', 201),
 ('case:approve', '行政执法', '审批立案、作出决定、延期、集体讨论', 202),
 ('case:review',  '行政执法', '法制审核', 203),
 ('case:publish', '行政执法', '公示与撤回公示', 204),
 ('officer:read', '行政执法', '查看执法人员', 205),
 ('officer:write','行政执法', '管理执法人员与证件', 206),
 ('power:write',  '行政执法', '维护权责清单', 207);

INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p WHERE r.code = 'admin' AND p.module = '行政执法';
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p WHERE r.code = 'leader'
   AND p.code IN ('case:read', 'case:approve', 'case:publish', 'officer:read');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p WHERE r.code = 'legal'
   AND p.code IN ('case:read', 'case:review', 'case:publish', 'officer:read', 'officer:write',
                  'power:write');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p WHERE r.code = 'officer'
   AND p.code IN ('case:read', 'case:write', 'officer:read');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p WHERE r.code = 'viewer'
   AND p.code IN ('case:read', 'officer:read');
