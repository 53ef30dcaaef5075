-- 015_enterprise_service.sql - enterprise service of issue 7: requests raised by enterprises
-- through the 双万双服 channel (problem, category, receiving and responsible department,
-- resolution, time taken in working days), visits to enterprises, 信易贷 promotion contacts,
-- and the scanned credit commitment letters kept in the content-addressed file store.
-- Dates are 'YYYY-MM-DD' text; list-valued fields are JSON arrays as text.

CREATE TABLE service_visits (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    visited_on    TEXT NOT NULL,
    visitors      TEXT NOT NULL DEFAULT '[]',       -- names of the staff who went
    purpose       TEXT NOT NULL,
    findings      TEXT NOT NULL DEFAULT '',
    dept_id       INTEGER REFERENCES departments(id),   -- organiser (data scope)
    created_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX service_visits_enterprise ON service_visits(enterprise_id);
CREATE INDEX service_visits_date ON service_visits(visited_on);

CREATE TABLE service_requests (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    source        TEXT NOT NULL DEFAULT 'shuangwan'
                  CHECK (source IN ('shuangwan', 'visit', 'phone', 'other')),
    visit_id      INTEGER REFERENCES service_visits(id),  -- the visit that found it
    category      TEXT NOT NULL,
    problem       TEXT NOT NULL,
    recv_dept_id  INTEGER REFERENCES departments(id),     -- received by (data scope)
    dept_id       INTEGER NOT NULL REFERENCES departments(id),  -- responsible
    received_on   TEXT NOT NULL,
    resolution    TEXT NOT NULL DEFAULT '',
    resolved_on   TEXT,
    status        TEXT NOT NULL DEFAULT 'received'
                  CHECK (status IN ('received', 'in_progress', 'resolved')),
    working_days  INTEGER,          -- received_on .. resolved_on by the calendar module
    created_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX service_requests_enterprise ON service_requests(enterprise_id);
CREATE INDEX service_requests_received ON service_requests(received_on);
CREATE INDEX service_requests_visit ON service_requests(visit_id);

-- 信易贷 promotion: amounts in 万元 (ten thousand yuan)
CREATE TABLE financing_contacts (
    id             INTEGER PRIMARY KEY,
    enterprise_id  INTEGER NOT NULL REFERENCES enterprises(id),
    contacted_on   TEXT NOT NULL,
    channel        TEXT NOT NULL
                   CHECK (channel IN ('visit', 'lecture', 'online', 'phone', 'other')),
    staff          TEXT NOT NULL DEFAULT '[]',
    financing_need TEXT NOT NULL DEFAULT '',
    need_amount    REAL CHECK (need_amount >= 0),
    outcome        TEXT NOT NULL DEFAULT 'informed'
                   CHECK (outcome IN ('informed', 'registered', 'applied', 'granted',
                                      'declined', 'no_need')),
    applied_amount REAL CHECK (applied_amount >= 0),
    granted_amount REAL CHECK (granted_amount >= 0),
    lender         TEXT NOT NULL DEFAULT '',
    dept_id        INTEGER REFERENCES departments(id),   -- organiser (data scope)
    notes          TEXT NOT NULL DEFAULT '',
    created_by     INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX financing_contacts_enterprise ON financing_contacts(enterprise_id);
CREATE INDEX financing_contacts_date ON financing_contacts(contacted_on);

-- every scan uploaded for a letter; the newest is the letter's scan, older ones stay as
-- history. The file lives in the store under its SHA-256 (modules/files.h).
CREATE TABLE commitment_scans (
    id            INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitments(id),
    filename      TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    sm3           TEXT NOT NULL,
    uploaded_by   INTEGER REFERENCES users(id),
    uploaded_at   TEXT NOT NULL
);
CREATE INDEX commitment_scans_commitment ON commitment_scans(commitment_id);
