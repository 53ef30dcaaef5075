-- 001_platform.sql - the platform foundation: departments, users, roles and permissions,
-- sessions, the login log and the tamper-evident audit log (RFC 9162 Merkle tree).
-- Timestamps are ISO 8601 text in the deployment's fixed offset (+08:00), so they sort.
-- Every mutable table has a version column for optimistic locking (stale -> 409).

CREATE TABLE departments (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES departments(id),
    name        TEXT NOT NULL,
    code        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL DEFAULT 'internal'
                CHECK (kind IN ('internal', 'company', 'external')),
    sort        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX departments_parent ON departments(parent_id);

CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    data_scope  TEXT NOT NULL DEFAULT 'own' CHECK (data_scope IN ('all', 'dept', 'own')),
    builtin     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE role_permissions (
    role_id     INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    permission  TEXT NOT NULL,
    PRIMARY KEY (role_id, permission)
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    dept_id         INTEGER NOT NULL REFERENCES departments(id),
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    password_hash   TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    last_login_at   TEXT,
    password_changed_at TEXT,
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_dept ON users(dept_id);

CREATE TABLE user_roles (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id     INTEGER NOT NULL REFERENCES roles(id),
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role ON user_roles(role_id);

-- the session token itself is never stored: token_hash = hex SHA-256(token)
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    ip          TEXT NOT NULL DEFAULT '',
    user_agent  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    last_seen   INTEGER NOT NULL,      -- unix seconds, for the idle timeout
    expires     INTEGER NOT NULL       -- unix seconds, absolute limit
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_log (
    id          INTEGER PRIMARY KEY,
    ts          TEXT NOT NULL,
    username    TEXT NOT NULL,
    user_id     INTEGER,
    ip          TEXT NOT NULL DEFAULT '',
    user_agent  TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL CHECK (result IN ('success', 'failure', 'locked', 'logout')),
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX login_log_ts ON login_log(ts);

-- The audit log: one row per state-changing request, leaf seq of an RFC 9162 tree.
-- leaf_hash = H(0x00 || canonical JSON of the row's fields); root = MTH after this leaf;
-- signature = Ed25519 over "fazhi-audit:<size>:<root>" with the key kept outside the db.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,   -- 0-based leaf index, no gaps
    ts          TEXT NOT NULL,
    user_id     INTEGER,
    username    TEXT NOT NULL DEFAULT '',
    ip          TEXT NOT NULL DEFAULT '',
    method      TEXT NOT NULL DEFAULT '',
    path        TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL DEFAULT '',
    entity_id   TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '{}',
    leaf_hash   TEXT NOT NULL,
    root        TEXT NOT NULL,
    signature   TEXT NOT NULL
);
CREATE INDEX audit_log_ts ON audit_log(ts);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);

-- perfect subtree hashes: (level, idx) = MTH of leaves [idx*2^level, (idx+1)*2^level)
CREATE TABLE audit_nodes (
    level       INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    PRIMARY KEY (level, idx)
);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);
