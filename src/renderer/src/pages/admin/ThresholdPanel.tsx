import { useState, type FormEvent } from 'react';
import type { Threshold } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';
import {
  LIMIT_FIELDS,
  LIMIT_LABEL,
  draftOf,
  readDraft,
  type ThresholdDraft,
} from './threshold-draft';

interface ThresholdPanelProps {
  machineId: string;
  /** This machine's limits, one row per metric. */
  thresholds: readonly Threshold[];
  onSaved: () => void;
}

/** The metrics machines commonly send; any other metric name may be typed. */
const COMMON_METRICS = ['temperature', 'vibration', 'power_kw'];

/** A machine's alarm limits per metric: high-high, high, low, low-low, deadband and on-delay. */
export function ThresholdPanel({ machineId, thresholds, onSaved }: ThresholdPanelProps) {
  const first = thresholds[0];
  const [draft, setDraft] = useState<ThresholdDraft>(() =>
    draftOf(first?.metric ?? 'temperature', first),
  );
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const read = readDraft(machineId, draft);
  const problems = 'problems' in read ? read.problems : {};
  const metrics = [...new Set([...COMMON_METRICS, ...thresholds.map((t) => t.metric)])];

  const set = (key: keyof ThresholdDraft) => (value: string) => {
    setDone(null);
    if (key === 'metric') {
      // Picking a metric that has limits loads them; a new metric starts blank.
      setDraft(
        draftOf(
          value,
          thresholds.find((t) => t.metric === value.trim()),
        ),
      );
      return;
    }
    setDraft((current) => ({ ...current, [key]: value }));
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!('input' in read)) return;
    const ok = await action.run(async () => {
      const saved = await api.call('thresholds.save', read.input);
      setDone(`Saved the ${saved.metric} limits of ${saved.machineId}.`);
    });
    if (ok) onSaved();
  };

  return (
    <section className="panel" aria-labelledby="threshold-title" data-testid="threshold-panel">
      <h2 id="threshold-title">
        Alarm limits of <code>{machineId}</code>
      </h2>
      {thresholds.length === 0 ? (
        <p className="muted">No limits yet: this machine raises no threshold alerts.</p>
      ) : (
        <ThresholdTable thresholds={thresholds} onPick={(metric) => set('metric')(metric)} />
      )}
      <form aria-label="Alarm limits" onSubmit={(event) => void save(event)} noValidate>
        <TextField
          label="Metric"
          value={draft.metric}
          onChange={set('metric')}
          list="threshold-metrics"
          maxLength={64}
          problem={problems.metric}
        />
        <datalist id="threshold-metrics">
          {metrics.map((metric) => (
            <option key={metric} value={metric} />
          ))}
        </datalist>
        <div className="form-columns form-columns-4">
          {LIMIT_FIELDS.map((field) => (
            <TextField
              key={field}
              label={LIMIT_LABEL[field]}
              inputMode="decimal"
              value={draft[field]}
              onChange={set(field)}
              problem={problems[field]}
            />
          ))}
        </div>
        <div className="form-columns">
          <TextField
            label="Deadband"
            inputMode="decimal"
            value={draft.deadband}
            onChange={set('deadband')}
            hint="How far back inside a limit before the alert returns."
            problem={problems.deadband}
          />
          <TextField
            label="On-delay (s)"
            inputMode="numeric"
            value={draft.onDelayS}
            onChange={set('onDelayS')}
            hint="How long a limit must be crossed before an alert."
            problem={problems.onDelayS}
          />
        </div>
        <p className="field-hint">
          Blank: no such limit. All four blank removes the metric's limits.
        </p>
        <ErrorMessage error={action.error} />
        <SuccessMessage text={done} />
        <button
          type="submit"
          className="button-primary"
          disabled={!('input' in read) || action.disabled}
        >
          Save limits
        </button>
      </form>
    </section>
  );
}

function ThresholdTable({
  thresholds,
  onPick,
}: {
  thresholds: readonly Threshold[];
  onPick: (metric: string) => void;
}) {
  return (
    <div className="table-scroll threshold-table-scroll">
      <table className="data-table" data-testid="threshold-table">
        <caption className="visually-hidden">Saved alarm limits</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            {LIMIT_FIELDS.map((field) => (
              <th key={field} scope="col" className="numeric">
                {LIMIT_LABEL[field]}
              </th>
            ))}
            <th scope="col" className="numeric">
              Deadband
            </th>
            <th scope="col" className="numeric">
              On-delay
            </th>
            <th scope="col">Changed</th>
          </tr>
        </thead>
        <tbody>
          {thresholds.map((threshold) => (
            <tr key={threshold.metric} data-metric={threshold.metric}>
              <td>
                <button
                  type="button"
                  className="button-link"
                  onClick={() => onPick(threshold.metric)}
                >
                  {threshold.metric}
                </button>
              </td>
              {LIMIT_FIELDS.map((field) => (
                <td key={field} className="numeric">
                  {threshold[field] === null ? '—' : formatNumber(threshold[field])}
                </td>
              ))}
              <td className="numeric">{formatNumber(threshold.deadband)}</td>
              <td className="numeric">{threshold.onDelayS} s</td>
              <td>
                {formatDateTime(threshold.updatedAt)} by {threshold.updatedBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
