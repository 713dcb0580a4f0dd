import {
  type JsonObject,
  checkFiniteNumber,
  checkMachineId,
  fieldOf,
  readOptionalCounter,
  readOptionalNumber,
} from './fields';
import { MAX_EXTRA_METRICS } from './limits';
import type { ParsedTelemetry } from './parsed-message';
import { ProtocolRefusal, quote } from './refusal';
import { readTimestamp } from './timestamp';
import type { FactoryTopic } from './topic';

/** Fields with their own meaning; every other numeric field is an extra metric. */
const NAMED_FIELDS = new Set(['timestamp', 'temperature', 'units_produced', 'machine_id']);

/** Metric names become series names and column values: keep them plain. */
const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Names that would reach Object.prototype if some consumer copied extras with `Object.assign`. */
const FORBIDDEN_METRIC_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function parseTelemetry(topic: FactoryTopic, body: JsonObject): ParsedTelemetry {
  checkMachineId(body, topic.machineId, false);
  const sample: ParsedTelemetry = {
    kind: 'telemetry',
    lineId: topic.lineId,
    machineId: topic.machineId,
    timestampMs: readTimestamp(fieldOf(body, 'timestamp'), 'timestamp'),
    extras: readExtraMetrics(body),
  };
  const temperature = readOptionalNumber(body, 'temperature');
  if (temperature !== undefined) sample.temperature = temperature;
  const unitsProduced = readOptionalCounter(body, 'units_produced');
  if (unitsProduced !== undefined) sample.unitsProduced = unitsProduced;
  return sample;
}

/**
 * Numeric fields besides the named ones. Fields of other types (a firmware version string, a
 * flag) are skipped rather than refused: the contract only defines numeric extras, and a
 * machine that adds a label should not lose its whole sample.
 */
function readExtraMetrics(body: JsonObject): Record<string, number> {
  const extras: Record<string, number> = Object.create(null) as Record<string, number>;
  let count = 0;
  for (const name of Object.keys(body)) {
    const value = body[name];
    if (NAMED_FIELDS.has(name) || typeof value !== 'number') continue;
    if (!METRIC_NAME.test(name) || FORBIDDEN_METRIC_NAMES.has(name)) {
      throw new ProtocolRefusal(
        'extras',
        `metric name ${quote(name)} is not a letter then up to 63 of A-Z a-z 0-9 _ . -`,
      );
    }
    extras[name] = checkFiniteNumber(value, name);
    count += 1;
    if (count > MAX_EXTRA_METRICS) {
      throw new ProtocolRefusal('extras', `more than ${MAX_EXTRA_METRICS} extra metrics`);
    }
  }
  return extras;
}
