/**
 * A/B of the quality report's data part (readSteps and the whole buildReport) between another
 * checkout (A) and this one (B), alternating in one process on a seeded day, CPU per round:
 * `node --import tsx bench/lib/quality-steps-ab.ts DIR OTHER_CHECKOUT [rounds]`.
 * (Make OTHER_CHECKOUT with `git archive <commit> | tar -x -C DIR` and a node_modules symlink.)
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../../src/backend/reports/data/build-report';
import { readSteps } from '../../src/backend/reports/data/quality-steps';
import { openSeededDay, seededDayJob } from './seeded-day';

const [dir, other, roundsArg] = process.argv.slice(2);
if (!dir || !other) throw new Error('usage: quality-steps-ab.ts DIR OTHER_CHECKOUT [rounds]');
const rounds = Number(roundsArg ?? 7) || 7;
const a = {
  readSteps: (
    (await import(join(other, 'src/backend/reports/data/quality-steps.ts'))) as {
      readSteps: typeof readSteps;
    }
  ).readSteps,
  buildReport: (
    (await import(join(other, 'src/backend/reports/data/build-report.ts'))) as {
      buildReport: typeof buildReport;
    }
  ).buildReport,
};
const b = { readSteps, buildReport };
const day = openSeededDay(dir);
const { db } = day;
const job = seededDayJob(day, 'quality', { html: false });
const cpuMs = (run: () => unknown) => {
  const started = process.cpuUsage();
  db.transaction(run)();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
};
const figures = {
  a: { steps: [] as number[], report: [] as number[] },
  b: { steps: [] as number[], report: [] as number[] },
};
const same =
  JSON.stringify(db.transaction(() => a.readSteps(db, job))()) ===
  JSON.stringify(db.transaction(() => b.readSteps(db, job))());
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')}; same steps: ${same}`,
);
for (let round = 0; round < rounds; round += 1) {
  for (const [name, side] of [
    ['a', a],
    ['b', b],
  ] as const) {
    figures[name].steps.push(cpuMs(() => side.readSteps(db, job)));
    figures[name].report.push(cpuMs(() => side.buildReport(db, job)));
  }
}
const median = (values: number[]) =>
  [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
for (const name of ['a', 'b'] as const) {
  console.log(
    `${name.toUpperCase()}: readSteps CPU median ${median(figures[name].steps).toFixed(0)} ms ` +
      `(${figures[name].steps.map((value) => value.toFixed(0)).join(' ')}), buildReport ` +
      `${median(figures[name].report).toFixed(0)} ms (${figures[name].report.map((value) => value.toFixed(0)).join(' ')})`,
  );
}
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')}`,
);
db.close();
