-- 006_open311.sql - the public Open311 GeoReport v2 intake at /open311/v2 (docs/open311.md):
-- client API keys (only the SHA-256 of a key is stored), the service-definition attributes
-- of the published work-order categories, and one row per request that came in through
-- Open311 (its token, the key that sent it, the fields a work order does not hold).
-- Invariant: setting open311.changeset moves whenever a service or attribute changes.

CREATE TABLE open311_keys (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,            -- who holds the key (an app, a partner)
    key_hash     TEXT NOT NULL UNIQUE,            -- hex SHA-256 of the key, never the key
    created_at   TEXT NOT NULL,
    revoked      INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    revoked_at   TEXT,
    last_used_at TEXT
);

-- An attribute of a service (GeoReport v2 "service definition"). maps_to says where a
-- value lands in the work order: 'content' (a labelled line appended to the content),
-- 'address' (appended to the address) or 'urgency' (the order's urgency, a list whose
-- keys are urgency codes). variable = 0 is information for the user only, never read.
CREATE TABLE open311_attributes (
    id                   INTEGER PRIMARY KEY,
    service_code         TEXT NOT NULL REFERENCES wo_categories(code),
    code                 TEXT NOT NULL,
    variable             INTEGER NOT NULL DEFAULT 1 CHECK (variable IN (0, 1)),
    datatype             TEXT NOT NULL CHECK (datatype IN ('string', 'number', 'datetime',
                                             'text', 'singlevaluelist', 'multivaluelist')),
    required             INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    datatype_description TEXT NOT NULL DEFAULT '',
    ord                  INTEGER NOT NULL CHECK (ord > 0),
    description          TEXT NOT NULL,
    label                TEXT NOT NULL,           -- short label in the work order content
    maps_to              TEXT NOT NULL DEFAULT 'content'
                         CHECK (maps_to IN ('content', 'address', 'urgency')),
    UNIQUE (service_code, code),
    UNIQUE (service_code, ord)
);

CREATE TABLE open311_attribute_values (
    attribute_id INTEGER NOT NULL REFERENCES open311_attributes(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    sort         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (attribute_id, key)
);

CREATE TABLE open311_requests (
    wo_id        INTEGER PRIMARY KEY REFERENCES workorders(id),
    token        TEXT NOT NULL UNIQUE,            -- for GET tokens/{token}
    key_id       INTEGER NOT NULL REFERENCES open311_keys(id),
    address_id   TEXT NOT NULL DEFAULT '',
    media_url    TEXT NOT NULL DEFAULT '',
    device_id    TEXT NOT NULL DEFAULT '',
    account_id   TEXT NOT NULL DEFAULT '',
    attributes   TEXT NOT NULL DEFAULT '{}',      -- the attribute[...] values as accepted
    created_at   TEXT NOT NULL
);
CREATE INDEX open311_requests_key ON open311_requests(key_id);

INSERT INTO open311_attributes(service_code, code, variable, datatype, required,
                               datatype_description, ord, description, label, maps_to) VALUES
 ('consult', 'notice', 0, 'string', 0, '', 1,
  '咨询类诉求一般在 1 个工作日内答复；政策原文以政府网站公布的为准。', '说明', 'content'),
 ('help', 'urgency', 1, 'singlevaluelist', 0, '从列表中选择一项', 1,
  '紧急程度。危及生命财产安全的紧急情况请直接拨打 110、119 或 120。', '紧急程度', 'urgency'),
 ('help', 'people_affected', 1, 'number', 0, '数字', 2, '受影响的人数（估计）', '受影响人数',
  'content'),
 ('complaint', 'happened_at', 1, 'datetime', 1,
  'W3C 日期时间，须带时区，如 2026-11-25T09:30:00+08:00', 1, '事情发生的时间', '事发时间',
  'content'),
 ('complaint', 'location_detail', 1, 'string', 0, '一行文字，不超过 200 字', 2,
  '具体位置（楼栋、单元、门牌号或路口）', '具体位置', 'address'),
 ('report', 'report_type', 1, 'singlevaluelist', 1, '从列表中选择一项', 1, '举报事项类别',
  '举报事项类别', 'content'),
 ('report', 'location_detail', 1, 'string', 1, '一行文字，不超过 200 字', 2,
  '具体位置（楼栋、单元、门牌号或路口）', '具体位置', 'address'),
 ('report', 'happened_at', 1, 'datetime', 0,
  'W3C 日期时间，须带时区，如 2026-11-25T09:30:00+08:00', 3, '事情发生的时间', '事发时间',
  'content');

INSERT INTO open311_attribute_values(attribute_id, key, name, sort)
 SELECT a.id, v.key, v.name, v.sort FROM open311_attributes a JOIN (
  SELECT 'help' AS svc, 'urgency' AS code, 'normal' AS key, '一般' AS name, 1 AS sort
  UNION ALL SELECT 'help', 'urgency', 'urgent', '紧急（水、电、气、热等基本生活受影响）', 2
  UNION ALL SELECT 'report', 'report_type', 'environment', '环境污染', 1
  UNION ALL SELECT 'report', 'report_type', 'noise', '噪声扰民', 2
  UNION ALL SELECT 'report', 'report_type', 'construction', '违法建设', 3
  UNION ALL SELECT 'report', 'report_type', 'food', '食品安全', 4
  UNION ALL SELECT 'report', 'report_type', 'other', '其他', 5
 ) v ON v.svc = a.service_code AND v.code = a.code;

INSERT INTO settings(key, value) VALUES
 ('open311.changeset', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
 ('open311.contact', '12345 政务服务便民热线；接口问题请联系本单位信息化管理员'),
 ('open311.key_service',
  '提交诉求（POST requests）需要 API 密钥：请向本单位系统管理员申请，管理员用 fazhi open311 key add 名称 生成。查询无需密钥。'),
 ('open311.base_url', ''),                          -- '' = from the request's Host header
 ('open311.endpoint_type', 'production');

-- the changeset: any change to the services or their definitions moves it
-- @sqlite
CREATE TRIGGER open311_cs_cat_ins AFTER INSERT ON wo_categories BEGIN
 UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  WHERE key = 'open311.changeset'; END;
CREATE TRIGGER open311_cs_cat_upd AFTER UPDATE ON wo_categories BEGIN
 UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  WHERE key = 'open311.changeset'; END;
CREATE TRIGGER open311_cs_cat_del AFTER DELETE ON wo_categories BEGIN
 UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  WHERE key = 'open311.changeset'; END;
CREATE TRIGGER open311_cs_attr_ins AFTER INSERT ON open311_attributes BEGIN
 UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  WHERE key = 'open311.changeset'; END;
CREATE TRIGGER open311_cs_attr_upd AFTER UPDATE ON open311_attributes BEGIN
 UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  WHERE key = 'open311.changeset'; END;
CREATE TRIGGER open311_cs_attr_del AFTER DELETE ON open311_attributes BEGIN
 UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  WHERE key = 'open311.changeset'; END;
CREATE TRIGGER open311_cs_val_ins AFTER INSERT ON open311_attribute_values BEGIN
 UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  WHERE key = 'open311.changeset'; END;
CREATE TRIGGER open311_cs_val_upd AFTER UPDATE ON open311_attribute_values BEGIN
 UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  WHERE key = 'open311.changeset'; END;
CREATE TRIGGER open311_cs_val_del AFTER DELETE ON open311_attribute_values BEGIN
 UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  WHERE key = 'open311.changeset'; END;
-- @postgres
/*
CREATE FUNCTION open311_changeset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE settings SET value = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
   WHERE key = 'open311.changeset';
  RETURN NULL;
END $$;
CREATE TRIGGER open311_cs_cat AFTER INSERT OR UPDATE OR DELETE ON wo_categories
  FOR EACH STATEMENT EXECUTE FUNCTION open311_changeset();
CREATE TRIGGER open311_cs_attr AFTER INSERT OR UPDATE OR DELETE ON open311_attributes
  FOR EACH STATEMENT EXECUTE FUNCTION open311_changeset();
CREATE TRIGGER open311_cs_val AFTER INSERT OR UPDATE OR DELETE ON open311_attribute_values
  FOR EACH STATEMENT EXECUTE FUNCTION open311_changeset();
*/
-- @end
