import { z } from 'zod';
import { defineMethod } from './define';
import { SparkplugDevice, SparkplugMapping } from './sparkplug-schemas';

const none = { kind: 'none' } as const;

/** Sparkplug B mapping: admins only (plant.manage), like the rest of the plant's layout. */
export const sparkplugMethods = {
  'sparkplug.devices': defineMethod({
    summary:
      'Sparkplug B devices and edge nodes seen in births, mapped or not (unmapped first), with their metrics and meanings.',
    input: z.object({}),
    output: z.array(SparkplugDevice),
    permission: 'plant.manage',
    scope: none,
    http: { verb: 'GET', path: '/sparkplug/devices' },
    example: {},
  }),
  'sparkplug.map': defineMethod({
    summary:
      'Maps a Sparkplug device (group, edge node, device; device "" for the node) to a line and machine, and its metrics to meanings; asks the node for a rebirth so its data flows at once.',
    input: SparkplugMapping,
    output: SparkplugDevice,
    permission: 'plant.manage',
    scope: none,
    http: { verb: 'PUT', path: '/sparkplug/devices' },
    example: {
      groupId: 'Plant',
      edgeNodeId: 'Line-1',
      deviceId: 'M-1',
      lineId: 'L-1',
      machineId: 'M-1',
      roles: { 'Sensors/Temp': 'temperature' },
    },
  }),
};
