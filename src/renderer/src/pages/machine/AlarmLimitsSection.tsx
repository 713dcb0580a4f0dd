import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { LimitTemplate, TemplateLimit } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { useAction } from '../../hooks/use-action';
import { useLoad } from '../../hooks/use-load';
import { ThresholdPanel } from '../admin/ThresholdPanel';
import '../admin/plant-admin.css';

interface AlarmLimitsSectionProps {
  machineId: string;
  lineId: string;
  /** The machines of this line the user may see, for "chosen machines". */
  lineMachines: readonly string[];
}

type Target = 'machine' | 'line' | 'chosen';

/**
 * The machine's alarm limits, for engineers of its line and admins: the threshold editor, and
 * a template to apply to this machine, the whole line or chosen machines. The backend checks
 * the scope of every change; this only offers what the user may see.
 */
export function AlarmLimitsSection({ machineId, lineId, lineMachines }: AlarmLimitsSectionProps) {
  const thresholds = useLoad(
    () => api.call('thresholds.list', { machineId }),
    `thresholds:${machineId}`,
  );
  const templates = useLoad(() => api.call('limitTemplates.list', {}), 'limit-templates');
  // A template applied here changes the limits under the editor: once they are reloaded, the
  // editor starts afresh from them (a save in the editor itself keeps its form and message).
  const [version, setVersion] = useState(0);
  const awaitingReload = useRef(false);
  useEffect(() => {
    if (!awaitingReload.current) return;
    awaitingReload.current = false;
    setVersion((current) => current + 1);
  }, [thresholds.data]);
  return (
    <div className="alarm-limits-section" data-testid="alarm-limits-section">
      <ErrorMessage error={thresholds.error} />
      {thresholds.data && (
        <ThresholdPanel
          key={`${machineId}:${version}`}
          machineId={machineId}
          thresholds={thresholds.data}
          onSaved={thresholds.reload}
        />
      )}
      <TemplatePanel
        machineId={machineId}
        lineId={lineId}
        lineMachines={lineMachines}
        templates={templates.data ?? []}
        loadError={templates.error}
        onApplied={() => {
          awaitingReload.current = true;
          thresholds.reload();
        }}
      />
    </div>
  );
}

function TemplatePanel({
  machineId,
  lineId,
  lineMachines,
  templates,
  loadError,
  onApplied,
}: AlarmLimitsSectionProps & {
  templates: readonly LimitTemplate[];
  loadError: ReturnType<typeof useLoad>['error'];
  onApplied: () => void;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const [target, setTarget] = useState<Target>('machine');
  const [chosen, setChosen] = useState<string[]>([machineId]);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const template = templates.find((candidate) => candidate.name === name) ?? templates[0];

  const apply = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!template) return;
    setDone(null);
    await action.run(async () => {
      const input =
        target === 'line'
          ? { name: template.name, lineId }
          : { name: template.name, machineIds: target === 'machine' ? [machineId] : chosen };
      const applied = await api.call('limitTemplates.apply', input);
      setDone(
        `Applied "${applied.name}" to ${applied.machineIds.length === 1 ? applied.machineIds[0] : `${applied.machineIds.length} machines`}.`,
      );
      onApplied();
    });
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="limit-template-panel">
      <h2 id={`${id}-title`}>Apply a limit template</h2>
      <ErrorMessage error={loadError} />
      {templates.length === 0 ? (
        <p className="muted">No templates yet: an admin keeps them.</p>
      ) : (
        <form aria-label="Apply a limit template" onSubmit={(event) => void apply(event)}>
          <div className="field">
            <label htmlFor={`${id}-template`}>Template</label>
            <select
              id={`${id}-template`}
              value={template?.name ?? ''}
              onChange={(event) => setName(event.target.value)}
            >
              {templates.map((candidate) => (
                <option key={candidate.name} value={candidate.name}>
                  {candidate.name}
                  {candidate.autoApply ? ' (default for new machines)' : ''}
                </option>
              ))}
            </select>
          </div>
          {template && <p className="field-hint">{describe(template.limits)}</p>}
          <fieldset className="template-targets">
            <legend>Apply to</legend>
            <TargetChoice value="machine" target={target} onPick={setTarget}>
              This machine ({machineId})
            </TargetChoice>
            <TargetChoice value="line" target={target} onPick={setTarget}>
              Every machine of line {lineId}
            </TargetChoice>
            <TargetChoice value="chosen" target={target} onPick={setTarget}>
              Chosen machines of line {lineId}
            </TargetChoice>
            {target === 'chosen' && (
              <div className="template-machines">
                {lineMachines.map((candidate) => (
                  <label key={candidate} className="check">
                    <input
                      type="checkbox"
                      checked={chosen.includes(candidate)}
                      onChange={(event) =>
                        setChosen((current) =>
                          event.target.checked
                            ? [...current, candidate]
                            : current.filter((other) => other !== candidate),
                        )
                      }
                    />
                    <span>{candidate}</span>
                  </label>
                ))}
              </div>
            )}
          </fieldset>
          <ErrorMessage error={action.error} />
          <SuccessMessage text={done} />
          <button
            type="submit"
            className="button-primary"
            disabled={action.disabled || (target === 'chosen' && chosen.length === 0)}
          >
            Apply template
          </button>
        </form>
      )}
    </section>
  );
}

function TargetChoice({
  value,
  target,
  onPick,
  children,
}: {
  value: Target;
  target: Target;
  onPick: (value: Target) => void;
  children: string | string[];
}) {
  return (
    <label className="check">
      <input
        type="radio"
        name="template-target"
        checked={target === value}
        onChange={() => onPick(value)}
      />
      <span>{children}</span>
    </label>
  );
}

/** "temperature H 90, HH 105 · vibration H 4, HH 8": what the template would set. */
function describe(limits: readonly TemplateLimit[]): string {
  return limits
    .map((limit) => {
      const parts = [
        limit.lowLow !== null ? `LL ${limit.lowLow}` : '',
        limit.low !== null ? `L ${limit.low}` : '',
        limit.high !== null ? `H ${limit.high}` : '',
        limit.highHigh !== null ? `HH ${limit.highHigh}` : '',
      ].filter(Boolean);
      return `${limit.metric} ${parts.join(', ')}`;
    })
    .join(' · ');
}
