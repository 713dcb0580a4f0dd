-- Attempts follow timestamps, not arrival: a unit's attempt at a step is 1 + the number of its
-- results at that step stamped earlier (results stamped at the same millisecond share a
-- number). Until now the store numbered a result when it arrived, so one that arrived after a
-- later-stamped attempt (a backlog replayed out of order) was numbered as if it were later.
-- This renumbers those results and corrects the rollups that count first attempts
-- (result_hours, migration 7; unit_hours, migration 8) by the difference, so the rollups stay
-- equal to a count of the results. From here on the store renumbers in the ingest
-- transaction when a late-stamped result arrives (AttemptRenumbering); results are updated
-- only that way and never deleted.

CREATE TEMP TABLE renumbered AS
SELECT id, machine_id, line_id, barcode, product_id, test_step, ts_ms, verdict,
  (by_time = 1) - (attempt = 1) AS first_delta, by_time
FROM (SELECT id, machine_id, line_id, barcode, product_id, test_step, ts_ms, verdict, attempt,
        rank() OVER (PARTITION BY barcode, test_step ORDER BY ts_ms) AS by_time
      FROM test_results)
WHERE attempt <> by_time;

UPDATE test_results SET attempt = (SELECT by_time FROM renumbered r WHERE r.id = test_results.id)
WHERE id IN (SELECT id FROM renumbered);

INSERT INTO result_hours (machine_id, hour_ms, product_id, test_step, line_id, results, passed,
  failed, first_judged, first_passed, first_failed)
SELECT * FROM (
  SELECT machine_id, (ts_ms / 3600000) * 3600000 AS hour_ms, product_id, test_step,
    min(line_id), 0, 0, 0, sum(first_delta * (verdict <> 'NO_SPEC')),
    sum(first_delta * (verdict = 'PASS')), sum(first_delta * (verdict = 'FAIL'))
  FROM renumbered WHERE first_delta <> 0
  GROUP BY machine_id, hour_ms, product_id, test_step)
WHERE true
ON CONFLICT (machine_id, hour_ms, product_id, test_step) DO UPDATE SET
  first_judged = first_judged + excluded.first_judged,
  first_passed = first_passed + excluded.first_passed,
  first_failed = first_failed + excluded.first_failed;

INSERT INTO unit_hours (hour_ms, machine_id, barcode, results, first_judged, first_failed)
SELECT * FROM (
  SELECT (ts_ms / 3600000) * 3600000 AS hour_ms, machine_id, barcode, 0,
    sum(first_delta * (verdict <> 'NO_SPEC')), sum(first_delta * (verdict = 'FAIL'))
  FROM renumbered WHERE first_delta <> 0
  GROUP BY hour_ms, machine_id, barcode)
WHERE true
ON CONFLICT (hour_ms, machine_id, barcode) DO UPDATE SET
  first_judged = first_judged + excluded.first_judged,
  first_failed = first_failed + excluded.first_failed;

DROP TABLE renumbered;
