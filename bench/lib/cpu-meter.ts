/**
 * CPU time per message, process by process (from /proc; this process from process.cpuUsage):
 * what the load on a shared machine barely moves, unlike a rate, so a reader sees where the
 * time of a burst goes. Shared by the ingest bench and the A/B tool (ingest-ab.ts).
 */
import { childrenOf, commandOf } from '../../tests/integration/ingest/support/console-process';
import { cpuSecondsOf } from './bench-record';
import { percentile } from './stats';

/** µs of CPU per message, by process name (main, store, broker, bench …), in print order. */
export type CpuPerMessage = Record<string, number>;

/** The processes to meter, by name: a pid, or 'self' for this process. */
export type Metered = Record<string, number | 'self'>;

const selfSeconds = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

const secondsOf = (pid: number | 'self'): number => {
  if (pid === 'self') return selfSeconds();
  try {
    return cpuSecondsOf(pid);
  } catch {
    return Number.NaN; // Gone meanwhile: shown as NaN rather than a wrong figure.
  }
};

/** Starts metering; `perMessage(count)` gives each process's CPU since then, per message. */
export function startCpuMeter(processes: Metered): { perMessage(count: number): CpuPerMessage } {
  const before = Object.entries(processes).map(([name, pid]) => [name, pid, secondsOf(pid)]);
  return {
    perMessage(count) {
      const result: CpuPerMessage = {};
      for (const [name, pid, seconds] of before as [string, number | 'self', number][]) {
        result[name] = ((secondsOf(pid) - seconds) * 1e6) / count;
      }
      return result;
    },
  };
}

/** All metered processes together, µs per message. */
export function totalCpu(cpu: CpuPerMessage): number {
  return Object.values(cpu).reduce((sum, value) => sum + value, 0);
}

/** "main 13.1 µs, store 24.0 µs, …; all 70.2 µs". */
export function formatCpu(cpu: CpuPerMessage): string {
  const parts = Object.entries(cpu).map(([name, us]) => `${name} ${us.toFixed(1)} µs`);
  return parts.length > 1
    ? `${parts.join(', ')}; all ${totalCpu(cpu).toFixed(1)} µs`
    : parts.join(', ');
}

/** Each process's median over the rounds. */
export function medianCpu(rounds: readonly CpuPerMessage[]): CpuPerMessage {
  const result: CpuPerMessage = {};
  for (const name of Object.keys(rounds[0] ?? {})) {
    result[name] = median(rounds.map((round) => round[name] ?? Number.NaN));
  }
  return result;
}

/** The median (the lower middle value for an even count, as nearest-rank gives it). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The mosquitto this process started (tests/helpers/mosquitto.ts spawns it as a child). */
export function findMosquitto(): number | undefined {
  return childrenOf(process.pid).find((child) => commandOf(child).includes('mosquitto'));
}

/** A console-mode process's child running `entry` (store-process, broker-process). */
export function childRunning(parentPid: number, entry: string): number {
  const pid = childrenOf(parentPid).find((child) => commandOf(child).includes(entry));
  if (pid === undefined) throw new Error(`no ${entry} below pid ${parentPid}`);
  return pid;
}
