/**
 * Alternating, warm rounds for the ingest bench: every round each contender (a raw subscriber,
 * Linewatch, the store process) gets a warm-up burst and then a measured one, and the order
 * alternates from round to round so neither always follows the other. A ratio is taken within
 * each round (like against like, under the same load) and the median of the rounds is the
 * figure: one cold or disturbed burst on a shared machine no longer decides a target.
 */
import { loadavg } from 'node:os';
import {
  formatCpu,
  median,
  medianCpu,
  startCpuMeter,
  totalCpu,
  type CpuPerMessage,
  type Metered,
} from './cpu-meter';
import { record } from './bench-record';
import { perSecond } from './stats';

export interface Contender {
  label: string;
  /** One burst of `count` messages named `prefix`: ms from its first publish to the last handled. */
  burst(prefix: string, count: number): Promise<number>;
  /** The processes whose CPU a burst costs, by name. */
  processes(): Metered;
}

export interface RoundFigure {
  rate: number;
  cpu: CpuPerMessage;
}

export interface RoundsOptions {
  rounds: number;
  count: number;
  /** Messages of the warm-up burst before each measured one (0: none). */
  warmup: number;
  /** Distinguishes this comparison's barcodes from another's in the same database. */
  tag: string;
}

export interface ContenderFigures {
  label: string;
  rounds: RoundFigure[];
  medianRate: number;
  medianCpu: CpuPerMessage;
}

const show = (rate: number) => Math.round(rate).toLocaleString('en-US');
let peakLoad = 0;
const load = () => {
  peakLoad = Math.max(peakLoad, loadavg()[0]!);
  return loadavg()[0]!.toFixed(1);
};

/** The highest 1-minute load average seen at a measured burst so far. */
export function peakLoadSeen(): number {
  return peakLoad;
}

/** Runs the rounds; prints each measured burst and returns every contender's figures. */
export async function runRounds(
  contenders: readonly Contender[],
  { rounds, count, warmup, tag }: RoundsOptions,
): Promise<ContenderFigures[]> {
  const figures = contenders.map(() => [] as RoundFigure[]);
  for (let round = 1; round <= rounds; round += 1) {
    const order = contenders.map((_, index) => index);
    if (round % 2 === 0) order.reverse();
    for (const index of order) {
      const contender = contenders[index]!;
      if (warmup > 0) await contender.burst(`${tag}W${round}`, warmup);
      const meter = startCpuMeter(contender.processes());
      const ms = await contender.burst(`${tag}M${round}`, count);
      const figure = { rate: perSecond(count, ms), cpu: meter.perMessage(count) };
      figures[index]!.push(figure);
      console.log(
        `  round ${round} ${contender.label}: ${show(figure.rate)} msg/s; ` +
          `CPU per message ${formatCpu(figure.cpu)} (load ${load()})`,
      );
    }
  }
  return contenders.map((contender, index) => {
    const own = figures[index]!;
    const result: ContenderFigures = {
      label: contender.label,
      rounds: own,
      medianRate: median(own.map((figure) => figure.rate)),
      medianCpu: medianCpu(own.map((figure) => figure.cpu)),
    };
    own.forEach((figure, round) =>
      record(`${contender.label}, round ${round + 1}`, figure.rate, 'msg/s'),
    );
    record(contender.label, result.medianRate, 'msg/s');
    for (const [name, us] of Object.entries(result.medianCpu)) {
      record(`${contender.label}: CPU per message, ${name} (median)`, us, 'µs');
    }
    console.log(
      `  ${contender.label}: median ${show(result.medianRate)} msg/s ` +
        `(${own.map((figure) => show(figure.rate)).join(' / ')}); ` +
        `median CPU per message ${formatCpu(result.medianCpu)}`,
    );
    return result;
  });
}

/**
 * Each round's share of the reference, printed, recorded, and their median returned. Beside
 * it, the ratio of their CPU per message (all metered processes, reference / subject): the
 * share both would reach if the cores were theirs alone and both were bound by CPU, which the
 * other work on a shared machine barely moves.
 */
export function medianShare(
  name: string,
  subject: ContenderFigures,
  reference: ContenderFigures,
): number {
  const shares = subject.rounds.map((figure, round) => figure.rate / reference.rounds[round]!.rate);
  const costs = subject.rounds.map(
    (figure, round) => totalCpu(reference.rounds[round]!.cpu) / totalCpu(figure.cpu),
  );
  shares.forEach((share, round) => record(`${name}, round ${round + 1}`, share, 'x raw'));
  const result = median(shares);
  const cost = median(costs);
  record(`${name}, by CPU per message (median)`, cost, 'x raw');
  const list = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  console.log(`  ${name}: median ${result.toFixed(2)} (rounds ${list(shares)})`);
  console.log(
    `  ${name} by CPU per message (raw's / Linewatch's): median ${cost.toFixed(2)} (rounds ${list(costs)})`,
  );
  return result;
}
