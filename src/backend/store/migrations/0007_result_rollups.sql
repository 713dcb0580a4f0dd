-- Test results counted per machine, clock hour, product and step, and each unit's first-pass
-- record per machine, kept by triggers as results are stored. A report or OEE over a day of a
-- million results then reads thousands of rows instead of a million. Results are never
-- updated or deleted, so insert triggers keep both tables exact.

CREATE TABLE result_hours (
  machine_id   TEXT NOT NULL,
  hour_ms      INTEGER NOT NULL,
  product_id   TEXT NOT NULL,
  test_step    TEXT NOT NULL,
  line_id      TEXT NOT NULL,
  results      INTEGER NOT NULL,
  passed       INTEGER NOT NULL,
  failed       INTEGER NOT NULL,
  -- First attempts judged against a spec (PASS or FAIL; NO_SPEC is not judged).
  first_judged INTEGER NOT NULL,
  first_passed INTEGER NOT NULL,
  first_failed INTEGER NOT NULL,
  PRIMARY KEY (machine_id, hour_ms, product_id, test_step)
) STRICT, WITHOUT ROWID;
CREATE INDEX result_hours_by_time ON result_hours (hour_ms);

-- A unit (barcode) on a machine: when it was first tested there, and how many of its first
-- attempts were judged and failed. First-pass yield counts units whose judged first attempts
-- all passed.
CREATE TABLE unit_first_pass (
  barcode      TEXT NOT NULL,
  machine_id   TEXT NOT NULL,
  line_id      TEXT NOT NULL,
  first_ms     INTEGER NOT NULL,
  first_judged INTEGER NOT NULL,
  first_failed INTEGER NOT NULL,
  PRIMARY KEY (barcode, machine_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX unit_first_pass_by_time ON unit_first_pass (first_ms);

CREATE TRIGGER test_results_count_hour AFTER INSERT ON test_results
BEGIN
  INSERT INTO result_hours (machine_id, hour_ms, product_id, test_step, line_id, results, passed,
    failed, first_judged, first_passed, first_failed)
  VALUES (NEW.machine_id, (NEW.ts_ms / 3600000) * 3600000, NEW.product_id, NEW.test_step,
    NEW.line_id, 1, NEW.verdict = 'PASS', NEW.verdict = 'FAIL',
    NEW.attempt = 1 AND NEW.verdict <> 'NO_SPEC', NEW.attempt = 1 AND NEW.verdict = 'PASS',
    NEW.attempt = 1 AND NEW.verdict = 'FAIL')
  ON CONFLICT (machine_id, hour_ms, product_id, test_step) DO UPDATE SET
    results = results + 1,
    passed = passed + excluded.passed,
    failed = failed + excluded.failed,
    first_judged = first_judged + excluded.first_judged,
    first_passed = first_passed + excluded.first_passed,
    first_failed = first_failed + excluded.first_failed;
END;

CREATE TRIGGER test_results_count_unit AFTER INSERT ON test_results
BEGIN
  INSERT INTO unit_first_pass (barcode, machine_id, line_id, first_ms, first_judged, first_failed)
  VALUES (NEW.barcode, NEW.machine_id, NEW.line_id, NEW.ts_ms,
    NEW.attempt = 1 AND NEW.verdict <> 'NO_SPEC', NEW.attempt = 1 AND NEW.verdict = 'FAIL')
  ON CONFLICT (barcode, machine_id) DO UPDATE SET
    first_ms = min(first_ms, excluded.first_ms),
    first_judged = first_judged + excluded.first_judged,
    first_failed = first_failed + excluded.first_failed;
END;

-- Results stored before this migration.
INSERT INTO result_hours (machine_id, hour_ms, product_id, test_step, line_id, results, passed,
  failed, first_judged, first_passed, first_failed)
SELECT machine_id, (ts_ms / 3600000) * 3600000, product_id, test_step, min(line_id), count(*),
  sum(verdict = 'PASS'), sum(verdict = 'FAIL'), sum(attempt = 1 AND verdict <> 'NO_SPEC'),
  sum(attempt = 1 AND verdict = 'PASS'), sum(attempt = 1 AND verdict = 'FAIL')
FROM test_results
GROUP BY machine_id, (ts_ms / 3600000) * 3600000, product_id, test_step;

INSERT INTO unit_first_pass (barcode, machine_id, line_id, first_ms, first_judged, first_failed)
SELECT barcode, machine_id, min(line_id), min(ts_ms), sum(attempt = 1 AND verdict <> 'NO_SPEC'),
  sum(attempt = 1 AND verdict = 'FAIL')
FROM test_results
GROUP BY barcode, machine_id;
