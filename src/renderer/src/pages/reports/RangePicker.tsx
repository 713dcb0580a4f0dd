import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { toPlantInput } from '../../../../shared/rules/plant-time';
import { describeDuration } from '../../lib/report-range';
import { RANGE_CHOICES, type RangeChoice } from './report-kinds';
import type { ReportFormValues } from './report-form-store';
import type { ResolvedRange } from './report-request';

/** "Mon, Nov 23, 06:00" on the plant's clock: the weekday helps with shifts. */
const rangeTime = (timeZone: string) =>
  new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });

interface RangePickerProps {
  values: ReportFormValues;
  resolved: ResolvedRange;
  /** The shift plan has not loaded yet: shift presets cannot be placed. */
  shiftsKnown: boolean;
  /** The plant's time zone: presets, inputs and the text below are on its clock. */
  timeZone: string;
  onChange: (patch: Partial<ReportFormValues>) => void;
}

/** Presets by shift and day, or a custom from/to; says which instants the choice stands for. */
export function RangePicker({
  values,
  resolved,
  shiftsKnown,
  timeZone,
  onChange,
}: RangePickerProps) {
  const format = rangeTime(timeZone);
  const choose = (range: RangeChoice): void => {
    // Custom starts from what was on screen, so people adjust rather than type from scratch.
    if (range === 'custom' && resolved.range && values.range !== 'custom') {
      onChange({
        range,
        customFrom: toPlantInput(resolved.range.fromMs, timeZone),
        customTo: toPlantInput(resolved.range.toMs, timeZone),
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
          {resolved.range.label}: {format.format(resolved.range.fromMs)} to{' '}
          {format.format(resolved.range.toMs)} (
          {describeDuration(resolved.range.fromMs, resolved.range.toMs)}, plant time, {timeZone})
        </p>
      ) : (
        <p className="field-problem" role="alert">
          {resolved.problem}
        </p>
      )}
    </fieldset>
  );
}
