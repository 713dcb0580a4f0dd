import { z } from 'zod';
import { defineMethod } from './define';
import { IsoTime } from './schemas';
import { SCENARIO_NAMES, SCENARIOS, SIMULATOR_LIMITS } from '../rules/simulator-scenarios';

/**
 * The built-in simulator, driven from its window (desktop) or page (console mode). It runs
 * the machine simulator (`simulator/`) in a background process that publishes to the broker
 * Linewatch itself reads, so what it sends comes back through ingest like real machines.
 */

/** The simulator's scenarios, from the one list in src/shared/rules/simulator-scenarios.ts. */
export const SimulatorScenario = z.enum(SCENARIO_NAMES);
export type SimulatorScenario = z.infer<typeof SimulatorScenario>;

/** One line per scenario, for the switches on the page. */
export const SCENARIO_EXPLANATIONS: Readonly<Record<SimulatorScenario, string>> = SCENARIOS;

export { SIMULATOR_LIMITS };

export const SimulatorOptions = z
  .object({
    lines: z.coerce.number().int().min(SIMULATOR_LIMITS.lines.min).max(SIMULATOR_LIMITS.lines.max),
    machinesPerLine: z.coerce
      .number()
      .int()
      .min(SIMULATOR_LIMITS.machinesPerLine.min)
      .max(SIMULATOR_LIMITS.machinesPerLine.max),
    /** Messages per second per running machine, roughly: a fifth telemetry, the rest test results. */
    rate: z.coerce.number().min(SIMULATOR_LIMITS.rate.min).max(SIMULATOR_LIMITS.rate.max),
    /** The same seed gives the same machines and values. */
    seed: z.coerce.number().int().min(SIMULATOR_LIMITS.seed.min).max(SIMULATOR_LIMITS.seed.max),
    scenarios: z
      .array(SimulatorScenario)
      .max(SimulatorScenario.options.length)
      .refine((names) => new Set(names).size === names.length, 'must not repeat a scenario')
      .default([]),
    /**
     * Needed, from an admin, when Linewatch reads a broker other than its embedded one: the
     * simulator then publishes into the plant's production broker.
     */
    confirmProduction: z.boolean().optional(),
  })
  .refine((options) => options.lines * options.machinesPerLine <= SIMULATOR_LIMITS.machines.max, {
    message: `at most ${SIMULATOR_LIMITS.machines.max} machines in all (lines x machines per line)`,
    path: ['machinesPerLine'],
  });
export type SimulatorOptions = z.infer<typeof SimulatorOptions>;

const Count = z.number().int().min(0);
const ByKind = z.object({ test: Count, telemetry: Count, state: Count, commandAck: Count });

/** What the running simulator has sent, as its background process last reported (about 1/s). */
export const SimulatorCounters = z.object({
  machines: Count,
  /** Machines whose MQTT connection is up now. */
  connected: Count,
  /** Messages the broker took, by kind (QoS 1 acknowledged, QoS 0 written), broken ones included. */
  sent: ByKind,
  /** Deliberately broken messages produced (bad-data scenario). */
  badData: Count,
  /** Waiting in the local buffers now (machines disconnected, e.g. broker-drop). */
  buffered: Count,
  /** Lost because a machine's local buffer was full. */
  dropped: Count,
  reconnects: Count,
  commandsReceived: Count,
  errors: Count,
  lastError: z.string().nullable(),
  /** Messages sent per second, averaged over the last few seconds. */
  perSecond: z.number().min(0),
  updatedAt: IsoTime,
});
export type SimulatorCounters = z.infer<typeof SimulatorCounters>;

export const SimulatorStatus = z.object({
  running: z.boolean(),
  /** The options of the current run, or of the last one once it stopped; null before any run. */
  options: SimulatorOptions.nullable(),
  /** The broker the simulator publishes to: the one Linewatch reads. */
  brokerUrl: z.string().nullable(),
  startedAt: IsoTime.nullable(),
  startedBy: z.string().nullable(),
  stoppedAt: IsoTime.nullable(),
  /** Why the last run ended: who stopped it, or what went wrong. */
  endedBecause: z.string().nullable(),
  counters: SimulatorCounters.nullable(),
});
export type SimulatorStatus = z.infer<typeof SimulatorStatus>;

const none = { kind: 'none' } as const;

export const simulatorMethods = {
  'simulator.status': defineMethod({
    summary: 'Whether the built-in simulator runs, with what options, and what it has sent.',
    input: z.object({}),
    output: SimulatorStatus,
    permission: 'simulator.run',
    // The simulator invents its own lines (LINE-1...): it is a test tool, not a plant scope.
    scope: none,
    http: { verb: 'GET', path: '/simulator' },
    example: {},
  }),
  'simulator.start': defineMethod({
    summary:
      'Starts the built-in simulator in a background process, publishing to the broker Linewatch reads; refused while one runs.',
    input: SimulatorOptions,
    output: SimulatorStatus,
    permission: 'simulator.run',
    scope: none,
    http: { verb: 'POST', path: '/simulator' },
    example: { lines: 1, machinesPerLine: 2, rate: 2, seed: 42, scenarios: [] },
  }),
  'simulator.stop': defineMethod({
    summary:
      'Stops the built-in simulator: machines say they go offline, then its process ends. Idempotent.',
    input: z.object({}),
    output: SimulatorStatus,
    permission: 'simulator.run',
    scope: none,
    http: { verb: 'POST', path: '/simulator/stop' },
    example: {},
  }),
};
