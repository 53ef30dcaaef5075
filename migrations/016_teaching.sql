-- 016_teaching.sql - staff legal learning (学法用法, issue 7), second part: learning tasks
-- made automatically when a regulation of the library gets a new version (origin
-- 'version', one per user and version: the unique index), and 以案说法 teaching material
-- made from closed enforcement cases with the party anonymised (teaching.c), reviewed and
-- published (published = frozen text), linked to a 以案说法 activity and to learning tasks.
-- Permissions: teaching:read (internal roles), teaching:write (write drafts from cases),
-- teaching:publish (review and publish).

ALTER TABLE learning_tasks ADD COLUMN origin TEXT NOT NULL DEFAULT 'manual'
    CHECK (origin IN ('manual', 'version', 'teaching'));
ALTER TABLE learning_tasks ADD COLUMN regulation_version_id INTEGER
    REFERENCES regulation_versions(id);
-- NULLs are distinct, so only version tasks are limited to one per user and version
CREATE UNIQUE INDEX learning_tasks_version_user
    ON learning_tasks(regulation_version_id, user_id);

CREATE TABLE teaching_materials (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    dept_id         INTEGER REFERENCES departments(id),     -- the case's department
    title           TEXT NOT NULL,
    party           TEXT NOT NULL DEFAULT '',   -- the anonymised party, e.g. 王某, 某公司
    facts           TEXT NOT NULL DEFAULT '',
    basis           TEXT NOT NULL DEFAULT '',   -- legal basis
    outcome         TEXT NOT NULL DEFAULT '',
    lesson          TEXT NOT NULL DEFAULT '',   -- 以案说法: what staff and enterprises learn
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'submitted', 'published')),
    activity_id     INTEGER REFERENCES activities(id),      -- a 以案说法 (pufa_case) activity
    review_comment  TEXT NOT NULL DEFAULT '',
    submitted_at    TEXT,
    reviewed_by     INTEGER REFERENCES users(id),
    published_at    TEXT,
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK (status <> 'published' OR (lesson <> '' AND published_at IS NOT NULL))
);
CREATE INDEX teaching_materials_status ON teaching_materials(status, updated_at);

-- a learning batch on a published teaching material
ALTER TABLE learning_tasks ADD COLUMN teaching_id INTEGER REFERENCES teaching_materials(id);

INSERT INTO permissions(code, module, name, sort) VALUES
 ('teaching:read',    '组织领导', '查看以案说法教学材料', 242),
 ('teaching:write',   '组织领导', '从已结案件生成并编辑以案说法教学材料', 243),
 ('teaching:publish', '组织领导', '审核、发布以案说法教学材料', 244);

INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'teaching:read' FROM roles r
 WHERE r.code IN ('admin', 'leader', 'legal', 'officer', 'handler', 'viewer');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'teaching:write' FROM roles r WHERE r.code IN ('admin', 'legal', 'officer');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'teaching:publish' FROM roles r WHERE r.code IN ('admin', 'legal', 'leader');
