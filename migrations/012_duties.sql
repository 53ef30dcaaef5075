-- 012_duties.sql - the remaining registers of issue 7: the rule-of-law leading group
-- (法治建设工作领导小组) with dated membership, its yearly duty items (责任分工), the
-- 谁执法谁普法 responsibility list of the enforcement departments, and staff legal
-- learning tasks (学法用法), one row per assignee. Membership is never overwritten: a
-- change ends a row (until_on) and adds a new one, so the group on any date is a query.
-- Dates are 'YYYY-MM-DD' text. Permissions duty:read (every built-in role), duty:write.

CREATE TABLE leading_group_members (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    role        TEXT NOT NULL CHECK (role IN ('leader', 'deputy', 'member')),
    title       TEXT NOT NULL DEFAULT '',           -- post, e.g. 党组书记、主任
    from_on     TEXT NOT NULL,
    until_on    TEXT,                               -- NULL: still a member
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK (until_on IS NULL OR until_on >= from_on)
);
CREATE INDEX leading_group_members_dates ON leading_group_members(from_on, until_on);

CREATE TABLE duties (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    owner_id    INTEGER REFERENCES users(id),
    dept_id     INTEGER REFERENCES departments(id),
    due_on      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'not_started'
                CHECK (status IN ('not_started', 'in_progress', 'done')),
    evidence    TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK (status <> 'done' OR evidence <> '')
);
CREATE INDEX duties_year ON duties(year, status);
CREATE INDEX duties_dept ON duties(dept_id);

CREATE TABLE pufa_duties (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    dept_id         INTEGER NOT NULL REFERENCES departments(id),
    content         TEXT NOT NULL,
    audience        TEXT NOT NULL DEFAULT '',
    planned_count   INTEGER NOT NULL DEFAULT 0 CHECK (planned_count >= 0),
    progress_count  INTEGER NOT NULL DEFAULT 0 CHECK (progress_count >= 0),
    status          TEXT NOT NULL DEFAULT 'not_started'
                    CHECK (status IN ('not_started', 'in_progress', 'done')),
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX pufa_duties_dept ON pufa_duties(dept_id, year);

-- one row per assignee; batch_id groups the rows one POST created
CREATE TABLE learning_tasks (
    id              INTEGER PRIMARY KEY,
    batch_id        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    regulation_ref  TEXT NOT NULL DEFAULT '',
    regulation_id   INTEGER REFERENCES regulations(id),
    user_id         INTEGER NOT NULL REFERENCES users(id),
    dept_id         INTEGER REFERENCES departments(id),
    due_on          TEXT NOT NULL,
    completed_at    TEXT,
    score           INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 100),
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (batch_id, user_id)
);
CREATE INDEX learning_tasks_user ON learning_tasks(user_id, completed_at);
CREATE INDEX learning_tasks_batch ON learning_tasks(batch_id);

INSERT INTO permissions(code, module, name, sort) VALUES
 ('duty:read',  '组织领导', '查看领导小组、责任分工、普法责任清单、学法任务', 240),
 ('duty:write', '组织领导', '维护领导小组、责任分工、普法责任清单，布置学法任务', 241);

INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'duty:read' FROM roles r
 WHERE r.code IN ('admin', 'leader', 'legal', 'officer', 'handler', 'counsel', 'viewer');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'duty:write' FROM roles r WHERE r.code IN ('admin', 'legal', 'leader');
