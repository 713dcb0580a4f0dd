import type { Database } from 'better-sqlite3';
import type { ReportSection } from '../../../shared/contract';
import type { ReportJob } from '../report-job';
import { PlantNames } from './plant-names';
import {
  bars,
  column,
  figure,
  hoursOf,
  iso,
  table,
  HOUR_MS,
  MINUTE_MS,
  PRIORITIES,
  type ReportBody,
} from './report-parts';
import { FLOOD_MORE_THAN, FLOOD_WINDOW_MINUTES } from '../../../shared/rules/flood';
import { floodsInRange } from './alarm-floods';
import { alertsRaisedInRange, shelvedInRange, type AlertRow } from './alarm-queries';

const NOISIEST = 10;
/** Past two days an hourly chart has too many bars to read; it counts per day instead. */
const HOURLY_UP_TO_MS = 48 * HOUR_MS;
const DAY_MS = 24 * HOUR_MS;

const minutes = (ms: number): number => ms / MINUTE_MS;

/** The alarm report: priorities and sources, floods, the noisiest conditions, acks, shelving. */
export function alarmReport(db: Database, job: ReportJob): ReportBody {
  const names = new PlantNames(db, job.scope.machineIds);
  const alerts = alertsRaisedInRange(db, job);

  const acked = alerts.filter((alert) => alert.acked_ms !== null);
  const ackMinutes = acked.map((alert) => minutes(alert.acked_ms! - alert.raised_ms));
  const floods = floodsInRange(db, job);
  const shelved = shelvedInRange(db, job);

  const bySource = new Map<string, number>();
  for (const alert of alerts) {
    const key = JSON.stringify([alert.priority, alert.source]);
    bySource.set(key, (bySource.get(key) ?? 0) + 1);
  }
  const rank = (priority: string) => PRIORITIES.indexOf(priority as (typeof PRIORITIES)[number]);
  const sourceRows = [...bySource.entries()]
    .map(([key, count]) => [...(JSON.parse(key) as [string, string]), count] as const)
    .sort((a, b) => rank(a[0]) - rank(b[0]) || b[2] - a[2] || a[1].localeCompare(b[1]));

  const conditions = new Map<string, { latest: AlertRow; raised: number }>();
  for (const alert of alerts) {
    const found = conditions.get(alert.condition_key);
    if (found) {
      found.raised += alert.raise_count;
      found.latest = alert;
    } else conditions.set(alert.condition_key, { latest: alert, raised: alert.raise_count });
  }
  const noisiest = [...conditions.values()]
    .sort(
      (a, b) => b.raised - a.raised || a.latest.condition_key.localeCompare(b.latest.condition_key),
    )
    .slice(0, NOISIEST);

  const hourly = job.toMs - job.fromMs <= HOURLY_UP_TO_MS;
  const bucketMs = hourly ? HOUR_MS : DAY_MS;
  const buckets = hourly
    ? hoursOf(job.fromMs, job.toMs)
    : Array.from(
        { length: Math.ceil((job.toMs - job.fromMs) / DAY_MS) },
        (_, i) => job.fromMs + i * DAY_MS,
      );
  const bucketOf = (ms: number) =>
    hourly
      ? Math.floor(ms / HOUR_MS) - Math.floor(job.fromMs / HOUR_MS)
      : Math.floor((ms - job.fromMs) / bucketMs);
  const perPriority = PRIORITIES.map((priority) => {
    const values = buckets.map(() => 0);
    for (const alert of alerts) {
      const index = bucketOf(alert.raised_ms);
      if (alert.priority === priority && values[index] !== undefined) values[index] += 1;
    }
    return { name: priority, values };
  });

  const sections: ReportSection[] = [
    {
      key: 'overview',
      title: 'Alerts raised',
      note: 'Alerts first raised in the range, on machines in scope and (for alerts of a whole line or the plant) on the lines you may see.',
      figures: [],
      charts: [
        bars(
          'alerts-by-hour',
          hourly ? 'Alerts by hour' : 'Alerts by day',
          buckets.map((ms) => new Date(ms).toISOString()),
          perPriority,
        ),
      ],
      tables: [
        table(
          'by-priority-source',
          'Alerts by priority and source',
          [
            column('priority', 'Priority'),
            column('source', 'Source'),
            column('alerts', 'Alerts', 'count'),
          ],
          sourceRows.map((row) => [...row]),
        ),
      ],
    },
    {
      key: 'floods',
      title: 'Alert floods',
      note: `ISA-18.2: more than ${FLOOD_MORE_THAN} alerts raised within ${FLOOD_WINDOW_MINUTES} minutes on one line (plant-wide alerts count on their own), the same rule as the live flood event and the banner on the Alerts page. A flood lasts from the first alert of the window in which it began to the last alert raised while it held.`,
      figures: [],
      charts: [],
      tables: [
        table(
          'floods',
          'Floods',
          [
            column('line', 'Line'),
            column('start', 'Start', 'time'),
            column('end', 'End', 'time'),
            column('alerts', 'Alerts', 'count'),
          ],
          floods.map((flood) => [
            flood.group ?? 'Plant-wide',
            iso(flood.startMs),
            iso(flood.endMs),
            flood.alerts,
          ]),
          'No alert flood in this range.',
        ),
      ],
    },
    {
      key: 'noisiest',
      title: 'Noisiest conditions',
      note: `The ${NOISIEST} conditions raised most often: each alert counts as many times as it was raised (again after returning to normal).`,
      figures: [],
      charts: [],
      tables: [
        table(
          'noisiest',
          'Noisiest conditions',
          [
            column('source', 'Source'),
            column('line', 'Line'),
            column('machine', 'Machine'),
            column('message', 'Latest message'),
            column('raised', 'Times raised', 'count'),
          ],
          noisiest.map(({ latest, raised }) => [
            latest.source,
            latest.line_id,
            names.machine(latest.machine_id),
            latest.message,
            raised,
          ]),
        ),
      ],
    },
    {
      key: 'ack-times',
      title: 'Time to acknowledge',
      note: 'From raising to acknowledgement, for the alerts raised in the range that were acknowledged.',
      figures: [],
      charts: [],
      tables: [
        table(
          'ack-times',
          'Acknowledgement by priority',
          [
            column('priority', 'Priority'),
            column('acknowledged', 'Acknowledged', 'count'),
            column('meanMinutes', 'Mean minutes', 'minutes'),
            column('longestMinutes', 'Longest minutes', 'minutes'),
          ],
          PRIORITIES.map((priority) => {
            const times = acked
              .filter((alert) => alert.priority === priority)
              .map((alert) => minutes(alert.acked_ms! - alert.raised_ms));
            return [
              priority,
              times.length,
              times.length ? times.reduce((a, b) => a + b, 0) / times.length : null,
              times.length ? Math.max(...times) : null,
            ];
          }),
        ),
      ],
    },
    {
      key: 'shelved',
      title: 'Shelved alerts',
      note: 'Alerts shelved during the range (from the event log), with who shelved them and why.',
      figures: [],
      charts: [],
      tables: [
        table(
          'shelved',
          'Shelved alerts',
          [
            column('raised', 'Raised', 'time'),
            column('machine', 'Machine'),
            column('message', 'Message'),
            column('shelvedBy', 'Shelved by'),
            column('reason', 'Reason'),
            column('until', 'Until', 'time'),
          ],
          shelved.map((row) => [
            iso(row.raised_ms),
            names.machine(row.machine_id) ?? row.line_id ?? 'Plant',
            row.message,
            row.actor,
            row.reason,
            row.until,
          ]),
          'No alert was shelved in this range.',
        ),
      ],
    },
  ];

  return {
    figures: [
      figure('raised', 'Raised', alerts.length, 'count'),
      figure('acknowledged', 'Acknowledged', acked.length, 'count'),
      figure(
        'meanTimeToAcknowledgeMinutes',
        'Mean time to acknowledge',
        ackMinutes.length ? ackMinutes.reduce((a, b) => a + b, 0) / ackMinutes.length : null,
        'minutes',
      ),
      figure('floods', 'Floods', floods.length, 'count'),
      figure('shelved', 'Shelved', shelved.length, 'count'),
    ],
    sections,
  };
}
