import { useMemo } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { capability } from '../../../../shared/spc/capability';
import { histogram } from '../../../../shared/spc/histogram';
import { individualsStats } from '../../../../shared/spc/individuals';
import { describeHits, nelsonRules } from '../../../../shared/spc/nelson';
import { derivedDecimals } from '../../../../shared/spc/resolution';
import { CapabilityFigures } from './CapabilityFigures';
import { EChart } from '../../components/EChart';
import { histogramOption, individualsOption } from './spc-options';
import { readPalette } from './spc-palette';
import { StepPicker } from './StepPicker';
import { SPC_RANGES, useCapability } from './use-capability';
import { SelectField } from '../../components/SelectField';
import { YieldTable } from './YieldTable';

/**
 * Individuals chart (time on the x axis, filtered by machine and time range) with Nelson
 * rules 1–8, Cp/Cpk and a histogram, then the 24 h yield.
 */
export function CapabilitySection() {
  const data = useCapability();
  const { values, points, spec } = data;
  const study = useMemo(() => {
    const stats = individualsStats(values);
    const limits = { lower: spec?.lower ?? null, upper: spec?.upper ?? null };
    const hits = stats ? nelsonRules(values, stats.mean, stats.sigma) : [];
    const palette = readPalette();
    // Control limits, bin edges: to one digit finer than the measurements, not "86.6119".
    const decimals = derivedDecimals(values);
    const specPoints = [limits.lower, limits.upper].filter((limit) => limit !== null);
    return {
      stats,
      hits,
      capability: capability(stats?.mean ?? null, stats?.sigma ?? null, limits),
      chart: stats
        ? individualsOption(
            points,
            stats,
            new Set(hits.flatMap((hit) => hit.indexes)),
            palette,
            decimals,
          )
        : null,
      histogram: histogramOption(
        histogram(values, undefined, specPoints),
        limits,
        palette,
        decimals,
      ),
    };
  }, [values, points, spec]);

  return (
    <section className="panel spc-section" aria-labelledby="spc-title">
      <h2 id="spc-title">Process capability</h2>
      <ErrorMessage error={data.error} />
      <div className="filter-bar spc-filters">
        <StepPicker choices={data.choices} choice={data.choice} onChange={data.setChoice} />
        <SelectField
          label="Machine"
          value={data.machineId}
          options={[
            { value: '', label: 'All machines' },
            ...data.machines.map((machine) => ({ value: machine.id, label: machine.id })),
          ]}
          onChange={data.setMachineId}
        />
        <SelectField
          label="Time range"
          value={data.spcRange}
          options={SPC_RANGES.map(({ value, label }) => ({ value, label }))}
          onChange={(value) => data.setSpcRange(value)}
        />
      </div>
      {data.choices.length === 0 ? (
        <p className="empty-state">No product has spec limits or recent results yet.</p>
      ) : (
        <>
          <CapabilityFigures capability={study.capability} stats={study.stats} spec={spec} />
          {study.chart ? (
            <div className="spc-charts">
              <div>
                <h3>Individuals chart</h3>
                <EChart
                  option={study.chart}
                  replace="all"
                  height={300}
                  testId="spc-individuals"
                  label={`Individuals chart of ${values.length} results over time${
                    data.machineId ? ` on machine ${data.machineId}` : ''
                  }${data.truncated ? ', the newest of more in the range' : ''}`}
                />
              </div>
              <div>
                <h3>Histogram</h3>
                <EChart
                  option={study.histogram}
                  replace="all"
                  height={300}
                  testId="spc-histogram"
                  label="Histogram of the measured values with the spec limits"
                />
              </div>
            </div>
          ) : (
            <p className="empty-state">
              {data.valuesLoaded ? 'At least two results are needed for a chart.' : 'Loading…'}
            </p>
          )}
          <ul className="spc-rules" data-testid="spc-rules" aria-label="Nelson rule findings">
            {study.stats && study.hits.length === 0 && <li>No Nelson rule 1–8 is broken.</li>}
            {study.hits.map((hit) => (
              <li key={hit.rule} className="spc-rule-hit">
                {describeHits(hit)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Yield, last 24 h</h3>
      {data.yields && <YieldTable rows={data.yields} />}
    </section>
  );
}
