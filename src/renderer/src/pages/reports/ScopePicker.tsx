import { useId } from 'react';
import type { Plant, Role } from '../../../../shared/contract';

interface ScopePickerProps {
  plant: Plant | null;
  role: Role;
  value: string;
  onChange: (scope: string) => void;
}

/** "Assembly 1 (L-1)", or just "L-1" while a line has no name of its own. */
function named(name: string, id: string): string {
  return name && name !== id ? `${name} (${id})` : id;
}

/**
 * Plant, one line or one machine. `plant.list` returns only what the user may see, so an
 * engineer is offered their own lines and nothing else.
 */
export function ScopePicker({ plant, role, value, onChange }: ScopePickerProps) {
  const id = useId();
  const lines = plant?.lines ?? [];
  const machines = plant?.machines ?? [];
  const known =
    value === '' ||
    lines.some((line) => `line:${line.id}` === value) ||
    machines.some((machine) => `machine:${machine.id}` === value);
  return (
    <div className="field">
      <label htmlFor={id}>Scope</label>
      <select
        id={id}
        value={known ? value : ''}
        disabled={!plant}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{role === 'admin' ? 'Whole plant' : 'All my lines'}</option>
        {lines.map((line) => (
          <optgroup key={line.id} label={`Line ${named(line.name, line.id)}`}>
            <option value={`line:${line.id}`}>Whole line {named(line.name, line.id)}</option>
            {machines
              .filter((machine) => machine.lineId === line.id)
              .map((machine) => (
                <option key={machine.id} value={`machine:${machine.id}`}>
                  Machine {named(machine.name, machine.id)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
