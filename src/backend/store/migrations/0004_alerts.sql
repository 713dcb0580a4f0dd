-- Alerts (ISA-18.2): alarm limits per machine metric, the conditions Linewatch watches, and
-- the alerts raised from them. Times are epoch milliseconds.

-- Alarm limits of one metric of one machine; a null limit is not watched.
CREATE TABLE alert_thresholds (
  machine_id TEXT NOT NULL REFERENCES machines (id),
  metric     TEXT NOT NULL,
  high_high  REAL,
  high       REAL,
  low        REAL,
  low_low    REAL,
  deadband   REAL NOT NULL DEFAULT 0 CHECK (deadband >= 0),
  on_delay_s INTEGER NOT NULL DEFAULT 0 CHECK (on_delay_s >= 0),
  updated_ms INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (machine_id, metric)
) STRICT;

-- What each watched condition is doing now, whether or not an alert is open for it:
-- `active` follows the process (a manual resolve does not change it), `pending_since_ms` is
-- when a crossing began that has not yet lasted the on-delay, `recent_clears` the times it
-- returned to normal in the last minute (chattering), and out of service is an attribute of
-- the condition, so it outlives one alert.
CREATE TABLE alert_conditions (
  condition_key    TEXT PRIMARY KEY,
  active           INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  pending_since_ms INTEGER,
  recent_clears    TEXT NOT NULL DEFAULT '[]',
  out_of_service   INTEGER NOT NULL DEFAULT 0 CHECK (out_of_service IN (0, 1)),
  oos_by           TEXT,
  oos_reason       TEXT
) STRICT;

CREATE TABLE alerts (
  id             INTEGER PRIMARY KEY,
  condition_key  TEXT NOT NULL,
  source         TEXT NOT NULL CHECK (source IN ('threshold', 'downtime', 'offline', 'fail_rate',
                   'no_spec', 'dead_letters', 'broker', 'maintenance', 'prediction', 'storage')),
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
-- One alert per condition while it lasts.
CREATE UNIQUE INDEX alerts_one_open_per_condition ON alerts (condition_key) WHERE state <> 'cleared';
CREATE INDEX alerts_by_time ON alerts (raised_ms);
CREATE INDEX alerts_by_line ON alerts (line_id, raised_ms);
CREATE INDEX alerts_by_machine ON alerts (machine_id, raised_ms);
CREATE INDEX alerts_open ON alerts (state) WHERE state <> 'cleared';
CREATE INDEX alerts_shelved ON alerts (shelved_until_ms) WHERE shelved_until_ms IS NOT NULL;

-- Whether a line is in an alert flood now, so each flood is reported once.
CREATE TABLE alert_floods (
  line_id    TEXT PRIMARY KEY,
  flooding   INTEGER NOT NULL CHECK (flooding IN (0, 1)),
  started_ms INTEGER NOT NULL
) STRICT;
