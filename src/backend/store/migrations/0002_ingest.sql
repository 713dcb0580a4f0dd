-- What the factory sends: test results judged against versioned spec limits, telemetry,
-- machine states, and the messages refused with their reasons (dead letters).
-- Machine time is epoch milliseconds (ts_ms); when Linewatch received it is received_ms.

CREATE TABLE spec_limits (
  id            INTEGER PRIMARY KEY,
  product_id    TEXT NOT NULL,
  test_step     TEXT NOT NULL,
  version       INTEGER NOT NULL,
  lower_limit   REAL,
  upper_limit   REAL,
  valid_from_ms INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  UNIQUE (product_id, test_step, version)
) STRICT;
CREATE INDEX spec_limits_lookup ON spec_limits (product_id, test_step, valid_from_ms);

CREATE TABLE test_results (
  id             INTEGER PRIMARY KEY,
  line_id        TEXT NOT NULL,
  machine_id     TEXT NOT NULL,
  barcode        TEXT NOT NULL,
  product_id     TEXT NOT NULL,
  test_step      TEXT NOT NULL,
  measured_value REAL NOT NULL,
  unit           TEXT,
  operator       TEXT,
  message_id     TEXT,
  ts_ms          INTEGER NOT NULL,
  received_ms    INTEGER NOT NULL,
  verdict        TEXT NOT NULL CHECK (verdict IN ('PASS', 'FAIL', 'NO_SPEC')),
  spec_id        INTEGER REFERENCES spec_limits (id),
  attempt        INTEGER NOT NULL,
  -- A redelivered message is the same machine, unit, step and time: stored once.
  UNIQUE (machine_id, barcode, test_step, ts_ms)
) STRICT;
CREATE UNIQUE INDEX test_results_by_message_id ON test_results (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX test_results_by_time ON test_results (ts_ms);
CREATE INDEX test_results_by_machine ON test_results (machine_id, ts_ms);
CREATE INDEX test_results_by_unit ON test_results (barcode, test_step, ts_ms);

CREATE TABLE telemetry_samples (
  machine_id     TEXT NOT NULL,
  line_id        TEXT NOT NULL,
  ts_ms          INTEGER NOT NULL,
  temperature    REAL,
  units_produced INTEGER,
  extras         TEXT,
  PRIMARY KEY (machine_id, ts_ms)
) STRICT, WITHOUT ROWID;

CREATE TABLE machine_states (
  id          INTEGER PRIMARY KEY,
  machine_id  TEXT NOT NULL,
  line_id     TEXT NOT NULL,
  ts_ms       INTEGER NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('running', 'idle', 'down', 'maintenance', 'offline')),
  reason      TEXT,
  received_ms INTEGER NOT NULL,
  UNIQUE (machine_id, ts_ms, state)
) STRICT;

CREATE TABLE command_acks (
  command_id  TEXT PRIMARY KEY,
  machine_id  TEXT NOT NULL,
  line_id     TEXT NOT NULL,
  ok          INTEGER NOT NULL,
  message     TEXT,
  received_ms INTEGER NOT NULL
) STRICT;

-- Refused messages, kept for inspection and replay. The same bytes on the same topic are one
-- row whose count grows, so a redelivery or a stuck sender cannot flood the table.
CREATE TABLE dead_letters (
  id             INTEGER PRIMARY KEY,
  first_seen_ms  INTEGER NOT NULL,
  last_seen_ms   INTEGER NOT NULL,
  occurrences    INTEGER NOT NULL DEFAULT 1,
  topic          TEXT NOT NULL,
  payload        BLOB NOT NULL,
  payload_bytes  INTEGER NOT NULL,
  truncated      INTEGER NOT NULL CHECK (truncated IN (0, 1)),
  reason         TEXT NOT NULL,
  field          TEXT,
  line_id        TEXT,
  machine_id     TEXT,
  digest         TEXT NOT NULL UNIQUE,
  replayed_ms    INTEGER,
  replay_outcome TEXT
) STRICT;
CREATE INDEX dead_letters_by_time ON dead_letters (last_seen_ms);

-- Running totals, so counts survive restarts without scanning the tables.
CREATE TABLE ingest_counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
