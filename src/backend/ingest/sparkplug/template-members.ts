import { dataTypeName, valueFits } from './birth-metrics';
import type { SparkplugMetric } from './sparkplug-codec';
import type { ResolvedMetric, UnreadMetric } from './session-types';
import { DataType } from './sparkplug-schema';

export type Flattened =
  { ok: true; metrics: ResolvedMetric[] } | { ok: false; reason: string; field: string };

/**
 * A Template instance's members (or a one-row DataSet's cells) as metrics of their own, named `<template metric>/<member>`
 * (nested templates likewise), so that a test-result template (barcode, product, step, value)
 * is read by the same meanings as plain metrics: `Test/Result/barcode` is a barcode by its
 * last level, or by the meaning an admin gave that full name. Members are typed like birth
 * metrics; a member whose value does not fit its type refuses the message.
 */
export function flattenTemplate(
  prefix: string,
  members: readonly SparkplugMetric[],
  timestampMs: number,
  isHistorical: boolean,
  field: string,
  unread: UnreadMetric[],
): Flattened {
  const metrics: ResolvedMetric[] = [];
  for (const [index, member] of members.entries()) {
    const memberField = `${field}.metrics[${index}]`;
    if (!member.name) {
      return {
        ok: false,
        field: memberField,
        reason: `${memberField}: a template member needs a name`,
      };
    }
    const name = `${prefix}/${member.name}`;
    const label = `${memberField} (${JSON.stringify(name.slice(0, 60))})`;
    const datatype = member.datatype;
    if (datatype === undefined || datatype < 1 || datatype > DataType.Template) {
      return {
        ok: false,
        field: memberField,
        reason: `${label}: no valid datatype (${datatype ?? 'none'})`,
      };
    }
    if (!valueFits(datatype, member.value)) {
      return {
        ok: false,
        field: memberField,
        reason: `${label}: declared ${dataTypeName(datatype)} but carries a ${typeof member.value}`,
      };
    }
    const at = member.timestampMs ?? timestampMs;
    const historical = isHistorical || member.isHistorical;
    if (member.members) {
      const nested = flattenTemplate(name, member.members, at, historical, memberField, unread);
      if (!nested.ok) return nested;
      metrics.push(...nested.metrics);
      continue;
    }
    if (member.unread !== undefined) {
      unread.push({ name, datatype, summary: member.unread, timestampMs: at });
      continue;
    }
    if (member.value === undefined) continue;
    metrics.push({
      name,
      datatype,
      value: member.value,
      timestampMs: at,
      isHistorical: historical,
    });
  }
  return { ok: true, metrics };
}
