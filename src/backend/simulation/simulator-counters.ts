import type { RunnerStats } from '../../../simulator/runner-stats';
import type { SimulatorCounters } from '../../shared/contract';

/** A moment of the run's counters: total sent and the real time it was reported. */
export interface RateSample {
  sent: number;
  atMs: number;
}

export function totalSent(stats: RunnerStats): number {
  const { sent } = stats;
  return sent.test + sent.telemetry + sent.state + sent.commandAck;
}

/**
 * The runner's counters as the contract shows them, with the send rate between two reports
 * (real time, whatever clock the backend uses for timestamps).
 */
export function toCounters(
  stats: RunnerStats,
  previous: RateSample,
  current: RateSample,
  updatedAt: string,
): SimulatorCounters {
  const seconds = (current.atMs - previous.atMs) / 1000;
  const perSecond = seconds > 0 ? Math.max(0, (current.sent - previous.sent) / seconds) : 0;
  return {
    machines: stats.machines,
    connected: stats.connected,
    sent: { ...stats.sent },
    badData: stats.malformed,
    buffered: stats.buffered,
    dropped: stats.droppedFromBuffer,
    reconnects: stats.reconnects,
    commandsReceived: stats.commandsReceived,
    errors: stats.errors,
    lastError: stats.lastError,
    perSecond: Math.round(perSecond * 10) / 10,
    updatedAt,
  };
}
