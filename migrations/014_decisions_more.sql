-- 014_decisions_more.sql - what 007 left out of the 重大行政决策程序暂行条例 (DOMAIN.md §4):
-- hearings (听证会, Art. 16-17), the report to the same-level Party committee before a
-- decision is issued (Art. 31), adjustment / suspension / termination of a decision in
-- implementation (Art. 37), and documents kept in the content-addressed file store.
-- Invariant: a document row with store = 'files' has an empty content blob; its bytes are
-- the file <files>/sha256/<xx>/<sha256>, checked against sha256 and sm3.

-- ---- hearings (Art. 16-17): materials reach the participants >= 7 days before ----
CREATE TABLE decision_hearings (
    id              INTEGER PRIMARY KEY,
    decision_id     INTEGER NOT NULL REFERENCES decisions(id),
    step_id         INTEGER REFERENCES decision_steps(id),
    held_on         TEXT NOT NULL,
    place           TEXT NOT NULL,
    presider        TEXT NOT NULL,                 -- 听证主持人
    notice_on       TEXT NOT NULL,                 -- draft, time, place, selection published
    selection_method TEXT NOT NULL,                -- 听证参加人遴选办法
    materials_sent_on TEXT NOT NULL,               -- materials delivered to participants
    notice_days     INTEGER NOT NULL,              -- held_on - materials_sent_on (days)
    participants    TEXT NOT NULL DEFAULT '[]',    -- JSON [{name, represents, chosen_by}]
    minutes         TEXT NOT NULL,                 -- 听证笔录
    minutes_signed  INTEGER NOT NULL DEFAULT 0 CHECK (minutes_signed IN (0, 1)),
    adoption        TEXT NOT NULL DEFAULT '',      -- how the opinions were taken up (Art. 18)
    created_at      TEXT NOT NULL
);
CREATE INDEX decision_hearings_dec ON decision_hearings(decision_id, id);

-- ---- Party report (Art. 31) and implementation state (Art. 37) ----
ALTER TABLE decisions ADD COLUMN party_report_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN party_reported_on TEXT;
ALTER TABLE decisions ADD COLUMN party_report_outcome TEXT;   -- agreed | agreed_with_changes | disagreed
-- NULL before publication; then in_force, adjusted, suspended, resumed, terminated
ALTER TABLE decisions ADD COLUMN impl_state TEXT;

-- ---- documents in the file store ----
ALTER TABLE decision_documents ADD COLUMN store TEXT NOT NULL DEFAULT 'db';
ALTER TABLE decision_documents ADD COLUMN sm3 TEXT;
ALTER TABLE review_attachments ADD COLUMN store TEXT NOT NULL DEFAULT 'db';
ALTER TABLE review_attachments ADD COLUMN sm3 TEXT;
CREATE INDEX decision_documents_sha ON decision_documents(sha256);

UPDATE decisions SET impl_state = 'in_force' WHERE published_on IS NOT NULL;
