import type { IngestStatus } from '../../shared/contract';
import type { EventLoopDelay } from './event-loop-delay';
import type { ProcessStatus } from './supervisor';

/**
 * What `GET /api/health` answers, for a service monitor: no login, and no plant data (no
 * machine, line, value, user or broker address): the processes' states, whether the store
 * can write, the broker connection's state and how many messages wait to be stored.
 */
export interface HealthReport {
  healthy: boolean;
  /** What is wrong, in words; empty when healthy. */
  problems: string[];
  processes: ProcessStatus[];
  /** The main process itself (the one serving the API): its event loop and memory. */
  main: { eventLoopDelay: EventLoopDelay; rssBytes: number; uptimeSeconds: number };
  store: { writable: boolean; detail: string };
  broker: { state: IngestStatus['state'] | 'none'; embedded: boolean; since: string | null };
  ingest: { backlog: number };
}

export interface HealthInputs {
  /** Read after the write probe, so both describe the same moment. */
  processes: () => ProcessStatus[];
  probeWrite: () => Promise<{ writable: boolean; detail: string }>;
  /** Null when the backend reads no broker (API tests). */
  ingest: IngestStatus | null;
  backlog: number;
  eventLoopDelay: () => EventLoopDelay;
}

/** A probe that does not answer in this long counts as "cannot write". */
const PROBE_TIMEOUT_MS = 2000;

/** Processes whose trouble makes Linewatch unhealthy; the simulator is a tool, not a duty. */
const ESSENTIAL = new Set(['store', 'broker', 'reports']);

export async function healthReport(inputs: HealthInputs): Promise<HealthReport> {
  const problems: string[] = [];
  const store = await probe(inputs.probeWrite);
  const processes = inputs.processes();
  for (const unit of processes) {
    if (ESSENTIAL.has(unit.name) && unit.state !== 'running' && unit.state !== 'stopped') {
      problems.push(`the ${unit.name} process is ${unit.state}`);
    }
  }
  if (!store.writable) problems.push(`the store cannot write: ${store.detail}`);
  const ingest = inputs.ingest;
  if (ingest && ingest.state !== 'connected') problems.push(`the broker is ${ingest.state}`);
  return {
    healthy: problems.length === 0,
    problems,
    processes,
    main: {
      eventLoopDelay: inputs.eventLoopDelay(),
      rssBytes: process.memoryUsage.rss(),
      uptimeSeconds: Math.round(process.uptime()),
    },
    store,
    broker: ingest
      ? { state: ingest.state, embedded: ingest.embedded, since: ingest.since }
      : { state: 'none', embedded: false, since: null },
    ingest: { backlog: inputs.backlog },
  };
}

async function probe(
  probeWrite: HealthInputs['probeWrite'],
): Promise<{ writable: boolean; detail: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ writable: boolean; detail: string }>((resolve) => {
    timer = setTimeout(
      () => resolve({ writable: false, detail: 'the store did not answer in time' }),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      probeWrite().catch((error: unknown) => ({
        writable: false,
        detail: error instanceof Error ? error.message : String(error),
      })),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
