import type { Database } from 'better-sqlite3';
import type { Settings } from '../../shared/contract';
import { systemTimeZone } from '../../shared/rules/plant-time';

export const DEFAULT_SETTINGS: Settings = {
  plantName: 'Linewatch plant',
  idleLockMinutes: 15,
  predictionHorizonMinutes: 120,
  rawRetentionDays: 30,
  rollupRetentionDays: 730,
  shifts: [
    { name: 'Early', start: '06:00' },
    { name: 'Late', start: '14:00' },
    { name: 'Night', start: '22:00' },
  ],
  shiftReportFolder: null,
  shiftReportPaper: 'A4',
  timeZone: systemTimeZone(),
  maxTimestampAheadMinutes: 5,
};

/** Plant settings as key/value rows (JSON values), plus secrets the API never returns. */
export class SettingsStore {
  constructor(private readonly db: Database) {}

  get(): Settings {
    const rows = this.db
      .prepare("SELECT key, value FROM settings WHERE key NOT LIKE 'secret.%'")
      .all() as {
      key: string;
      value: string;
    }[];
    const stored = Object.fromEntries(
      rows.map((row) => [row.key, JSON.parse(row.value) as unknown]),
    );
    return { ...DEFAULT_SETTINGS, ...stored };
  }

  update(patch: Partial<Settings>): Settings {
    const put = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) put.run(key, JSON.stringify(value));
    }
    return this.get();
  }

  /** A secret made once and kept: the token signing key. */
  secret(name: string, make: () => string): string {
    const key = `secret.${name}`;
    const found = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as
      string | undefined;
    if (found) return JSON.parse(found) as string;
    const value = make();
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
      .run(key, JSON.stringify(value));
    return value;
  }

  /** A private value the API never returns as such (the broker's credentials). */
  readPrivate<T>(name: string): T | null {
    const found = this.db
      .prepare('SELECT value FROM settings WHERE key = ?')
      .pluck()
      .get(`secret.${name}`) as string | undefined;
    return found === undefined ? null : (JSON.parse(found) as T);
  }

  writePrivate(name: string, value: unknown): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(`secret.${name}`, JSON.stringify(value));
  }
}
