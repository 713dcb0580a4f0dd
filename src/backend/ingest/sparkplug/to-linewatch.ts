import type { SparkplugMetricRole } from '../../../shared/contract/sparkplug-schemas';
import type { ParsedMessage, ParsedState, ParsedTelemetry } from '../protocol';
import { MACHINE_STATES, type MachineState } from '../protocol';
import { MAX_ID_LENGTH } from '../protocol/limits';
import { parseTestResult } from '../protocol/parse-test-result';
import { ProtocolRefusal } from '../protocol/refusal';
import { hash } from 'node:crypto';
import type { ResolvedMetric } from './edge-node-sessions';
import { extraMetricName, roleOf } from './metric-roles';
import { isCommandRole } from './sparkplug-commands';

export interface MachineMapping {
  lineId: string;
  machineId: string;
  roles: Readonly<Record<string, SparkplugMetricRole>>;
}

/** The text metrics a test result takes from earlier messages (barcode, product, step, …). */
export type Remembered = Map<string, string>;

export type Translation =
  { ok: true; messages: ParsedMessage[] } | { ok: false; reason: string; field: string };

/** A metric's name as a reason quotes it (worked out only when there is a reason to give). */
const labelOf = (name: string) => JSON.stringify(name.slice(0, 60));

/**
 * A Sparkplug test result's message id: the same for a redelivery of the same unit and step at
 * the same time on the same device. It begins with the time (base 36, fixed width), so the
 * results of a stream land at the end of the unique message-id index, not all over it; then
 * 132 bits of the key's SHA-256 (base64url), short so the index stays small.
 */
function resultMessageId(timestampMs: number, unitKey: string): string {
  const time = Math.max(0, Math.trunc(timestampMs)).toString(36).padStart(9, '0');
  return `spb-${time}-${hash('sha256', unitKey, 'base64url').slice(0, 22)}`.slice(0, MAX_ID_LENGTH);
}

/** The telemetry sample of one timestamp (one per timestamp of a message's metrics). */
function sampleAt(
  samples: Map<number, ParsedTelemetry>,
  mapping: MachineMapping,
  timestampMs: number,
): ParsedTelemetry {
  let found = samples.get(timestampMs);
  if (!found) {
    found = {
      kind: 'telemetry',
      lineId: mapping.lineId,
      machineId: mapping.machineId,
      timestampMs,
      extras: Object.create(null) as Record<string, number>,
    };
    samples.set(timestampMs, found);
  }
  return found;
}

const TEXT_ROLES = new Set<SparkplugMetricRole>([
  'barcode',
  'product_id',
  'test_step',
  'unit',
  'operator',
]);

/**
 * Turns a mapped device's metrics into the messages the JSON protocol would have carried:
 * telemetry samples (one per timestamp: temperature, units counter, extras), state changes,
 * and a test result for each `measured_value`, its barcode, product and step taken from the
 * same message or the device's latest values of those metrics. A birth restates values, so it
 * stores telemetry and state but never a new test result.
 */
export function toLinewatch(
  mapping: MachineMapping,
  metrics: readonly ResolvedMetric[],
  remembered: Remembered,
  options: { birth: boolean; deviceLabel: string },
): Translation {
  const address = { lineId: mapping.lineId, machineId: mapping.machineId };
  const samples = new Map<number, ParsedTelemetry>();
  const states: ParsedState[] = [];
  const values: ResolvedMetric[] = [];
  for (const metric of metrics) {
    const role = roleOf(metric.name, mapping.roles);
    const value = metric.value;
    // A command metric is Linewatch's own write: its reports answer commands (sparkplug-ingest).
    if (role === 'ignore' || isCommandRole(role) || value === null) continue;
    if (TEXT_ROLES.has(role)) {
      remembered.set(role, String(value));
    } else if (role === 'state') {
      if (typeof value !== 'string' || !(MACHINE_STATES as readonly string[]).includes(value)) {
        return {
          ok: false,
          field: metric.name,
          reason: `${labelOf(metric.name)}: ${JSON.stringify(String(value).slice(0, 40))} is not a machine state (${MACHINE_STATES.join(', ')})`,
        };
      }
      states.push({
        kind: 'state',
        ...address,
        timestampMs: metric.timestampMs,
        state: value as MachineState,
      });
    } else if (role === 'measured_value') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return {
          ok: false,
          field: metric.name,
          reason: `${labelOf(metric.name)}: a measured value must be a number`,
        };
      }
      values.push(metric);
    } else if (role === 'temperature' || role === 'units_produced' || role === 'extra') {
      const number = typeof value === 'boolean' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) {
        if (role === 'extra') continue; // text extras are labels: skipped, as in the JSON protocol
        return {
          ok: false,
          field: metric.name,
          reason: `${labelOf(metric.name)}: ${role} must be a number`,
        };
      }
      const target = sampleAt(samples, mapping, metric.timestampMs);
      if (role === 'temperature') target.temperature = number;
      else if (role === 'units_produced') {
        if (!Number.isInteger(number) || number < 0) {
          return {
            ok: false,
            field: metric.name,
            reason: `${labelOf(metric.name)}: the units counter must be a whole number ≥ 0`,
          };
        }
        target.unitsProduced = number;
      } else target.extras[extraMetricName(metric.name)] = number;
    }
  }
  const messages: ParsedMessage[] = [...samples.values(), ...states];
  if (options.birth) return { ok: true, messages };
  for (const metric of values) {
    const barcode = remembered.get('barcode');
    const productId = remembered.get('product_id');
    const testStep = remembered.get('test_step');
    if (!barcode || !productId || !testStep) {
      const missing = [!barcode && 'barcode', !productId && 'product_id', !testStep && 'test_step']
        .filter(Boolean)
        .join(', ');
      return {
        ok: false,
        field: metric.name,
        reason: `${JSON.stringify(metric.name.slice(0, 60))}: a test result needs ${missing} (no metric of that meaning yet)`,
      };
    }
    // Checked by the JSON protocol's own parser: the same limits, the same reasons.
    const unitKey = `${options.deviceLabel}\u0000${barcode}\u0000${testStep}\u0000${metric.timestampMs}`;
    const body = {
      barcode,
      machine_id: mapping.machineId,
      product_id: productId,
      test_step: testStep,
      measured_value: metric.value,
      timestamp: metric.timestampMs,
      unit: remembered.get('unit'),
      operator: remembered.get('operator'),
      // One result per device, unit, step and time: a redelivered message is stored once.
      message_id: resultMessageId(metric.timestampMs, unitKey),
    };
    try {
      messages.push(parseTestResult({ ...address, kind: 'test' }, body));
    } catch (error) {
      if (!(error instanceof ProtocolRefusal)) throw error;
      return { ok: false, field: error.field ?? metric.name, reason: error.message };
    }
  }
  return { ok: true, messages };
}
