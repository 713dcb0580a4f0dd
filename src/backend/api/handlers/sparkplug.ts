import { ApiFailure } from '../api-failure';
import type { RegisterHandlers } from '../services';

/** What the mapping needs of the Sparkplug host: a rebirth request, when it runs. */
export interface SparkplugControl {
  requestRebirth(node: { groupId: string; edgeNodeId: string }): Promise<void>;
}

/**
 * Sparkplug B mapping (admins: plant.manage, checked by the dispatcher). A new mapping asks
 * the edge node for a rebirth, so the device's metrics flow at once instead of at its next
 * birth.
 */
export const registerSparkplugHandlers: RegisterHandlers = (
  dispatcher,
  { store, plant, now, ingest },
) => {
  const sparkplug = (): SparkplugControl | null => ingest.sparkplugHost();
  dispatcher.register('sparkplug.devices', () => store.listSparkplugDevices());

  dispatcher.register('sparkplug.map', async (input, { caller }) => {
    // A server limited with --lines stores only its own lines' data: a mapping elsewhere
    // belongs on that area's server.
    const lines = ingest.lines();
    if (input.lineId !== null && lines.length > 0 && !lines.includes(input.lineId)) {
      throw new ApiFailure(
        'INVALID_INPUT',
        `lineId: this server reads only lines ${lines.join(', ')} (--lines); map ${input.lineId} on its area's server`,
      );
    }
    const saved = await store.mapSparkplugDevice(input, { username: caller.user.username }, now());
    if ('refused' in saved) throw new ApiFailure('CONFLICT', saved.refused);
    await plant.refresh();
    await sparkplug()?.requestRebirth({ groupId: input.groupId, edgeNodeId: input.edgeNodeId });
    return saved;
  });
};
