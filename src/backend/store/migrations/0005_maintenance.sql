-- Maintenance: a plan per machine (an interval in run hours or units since the last service)
-- and the tasks engineers schedule, start and complete.

CREATE TABLE maintenance_plans (
  machine_id         TEXT PRIMARY KEY REFERENCES machines (id),
  interval_run_hours REAL CHECK (interval_run_hours IS NULL OR interval_run_hours > 0),
  interval_units     INTEGER CHECK (interval_units IS NULL OR interval_units > 0),
  last_service_ms    INTEGER NOT NULL,
  updated_by         TEXT NOT NULL,
  updated_ms         INTEGER NOT NULL
) STRICT;

CREATE TABLE maintenance_tasks (
  id               INTEGER PRIMARY KEY,
  machine_id       TEXT NOT NULL REFERENCES machines (id),
  line_id          TEXT NOT NULL,
  title            TEXT NOT NULL,
  notes            TEXT,
  status           TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'in_progress', 'done')),
  due_ms           INTEGER,
  created_by       TEXT NOT NULL,
  created_ms       INTEGER NOT NULL,
  started_by       TEXT,
  started_ms       INTEGER,
  completed_by     TEXT,
  completed_ms     INTEGER,
  completion_notes TEXT
) STRICT;
CREATE INDEX maintenance_tasks_by_machine ON maintenance_tasks (machine_id, status);
