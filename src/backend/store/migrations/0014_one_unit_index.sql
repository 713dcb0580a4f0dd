-- test_results had two indexes keyed by random values (barcodes): the UNIQUE constraint
-- (machine_id, barcode, test_step, ts_ms) that drops redeliveries, and test_results_by_unit
-- (barcode, test_step, ts_ms) that numbers attempts and traces a unit. Every insert landed in
-- a random leaf of both, the most of ingest's cost once the table outgrew the page cache.
-- One unique index with the unit's columns first does both jobs: the same columns (so the
-- same redeliveries are dropped), and (barcode, test_step, ...) as its prefix for the reads.
-- A UNIQUE constraint cannot be dropped, so the table is rebuilt (rows and ids kept).

CREATE TABLE test_results_rebuilt (
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
  attempt        INTEGER NOT NULL
) STRICT;

INSERT INTO test_results_rebuilt SELECT id, line_id, machine_id, barcode, product_id, test_step,
  measured_value, unit, operator, message_id, ts_ms, received_ms, verdict, spec_id, attempt
FROM test_results ORDER BY id;

DROP TABLE test_results;
ALTER TABLE test_results_rebuilt RENAME TO test_results;

-- A redelivered message is the same machine, unit, step and time: stored once.
CREATE UNIQUE INDEX test_results_by_unit ON test_results (barcode, test_step, ts_ms, machine_id);
CREATE UNIQUE INDEX test_results_by_message_id ON test_results (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX test_results_by_time ON test_results (ts_ms);
CREATE INDEX test_results_by_machine ON test_results (machine_id, ts_ms);
