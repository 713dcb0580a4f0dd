-- Spec limits per line, a tester role, machines marked as simulated.
-- (Written as 0011 in the plan: the lead renumbers migrations when merging branches.)

-- Limits are plant-wide (line_id NULL, set by admins) or for one line (set by its engineers);
-- for a line's results the line's version in force wins over the plant-wide one. Versions
-- keep one numbering per product and step across both.
ALTER TABLE spec_limits ADD COLUMN line_id TEXT;
CREATE INDEX spec_limits_by_line ON spec_limits (product_id, test_step, line_id, valid_from_ms);

-- The missing-limits alert used to name the first machine; every user sees it.
UPDATE alerts SET message = substr(message, 1, instr(message, ' (first from ') - 1)
WHERE source = 'no_spec' AND instr(message, ' (first from ') > 0;

-- Machines registered by the built-in simulator are marked so screens and reports can tell.
ALTER TABLE machines ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1));

-- The role CHECK gains 'tester'. SQLite cannot alter a CHECK, so users is rebuilt; the tables
-- that reference it are rebuilt around it (dropping users while they point at it would cascade
-- their rows away).
CREATE TEMP TABLE keep_user_lines AS SELECT * FROM user_lines;
CREATE TEMP TABLE keep_user_machines AS SELECT * FROM user_machines;
CREATE TEMP TABLE keep_sessions AS SELECT * FROM sessions;
DROP TABLE user_lines;
DROP TABLE user_machines;
DROP TABLE sessions;

CREATE TABLE users_new (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name        TEXT NOT NULL,
  role                TEXT NOT NULL CHECK (role IN ('admin', 'engineer', 'operator', 'tester')),
  password_hash       TEXT NOT NULL,
  disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_logins       INTEGER NOT NULL DEFAULT 0,
  locked_until        TEXT,
  last_login_at       TEXT,
  password_changed_at TEXT NOT NULL,
  created_at          TEXT NOT NULL
) STRICT;
INSERT INTO users_new SELECT * FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

CREATE TABLE user_lines (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  line_id TEXT NOT NULL,
  PRIMARY KEY (user_id, line_id)
) STRICT;
CREATE TABLE user_machines (
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  machine_id TEXT NOT NULL,
  PRIMARY KEY (user_id, machine_id)
) STRICT;
CREATE TABLE sessions (
  id               TEXT PRIMARY KEY,
  user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at       TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  idle_locked      INTEGER NOT NULL DEFAULT 0,
  revoked_at       TEXT
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);
INSERT INTO user_lines SELECT * FROM keep_user_lines;
INSERT INTO user_machines SELECT * FROM keep_user_machines;
INSERT INTO sessions SELECT * FROM keep_sessions;
DROP TABLE keep_user_lines;
DROP TABLE keep_user_machines;
DROP TABLE keep_sessions;
