import type { OutgoingKind } from './model';

/** Counters a UI (or the CLI's summary line) can show; a fresh copy on every read. */
export interface RunnerStats {
  machines: number;
  connected: number;
  /** Virtual time of the last model step. */
  virtualNowMs: number;
  /** Well-formed messages the model produced, by kind (sent or still buffered). */
  generated: Record<OutgoingKind, number>;
  /** Deliberately broken messages produced (bad-data scenario). */
  malformed: number;
  /** Messages the broker took (QoS 1: acknowledged; QoS 0: written), by kind, broken ones included. */
  sent: Record<OutgoingKind, number>;
  /** Waiting in the local buffers now, while machines are disconnected. */
  buffered: number;
  /** Every message that ever had to wait in a local buffer. */
  bufferedTotal: number;
  /** Dropped because a buffer was full. */
  droppedFromBuffer: number;
  reconnects: number;
  commandsReceived: number;
  errors: number;
  lastError: string | null;
}

export const countsByKind = (): Record<OutgoingKind, number> => ({
  test: 0,
  telemetry: 0,
  state: 0,
  commandAck: 0,
});

export function emptyStats(machines: number): RunnerStats {
  return {
    machines,
    connected: 0,
    virtualNowMs: 0,
    generated: countsByKind(),
    malformed: 0,
    sent: countsByKind(),
    buffered: 0,
    bufferedTotal: 0,
    droppedFromBuffer: 0,
    reconnects: 0,
    commandsReceived: 0,
    errors: 0,
    lastError: null,
  };
}

/** One line for a terminal: `12.0 s | 15/15 connected | sent test 1200 ...`. */
export function formatStats(stats: RunnerStats, elapsedMs: number): string {
  const { sent } = stats;
  return [
    `${(elapsedMs / 1000).toFixed(1)} s`,
    `${stats.connected}/${stats.machines} connected`,
    `sent test ${sent.test} telemetry ${sent.telemetry} state ${sent.state} ack ${sent.commandAck}`,
    `malformed ${stats.malformed}`,
    `buffered ${stats.buffered} (total ${stats.bufferedTotal}, dropped ${stats.droppedFromBuffer})`,
    `reconnects ${stats.reconnects}`,
    `commands ${stats.commandsReceived}`,
    `errors ${stats.errors}${stats.lastError === null ? '' : ` (last: ${stats.lastError})`}`,
  ].join(' | ');
}
