-- Per-machine settings that admins set, and the commands engineers send to machines.

ALTER TABLE machines ADD COLUMN heartbeat_timeout_s INTEGER NOT NULL DEFAULT 60;
ALTER TABLE machines ADD COLUMN ideal_cycle_time_s REAL;

CREATE INDEX machine_states_by_machine ON machine_states (machine_id, ts_ms);
CREATE INDEX telemetry_by_time ON telemetry_samples (ts_ms);

CREATE TABLE commands (
  id          TEXT PRIMARY KEY,
  line_id     TEXT NOT NULL,
  machine_id  TEXT NOT NULL,
  command     TEXT NOT NULL CHECK (command IN ('start', 'stop', 'reset', 'set_rate')),
  args        TEXT NOT NULL DEFAULT '{}',
  issued_by   TEXT NOT NULL,
  issued_ms   INTEGER NOT NULL,
  -- sent, ok, failed (the machine said no), timed_out (no answer in time)
  status      TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'ok', 'failed', 'timed_out')),
  answer      TEXT,
  answered_ms INTEGER
) STRICT;
CREATE INDEX commands_by_machine ON commands (machine_id, issued_ms);
CREATE INDEX commands_open ON commands (status, issued_ms) WHERE status = 'sent';
