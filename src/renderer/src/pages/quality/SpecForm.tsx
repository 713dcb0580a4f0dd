import { useId, useState, type FormEvent } from 'react';
import type { Line, SpecPreview } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { localInputToIso } from '../../lib/time';
import { parseLimit, type SpecDraft } from './spec-draft';
import { SpecPreviewResult } from './SpecPreviewResult';
import type { StepChoice } from './use-capability';
import { useStepUnit } from './use-step-unit';

interface SpecFormProps {
  /** What the form starts with: blank, or a version to build on. */
  initial: SpecDraft;
  /** Products and steps known from limits and recent results, to pick from. */
  choices: readonly StepChoice[];
  /** The lines the caller may set limits for. */
  lines: readonly Line[];
  /** Admins may also set plant-wide limits. */
  mayWritePlantWide: boolean;
  onSaved: () => void;
}

const PLANT_WIDE = '';

/** Adds a version of the limits; "Preview" first shows what it would change. */
export function SpecForm({ initial, choices, lines, mayWritePlantWide, onSaved }: SpecFormProps) {
  const [draft, setDraft] = useState<SpecDraft>(() =>
    // Someone who may not write plant-wide limits starts on their own first line.
    !mayWritePlantWide && initial.lineId === PLANT_WIDE
      ? { ...initial, lineId: lines[0]?.id ?? '' }
      : initial,
  );
  const [preview, setPreview] = useState<SpecPreview | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  const listId = useId();
  const unit = useStepUnit(draft.productId.trim(), draft.testStep.trim());
  const lower = parseLimit(draft.lower);
  const upper = parseLimit(draft.upper);
  const ready =
    draft.productId.trim() !== '' &&
    draft.testStep.trim() !== '' &&
    (mayWritePlantWide || draft.lineId !== PLANT_WIDE) &&
    lower !== 'invalid' &&
    upper !== 'invalid' &&
    (lower !== null || upper !== null);

  const set = (key: keyof SpecDraft) => (value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    // A preview of other limits would mislead: it must be asked for again.
    setPreview(null);
    setSaved(null);
  };

  const limits = () => ({
    productId: draft.productId.trim(),
    testStep: draft.testStep.trim(),
    // Blank: plant-wide limits (admins); a line's own limits win over them for that line.
    ...(draft.lineId ? { lineId: draft.lineId } : {}),
    lower: lower === 'invalid' ? null : lower,
    upper: upper === 'invalid' ? null : upper,
  });

  const runPreview = (): void => {
    void action.run(async () => setPreview(await api.call('specs.preview', limits())));
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const ok = await action.run(async () => {
      const spec = await api.call('specs.save', {
        ...limits(),
        validFrom: localInputToIso(draft.validFrom),
      });
      const where = spec.lineId ? `for line ${spec.lineId}` : 'plant-wide';
      setSaved(`Saved ${spec.productId} · ${spec.testStep} ${where} as version ${spec.version}.`);
    });
    if (ok) {
      setDraft((current) => ({ ...current, lower: '', upper: '', validFrom: '' }));
      setPreview(null);
      onSaved();
    }
  };

  const products = [...new Set(choices.map((choice) => choice.productId))];
  const steps = choices
    .filter((choice) => choice.productId === draft.productId.trim())
    .map((choice) => choice.testStep);
  const lineOptions = [
    ...(mayWritePlantWide ? [{ value: PLANT_WIDE, label: 'Plant-wide (every line)' }] : []),
    ...lines.map((line) => ({
      value: line.id,
      label: line.name && line.name !== line.id ? `${line.id} · ${line.name}` : line.id,
    })),
  ];
  const inUnit = unit ? ` (${unit})` : '';

  return (
    <form className="spec-form" aria-label="New spec limits" onSubmit={(event) => void save(event)}>
      <h3>Add a version of the limits</h3>
      <datalist id={`${listId}-products`}>
        {products.map((product) => (
          <option key={product} value={product} />
        ))}
      </datalist>
      <datalist id={`${listId}-steps`}>
        {steps.map((step) => (
          <option key={step} value={step} />
        ))}
      </datalist>
      <div className="form-columns">
        <TextField
          label="Product"
          list={`${listId}-products`}
          value={draft.productId}
          onChange={set('productId')}
          maxLength={64}
          hint={products.length > 0 ? 'Pick a known product or type a new one' : undefined}
          required
        />
        <TextField
          label="Test step"
          list={`${listId}-steps`}
          value={draft.testStep}
          onChange={set('testStep')}
          maxLength={64}
          hint={stepHint(draft, unit)}
          required
        />
        <SelectField
          label="Applies to"
          value={draft.lineId}
          options={lineOptions}
          onChange={set('lineId')}
          disabled={lineOptions.length === 0}
        />
        <TextField
          label={`Lower limit${inUnit}`}
          inputMode="decimal"
          value={draft.lower}
          onChange={set('lower')}
          hint="Blank: open below"
          problem={lower === 'invalid' ? 'Enter a number or leave blank' : null}
        />
        <TextField
          label={`Upper limit${inUnit}`}
          inputMode="decimal"
          value={draft.upper}
          onChange={set('upper')}
          hint="Blank: open above"
          problem={upper === 'invalid' ? 'Enter a number or leave blank' : null}
        />
        <TextField
          label="Valid from"
          type="datetime-local"
          value={draft.validFrom}
          onChange={set('validFrom')}
          hint="Blank: from now. Past verdicts never change."
        />
      </div>
      {!mayWritePlantWide && lines.length === 0 && (
        <p className="muted">No line is assigned to you, so you cannot set limits.</p>
      )}
      <ErrorMessage error={action.error} />
      <SuccessMessage text={saved} />
      {preview && <SpecPreviewResult preview={preview} />}
      <div className="button-row">
        <button type="button" onClick={runPreview} disabled={!ready || action.disabled}>
          Preview
        </button>
        <button type="submit" className="button-primary" disabled={!ready || action.disabled}>
          Save limits
        </button>
      </div>
    </form>
  );
}

/** Tells the unit the step's results carry, so limits are typed in the right one. */
function stepHint(draft: SpecDraft, unit: string | null | undefined): string | undefined {
  if (draft.productId.trim() === '' || draft.testStep.trim() === '') return undefined;
  if (unit === undefined) return 'Looking up its unit…';
  if (unit === null) return 'No results yet: the unit is not known';
  return `Results are measured in ${unit}`;
}
