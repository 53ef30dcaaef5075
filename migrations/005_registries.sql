-- 005_registries.sql - the registers of issue 7: enterprises in the zone (企业名录), their
-- credit commitment letters (信用承诺书), integrity briefings (诚信经营宣讲) with attendance,
-- breaches of commitments (违诺记录), and outreach / study activities (普法、反诈、学习).
-- Dates are 'YYYY-MM-DD' text (they sort); list-valued fields are JSON arrays as text.
-- Permissions registry:read / registry:write (choice of grants: docs/registries.md).

CREATE TABLE enterprises (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    uscc        TEXT NOT NULL UNIQUE,               -- GB 32100, normalised upper case
    legal_rep   TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    industry    TEXT NOT NULL DEFAULT '',
    settled_on  TEXT,                               -- date settled in the zone
    contacts    TEXT NOT NULL DEFAULT '[]',         -- [{"name","phone"}]
    status      TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'moved_out', 'deregistered')),
    remark      TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX enterprises_settled ON enterprises(settled_on);
CREATE INDEX enterprises_industry ON enterprises(industry);

CREATE TABLE commitments (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    kind          TEXT NOT NULL
                  CHECK (kind IN ('credit', 'integrity', 'notification')),
    content       TEXT NOT NULL DEFAULT '',
    signed_on     TEXT NOT NULL,
    signer        TEXT NOT NULL DEFAULT '',
    valid_until   TEXT,                             -- NULL: no end date
    file_ref      TEXT NOT NULL DEFAULT '',         -- where the signed letter is kept
    status        TEXT NOT NULL DEFAULT 'valid'
                  CHECK (status IN ('valid', 'breached', 'revoked')),
    created_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX commitments_enterprise ON commitments(enterprise_id);
CREATE INDEX commitments_signed ON commitments(signed_on);

CREATE TABLE briefings (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    held_on       TEXT NOT NULL,
    location      TEXT NOT NULL DEFAULT '',
    speaker       TEXT NOT NULL DEFAULT '',
    dept_id       INTEGER REFERENCES departments(id),   -- organiser
    people_count  INTEGER NOT NULL DEFAULT 0 CHECK (people_count >= 0),
    notes         TEXT NOT NULL DEFAULT '',
    created_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX briefings_held ON briefings(held_on);

CREATE TABLE briefing_attendees (
    briefing_id   INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    PRIMARY KEY (briefing_id, enterprise_id)
);
CREATE INDEX briefing_attendees_enterprise ON briefing_attendees(enterprise_id);

CREATE TABLE breaches (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    commitment_id INTEGER REFERENCES commitments(id),
    found_on      TEXT NOT NULL,
    description   TEXT NOT NULL,
    evidence      TEXT NOT NULL DEFAULT '',
    handling      TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
    created_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX breaches_enterprise ON breaches(enterprise_id);
CREATE INDEX breaches_found ON breaches(found_on);

-- one table for every outreach and study kind; the fields a kind uses are listed in
-- registries.c (kind_rules); the others stay NULL
CREATE TABLE activities (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('pufa_lecture', 'pufa_onsite',
                        'pufa_online', 'pufa_case', 'anti_fraud', 'study_first_topic',
                        'study_theory_group', 'enforcement_publicity')),
    title               TEXT NOT NULL,
    held_on             TEXT NOT NULL,
    dept_id             INTEGER REFERENCES departments(id),   -- organiser
    partner             TEXT NOT NULL DEFAULT '',             -- e.g. a law firm
    location            TEXT NOT NULL DEFAULT '',
    laws                TEXT NOT NULL DEFAULT '[]',           -- laws covered
    audience            INTEGER CHECK (audience >= 0),        -- people reached
    enterprises_reached INTEGER CHECK (enterprises_reached >= 0),
    channel             TEXT,                                 -- pufa_online
    link                TEXT,
    reads               INTEGER CHECK (reads >= 0),
    leaflets            INTEGER CHECK (leaflets >= 0),        -- anti_fraud
    app_installs        INTEGER CHECK (app_installs >= 0),
    warnings            INTEGER CHECK (warnings >= 0),
    attendees           TEXT,                                 -- study_*: JSON names
    absentees           TEXT,
    departments         TEXT,                                 -- enforcement_publicity
    material            TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    created_by          INTEGER REFERENCES users(id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX activities_kind_held ON activities(kind, held_on);
CREATE INDEX activities_held ON activities(held_on);

INSERT INTO permissions(code, module, name, sort) VALUES
 ('registry:read',  '企业与信用/普法与学习', '查看企业名录、信用承诺、普法与学习记录', 200),
 ('registry:write', '企业与信用/普法与学习', '登记、修改、导入企业与信用、普法与学习记录', 201);

-- admin: both; the people who keep these registers (企业服务 handlers, the legal office)
-- write; leaders and read-only users read
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code = 'admin' AND p.code IN ('registry:read', 'registry:write');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'registry:read' FROM roles r
 WHERE r.code IN ('leader', 'legal', 'viewer', 'handler');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'registry:write' FROM roles r WHERE r.code IN ('handler', 'legal');
