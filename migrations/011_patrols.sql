-- 011_patrols.sql - daily patrols of the zone (园区巡查, the seed report's "执法+服务"): the
-- route, the officers (at least two, Art. 42 of the Administrative Penalty Law, since a
-- patrol is an on-site inspection), the time, and findings; a finding can become an
-- inspection or a penalty case, carrying over its officers, place, time and description.

CREATE TABLE patrols (
    id          INTEGER PRIMARY KEY,
    dept_id     INTEGER NOT NULL REFERENCES departments(id),
    route       TEXT NOT NULL,
    officers    TEXT NOT NULL,                 -- JSON array of officer ids
    certs       TEXT NOT NULL,                 -- their certificate numbers at the time
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    summary     TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX patrols_started ON patrols(started_at);

CREATE TABLE patrol_findings (
    id          INTEGER PRIMARY KEY,
    patrol_id   INTEGER NOT NULL REFERENCES patrols(id),
    at          TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'issue' CHECK (kind IN ('issue', 'service', 'hazard')),
    case_id     INTEGER REFERENCES cases(id),  -- set when the finding became a case
    created_at  TEXT NOT NULL
);
CREATE INDEX patrol_findings_patrol ON patrol_findings(patrol_id);
