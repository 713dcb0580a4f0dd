import { deserialize, serialize } from 'node:v8';
import type { StoredPacket } from './aedes-parts';

/**
 * A packet as columns of its own, so storing the usual one (a publish with no MQTT 5
 * properties) costs no serialisation: v8.serialize took a fifth of the broker's time per
 * message. Anything else the packet carries (properties, expiry, a will's client id) goes to
 * `p_extra`, serialised.
 */
export const PACKET_COLUMNS = [
  'p_cmd',
  'p_topic',
  'p_payload',
  'p_qos',
  'p_retain',
  'p_dup',
  'p_id',
  'p_broker',
  'p_counter',
  'p_extra',
];

export const PACKET_COLUMNS_SQL =
  'p_cmd TEXT, p_topic TEXT, p_payload BLOB, p_qos INTEGER, p_retain INTEGER, ' +
  'p_dup INTEGER, p_id INTEGER, p_broker TEXT, p_counter INTEGER, p_extra BLOB';

export interface PacketRow {
  p_cmd: string | null;
  p_topic: string | null;
  p_payload: Buffer | null;
  p_qos: number | null;
  p_retain: number | null;
  p_dup: number | null;
  p_id: number | null;
  p_broker: string | null;
  p_counter: number | null;
  p_extra: Buffer | null;
}

export function packetColumns(packet: StoredPacket): unknown[] {
  const { cmd, topic, payload, qos, retain, dup, messageId, brokerId, brokerCounter, ...rest } =
    packet;
  // aedes may hang its own callbacks on a packet while it is queued (seen under load after a
  // restart); they are not part of the message, and v8.serialize refuses functions.
  const extra = Object.entries(rest).filter(
    ([, value]) => value !== undefined && typeof value !== 'function',
  );
  return [
    cmd ?? null,
    topic ?? null,
    payload ?? null,
    qos ?? null,
    retain === undefined ? null : Number(retain),
    dup === undefined ? null : Number(dup),
    messageId ?? null,
    brokerId ?? null,
    brokerCounter ?? null,
    extra.length ? serialize(Object.fromEntries(extra)) : null,
  ];
}

export function packetFromRow(row: PacketRow): StoredPacket {
  const packet: Record<string, unknown> = {};
  if (row.p_cmd !== null) packet.cmd = row.p_cmd;
  if (row.p_topic !== null) packet.topic = row.p_topic;
  if (row.p_payload !== null) packet.payload = row.p_payload;
  if (row.p_qos !== null) packet.qos = row.p_qos;
  if (row.p_retain !== null) packet.retain = row.p_retain === 1;
  if (row.p_dup !== null) packet.dup = row.p_dup === 1;
  if (row.p_id !== null) packet.messageId = row.p_id;
  if (row.p_broker !== null) packet.brokerId = row.p_broker;
  if (row.p_counter !== null) packet.brokerCounter = row.p_counter;
  if (row.p_extra !== null) Object.assign(packet, deserialize(row.p_extra));
  return packet as unknown as StoredPacket;
}
