/**
 * The built-in simulator's scenarios and the limits of a run: one list for the simulator
 * (`simulator/`, its `--scenario` option), the contract that starts it and the simulator page.
 * A scenario added here is accepted by the contract and offered by the page at once; what it
 * does is the simulator model's business (`simulator/model/scenarios.ts`).
 */

/** Each scenario with one line for the switches on the page. */
export const SCENARIOS = {
  overheat: 'MACH-1-01 loses its coolant 10 s in and passes 90 °C about 40 s later.',
  drift: 'The last machine of each line drifts toward its upper limits over 10 minutes.',
  downtime: 'Running machines break down (jam, material, tool change) for 10-60 s now and then.',
  'bad-data': 'About 5 % extra broken messages: bad JSON, wrong types, missing fields.',
  flood: '20 s in, for 2 minutes, most machines get hot, shake and fail tests: an alert flood.',
  'broker-drop': '15 s in, then every 45 s, all connections drop for 5 s; messages are buffered.',
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

export const SCENARIO_NAMES = Object.keys(SCENARIOS) as [ScenarioName, ...ScenarioName[]];

export const isScenarioName = (name: string): name is ScenarioName =>
  Object.prototype.hasOwnProperty.call(SCENARIOS, name);

export const SIMULATOR_LIMITS = {
  lines: { min: 1, max: 20 },
  machinesPerLine: { min: 1, max: 50 },
  /**
   * In all: a plant of 20 lines of 50 (issue 15). Each simulated machine has its own MQTT
   * connection (its own last will); since the embedded broker runs in its own process it takes
   * a thousand (`npm run bench -- plant`: they connect within a minute on a loaded 2-core
   * machine, some after a second try, and ingest keeps up at 1,500 msg/s).
   */
  machines: { max: 1000 },
  /** Messages per second per running machine. */
  rate: { min: 0.1, max: 100 },
  /** The same seed gives the same machines and values. */
  seed: { min: 0, max: 2_147_483_647 },
} as const;
