-- 013_enforcement_more.sql - more of administrative enforcement (issue 5): the legal basis
-- a case cites (the regulation version in force on the day of the violation, with the
-- article's text kept), evidence preserved in advance (先行登记保存, Art. 56) with its
-- approval, execution and handling decision, and recusal (回避, Art. 43) of an officer.
-- Invariant: a citation row never changes; the article text it keeps is that of the cited
-- version (regulation_articles rows never change either, so text_sha256 can be re-checked).

CREATE TABLE case_citations (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    regulation_id  INTEGER NOT NULL REFERENCES regulations(id),
    version_id     INTEGER NOT NULL REFERENCES regulation_versions(id),
    version_no     INTEGER NOT NULL,
    article_no     INTEGER NOT NULL,
    label          TEXT NOT NULL,                 -- 第三十五条
    quote          TEXT NOT NULL,                 -- 《title》第三十五条
    text           TEXT NOT NULL,                 -- the article of that version
    text_sha256    TEXT NOT NULL,
    on_date        TEXT NOT NULL,                 -- the day resolved against (YYYY-MM-DD)
    created_by     INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL,
    UNIQUE (case_id, version_id, article_no)
);
CREATE INDEX case_citations_case ON case_citations(case_id);

-- 先行登记保存 (Art. 56): requested -> approved (or rejected) by the agency head ->
-- preserved on site by >= 2 certified officers -> handled within 7 working days
CREATE TABLE case_preservations (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    items          TEXT NOT NULL,                 -- JSON [{name, quantity, unit, note}]
    reason         TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected',
                                                   'preserved', 'handled')),
    requested_by   INTEGER REFERENCES users(id),
    requested_at   TEXT NOT NULL,
    approved_by    INTEGER REFERENCES users(id),
    approved_at    TEXT,
    opinion        TEXT NOT NULL DEFAULT '',
    act_id         INTEGER REFERENCES case_acts(id),
    preserved_at   TEXT,
    handling_due   TEXT,                          -- 7 working days (Art. 56)
    handling       TEXT CHECK (handling IN ('release', 'record', 'inspect', 'seize',
                                            'confiscate', 'transfer')),
    handling_note  TEXT NOT NULL DEFAULT '',
    handled_by     INTEGER REFERENCES users(id),
    handled_at     TEXT
);
CREATE INDEX case_preservations_case ON case_preservations(case_id);

-- 回避 (Art. 43): applied for by the party or by the officer, decided by the agency head
CREATE TABLE case_recusals (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    officer_id     INTEGER NOT NULL REFERENCES officers(id),
    applicant      TEXT NOT NULL CHECK (applicant IN ('party', 'self')),
    reason         TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'granted', 'rejected')),
    applied_by     INTEGER REFERENCES users(id),
    applied_at     TEXT NOT NULL,
    decided_by     INTEGER REFERENCES users(id),
    decided_at     TEXT,
    opinion        TEXT NOT NULL DEFAULT '',
    replacement_id INTEGER REFERENCES officers(id)
);
CREATE INDEX case_recusals_case ON case_recusals(case_id, officer_id);
