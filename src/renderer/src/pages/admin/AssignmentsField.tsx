import { useId } from 'react';
import type { Plant, Role } from '../../../../shared/contract';
import { assignmentKindOf } from '../../../../shared/rules/scope';
import {
  formatIdentifierList,
  invalidIdentifiers,
  parseIdentifierList,
} from '../../lib/identifiers';

interface AssignmentsFieldProps {
  role: Role;
  /** Comma-separated identifiers, as typed. */
  value: string;
  onChange: (value: string) => void;
  plant: Plant;
}

/**
 * Lines for engineers, machines for operators. Identifiers can be typed (machines that have
 * not reported yet) or ticked from what the plant already knows.
 */
export function AssignmentsField({ role, value, onChange, plant }: AssignmentsFieldProps) {
  const id = useId();
  const kind = assignmentKindOf(role);
  if (kind === null) {
    return <p className="field-hint">Administrators see the whole plant; nothing to assign.</p>;
  }
  const forLines = kind === 'lines';
  const chosen = parseIdentifierList(value);
  const invalid = invalidIdentifiers(chosen);
  const known = forLines
    ? plant.lines.map((line) => ({ id: line.id, label: line.name || line.id }))
    : plant.machines.map((machine) => ({
        id: machine.id,
        label: `${machine.name || machine.id} (line ${machine.lineId})`,
      }));

  const toggle = (itemId: string, checked: boolean): void => {
    const next = checked ? [...chosen, itemId] : chosen.filter((item) => item !== itemId);
    onChange(formatIdentifierList([...new Set(next)]));
  };

  return (
    <fieldset className="assignments">
      <legend>{forLines ? 'Assigned lines' : 'Assigned machines'}</legend>
      <div className="field">
        <label htmlFor={id}>{forLines ? 'Line identifiers' : 'Machine identifiers'}</label>
        <input
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={invalid.length > 0 ? true : undefined}
        />
        <p className="field-hint" id={`${id}-hint`}>
          Separate with commas, e.g. {forLines ? 'L-1, L-2' : 'M-101, M-102'}.
        </p>
        {invalid.length > 0 && (
          <p className="field-problem">
            Not valid identifiers: {invalid.join(', ')} (use A–Z, a–z, 0–9, _ and -)
          </p>
        )}
      </div>
      {known.length > 0 ? (
        <div
          className="pick-list"
          role="group"
          aria-label={forLines ? 'Known lines' : 'Known machines'}
        >
          {known.map((item) => (
            <label key={item.id} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(item.id)}
                onChange={(event) => toggle(item.id, event.target.checked)}
              />
              <span>
                <code>{item.id}</code> {item.label !== item.id && item.label}
              </span>
            </label>
          ))}
        </div>
      ) : (
        <p className="field-hint">
          The plant has no {forLines ? 'lines' : 'machines'} on record yet; type identifiers above.
        </p>
      )}
    </fieldset>
  );
}
