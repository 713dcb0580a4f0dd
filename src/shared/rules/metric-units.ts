/**
 * The units of the telemetry metrics the factory protocol names, and how a metric reads in a
 * sentence. Alert texts, charts and tables all use these, so a value never appears bare.
 */
const UNITS: Record<string, string> = {
  temperature: '°C',
  units_produced: 'units',
};

/** The unit of a metric ("°C"), or '' when the protocol gives it none. */
export function metricUnit(metric: string): string {
  return UNITS[metric] ?? '';
}

/** A value with its metric's unit: "123.7 °C", joined by a no-break space so they never part. */
export function withMetricUnit(value: number, metric: string): string {
  const unit = metricUnit(metric);
  return unit ? `${value}\u00a0${unit}` : String(value);
}

/** A metric's name as words: "units_produced" → "units produced". */
export function metricWords(metric: string): string {
  return metric.replace(/_/g, ' ');
}

/** The first letter in upper case, for sentences that start with a name ("Temperature of …"). */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
