/** Sparkplug B topics (specification 4.1): `namespace/group_id/message_type/edge_node_id[/device_id]`. */

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

export const NODE_MESSAGE_TYPES = ['NBIRTH', 'NDATA', 'NDEATH', 'NCMD'] as const;
export const DEVICE_MESSAGE_TYPES = ['DBIRTH', 'DDATA', 'DDEATH', 'DCMD'] as const;
export type MessageType =
  (typeof NODE_MESSAGE_TYPES)[number] | (typeof DEVICE_MESSAGE_TYPES)[number];

export interface SparkplugTopic {
  messageType: MessageType;
  groupId: string;
  edgeNodeId: string;
  /** Empty for the edge node's own messages (N*). */
  deviceId: string;
}

export type TopicOutcome =
  | { ok: true; kind: 'message'; topic: SparkplugTopic }
  | { ok: true; kind: 'state'; hostId: string }
  | { ok: false; reason: string };

/** Sparkplug IDs are UTF-8 without the MQTT wildcards and separator (tck-id-topic-structure-*). */
const validId = (id: string | undefined): id is string =>
  id !== undefined && id.length > 0 && !/[+#/]/.test(id);

const isNodeType = (type: string): type is (typeof NODE_MESSAGE_TYPES)[number] =>
  (NODE_MESSAGE_TYPES as readonly string[]).includes(type);
const isDeviceType = (type: string): type is (typeof DEVICE_MESSAGE_TYPES)[number] =>
  (DEVICE_MESSAGE_TYPES as readonly string[]).includes(type);

/** Reads a topic under `root` (`spBv1.0` unless configured otherwise). */
export function parseSparkplugTopic(topic: string, root = SPARKPLUG_NAMESPACE): TopicOutcome {
  if (!topic.startsWith(`${root}/`)) {
    return { ok: false, reason: `topic: not under the Sparkplug namespace ${root}` };
  }
  const parts = topic.slice(root.length + 1).split('/');
  if (parts[0] === 'STATE' && parts.length === 2 && validId(parts[1])) {
    return { ok: true, kind: 'state', hostId: parts[1] };
  }
  const [groupId, type, edgeNodeId, deviceId, ...rest] = parts;
  if (!validId(groupId) || type === undefined || !validId(edgeNodeId) || rest.length > 0) {
    return { ok: false, reason: 'topic: expected group_id/message_type/edge_node_id[/device_id]' };
  }
  if (isNodeType(type) && deviceId === undefined) {
    return {
      ok: true,
      kind: 'message',
      topic: { messageType: type, groupId, edgeNodeId, deviceId: '' },
    };
  }
  if (isDeviceType(type) && validId(deviceId)) {
    return {
      ok: true,
      kind: 'message',
      topic: { messageType: type, groupId, edgeNodeId, deviceId },
    };
  }
  return {
    ok: false,
    reason: `topic: ${JSON.stringify(type.slice(0, 20))} with ${deviceId === undefined ? 'no' : 'a'} device_id is not a Sparkplug B message type`,
  };
}

export function sparkplugTopic(root: string, topic: SparkplugTopic): string {
  const device = topic.deviceId ? `/${topic.deviceId}` : '';
  return `${root}/${topic.groupId}/${topic.messageType}/${topic.edgeNodeId}${device}`;
}

export function stateTopic(root: string, hostId: string): string {
  return `${root}/STATE/${hostId}`;
}
