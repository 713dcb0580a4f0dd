import type { ReportType } from '../../../../shared/contract';
import { REPORT_KINDS } from './report-kinds';

interface ReportTypePickerProps {
  value: ReportType;
  onChange: (type: ReportType) => void;
}

/** The four reports as radio cards, each with a line on what it holds. */
export function ReportTypePicker({ value, onChange }: ReportTypePickerProps) {
  return (
    <fieldset className="report-types">
      <legend>Report</legend>
      {REPORT_KINDS.map((kind) => (
        <label
          key={kind.type}
          className={`report-type${kind.type === value ? ' report-type-chosen' : ''}`}
        >
          <input
            type="radio"
            name="report-type"
            value={kind.type}
            checked={kind.type === value}
            onChange={() => onChange(kind.type)}
            // Named by the title alone; the summary is read as its description.
            aria-labelledby={`report-type-${kind.type}-title`}
            aria-describedby={`report-type-${kind.type}-summary`}
          />
          <span className="report-type-text">
            <span className="report-type-title" id={`report-type-${kind.type}-title`}>
              {kind.title}
            </span>
            <span className="report-type-summary" id={`report-type-${kind.type}-summary`}>
              {kind.summary}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
