import { useState, type FormEvent } from 'react';
import type { SpecPreview } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { localInputToIso } from '../../lib/time';
import { SpecPreviewResult } from './SpecPreviewResult';

interface Draft {
  productId: string;
  testStep: string;
  lineId: string;
  lower: string;
  upper: string;
  validFrom: string;
}

const EMPTY: Draft = {
  productId: '',
  testStep: '',
  lineId: '',
  lower: '',
  upper: '',
  validFrom: '',
};

/** A blank limit is an open side (null); anything else must be a number. */
function parseLimit(text: string): number | null | 'invalid' {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : 'invalid';
}

/** Adds a version of the limits; "Preview" first shows what it would change. */
export function SpecForm({ onSaved }: { onSaved: () => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [preview, setPreview] = useState<SpecPreview | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  const lower = parseLimit(draft.lower);
  const upper = parseLimit(draft.upper);
  const ready =
    draft.productId.trim() !== '' &&
    draft.testStep.trim() !== '' &&
    lower !== 'invalid' &&
    upper !== 'invalid' &&
    (lower !== null || upper !== null);

  const set = (key: keyof Draft) => (value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    // A preview of other limits would mislead: it must be asked for again.
    setPreview(null);
    setSaved(null);
  };

  const limits = () => ({
    productId: draft.productId.trim(),
    testStep: draft.testStep.trim(),
    // Blank: plant-wide limits (admins); a line's own limits win over them for that line.
    ...(draft.lineId.trim() ? { lineId: draft.lineId.trim() } : {}),
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
      setDraft(EMPTY);
      setPreview(null);
      onSaved();
    }
  };

  return (
    <form className="spec-form" aria-label="New spec limits" onSubmit={(event) => void save(event)}>
      <h3>Add a version of the limits</h3>
      <div className="form-columns">
        <TextField
          label="Product"
          value={draft.productId}
          onChange={set('productId')}
          maxLength={64}
          required
        />
        <TextField
          label="Test step"
          value={draft.testStep}
          onChange={set('testStep')}
          maxLength={64}
          required
        />
        <TextField
          label="Line"
          value={draft.lineId}
          onChange={set('lineId')}
          maxLength={64}
          hint="Blank: plant-wide (admins only). A line's own limits win there."
        />
        <TextField
          label="Lower limit"
          inputMode="decimal"
          value={draft.lower}
          onChange={set('lower')}
          hint="Blank: open below"
          problem={lower === 'invalid' ? 'Enter a number or leave blank' : null}
        />
        <TextField
          label="Upper limit"
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
