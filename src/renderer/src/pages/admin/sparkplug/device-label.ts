import type { SparkplugDevice } from '../../../../../shared/contract';

/** `group / edge node / device`, or `group / edge node` for the node's own metrics. */
export function deviceLabel(device: Pick<SparkplugDevice, 'groupId' | 'edgeNodeId' | 'deviceId'>) {
  return [device.groupId, device.edgeNodeId, device.deviceId].filter(Boolean).join(' / ');
}
