-- Alerts of Linewatch itself ('system'): a background process (store, report builder, embedded
-- broker, simulator) that ended unexpectedly. SQLite cannot change a CHECK constraint in
-- place, so the alerts table is rebuilt with the new source allowed; ids and rows are kept.

CREATE TABLE alerts_new (
  id             INTEGER PRIMARY KEY,
  condition_key  TEXT NOT NULL,
  source         TEXT NOT NULL CHECK (source IN ('threshold', 'downtime', 'offline', 'fail_rate',
                   'no_spec', 'dead_letters', 'broker', 'maintenance', 'prediction', 'storage',
                   'system')),
  priority       TEXT NOT NULL CHECK (priority IN ('critical', 'high', 'medium', 'low')),
  line_id        TEXT,
  machine_id     TEXT,
  message        TEXT NOT NULL,
  value          REAL,
  state          TEXT NOT NULL CHECK (state IN ('active_unacked', 'active_acked',
                   'returned_unacked', 'cleared')),
  raised_ms      INTEGER NOT NULL,
  raise_count    INTEGER NOT NULL DEFAULT 1,
  returned_ms    INTEGER,
  acked_ms       INTEGER,
  acked_by       TEXT,
  cleared_ms     INTEGER,
  resolved_by    TEXT,
  resolve_reason TEXT,
  shelved_until_ms INTEGER,
  shelved_by     TEXT,
  shelve_reason  TEXT
) STRICT;

INSERT INTO alerts_new SELECT * FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_new RENAME TO alerts;

CREATE UNIQUE INDEX alerts_one_open_per_condition ON alerts (condition_key) WHERE state <> 'cleared';
CREATE INDEX alerts_by_time ON alerts (raised_ms);
CREATE INDEX alerts_by_line ON alerts (line_id, raised_ms);
CREATE INDEX alerts_by_machine ON alerts (machine_id, raised_ms);
CREATE INDEX alerts_open ON alerts (state) WHERE state <> 'cleared';
CREATE INDEX alerts_shelved ON alerts (shelved_until_ms) WHERE shelved_until_ms IS NOT NULL;
