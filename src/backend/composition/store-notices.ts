import type { AuthService } from '../auth/auth-service';
import type { LiveHub } from '../live/live-hub';
import type { MachineMonitor } from '../machines/machine-monitor';
import type { PlantRegistry } from '../plant/plant-registry';
import type { StoreClient } from '../store/store-client';

/**
 * What the store announces after a commit goes live: events, commands and alerts to the hub;
 * a plant change rereads the plant; an account change also updates that user's live callers
 * (role and scope), so their feed narrows at once.
 */
export function forwardStoreNotices(parts: {
  store: StoreClient;
  hub: LiveHub;
  plant: PlantRegistry;
  monitor: MachineMonitor;
  auth: AuthService;
}): void {
  const { store, hub, plant, monitor, auth } = parts;
  store.onNotice((notice) => {
    if (notice.topic === 'event') hub.publish('events.appended', notice.payload);
    if (notice.topic === 'plant.changed') void plant.refresh().then(() => monitor.reload());
    if (notice.topic === 'command') hub.publish('commands.changed', notice.payload);
    if (notice.topic === 'alert') hub.publish('alerts.changed', notice.payload);
    if (notice.topic === 'accounts.changed') {
      hub.publish('accounts.changed', notice.payload);
      void store
        .getUser(notice.payload.userId)
        .then((user) =>
          hub.updateCaller(user.id, (caller) => ({ ...caller, user, scope: auth.scopeOf(user) })),
        )
        .catch(() => undefined);
    }
  });
}
