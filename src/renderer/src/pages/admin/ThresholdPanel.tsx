import { useState, type FormEvent } from 'react';
import type { Threshold } from '../../../../shared/contract';
import { api } from '../../api/client';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
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

function thresholdColumns(onPick: (metric: string) => void): DataColumn<Threshold>[] {
  return [
    {
      id: 'metric',
      header: 'Metric',
      cell: (threshold) => (
        <button type="button" className="button-link" onClick={() => onPick(threshold.metric)}>
          {threshold.metric}
        </button>
      ),
    },
    ...LIMIT_FIELDS.map((field): DataColumn<Threshold> => ({
      id: field,
      header: LIMIT_LABEL[field],
      align: 'end',
      cell: (threshold) => (threshold[field] === null ? '—' : formatNumber(threshold[field])),
    })),
    {
      id: 'deadband',
      header: 'Deadband',
      align: 'end',
      cell: (threshold) => formatNumber(threshold.deadband),
    },
    {
      id: 'on-delay',
      header: 'On-delay',
      align: 'end',
      cell: (threshold) => `${threshold.onDelayS} s`,
    },
    {
      id: 'changed',
      header: 'Changed',
      cell: (threshold) => `${formatDateTime(threshold.updatedAt)} by ${threshold.updatedBy}`,
    },
  ];
}

function ThresholdTable({
  thresholds,
  onPick,
}: {
  thresholds: readonly Threshold[];
  onPick: (metric: string) => void;
}) {
  return (
    <DataTable
      rows={thresholds}
      columns={thresholdColumns(onPick)}
      rowKey={(threshold) => threshold.metric}
      caption="Saved alarm limits"
      testId="threshold-table"
      scrollClassName="threshold-table-scroll"
      rowProps={(threshold) => ({ 'data-metric': threshold.metric })}
    />
  );
}
