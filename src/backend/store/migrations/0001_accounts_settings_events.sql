-- Local accounts, their sessions and assignments; plant registry; settings; the event log.
-- Times are ISO 8601 UTC strings with milliseconds, so they sort as text.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name        TEXT NOT NULL,
  role                TEXT NOT NULL CHECK (role IN ('admin', 'engineer', 'operator')),
  password_hash       TEXT NOT NULL,
  disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_logins       INTEGER NOT NULL DEFAULT 0,
  locked_until        TEXT,
  last_login_at       TEXT,
  password_changed_at TEXT NOT NULL,
  created_at          TEXT NOT NULL
) STRICT;

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

CREATE TABLE lines (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE machines (
  id         TEXT PRIMARY KEY,
  line_id    TEXT NOT NULL REFERENCES lines (id),
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX machines_by_line ON machines (line_id);

-- Append-only: each row carries the hash of the row before it (see event-chain.ts).
CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  type       TEXT NOT NULL,
  actor      TEXT,
  target     TEXT,
  line_id    TEXT,
  machine_id TEXT,
  message    TEXT NOT NULL,
  details    TEXT NOT NULL DEFAULT '{}',
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_time ON events (at);
CREATE INDEX events_by_type ON events (type, id);
CREATE INDEX events_by_machine ON events (machine_id, id);
CREATE INDEX events_by_line ON events (line_id, id);

CREATE TRIGGER events_are_not_updated BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'the event log is append-only');
END;

CREATE TRIGGER events_are_not_deleted BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'the event log is append-only');
END;
