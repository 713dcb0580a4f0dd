import type { Capability } from '../../../../shared/spc/capability';
import type { IndividualsStats } from '../../../../shared/spc/individuals';
import { formatNumber } from '../../lib/format';
import type { SpecVersion } from '../../../../shared/contract';

/** Two decimals for Cp/Cpk: the usual precision of capability targets such as 1.33. */
function index(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
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
      <div className="kpi kpi-oee">
        <dt>Cp</dt>
        <dd data-testid="spc-cp">{index(capability.cp)}</dd>
      </div>
      <div className="kpi kpi-oee">
        <dt>Cpk</dt>
        <dd data-testid="spc-cpk">{index(capability.cpk)}</dd>
      </div>
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
