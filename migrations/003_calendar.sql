-- 003_calendar.sql - the working-day calendar (DOMAIN.md §1): one calendar_years row per
-- loaded State Council notice (国务院办公厅关于YYYY年部分节假日安排的通知) and its OFF (放假)
-- and WORK (调休上班) days. A year counts as loaded when it has a calendar_years row; a day's
-- `year` is its notice year (2022-12-31 belongs to the 2023 notice). Seeds 2023-2026 from
-- DOMAIN.md §1.3 (116 OFF, 26 WORK) and the permissions calendar:read / calendar:write.

CREATE TABLE calendar_years (
    year        INTEGER PRIMARY KEY,
    notice      TEXT NOT NULL,          -- e.g. 国办发明电〔2022〕16号
    issued      TEXT,                   -- YYYY-MM-DD
    source      TEXT,                   -- where the lists were taken from
    loaded_at   TEXT NOT NULL,
    loaded_by   TEXT NOT NULL           -- username, or 'migration'
);

-- @sqlite
CREATE TABLE calendar_days (
    day         TEXT PRIMARY KEY        -- YYYY-MM-DD
                CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    year        INTEGER NOT NULL REFERENCES calendar_years(year) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    name        TEXT NOT NULL DEFAULT ''   -- e.g. 春节
);
-- @postgres
/*
CREATE TABLE calendar_days (
    day         TEXT PRIMARY KEY
                CHECK (day ~ '^[0-9]{4}-[01][0-9]-[0-3][0-9]$'),
    year        BIGINT NOT NULL REFERENCES calendar_years(year) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    name        TEXT NOT NULL DEFAULT ''
);
*/
-- @end
CREATE INDEX calendar_days_year ON calendar_days(year);

INSERT INTO calendar_years(year, notice, issued, source, loaded_at, loaded_by) VALUES
 (2023, '国办发明电〔2022〕16号', '2022-12-08',
  'DOMAIN.md §1.3 (NateScarlet/holiday-cn 2023.json, cross-checked with LKI/chinese-calendar)',
  '2026-01-01T00:00:00+08:00', 'migration'),
 (2024, '国办发明电〔2023〕7号', '2023-10-25',
  'DOMAIN.md §1.3 (NateScarlet/holiday-cn 2024.json, cross-checked with LKI/chinese-calendar)',
  '2026-01-01T00:00:00+08:00', 'migration'),
 (2025, '国办发明电〔2024〕12号', '2024-11-12',
  'DOMAIN.md §1.3 (NateScarlet/holiday-cn 2025.json, cross-checked with LKI/chinese-calendar)',
  '2026-01-01T00:00:00+08:00', 'migration'),
 (2026, '国办发明电〔2025〕7号', '2025-11-04',
  'DOMAIN.md §1.3 (NateScarlet/holiday-cn 2026.json, cross-checked with LKI/chinese-calendar)',
  '2026-01-01T00:00:00+08:00', 'migration');

-- 2023
INSERT INTO calendar_days(day, year, kind, name) VALUES
 ('2022-12-31', 2023, 'off', '元旦'),
 ('2023-01-01', 2023, 'off', '元旦'),
 ('2023-01-02', 2023, 'off', '元旦'),
 ('2023-01-21', 2023, 'off', '春节'),
 ('2023-01-22', 2023, 'off', '春节'),
 ('2023-01-23', 2023, 'off', '春节'),
 ('2023-01-24', 2023, 'off', '春节'),
 ('2023-01-25', 2023, 'off', '春节'),
 ('2023-01-26', 2023, 'off', '春节'),
 ('2023-01-27', 2023, 'off', '春节'),
 ('2023-04-05', 2023, 'off', '清明节'),
 ('2023-04-29', 2023, 'off', '劳动节'),
 ('2023-04-30', 2023, 'off', '劳动节'),
 ('2023-05-01', 2023, 'off', '劳动节'),
 ('2023-05-02', 2023, 'off', '劳动节'),
 ('2023-05-03', 2023, 'off', '劳动节'),
 ('2023-06-22', 2023, 'off', '端午节'),
 ('2023-06-23', 2023, 'off', '端午节'),
 ('2023-06-24', 2023, 'off', '端午节'),
 ('2023-09-29', 2023, 'off', '中秋节、国庆节'),
 ('2023-09-30', 2023, 'off', '中秋节、国庆节'),
 ('2023-10-01', 2023, 'off', '中秋节、国庆节'),
 ('2023-10-02', 2023, 'off', '中秋节、国庆节'),
 ('2023-10-03', 2023, 'off', '中秋节、国庆节'),
 ('2023-10-04', 2023, 'off', '中秋节、国庆节'),
 ('2023-10-05', 2023, 'off', '中秋节、国庆节'),
 ('2023-10-06', 2023, 'off', '中秋节、国庆节'),
 ('2023-01-28', 2023, 'work', '春节'),
 ('2023-01-29', 2023, 'work', '春节'),
 ('2023-04-23', 2023, 'work', '劳动节'),
 ('2023-05-06', 2023, 'work', '劳动节'),
 ('2023-06-25', 2023, 'work', '端午节'),
 ('2023-10-07', 2023, 'work', '中秋节、国庆节'),
 ('2023-10-08', 2023, 'work', '中秋节、国庆节');

-- 2024
INSERT INTO calendar_days(day, year, kind, name) VALUES
 ('2024-01-01', 2024, 'off', '元旦'),
 ('2024-02-10', 2024, 'off', '春节'),
 ('2024-02-11', 2024, 'off', '春节'),
 ('2024-02-12', 2024, 'off', '春节'),
 ('2024-02-13', 2024, 'off', '春节'),
 ('2024-02-14', 2024, 'off', '春节'),
 ('2024-02-15', 2024, 'off', '春节'),
 ('2024-02-16', 2024, 'off', '春节'),
 ('2024-02-17', 2024, 'off', '春节'),
 ('2024-04-04', 2024, 'off', '清明节'),
 ('2024-04-05', 2024, 'off', '清明节'),
 ('2024-04-06', 2024, 'off', '清明节'),
 ('2024-05-01', 2024, 'off', '劳动节'),
 ('2024-05-02', 2024, 'off', '劳动节'),
 ('2024-05-03', 2024, 'off', '劳动节'),
 ('2024-05-04', 2024, 'off', '劳动节'),
 ('2024-05-05', 2024, 'off', '劳动节'),
 ('2024-06-10', 2024, 'off', '端午节'),
 ('2024-09-15', 2024, 'off', '中秋节'),
 ('2024-09-16', 2024, 'off', '中秋节'),
 ('2024-09-17', 2024, 'off', '中秋节'),
 ('2024-10-01', 2024, 'off', '国庆节'),
 ('2024-10-02', 2024, 'off', '国庆节'),
 ('2024-10-03', 2024, 'off', '国庆节'),
 ('2024-10-04', 2024, 'off', '国庆节'),
 ('2024-10-05', 2024, 'off', '国庆节'),
 ('2024-10-06', 2024, 'off', '国庆节'),
 ('2024-10-07', 2024, 'off', '国庆节'),
 ('2024-02-04', 2024, 'work', '春节'),
 ('2024-02-18', 2024, 'work', '春节'),
 ('2024-04-07', 2024, 'work', '清明节'),
 ('2024-04-28', 2024, 'work', '劳动节'),
 ('2024-05-11', 2024, 'work', '劳动节'),
 ('2024-09-14', 2024, 'work', '中秋节'),
 ('2024-09-29', 2024, 'work', '国庆节'),
 ('2024-10-12', 2024, 'work', '国庆节');

-- 2025
INSERT INTO calendar_days(day, year, kind, name) VALUES
 ('2025-01-01', 2025, 'off', '元旦'),
 ('2025-01-28', 2025, 'off', '春节'),
 ('2025-01-29', 2025, 'off', '春节'),
 ('2025-01-30', 2025, 'off', '春节'),
 ('2025-01-31', 2025, 'off', '春节'),
 ('2025-02-01', 2025, 'off', '春节'),
 ('2025-02-02', 2025, 'off', '春节'),
 ('2025-02-03', 2025, 'off', '春节'),
 ('2025-02-04', 2025, 'off', '春节'),
 ('2025-04-04', 2025, 'off', '清明节'),
 ('2025-04-05', 2025, 'off', '清明节'),
 ('2025-04-06', 2025, 'off', '清明节'),
 ('2025-05-01', 2025, 'off', '劳动节'),
 ('2025-05-02', 2025, 'off', '劳动节'),
 ('2025-05-03', 2025, 'off', '劳动节'),
 ('2025-05-04', 2025, 'off', '劳动节'),
 ('2025-05-05', 2025, 'off', '劳动节'),
 ('2025-05-31', 2025, 'off', '端午节'),
 ('2025-06-01', 2025, 'off', '端午节'),
 ('2025-06-02', 2025, 'off', '端午节'),
 ('2025-10-01', 2025, 'off', '国庆节、中秋节'),
 ('2025-10-02', 2025, 'off', '国庆节、中秋节'),
 ('2025-10-03', 2025, 'off', '国庆节、中秋节'),
 ('2025-10-04', 2025, 'off', '国庆节、中秋节'),
 ('2025-10-05', 2025, 'off', '国庆节、中秋节'),
 ('2025-10-06', 2025, 'off', '国庆节、中秋节'),
 ('2025-10-07', 2025, 'off', '国庆节、中秋节'),
 ('2025-10-08', 2025, 'off', '国庆节、中秋节'),
 ('2025-01-26', 2025, 'work', '春节'),
 ('2025-02-08', 2025, 'work', '春节'),
 ('2025-04-27', 2025, 'work', '劳动节'),
 ('2025-09-28', 2025, 'work', '国庆节、中秋节'),
 ('2025-10-11', 2025, 'work', '国庆节、中秋节');

-- 2026
INSERT INTO calendar_days(day, year, kind, name) VALUES
 ('2026-01-01', 2026, 'off', '元旦'),
 ('2026-01-02', 2026, 'off', '元旦'),
 ('2026-01-03', 2026, 'off', '元旦'),
 ('2026-02-15', 2026, 'off', '春节'),
 ('2026-02-16', 2026, 'off', '春节'),
 ('2026-02-17', 2026, 'off', '春节'),
 ('2026-02-18', 2026, 'off', '春节'),
 ('2026-02-19', 2026, 'off', '春节'),
 ('2026-02-20', 2026, 'off', '春节'),
 ('2026-02-21', 2026, 'off', '春节'),
 ('2026-02-22', 2026, 'off', '春节'),
 ('2026-02-23', 2026, 'off', '春节'),
 ('2026-04-04', 2026, 'off', '清明节'),
 ('2026-04-05', 2026, 'off', '清明节'),
 ('2026-04-06', 2026, 'off', '清明节'),
 ('2026-05-01', 2026, 'off', '劳动节'),
 ('2026-05-02', 2026, 'off', '劳动节'),
 ('2026-05-03', 2026, 'off', '劳动节'),
 ('2026-05-04', 2026, 'off', '劳动节'),
 ('2026-05-05', 2026, 'off', '劳动节'),
 ('2026-06-19', 2026, 'off', '端午节'),
 ('2026-06-20', 2026, 'off', '端午节'),
 ('2026-06-21', 2026, 'off', '端午节'),
 ('2026-09-25', 2026, 'off', '中秋节'),
 ('2026-09-26', 2026, 'off', '中秋节'),
 ('2026-09-27', 2026, 'off', '中秋节'),
 ('2026-10-01', 2026, 'off', '国庆节'),
 ('2026-10-02', 2026, 'off', '国庆节'),
 ('2026-10-03', 2026, 'off', '国庆节'),
 ('2026-10-04', 2026, 'off', '国庆节'),
 ('2026-10-05', 2026, 'off', '国庆节'),
 ('2026-10-06', 2026, 'off', '国庆节'),
 ('2026-10-07', 2026, 'off', '国庆节'),
 ('2026-01-04', 2026, 'work', '元旦'),
 ('2026-02-14', 2026, 'work', '春节'),
 ('2026-02-28', 2026, 'work', '春节'),
 ('2026-05-09', 2026, 'work', '劳动节'),
 ('2026-09-20', 2026, 'work', '国庆节'),
 ('2026-10-10', 2026, 'work', '国庆节');

INSERT INTO permissions(code, module, name, sort) VALUES
 ('calendar:read',  '工作日历', '查看工作日历', 10),
 ('calendar:write', '工作日历', '维护节假日安排', 11);

-- every built-in role computes deadlines; only administrators load a year's notice
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'calendar:read' FROM roles r
 WHERE r.code IN ('admin', 'leader', 'legal', 'officer', 'handler', 'counsel', 'viewer');
INSERT INTO role_permissions(role_id, permission)
 SELECT r.id, 'calendar:write' FROM roles r WHERE r.code = 'admin';
