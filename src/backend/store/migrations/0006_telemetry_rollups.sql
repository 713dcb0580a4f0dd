-- Per-minute rollups of telemetry, kept far longer than the raw samples: count, min, max and
-- sum of each metric (average = sum / count), and the units produced in that minute.

CREATE TABLE telemetry_minutes (
  machine_id TEXT NOT NULL,
  minute_ms  INTEGER NOT NULL,
  metric     TEXT NOT NULL,
  n          INTEGER NOT NULL,
  min_value  REAL NOT NULL,
  max_value  REAL NOT NULL,
  sum_value  REAL NOT NULL,
  PRIMARY KEY (machine_id, metric, minute_ms)
) STRICT, WITHOUT ROWID;
CREATE INDEX telemetry_minutes_by_time ON telemetry_minutes (minute_ms);
