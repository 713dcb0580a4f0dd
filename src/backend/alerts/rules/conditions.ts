import type { AlertPriority, AlertSource } from '../../../shared/contract';
import type { LimitKind } from './limit-watch';
import { FAIL_RATE_LIMIT, FAIL_RATE_WINDOW } from './fail-rate';
import { DEAD_LETTER_SPIKE } from './rate-window';
import { metricWords, sentenceCase, withMetricUnit } from '../../../shared/rules/metric-units';

/**
 * A condition Linewatch watches, as an alert would describe it. The key names the condition:
 * one open alert per key while it lasts.
 */
export interface Condition {
  key: string;
  source: AlertSource;
  priority: AlertPriority;
  lineId: string | null;
  machineId: string | null;
  message: string;
  value: number | null;
}

const LIMIT_WORDS: Record<LimitKind, string> = {
  high_high: 'above its high-high limit',
  high: 'above its high limit',
  low: 'below its low limit',
  low_low: 'below its low-low limit',
};

/** Outer limits (HH, LL) are a step worse than the inner ones. */
const LIMIT_PRIORITY: Record<LimitKind, AlertPriority> = {
  high_high: 'high',
  high: 'medium',
  low: 'medium',
  low_low: 'high',
};

export function thresholdCondition(
  place: { lineId: string; machineId: string },
  metric: string,
  limit: { kind: LimitKind; value: number },
  value: number,
): Condition {
  return {
    key: `threshold:${place.machineId}:${metric}:${limit.kind}`,
    source: 'threshold',
    priority: LIMIT_PRIORITY[limit.kind],
    ...place,
    // Sentence case and units: "Temperature of M-1 is above its high limit 90 °C: 123.7 °C".
    // Only the alert's own machine is named (the scope rule for free text).
    message: sentenceCase(
      `${metricWords(metric)} of ${place.machineId} is ${LIMIT_WORDS[limit.kind]} ` +
        `${withMetricUnit(limit.value, metric)}: ${withMetricUnit(value, metric)}`,
    ),
    value,
  };
}

export const thresholdKeyPrefix = (machineId: string, metric: string): string =>
  `threshold:${machineId}:${metric}:`;

export function downtimeCondition(
  place: { lineId: string; machineId: string },
  reason: string | null,
): Condition {
  return {
    key: `downtime:${place.machineId}`,
    source: 'downtime',
    priority: 'high',
    ...place,
    message: `${place.machineId} is down${reason ? `: ${reason}` : ''}`,
    value: null,
  };
}

/** Keys alone, for the rules' common case of a condition returning (or staying) normal. */
export const offlineKey = (machineId: string): string => `offline:${machineId}`;
export const failRateKey = (machineId: string): string => `fail_rate:${machineId}`;

export function offlineCondition(place: { lineId: string; machineId: string }): Condition {
  return {
    key: offlineKey(place.machineId),
    source: 'offline',
    priority: 'high',
    ...place,
    message: `${place.machineId} is offline: nothing heard within its heartbeat timeout`,
    value: null,
  };
}

export function failRateCondition(
  place: { lineId: string; machineId: string },
  rate: number | null,
): Condition {
  const percent = rate === null ? '?' : Math.round(rate * 100);
  return {
    key: failRateKey(place.machineId),
    source: 'fail_rate',
    priority: 'medium',
    ...place,
    message: `${place.machineId} failed ${percent} % of its last ${FAIL_RATE_WINDOW} results (limit ${FAIL_RATE_LIMIT * 100} %)`,
    value: rate,
  };
}

/** The condition "no spec limits for this product and step". */
export const noSpecKey = (productId: string, testStep: string): string =>
  `no_spec:${productId}:${testStep}`;

/**
 * Missing spec limits are a plant-wide alert (one per product and step), shown to every user:
 * its text names no line or machine, since those may be outside the reader's scope. Which
 * results were judged NO_SPEC is in each user's own results and quality pages.
 */
export function noSpecCondition(productId: string, testStep: string): Condition {
  return {
    key: noSpecKey(productId, testStep),
    source: 'no_spec',
    priority: 'low',
    lineId: null,
    machineId: null,
    message: `No spec limits for ${productId} ${testStep}: results are stored as NO_SPEC`,
    value: null,
  };
}

export function deadLetterCondition(countInWindow: number): Condition {
  return {
    key: 'dead_letters',
    source: 'dead_letters',
    priority: 'medium',
    lineId: null,
    machineId: null,
    message: `${countInWindow} messages refused within a minute (more than ${DEAD_LETTER_SPIKE}): check the senders`,
    value: countInWindow,
  };
}

export function brokerCondition(brokerUrl: string, detail: string): Condition {
  return {
    key: 'broker',
    source: 'broker',
    priority: 'critical',
    lineId: null,
    machineId: null,
    message: `Connection to the MQTT broker ${brokerUrl} lost${detail ? `: ${detail}` : ''}; no data is coming in`,
    value: null,
  };
}

export function maintenanceCondition(
  place: { lineId: string; machineId: string },
  status: 'due' | 'overdue',
): Condition {
  return {
    key: `maintenance:${place.machineId}`,
    source: 'maintenance',
    priority: status === 'overdue' ? 'high' : 'medium',
    ...place,
    message: `Maintenance of ${place.machineId} is ${status}`,
    value: null,
  };
}

export function predictionCondition(
  place: { lineId: string; machineId: string },
  text: string,
  limit: number,
): Condition {
  return {
    key: `prediction:${place.machineId}:temperature`,
    source: 'prediction',
    priority: 'medium',
    ...place,
    message: `Temperature of ${place.machineId} ${text}`,
    value: limit,
  };
}

/** The disk under the database is full: ingest holds its acknowledgements until there is room. */
export function storageFullCondition(): Condition {
  return {
    key: 'storage:full',
    source: 'storage',
    priority: 'critical',
    lineId: null,
    machineId: null,
    message:
      'The disk under the database is full: new messages are not stored or acknowledged (the broker keeps them) until space is freed',
    value: null,
  };
}

export function storageCondition(movedTo: string, reason: string): Condition {
  return {
    key: 'storage:recovered',
    source: 'storage',
    priority: 'critical',
    lineId: null,
    machineId: null,
    message: `The database was damaged (${reason}); it was moved to ${movedTo} and a fresh one started`,
    value: null,
  };
}

/**
 * A background process of Linewatch ended unexpectedly (`why`: its exit code or signal) and
 * was restarted, or (the simulator) stopped. One alert per process, raised again at each end.
 */
export function processEndedCondition(processName: string, message: string): Condition {
  return {
    key: `system:process:${processName}`,
    source: 'system',
    priority: 'high',
    lineId: null,
    machineId: null,
    message,
    value: null,
  };
}
