import type { Capability } from '../../../../shared/spc/capability';
import type { IndividualsStats } from '../../../../shared/spc/individuals';
import { formatNumber } from '../../lib/format';
import './quality.css';
import type { SpecVersion } from '../../../../shared/contract';

/** Two decimals for Cp/Cpk: the usual precision of capability targets such as 1.33. */
function index(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** The usual capability targets: 1.33 and above is capable, below 1.0 is not. */
const CAPABLE = 1.33;
const MARGINAL = 1.0;

/** Tone and words for an index, so colour is never the only cue. */
function capabilityLook(value: number | null): { tone: string; words: string } | null {
  if (value === null) return null;
  if (value >= CAPABLE) return { tone: 'ok', words: '✔ capable (≥ 1.33)' };
  if (value >= MARGINAL) return { tone: 'warn', words: '▲ marginal (1.0–1.33)' };
  return { tone: 'danger', words: '✖ not capable (< 1.0)' };
}

function CapabilityIndex({
  name,
  value,
  testId,
}: {
  name: string;
  value: number | null;
  testId: string;
}) {
  const look = capabilityLook(value);
  return (
    <div className="kpi">
      <dt>{name}</dt>
      <dd
        data-testid={testId}
        data-tone={look?.tone}
        className={look ? `tone-${look.tone}` : undefined}
      >
        {index(value)}
      </dd>
      {look && <dd className={`capability-note tone-${look.tone}`}>{look.words}</dd>}
    </div>
  );
}

interface CapabilityFiguresProps {
  capability: Capability;
  stats: IndividualsStats | null;
  spec: SpecVersion | null;
}

/** Cp and Cpk as large numbers, with the figures they come from in small print. */
export function CapabilityFigures({ capability, stats, spec }: CapabilityFiguresProps) {
  const limit = (value: number | null | undefined): string =>
    value === null || value === undefined ? 'open' : formatNumber(value);
  return (
    <dl className="kpi-row spc-figures">
      <CapabilityIndex name="Cp" value={capability.cp} testId="spc-cp" />
      <CapabilityIndex name="Cpk" value={capability.cpk} testId="spc-cpk" />
      <div className="kpi">
        <dt>Mean</dt>
        <dd>{formatNumber(stats?.mean)}</dd>
      </div>
      <div className="kpi">
        <dt>Sigma (MR̄/1.128)</dt>
        <dd>{formatNumber(stats?.sigma)}</dd>
      </div>
      <div className="kpi">
        <dt>Spec limits</dt>
        <dd>{spec ? `${limit(spec.lower)} … ${limit(spec.upper)}` : 'none'}</dd>
      </div>
      <div className="kpi">
        <dt>Points</dt>
        <dd>{stats?.count ?? 0}</dd>
      </div>
    </dl>
  );
}
