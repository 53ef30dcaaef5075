-- 009_regulations.sql - the regulations library (政策法规库) of the enforcement departments:
-- laws, regulations, rules and normative documents, the departments that apply them, their
-- versions (a revision adds a version and keeps the old one with its period and text) and
-- the articles of each version, addressable as reg/<id>/v<no>/art/<article>.
-- Invariant: articles are never changed once written (a change is a new version), so the
-- contentless FTS5 index regulation_fts (rowid = article id, column = the CJK bigram form
-- of the text made by regulations.c) never needs updating; dates are 'YYYY-MM-DD' text.

CREATE TABLE regulations (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,                 -- without 《》
    level       TEXT NOT NULL CHECK (level IN ('法律', '行政法规', '地方性法规', '部门规章',
                                               '地方政府规章', '规范性文件')),
    issuer      TEXT NOT NULL DEFAULT '',      -- 制定机关
    status      TEXT NOT NULL DEFAULT '现行有效' CHECK (status IN ('现行有效', '已废止')),
    repealed_on TEXT,                          -- first day no longer in force
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1     -- optimistic lock, not a text version
);
CREATE INDEX regulations_level ON regulations(level, status);

CREATE TABLE regulation_depts (
    regulation_id INTEGER NOT NULL REFERENCES regulations(id) ON DELETE CASCADE,
    dept_id       INTEGER NOT NULL REFERENCES departments(id),
    PRIMARY KEY (regulation_id, dept_id)
);
CREATE INDEX regulation_depts_dept ON regulation_depts(dept_id);

-- one row per text version; the newest (highest no) is the current one
CREATE TABLE regulation_versions (
    id             INTEGER PRIMARY KEY,
    regulation_id  INTEGER NOT NULL REFERENCES regulations(id),
    no             INTEGER NOT NULL,           -- 1, 2, ... (the v of the citation id)
    doc_no         TEXT NOT NULL DEFAULT '',   -- 文号, e.g. 主席令第七十号
    promulgated_on TEXT,
    effective_from TEXT NOT NULL,
    effective_to   TEXT,                       -- last day in force (inclusive); NULL: open
    status         TEXT NOT NULL CHECK (status IN ('现行有效', '已修订', '已废止')),
    note           TEXT NOT NULL DEFAULT '',
    full_text      TEXT NOT NULL,
    created_by     INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL,
    UNIQUE (regulation_id, no),
    CHECK (effective_to IS NULL OR effective_to >= date(effective_from, '-1 day'))
);
CREATE INDEX regulation_versions_period ON regulation_versions(regulation_id, effective_from);

CREATE TABLE regulation_articles (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES regulation_versions(id),
    no          INTEGER NOT NULL CHECK (no > 0),   -- 第三十五条 -> 35
    label       TEXT NOT NULL,                     -- as written: 第三十五条
    chapter     TEXT NOT NULL DEFAULT '',          -- 第五章 行政处罚的决定 · 第一节 一般规定
    text        TEXT NOT NULL,
    UNIQUE (version_id, no)
);

-- the search index: contentless, rowid = regulation_articles.id, terms = bigram form
-- @sqlite
CREATE VIRTUAL TABLE regulation_fts USING fts5(terms, content = '',
                                               tokenize = 'unicode61 remove_diacritics 0');

-- a power (权责清单事项) created with a basis citing a library entry by its 《title》 is
-- linked to it, unless its creator set the link; regulations.c links older powers when
-- the entry is added
CREATE TRIGGER powers_link_regulation AFTER INSERT ON powers
WHEN NEW.regulation_id IS NULL
BEGIN
    UPDATE powers SET regulation_id = (
        SELECT r.id FROM regulations r WHERE instr(NEW.basis, '《' || r.title || '》') > 0
        ORDER BY r.status = '现行有效' DESC, length(r.title) DESC, r.id LIMIT 1)
    WHERE id = NEW.id;
END;
-- @postgres
/*
CREATE TABLE regulation_fts (
    rowid   BIGINT PRIMARY KEY,
    terms   TEXT NOT NULL,
    -- U+E000 (regulations.h REG_BREAK) is a token for FTS5; 'simple' drops it, so it is
    -- spelled as a word here and in fz_fts_query (src/db/dialect.c)
    tsv     tsvector GENERATED ALWAYS AS
            (to_tsvector('simple', replace(terms, U&'\E000', ' fzbrk '))) STORED
);
CREATE INDEX regulation_fts_tsv ON regulation_fts USING gin(tsv);

CREATE FUNCTION powers_link_regulation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE powers SET regulation_id = (
      SELECT r.id FROM regulations r WHERE strpos(NEW.basis, '《' || r.title || '》') > 0
      ORDER BY r.status = '现行有效' DESC, length(r.title) DESC, r.id LIMIT 1)
   WHERE id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER powers_link_regulation AFTER INSERT ON powers
  FOR EACH ROW WHEN (NEW.regulation_id IS NULL) EXECUTE FUNCTION powers_link_regulation();
*/
-- @end

INSERT INTO permissions(code, module, name, sort) VALUES
 ('regulation:read',  '政策法规', '查看政策法规库（检索、引用条文）', 220),
 ('regulation:write', '政策法规', '维护政策法规库（新增、修订、废止）', 221);

INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'regulation:read' FROM roles r WHERE r.builtin = 1;
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'regulation:write' FROM roles r WHERE r.code IN ('admin', 'legal');
