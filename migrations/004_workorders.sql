-- 004_workorders.sql - 12345 hotline and message-board work orders (工单), their event
-- timeline, the categories (also published as Open311 services) and the deadline rules.
-- Deadline defaults follow DOMAIN.md §5: Tianjin's acceptance limits (H-12: 15 min for
-- threats to life/property, 30 min for basic utilities, 1 working day otherwise) and the
-- platform defaults of H-14 [P] (咨询 answered in 1 working day, others in 5). They are
-- configurable rows, not law: admins edit them (PUT /api/v1/workorders/rules/:id).

CREATE TABLE wo_categories (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    keywords    TEXT NOT NULL DEFAULT '',
    grp         TEXT NOT NULL DEFAULT '',
    open311     INTEGER NOT NULL DEFAULT 1,     -- published as an Open311 service
    sort        INTEGER NOT NULL DEFAULT 0
);
INSERT INTO wo_categories(code, name, description, keywords, grp, sort) VALUES
 ('consult',    '咨询', '政策、办事流程等咨询', '咨询,政策,办事', '诉求', 1),
 ('help',       '求助', '需要有关单位帮助解决的问题', '求助,帮助', '诉求', 2),
 ('complaint',  '投诉', '对单位或个人行为的投诉', '投诉', '诉求', 3),
 ('report',     '举报', '违法违规行为举报', '举报,违法', '诉求', 4),
 ('suggestion', '建议', '意见和建议', '建议,意见', '诉求', 5),
 ('praise',     '表扬', '表扬和感谢', '表扬,感谢', '其他', 6),
 ('other',      '其他', '其他事项', '其他', '其他', 7);

-- urgency: normal (一般), urgent (紧急: basic utilities, H-12 30 min), critical (特急:
-- threats to life or property, H-12 15 min). A category of NULL matches every category;
-- the most specific row wins. minutes > 0 means clock time regardless of working days.
CREATE TABLE wo_deadline_rules (
    id              INTEGER PRIMARY KEY,
    category        TEXT REFERENCES wo_categories(code),
    urgency         TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent', 'critical')),
    sign_minutes    INTEGER NOT NULL DEFAULT 0,
    sign_workdays   INTEGER NOT NULL DEFAULT 1,
    reply_minutes   INTEGER NOT NULL DEFAULT 0,
    reply_workdays  INTEGER NOT NULL DEFAULT 5,
    basis           TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (category, urgency)
);
INSERT INTO wo_deadline_rules(category, urgency, sign_minutes, sign_workdays, reply_minutes,
                              reply_workdays, basis) VALUES
 (NULL, 'normal', 0, 1, 0, 5, '天津市政务服务便民热线管理办法实施细则（接单1个工作日）；办结5个工作日为平台默认值（未核实）'),
 (NULL, 'urgent', 30, 0, 0, 3, '实施细则：水电气热等基本民生30分钟接单；答复期限为平台默认值（未核实）'),
 (NULL, 'critical', 15, 0, 0, 1, '实施细则：危及生命财产安全15分钟接单；答复期限为平台默认值（未核实）'),
 ('consult', 'normal', 0, 1, 0, 1, '咨询类1个工作日答复（平台默认值，未核实）');

CREATE TABLE workorders (
    id              INTEGER PRIMARY KEY,
    no              TEXT NOT NULL UNIQUE,            -- fazhi's own number, GD2023-000123
    platform_no     TEXT UNIQUE,                     -- the 12345 platform's 转办单号
    channel         TEXT NOT NULL CHECK (channel IN ('hotline', 'board', 'phone', 'walkin', 'open311')),
    category        TEXT NOT NULL REFERENCES wo_categories(code),
    urgency         TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent', 'critical')),
    subject         TEXT NOT NULL,
    content         TEXT NOT NULL DEFAULT '',
    citizen_name    TEXT NOT NULL DEFAULT '',
    citizen_phone   TEXT NOT NULL DEFAULT '',
    citizen_email   TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    lat             REAL,
    lng             REAL,
    enterprise_uscc TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'received',
    dept_id         INTEGER REFERENCES departments(id),   -- the handling department
    handler_id      INTEGER REFERENCES users(id),
    received_at     TEXT NOT NULL,
    dispatched_at   TEXT,
    signed_at       TEXT,
    replied_at      TEXT,
    visited_at      TEXT,
    closed_at       TEXT,
    sign_due        TEXT NOT NULL,
    reply_due       TEXT NOT NULL,
    paused_at       TEXT,                            -- clock paused (waiting for the citizen)
    paused_workdays INTEGER NOT NULL DEFAULT 0,
    ext_requested_days INTEGER,                      -- pending extension request
    ext_reason      TEXT,
    extensions      INTEGER NOT NULL DEFAULT 0,
    supervised      INTEGER NOT NULL DEFAULT 0,      -- 督办
    supervised_at   TEXT,
    overdue_at      TEXT,                            -- set by the deadline sweep
    reply_draft     TEXT NOT NULL DEFAULT '',
    reply_text      TEXT NOT NULL DEFAULT '',        -- the reply given (public part)
    handling_workdays INTEGER,                       -- received -> first reply
    callback_result TEXT CHECK (callback_result IN ('satisfied', 'basic', 'dissatisfied', 'unreachable')),
    solved          INTEGER,                         -- the citizen confirms it solved
    reopen_count    INTEGER NOT NULL DEFAULT 0,
    merged_into     INTEGER REFERENCES workorders(id),
    duplicate_hint  INTEGER REFERENCES workorders(id),
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX workorders_received ON workorders(received_at);
CREATE INDEX workorders_status ON workorders(status, reply_due);
CREATE INDEX workorders_dept ON workorders(dept_id);
CREATE INDEX workorders_phone ON workorders(citizen_phone, received_at);

CREATE TABLE wo_events (
    id          INTEGER PRIMARY KEY,
    wo_id       INTEGER NOT NULL REFERENCES workorders(id),
    ts          TEXT NOT NULL,
    user_id     INTEGER,
    username    TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX wo_events_wo ON wo_events(wo_id, id);

CREATE TABLE wo_sequences (
    year        INTEGER PRIMARY KEY,
    last        INTEGER NOT NULL
);

INSERT INTO settings(key, value) VALUES
 ('workorder.duplicate_window_days', '7'),        -- same phone + similar content
 ('workorder.near_due_hours', '24'),
 ('workorder.basic_counts_satisfied', '1');       -- 基本满意 counts toward 满意率 (§5.4)

INSERT INTO permissions(code, module, name, sort) VALUES
 ('workorder:read',     '12345工单', '查看工单', 100),
 ('workorder:create',   '12345工单', '登记工单', 101),
 ('workorder:dispatch', '12345工单', '派单、合并', 102),
 ('workorder:handle',   '12345工单', '签收、办理、退单', 103),
 ('workorder:review',   '12345工单', '审核答复', 104),
 ('workorder:approve',  '12345工单', '批准延期、督办', 105),
 ('workorder:pii',      '12345工单', '查看群众完整姓名和电话', 106),
 ('workorder:admin',    '12345工单', '维护工单分类与时限规则', 107),
 ('workorder:import',   '12345工单', '导入市平台工单', 108);

INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'admin' AND p.module = '12345工单';
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'leader' AND p.code IN ('workorder:read', 'workorder:review',
       'workorder:approve', 'workorder:pii', 'workorder:dispatch');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'handler' AND p.code IN ('workorder:read', 'workorder:create',
       'workorder:dispatch', 'workorder:handle', 'workorder:review', 'workorder:pii',
       'workorder:import');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code IN ('officer', 'legal', 'viewer') AND p.code = 'workorder:read';
