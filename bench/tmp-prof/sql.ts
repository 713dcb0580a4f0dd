import Database from 'better-sqlite3';
const db = new Database('/tmp/ps-q1m/linewatch.sqlite', { readonly: true });
const FROM = Date.parse('2026-11-20T06:00:00Z'), TO = FROM + 86_400_000;
const machines = JSON.stringify(db.prepare('SELECT id FROM machines').pluck().all());
const p = { from: FROM, to: TO, machines };
const scope = `ts_ms >= @from AND ts_ms < @to AND +machine_id IN (SELECT value FROM json_each(@machines))`;
function t(label: string, f: () => unknown) {
  const c = process.cpuUsage(); const w = performance.now();
  const r = f();
  const u = process.cpuUsage(c);
  console.log(`${label}: cpu ${((u.user + u.system) / 1000).toFixed(0)} ms wall ${(performance.now() - w).toFixed(0)} ms`, JSON.stringify(r).slice(0, 300));
}
const which = process.argv[2] ?? 'all';
if (which === 'all' || which === 'iter') t('iterate 4 cols', () => {
  let n = 0; for (const r of db.prepare(`SELECT product_id, test_step, measured_value, verdict FROM test_results WHERE ${scope} ORDER BY ts_ms, id`).raw().iterate(p)) n++; return n; });
if (which === 'all' || which === 'group') t('group by', () => db.prepare(`SELECT product_id, test_step, count(*), sum(verdict<>'NO_SPEC'), sum(verdict='PASS'), sum(measured_value), min(measured_value), max(measured_value) FROM test_results WHERE ${scope} GROUP BY product_id, test_step`).raw().all(p));
if (which === 'all' || which === 'lag') t('window lag', () => db.prepare(`SELECT product_id, test_step, count(*), sum(abs(d)) FROM (SELECT product_id, test_step, measured_value - LAG(measured_value) OVER (PARTITION BY product_id, test_step ORDER BY ts_ms, id) AS d FROM test_results WHERE ${scope}) GROUP BY product_id, test_step`).raw().all(p));
if (which === 'all' || which === 'scan') t('scan count', () => db.prepare(`SELECT count(*), sum(measured_value) FROM test_results WHERE ${scope}`).raw().all(p));
if (which === 'all' || which === 'values') t('values only', () => { let n = 0; for (const r of db.prepare(`SELECT measured_value FROM test_results WHERE ${scope} ORDER BY ts_ms, id`).pluck().iterate(p)) n++; return n; });
const code = `CASE WHEN product_id = 'P' AND test_step = 's1' THEN 0 WHEN product_id = 'P' AND test_step = 's2' THEN 4 WHEN product_id = 'P' AND test_step = 's3' THEN 8 ELSE -4 END + (verdict = 'PASS') + 2 * (verdict <> 'NO_SPEC')`;
if (which === 'all' || which === 'code') t('code+value raw iterate', () => { let n = 0; for (const r of db.prepare(`SELECT ${code}, measured_value FROM test_results WHERE ${scope} ORDER BY ts_ms, id`).raw().iterate(p)) n++; return n; });
if (which === 'all' || which === 'codeall') t('code+value raw all', () => db.prepare(`SELECT ${code}, measured_value FROM test_results WHERE ${scope} ORDER BY ts_ms, id`).raw().all(p).length);
if (which === 'all' || which === 'codeonly') t('code pluck', () => { let n = 0; for (const r of db.prepare(`SELECT ${code} FROM test_results WHERE ${scope} ORDER BY ts_ms, id`).pluck().iterate(p)) n++; return n; });
if (which === 'chunk4') t('4 cols raw all per hour', () => { let n = 0; const st = db.prepare(`SELECT product_id, test_step, measured_value, verdict FROM test_results WHERE ts_ms >= @from AND ts_ms < @to AND +machine_id IN (SELECT value FROM json_each(@machines)) ORDER BY ts_ms, id`).raw();
  for (let h = FROM; h < TO; h += 3_600_000) { const rows = st.all({ from: h, to: h + 3_600_000, machines }); n += rows.length; } return n; });
if (which === 'chunkcode') t('code raw all per hour', () => { let n = 0; const st = db.prepare(`SELECT ${code}, measured_value FROM test_results WHERE ts_ms >= @from AND ts_ms < @to AND +machine_id IN (SELECT value FROM json_each(@machines)) ORDER BY ts_ms, id`).raw();
  for (let h = FROM; h < TO; h += 3_600_000) { const rows = st.all({ from: h, to: h + 3_600_000, machines }); n += rows.length; } return n; });
if (which === 'chunk10') t('code raw all per 10 min', () => { let n = 0; const st = db.prepare(`SELECT ${code}, measured_value FROM test_results WHERE ts_ms >= @from AND ts_ms < @to AND +machine_id IN (SELECT value FROM json_each(@machines)) ORDER BY ts_ms, id`).raw();
  for (let h = FROM; h < TO; h += 600_000) { const rows = st.all({ from: h, to: h + 600_000, machines }); n += rows.length; } return n; });
if (which === 'gcode') t('group by code', () => db.prepare(`SELECT code, count(*), sum(v), min(v), max(v) FROM (SELECT ${code} AS code, measured_value AS v FROM test_results WHERE ${scope}) GROUP BY code`).raw().all(p));
if (which === 'json') {
  t('json arrays', () => { const [c, v] = db.prepare(`SELECT json_group_array(code), json_group_array(v) FROM (SELECT ${code} AS code, measured_value AS v FROM test_results WHERE ${scope} ORDER BY ts_ms, id)`).raw().get(p) as [string, string];
    const codes = JSON.parse(c) as number[]; const values = JSON.parse(v) as number[]; return [codes.length, values.length, c.length + v.length]; });
  const [c, v] = db.prepare(`SELECT json_group_array(code), json_group_array(v) FROM (SELECT ${code} AS code, measured_value AS v FROM test_results WHERE ${scope} ORDER BY ts_ms, id)`).raw().get(p) as [string, string];
  const values = JSON.parse(v) as number[];
  const direct = db.prepare(`SELECT measured_value FROM test_results WHERE ${scope} ORDER BY ts_ms, id`).pluck().all(p) as number[];
  let diff = 0; for (let i = 0; i < direct.length; i++) if (direct[i] !== values[i]) diff++;
  console.log('differences', diff, 'of', direct.length, db.prepare('select sqlite_version()').pluck().get());
}
if (which === 'jsonf') {
  t('json per pair (filter)', () => { const row = db.prepare(`SELECT json_group_array(v) FILTER (WHERE code = 0), json_group_array(v) FILTER (WHERE code = 1), json_group_array(v) FILTER (WHERE code = 2), sum(pass) FILTER (WHERE code = 0), sum(pass) FILTER (WHERE code = 1), sum(pass) FILTER (WHERE code = 2) FROM (SELECT CASE WHEN product_id = 'P' AND test_step = 's1' THEN 0 WHEN product_id = 'P' AND test_step = 's2' THEN 1 WHEN product_id = 'P' AND test_step = 's3' THEN 2 END AS code, verdict = 'PASS' AS pass, measured_value AS v FROM test_results WHERE ${scope} ORDER BY ts_ms, id)`).raw().get(p) as string[];
    return row.slice(0, 3).map((s) => (JSON.parse(s) as number[]).length); });
}
if (which === 'jsonord') t('json arrays, aggregate ORDER BY', () => { const [c, v] = db.prepare(`SELECT json_group_array(code ORDER BY ts_ms, id), json_group_array(v ORDER BY ts_ms, id) FROM (SELECT ${code} AS code, measured_value AS v, ts_ms, id FROM test_results WHERE ${scope})`).raw().get(p) as [string, string];
    return [(JSON.parse(c) as number[]).length, (JSON.parse(v) as number[]).length]; });
if (which === 'explain') console.log(db.prepare(`EXPLAIN QUERY PLAN SELECT json_group_array(code), json_group_array(v) FROM (SELECT ${code} AS code, measured_value AS v FROM test_results WHERE ${scope} ORDER BY ts_ms, id)`).all(p));
