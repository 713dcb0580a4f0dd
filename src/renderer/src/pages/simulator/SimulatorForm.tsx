import { useState, type FormEvent } from 'react';
import {
  SCENARIO_EXPLANATIONS,
  SIMULATOR_LIMITS,
  SimulatorScenario,
  type ApiErrorBody,
  type SimulatorOptions,
  type SimulatorStatus,
} from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAction } from '../../hooks/use-action';
import { toApiErrorBody } from '../../lib/errors';
import { useSession } from '../../state/session-store';
import { optionProblems, type NumberField, type OptionFields } from '../../lib/simulator-options';

interface SimulatorFormProps {
  status: SimulatorStatus | null;
  onChanged: (status: SimulatorStatus) => void;
}

const DEFAULTS: OptionFields = {
  lines: '2',
  machinesPerLine: '3',
  rate: '2',
  seed: '42',
  scenarios: [],
};

/** The backend's "an admin must confirm" refusal (handlers/simulator.ts). */
function isProductionRefusal(error: ApiErrorBody): boolean {
  return error.code === 'FORBIDDEN' && error.message.startsWith('confirmProduction:');
}

function fieldsOf(options: SimulatorOptions): OptionFields {
  return {
    lines: String(options.lines),
    machinesPerLine: String(options.machinesPerLine),
    rate: String(options.rate),
    seed: String(options.seed),
    scenarios: [...options.scenarios],
  };
}

/** The run's options and Start / Stop. While a run goes on, the form shows its options, locked. */
export function SimulatorForm({ status, onChanged }: SimulatorFormProps) {
  const running = status?.running ?? false;
  // The last run's options are the best guess for the next one.
  const [fields, setFields] = useState<OptionFields>(() =>
    status?.options ? fieldsOf(status.options) : DEFAULTS,
  );
  const [showProblems, setShowProblems] = useState(false);
  const starting = useAction();
  const stopping = useAction();
  const isAdmin = useSession((state) => state.user?.role === 'admin');
  /** The backend's reason to confirm, while the admin is asked. */
  const [productionQuestion, setProductionQuestion] = useState<string | null>(null);
  const shown = running && status?.options ? fieldsOf(status.options) : fields;
  const problems = optionProblems(fields);
  const set = (key: NumberField) => (value: string) =>
    setFields((before) => ({ ...before, [key]: value }));
  const toggle = (scenario: SimulatorScenario, on: boolean): void =>
    setFields((before) => ({
      ...before,
      scenarios: on
        ? [...before.scenarios, scenario]
        : before.scenarios.filter((name) => name !== scenario),
    }));

  const launch = (confirmProduction: boolean): void => {
    void starting.run(async () => {
      try {
        onChanged(
          await api.call('simulator.start', {
            lines: Number(fields.lines),
            machinesPerLine: Number(fields.machinesPerLine),
            rate: Number(fields.rate),
            seed: Number(fields.seed),
            scenarios: fields.scenarios,
            ...(confirmProduction ? { confirmProduction: true } : {}),
          }),
        );
        setProductionQuestion(null);
      } catch (caught) {
        // Linewatch reads the plant's own broker: an admin is asked before publishing into it;
        // anyone else is told an admin must (the backend's refusal, shown as is).
        const refusal = toApiErrorBody(caught);
        if (!confirmProduction && isAdmin && isProductionRefusal(refusal)) {
          setProductionQuestion(refusal.message.replace(/^confirmProduction: /, ''));
          return;
        }
        throw caught;
      }
    });
  };
  const start = (event: FormEvent): void => {
    event.preventDefault();
    setShowProblems(true);
    if (Object.keys(problems).length > 0) return;
    launch(false);
  };
  const stop = (): void => {
    void stopping.run(async () => onChanged(await api.call('simulator.stop', {})));
  };
  const problem = (key: NumberField): string | null =>
    showProblems && !running ? (problems[key] ?? null) : null;

  return (
    <section className="panel" aria-labelledby="simulator-form-title">
      <h2 id="simulator-form-title">Simulated plant</h2>
      <form onSubmit={start} aria-label="Simulator options" noValidate>
        <fieldset disabled={running || starting.disabled} className="plain-fieldset">
          <div className="form-columns">
            <TextField
              label="Lines"
              inputMode="numeric"
              value={shown.lines}
              onChange={set('lines')}
              hint="1 to 20: LINE-1, LINE-2, …"
              problem={problem('lines')}
            />
            <TextField
              label="Machines per line"
              inputMode="numeric"
              value={shown.machinesPerLine}
              onChange={set('machinesPerLine')}
              hint={`1 to ${SIMULATOR_LIMITS.machinesPerLine.max}, at most ${SIMULATOR_LIMITS.machines.max.toLocaleString('en-US')} in all: MACH-1-01, MACH-1-02, …`}
              problem={problem('machinesPerLine')}
            />
            <TextField
              label="Rate (messages/s per machine)"
              inputMode="decimal"
              value={shown.rate}
              onChange={set('rate')}
              hint="0.1 to 100; a fifth telemetry, the rest test results."
              problem={problem('rate')}
            />
            <TextField
              label="Seed"
              inputMode="numeric"
              value={shown.seed}
              onChange={set('seed')}
              hint="The same seed gives the same machines and values."
              problem={problem('seed')}
            />
          </div>
          <fieldset className="plain-fieldset scenario-list">
            <legend>Scenarios</legend>
            {SimulatorScenario.options.map((scenario) => (
              <label key={scenario} className="check scenario-switch">
                <input
                  type="checkbox"
                  checked={shown.scenarios.includes(scenario)}
                  onChange={(event) => toggle(scenario, event.target.checked)}
                />
                <span>
                  <strong>{scenario}</strong>
                  <span className="muted"> — {SCENARIO_EXPLANATIONS[scenario]}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </fieldset>
        <ErrorMessage error={starting.error ?? stopping.error} />
        <div className="button-row">
          {running ? (
            <button
              type="button"
              className="button-danger"
              onClick={stop}
              disabled={stopping.disabled}
            >
              {stopping.pending ? 'Stopping…' : 'Stop simulator'}
            </button>
          ) : (
            <button type="submit" className="button-primary" disabled={starting.disabled}>
              {starting.pending ? 'Starting…' : 'Start simulator'}
            </button>
          )}
        </div>
      </form>
      {productionQuestion && (
        <ConfirmDialog
          title="Publish into the production broker?"
          question={`${productionQuestion.replace(/; an admin must confirm.*$/, '')}. Its machines are marked simulated. Start it anyway?`}
          confirmLabel="Start against this broker"
          pending={starting.pending}
          error={starting.error}
          onConfirm={() => launch(true)}
          onCancel={() => setProductionQuestion(null)}
        />
      )}
    </section>
  );
}
