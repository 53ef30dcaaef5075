-- 007_decisions.sql - major administrative decisions (重大行政决策, 国务院令第713号, DOMAIN.md
-- §4): the yearly catalogue, each decision's statutory procedure with its records and
-- documents; collective decision-making bodies, meetings, agenda items, attendance and
-- opinions; major matters (重大事项) that only a meeting may decide; and legal counsel
-- (law firms, engagements, review requests, opinion letters). Dates are 'YYYY-MM-DD'.
-- Invariant: once a decision is archived its documents are sealed (archived_at set) and
-- their SHA-256 are in the audit log; nothing changes it afterwards.

-- ---- the catalogue (决策事项目录, Art. 3 ¶3) ----
CREATE TABLE decision_catalogues (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'party_approved', 'published')),
    party_approved_on TEXT,                        -- 同级党委同意
    published_on    TEXT,
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE decision_catalogue_items (
    id              INTEGER PRIMARY KEY,
    catalogue_id    INTEGER NOT NULL REFERENCES decision_catalogues(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    title           TEXT NOT NULL,
    category        TEXT NOT NULL CHECK (category IN ('public_policy', 'plan', 'resources',
                    'construction', 'other')),      -- the five kinds of Art. 3 ¶1
    lead_dept_id    INTEGER REFERENCES departments(id),
    planned         TEXT NOT NULL DEFAULT '',      -- e.g. 第二季度
    note            TEXT NOT NULL DEFAULT '',
    UNIQUE (catalogue_id, seq)
);

-- ---- decisions ----
-- status: drafting -> under_review -> reviewed -> decided | rejected | deferred ->
-- published -> archived (rejected may be archived directly; an unlawful review result
-- sends the draft back to drafting). participation / expert / risk: pending | done | na.
CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY,
    no              TEXT NOT NULL UNIQUE,          -- JC2023-001
    year            INTEGER NOT NULL,
    title           TEXT NOT NULL,
    category        TEXT NOT NULL CHECK (category IN ('public_policy', 'plan', 'resources',
                    'construction', 'other')),
    org             TEXT NOT NULL DEFAULT 'center' CHECK (org IN ('center', 'company')),
    lead_dept_id    INTEGER NOT NULL REFERENCES departments(id),
    catalogue_item_id INTEGER REFERENCES decision_catalogue_items(id),
    proposer        TEXT NOT NULL DEFAULT '',      -- who proposed it (Art. 10)
    description     TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'drafting',
    initiated_on    TEXT NOT NULL,
    participation   TEXT NOT NULL DEFAULT 'pending' CHECK (participation IN ('pending', 'done', 'na')),
    comment_start   TEXT,
    comment_end     TEXT,
    shortening_reason TEXT,
    expert          TEXT NOT NULL DEFAULT 'pending' CHECK (expert IN ('pending', 'done', 'na')),
    risk            TEXT NOT NULL DEFAULT 'pending' CHECK (risk IN ('pending', 'done', 'na')),
    review_submitted_on TEXT,
    review_request_id INTEGER,                     -- the counsel review that fulfils it
    review_result   TEXT CHECK (review_result IN ('lawful', 'unlawful',
                    'exploratory_with_risk_statement')),
    reviewed_on     TEXT,
    review_workdays INTEGER,
    review_override_reason TEXT,
    meeting_item_id INTEGER,                       -- where it was decided (Art. 30)
    outcome         TEXT CHECK (outcome IN ('adopted', 'rejected', 'deferred')),
    decided_on      TEXT,
    published_on    TEXT,
    archived_at     TEXT,
    archived_by     TEXT,
    archive_sha256  TEXT,                          -- SHA-256 of the archive's manifest.json
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX decisions_year ON decisions(year, status);

-- each procedural step as it was recorded: who, when (the procedural date and the time
-- it was entered), the outcome and the step's details (data, JSON)
CREATE TABLE decision_steps (
    id              INTEGER PRIMARY KEY,
    decision_id     INTEGER NOT NULL REFERENCES decisions(id),
    action          TEXT NOT NULL,
    on_date         TEXT NOT NULL,
    ts              TEXT NOT NULL,
    user_id         INTEGER,
    username        TEXT NOT NULL DEFAULT '',
    display_name    TEXT NOT NULL DEFAULT '',
    from_status     TEXT NOT NULL DEFAULT '',
    to_status       TEXT NOT NULL DEFAULT '',
    outcome         TEXT NOT NULL DEFAULT '',
    comment         TEXT NOT NULL DEFAULT '',
    data            TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX decision_steps_dec ON decision_steps(decision_id, id);

CREATE TABLE decision_documents (
    id              INTEGER PRIMARY KEY,
    decision_id     INTEGER NOT NULL REFERENCES decisions(id),
    step_id         INTEGER REFERENCES decision_steps(id),
    step            TEXT NOT NULL,                 -- the action it belongs to
    name            TEXT NOT NULL,
    mime            TEXT NOT NULL DEFAULT 'text/plain; charset=utf-8',
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    content         BLOB NOT NULL,
    uploaded_by     INTEGER,
    uploader        TEXT NOT NULL DEFAULT '',
    uploaded_at     TEXT NOT NULL
);
CREATE INDEX decision_documents_dec ON decision_documents(decision_id, id);

CREATE TABLE decision_sequences (
    year            INTEGER PRIMARY KEY,
    last            INTEGER NOT NULL
);

-- ---- collective decision-making (集体决策) ----
-- quorum: present members * quorum_den > members * quorum_num when quorum_strict (more
-- than half: 1/2 strict, the default), >= otherwise (e.g. 2/3 not strict)
CREATE TABLE meeting_bodies (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    org             TEXT NOT NULL CHECK (org IN ('center', 'company')),
    quorum_num      INTEGER NOT NULL DEFAULT 1,
    quorum_den      INTEGER NOT NULL DEFAULT 2,
    quorum_strict   INTEGER NOT NULL DEFAULT 1 CHECK (quorum_strict IN (0, 1)),
    description     TEXT NOT NULL DEFAULT '',
    sort            INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1
);
INSERT INTO meeting_bodies(code, name, org, description, sort) VALUES
 ('party_group', '党组会', 'center', '服务中心党组会议：研究决定“三重一大”事项和重大行政决策', 1),
 ('director_office', '主任办公会', 'center', '服务中心主任办公会议：讨论决定行政事务和重大行政决策', 2),
 ('board', '董事会', 'company', '天津市滨海华明开发建设有限公司董事会', 3),
 ('gm_office', '总经理办公会', 'company', '天津市滨海华明开发建设有限公司总经理办公会', 4);

CREATE TABLE meeting_body_members (
    body_id         INTEGER NOT NULL REFERENCES meeting_bodies(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    duty            TEXT NOT NULL DEFAULT '',      -- 书记、主任、董事长、成员 …
    is_chair        INTEGER NOT NULL DEFAULT 0,
    sort            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (body_id, user_id)
);

-- status: planned -> held (attendance recorded, quorum computed) -> closed (minutes final)
CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY,
    body_id         INTEGER NOT NULL REFERENCES meeting_bodies(id),
    no              TEXT NOT NULL UNIQUE,          -- 党组会〔2023〕第5次
    seq             INTEGER NOT NULL,
    title           TEXT NOT NULL,
    held_on         TEXT NOT NULL,
    start_time      TEXT NOT NULL DEFAULT '',      -- HH:MM
    place           TEXT NOT NULL DEFAULT '',
    chair_id        INTEGER REFERENCES users(id),
    recorder        TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'closed')),
    members_total   INTEGER NOT NULL DEFAULT 0,
    members_present INTEGER NOT NULL DEFAULT 0,
    quorum_held     INTEGER NOT NULL DEFAULT 0,
    minutes         TEXT NOT NULL DEFAULT '',
    closed_at       TEXT,
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meetings_held ON meetings(held_on);

CREATE TABLE meeting_attendance (
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    role            TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'attendee')),
    present         INTEGER NOT NULL CHECK (present IN (0, 1)),
    absence_reason  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE major_matter_kinds (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    threshold       INTEGER,                       -- yuan; NULL: always major
    basis           TEXT NOT NULL,
    sort            INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1
);
-- thresholds are platform defaults (unverified, set by each unit's own rules): edit them
INSERT INTO major_matter_kinds(code, name, threshold, basis, sort) VALUES
 ('major_decision', '重大行政决策', NULL, '《重大行政决策程序暂行条例》第三十条：决策草案应当经决策机关常务会议或者全体会议讨论', 1),
 ('large_expense', '大额资金支出', 500000, '“三重一大”集体决策制度：大额度资金运作须经领导班子集体讨论决定', 2),
 ('major_project', '重大项目', 1000000, '“三重一大”集体决策制度：重大项目安排须经领导班子集体讨论决定', 3),
 ('personnel', '人事任免', NULL, '“三重一大”集体决策制度：重要干部任免须经领导班子集体讨论决定', 4),
 ('contract', '合同签订', 1000000, '“三重一大”集体决策制度：重大合同须经领导班子集体讨论决定', 5);

CREATE TABLE major_matters (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL REFERENCES major_matter_kinds(code),
    amount          INTEGER,                       -- yuan
    org             TEXT NOT NULL DEFAULT 'center' CHECK (org IN ('center', 'company')),
    description     TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'decided')),
    outcome         TEXT CHECK (outcome IN ('adopted', 'rejected', 'deferred')),
    meeting_item_id INTEGER,
    decided_on      TEXT,
    decided_by      INTEGER REFERENCES users(id),
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE meeting_items (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    title           TEXT NOT NULL,
    presenter       TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL DEFAULT '',
    decision_id     INTEGER REFERENCES decisions(id),
    matter_id       INTEGER REFERENCES major_matters(id),
    outcome         TEXT CHECK (outcome IN ('adopted', 'rejected', 'deferred')),
    resolution      TEXT NOT NULL DEFAULT '',      -- what was decided
    dissent         TEXT NOT NULL DEFAULT '',      -- recorded truthfully (Art. 30)
    against_majority_reason TEXT NOT NULL DEFAULT '',
    decided_at      TEXT,
    UNIQUE (meeting_id, seq)
);

CREATE TABLE meeting_opinions (
    item_id         INTEGER NOT NULL REFERENCES meeting_items(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    opinion         TEXT NOT NULL CHECK (opinion IN ('agree', 'disagree', 'abstain')),
    statement       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, user_id)
);

CREATE TABLE meeting_sequences (
    body_id         INTEGER NOT NULL,
    year            INTEGER NOT NULL,
    last            INTEGER NOT NULL,
    PRIMARY KEY (body_id, year)
);

-- ---- legal counsel (法律顾问) ----
CREATE TABLE law_firms (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    letter_prefix   TEXT NOT NULL UNIQUE,          -- 秦天法意 -> 秦天法意〔2023〕第001号
    address         TEXT NOT NULL DEFAULT '',
    contact         TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

-- a lawyer is a user with the counsel role, linked to a firm
CREATE TABLE counsel_lawyers (
    user_id         INTEGER PRIMARY KEY REFERENCES users(id),
    firm_id         INTEGER NOT NULL REFERENCES law_firms(id),
    license_no      TEXT NOT NULL DEFAULT '',      -- 律师执业证号
    title           TEXT NOT NULL DEFAULT ''
);

CREATE TABLE counsel_engagements (
    id              INTEGER PRIMARY KEY,
    firm_id         INTEGER NOT NULL REFERENCES law_firms(id),
    contract_no     TEXT NOT NULL DEFAULT '',
    start_on        TEXT NOT NULL,
    end_on          TEXT NOT NULL,
    scope           TEXT NOT NULL,
    fee             INTEGER,                       -- yuan
    created_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK (end_on >= start_on)
);

-- status: submitted -> assigned -> (returned -> assigned)* -> answered
CREATE TABLE review_requests (
    id              INTEGER PRIMARY KEY,
    no              TEXT NOT NULL UNIQUE,          -- SC2023-0001
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('decision', 'contract', 'normative_document',
                    'enforcement_document', 'other')),
    material        TEXT NOT NULL DEFAULT '',
    decision_id     INTEGER REFERENCES decisions(id),
    requested_by    INTEGER REFERENCES users(id),
    requester_dept_id INTEGER REFERENCES departments(id),
    submitted_on    TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    counsel_id      INTEGER REFERENCES users(id),
    firm_id         INTEGER REFERENCES law_firms(id),
    status          TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'assigned',
                    'returned', 'answered')),
    return_reason   TEXT NOT NULL DEFAULT '',
    returns         INTEGER NOT NULL DEFAULT 0,
    answered_on     TEXT,
    turnaround_workdays INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX review_requests_submitted ON review_requests(submitted_on);
CREATE INDEX review_requests_counsel ON review_requests(counsel_id, status);

CREATE TABLE opinion_letters (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL UNIQUE REFERENCES review_requests(id),
    firm_id         INTEGER NOT NULL REFERENCES law_firms(id),
    counsel_id      INTEGER NOT NULL REFERENCES users(id),
    year            INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    no              TEXT NOT NULL UNIQUE,          -- 秦天法意〔2023〕第001号
    letter_on       TEXT NOT NULL,
    conclusion      TEXT NOT NULL CHECK (conclusion IN ('lawful', 'lawful_with_changes',
                    'unlawful', 'other')),
    reasoning       TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (firm_id, year, seq)
);
CREATE INDEX opinion_letters_on ON opinion_letters(letter_on);

CREATE TABLE letter_sequences (
    firm_id         INTEGER NOT NULL,
    year            INTEGER NOT NULL,
    last            INTEGER NOT NULL,
    PRIMARY KEY (firm_id, year)
);

CREATE TABLE review_attachments (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES review_requests(id),
    letter_id       INTEGER REFERENCES opinion_letters(id),
    name            TEXT NOT NULL,
    mime            TEXT NOT NULL DEFAULT 'text/plain; charset=utf-8',
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    content         BLOB NOT NULL,
    uploaded_by     INTEGER,
    uploaded_at     TEXT NOT NULL
);
CREATE INDEX review_attachments_req ON review_attachments(request_id);

CREATE TABLE review_events (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES review_requests(id),
    ts              TEXT NOT NULL,
    user_id         INTEGER,
    username        TEXT NOT NULL DEFAULT '',
    action          TEXT NOT NULL,
    comment         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX review_events_req ON review_events(request_id, id);

CREATE TABLE review_sequences (
    year            INTEGER PRIMARY KEY,
    last            INTEGER NOT NULL
);

INSERT INTO settings(key, value) VALUES
 ('review.due_workdays', '5');                   -- review requests are due in N working days

-- ---- permissions (docs/decisions.md) ----
INSERT INTO permissions(code, module, name, sort) VALUES
 ('decision:read',    '决策与合法性审查', '查看重大行政决策、决策事项目录', 300),
 ('decision:write',   '决策与合法性审查', '启动决策、登记各程序环节、上传材料、归档', 301),
 ('decision:approve', '决策与合法性审查', '集体讨论决定、公布决策、审定决策事项目录', 302),
 ('meeting:read',     '决策与合法性审查', '查看集体决策会议与重大事项', 303),
 ('meeting:write',    '决策与合法性审查', '组织会议、登记出席、意见与决定、会议纪要', 304),
 ('review:read',      '决策与合法性审查', '查看合法性审查申请与法律意见书', 305),
 ('review:request',   '决策与合法性审查', '提交合法性审查申请、补充材料', 306),
 ('review:answer',    '决策与合法性审查', '法律顾问：退回补充材料、出具法律意见书', 307),
 ('review:admin',     '决策与合法性审查', '指派法律顾问、管理律师事务所与聘用', 308);

INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'admin' AND p.module = '决策与合法性审查';
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'leader' AND p.code IN ('decision:read', 'decision:approve', 'meeting:read',
       'meeting:write', 'review:read');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'legal' AND p.code IN ('decision:read', 'decision:write', 'meeting:read',
       'review:read', 'review:request', 'review:admin');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'counsel' AND p.code IN ('review:read', 'review:answer');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'officer' AND p.code IN ('review:read', 'review:request');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'viewer' AND p.code IN ('decision:read', 'meeting:read', 'review:read');
