import { useState } from 'react';
import type { CommandName, CommandRecord } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { CommandStatus } from './CommandStatus';
import { COMMAND_LABEL, describeCommand } from './command-text';

interface Request {
  command: CommandName;
  unitsPerMinute?: number;
}

interface CommandPanelProps {
  machineId: string;
  machineName: string;
  commands: readonly CommandRecord[];
  onSent: (record: CommandRecord) => void;
}

const MAX_RATE = 100_000;

function parseRate(text: string): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 && value <= MAX_RATE
    ? value
    : null;
}

/** Start, stop, reset and set rate, each confirmed first: a machine moves when this is used. */
export function CommandPanel({ machineId, machineName, commands, onSent }: CommandPanelProps) {
  const [asking, setAsking] = useState<Request | null>(null);
  const [rateText, setRateText] = useState('');
  const [sentId, setSentId] = useState<string | null>(null);
  const action = useAction();
  const rate = parseRate(rateText);
  // The live history follows the answer; the panel shows the latest state of what it sent.
  const sent = commands.find((record) => record.id === sentId) ?? null;

  const send = async (request: Request): Promise<void> => {
    const ok = await action.run(async () => {
      const record = await api.call('machines.command', { machineId, ...request });
      setSentId(record.id);
      onSent(record);
    });
    if (ok) setAsking(null);
  };

  return (
    <section className="panel" aria-labelledby="command-title" data-testid="command-panel">
      <h2 id="command-title">Commands</h2>
      <div className="button-row command-buttons">
        {(['start', 'stop', 'reset'] as const).map((command) => (
          <button
            key={command}
            type="button"
            className={command === 'stop' ? 'button-danger' : undefined}
            disabled={action.blocked}
            onClick={() => setAsking({ command })}
          >
            {COMMAND_LABEL[command]}
          </button>
        ))}
      </div>
      <div className="inline-form">
        <TextField
          label="Rate (units per minute)"
          type="number"
          min={1}
          max={MAX_RATE}
          value={rateText}
          onChange={setRateText}
          problem={rateText !== '' && rate === null ? `Enter a number from 1 to ${MAX_RATE}` : null}
        />
        <button
          type="button"
          disabled={rate === null || action.blocked}
          onClick={() => rate !== null && setAsking({ command: 'set_rate', unitsPerMinute: rate })}
        >
          Set rate
        </button>
      </div>
      {sent && (
        <p className="command-result" role="status" data-testid="command-result">
          <code>{describeCommand(sent)}</code> <CommandStatus record={sent} />
          {sent.answer && <span> · {sent.answer}</span>}
        </p>
      )}
      {asking && (
        <ConfirmDialog
          title={`${COMMAND_LABEL[asking.command]} ${machineName}?`}
          question={confirmQuestion(asking, machineName, machineId)}
          confirmLabel={`Send ${COMMAND_LABEL[asking.command].toLowerCase()}`}
          pending={action.disabled}
          error={action.error}
          onConfirm={() => void send(asking)}
          onCancel={() => {
            action.setError(null);
            setAsking(null);
          }}
        />
      )}
    </section>
  );
}

function confirmQuestion(request: Request, name: string, id: string): string {
  const what =
    request.command === 'set_rate'
      ? `set the rate of ${name} (${id}) to ${request.unitsPerMinute} units per minute`
      : `send "${request.command}" to ${name} (${id})`;
  return `This will ${what}. The machine acts on it at once. Continue?`;
}
