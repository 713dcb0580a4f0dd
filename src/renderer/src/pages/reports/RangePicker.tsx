import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { describeDuration, toLocalInput } from '../../lib/report-range';
import { RANGE_CHOICES, type RangeChoice } from './report-kinds';
import type { ReportFormValues } from './report-form-store';
import type { ResolvedRange } from './report-request';

/** "Mon, Nov 23, 06:00": the weekday helps with shifts; seconds would only be noise. */
const rangeTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface RangePickerProps {
  values: ReportFormValues;
  resolved: ResolvedRange;
  /** The shift plan has not loaded yet: shift presets cannot be placed. */
  shiftsKnown: boolean;
  onChange: (patch: Partial<ReportFormValues>) => void;
}

/** Presets by shift and day, or a custom from/to; says which instants the choice stands for. */
export function RangePicker({ values, resolved, shiftsKnown, onChange }: RangePickerProps) {
  const choose = (range: RangeChoice): void => {
    // Custom starts from what was on screen, so people adjust rather than type from scratch.
    if (range === 'custom' && resolved.range && values.range !== 'custom') {
      onChange({
        range,
        customFrom: toLocalInput(resolved.range.fromMs),
        customTo: toLocalInput(resolved.range.toMs),
      });
      return;
    }
    onChange({ range });
  };
  return (
    <fieldset className="report-range">
      <legend>Time range</legend>
      <SelectField
        label="Range"
        value={values.range}
        options={RANGE_CHOICES}
        onChange={choose}
        disabled={!shiftsKnown}
      />
      {values.range === 'custom' && (
        <div className="report-range-custom">
          <TextField
            label="From"
            type="datetime-local"
            value={values.customFrom}
            onChange={(customFrom) => onChange({ customFrom })}
          />
          <TextField
            label="To"
            type="datetime-local"
            value={values.customTo}
            onChange={(customTo) => onChange({ customTo })}
          />
        </div>
      )}
      {resolved.range ? (
        <p className="field-hint" data-testid="report-range-text">
          {resolved.range.label}: {rangeTime.format(resolved.range.fromMs)} to{' '}
          {rangeTime.format(resolved.range.toMs)} (
          {describeDuration(resolved.range.fromMs, resolved.range.toMs)}, plant time)
        </p>
      ) : (
        <p className="field-problem" role="alert">
          {resolved.problem}
        </p>
      )}
    </fieldset>
  );
}
