import { useState, type ReactNode } from 'react';
import type { SparkplugDevice } from '../../../../../shared/contract';
import { api } from '../../../api/client';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageHeader } from '../../../components/PageHeader';
import { useLoad } from '../../../hooks/use-load';
import { formatDateTime } from '../../../lib/time';
import { deviceLabel } from './device-label';
import { SparkplugMappingForm } from './SparkplugMappingForm';
import './sparkplug.css';

const keyOf = (device: SparkplugDevice) =>
  `${device.groupId}\u0000${device.edgeNodeId}\u0000${device.deviceId}`;

/**
 * Sparkplug B devices Linewatch has seen (unmapped first: their data waits for a mapping),
 * and the mapping of one of them to a line, a machine and metric meanings. A plain list for
 * now; self-contained in this folder.
 */
export function SparkplugPage({ tabs }: { tabs: ReactNode }) {
  const { data, error, reload } = useLoad(() => api.call('sparkplug.devices', {}), 'sparkplug');
  const [editing, setEditing] = useState<string | null>(null);
  const selected = data?.find((device) => keyOf(device) === editing) ?? null;
  const unmapped = data?.filter((device) => device.machineId === null).length ?? 0;

  return (
    <section aria-labelledby="page-title" data-testid="page-admin-sparkplug">
      <PageHeader title="Admin · Sparkplug" />
      {tabs}
      <div className="panel-grid sparkplug-grid">
        <section className="panel" aria-labelledby="sparkplug-devices-title">
          <h2 id="sparkplug-devices-title">Sparkplug devices</h2>
          <p className="muted">
            Every device whose birth Linewatch has seen. Data of an unmapped device is not stored
            until it is mapped to a line and a machine.
            {data && ` ${unmapped} unmapped.`}
          </p>
          <ErrorMessage error={error} />
          {data && data.length === 0 && (
            <p className="empty-state">
              No Sparkplug devices yet. Turn Sparkplug on under Broker; edge nodes appear with their
              first birth.
            </p>
          )}
          {data && data.length > 0 && (
            <div className="sparkplug-table-scroll">
              <table className="sparkplug-table" data-testid="sparkplug-devices">
                <caption className="visually-hidden">Sparkplug devices, unmapped first</caption>
                <thead>
                  <tr>
                    <th scope="col">Device</th>
                    <th scope="col">Mapped to</th>
                    <th scope="col">Last birth</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((device) => (
                    <tr key={keyOf(device)}>
                      <th scope="row">
                        {deviceLabel(device)}
                        <UnreadNote device={device} />
                      </th>
                      <td>
                        {device.machineId === null
                          ? 'unmapped'
                          : `${device.machineId} on ${device.lineId ?? '?'}`}
                      </td>
                      <td>{formatDateTime(device.lastSeenAt)}</td>
                      <td>
                        <button
                          type="button"
                          onClick={() => setEditing(keyOf(device))}
                          aria-label={`Map ${deviceLabel(device)}`}
                        >
                          {device.machineId === null ? 'Map…' : 'Edit…'}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {selected && (
          <SparkplugMappingForm
            key={editing}
            device={selected}
            onSaved={() => {
              setEditing(null);
              reload();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </div>
    </section>
  );
}

/** How many of a device's metrics carry values Linewatch does not store (listed in its form). */
function UnreadNote({ device }: { device: SparkplugDevice }) {
  const count = device.metrics.filter((metric) => metric.unread !== undefined).length;
  if (count === 0) return null;
  return (
    <span className="muted sparkplug-unread-note">
      {count} {count === 1 ? 'metric' : 'metrics'} not stored
    </span>
  );
}
