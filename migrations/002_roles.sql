-- 002_roles.sql - the permission catalogue, the built-in roles and the root department.
-- Permissions are data: each module's migration adds its own rows and grants them to the
-- built-in roles. Codes are the strings the route table and the web UI both use.

CREATE TABLE permissions (
    code        TEXT PRIMARY KEY,
    module      TEXT NOT NULL,
    name        TEXT NOT NULL,
    sort        INTEGER NOT NULL DEFAULT 0
);

INSERT INTO permissions(code, module, name, sort) VALUES
 ('system:user:read',     '系统管理', '查看用户', 10),
 ('system:user:write',    '系统管理', '管理用户', 11),
 ('system:dept:read',     '系统管理', '查看部门', 20),
 ('system:dept:write',    '系统管理', '管理部门', 21),
 ('system:role:read',     '系统管理', '查看角色', 30),
 ('system:role:write',    '系统管理', '管理角色', 31),
 ('system:audit:read',    '系统管理', '查看操作日志', 40),
 ('system:loginlog:read', '系统管理', '查看登录日志', 50);

INSERT INTO roles(code, name, data_scope, builtin, created_at, updated_at) VALUES
 ('admin',   '系统管理员',   'all',  1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
 ('leader',  '领导',         'all',  1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
 ('legal',   '法制审核（法务）', 'all', 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
 ('officer', '执法人员',     'dept', 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
 ('handler', '工单办理人员', 'dept', 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
 ('counsel', '外聘法律顾问', 'own',  1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
 ('viewer',  '只读用户',     'dept', 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00');

-- admin: everything in the catalogue
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p WHERE r.code = 'admin';
-- leaders and the legal office see the organisation and the logs
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, p.code FROM roles r, permissions p
 WHERE r.code IN ('leader', 'legal')
   AND p.code IN ('system:user:read', 'system:dept:read', 'system:audit:read');
-- everyone else sees the department tree (needed to pick departments in forms)
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'system:dept:read' FROM roles r
 WHERE r.code IN ('officer', 'handler', 'viewer');

INSERT INTO departments(id, parent_id, name, code, kind, sort, created_at, updated_at) VALUES
 (1, NULL, '华明高新技术产业区服务中心', 'HMSC', 'internal', 0,
  '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00');
