import { useState, type FormEvent } from 'react';
import type {
  ApiErrorBody,
  SparkplugDevice,
  SparkplugMetricRole,
} from '../../../../../shared/contract';
import { api } from '../../../api/client';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextField } from '../../../components/TextField';
import { toApiErrorBody } from '../../../lib/errors';
import { invalidIdentifiers } from '../../../lib/identifiers';
import { formatDateTime } from '../../../lib/time';
import { deviceLabel } from './device-label';

/** Each meaning an admin may give a metric, as the select shows it. */
const ROLE_LABELS: Record<SparkplugMetricRole, string> = {
  temperature: 'Temperature',
  units_produced: 'Units counter',
  state: 'Machine state',
  barcode: 'Test result: barcode',
  product_id: 'Test result: product',
  test_step: 'Test result: step',
  measured_value: 'Test result: measured value',
  unit: 'Test result: unit',
  operator: 'Test result: operator',
  extra: 'Extra telemetry metric',
  ignore: 'Ignore',
  command_start: 'Command: start',
  command_stop: 'Command: stop',
  command_reset: 'Command: reset',
  command_set_rate: 'Command: set rate',
};
const ROLES = Object.keys(ROLE_LABELS) as SparkplugMetricRole[];
/** The select's value for "no meaning set": the metric is read by its name. */
const BY_NAME = '';

/**
 * Maps one Sparkplug device to a line and machine, and its metrics to meanings (or leaves a
 * metric to be read by its name). Saving asks the edge node for a rebirth, so data flows at once.
 */
export function SparkplugMappingForm({
  device,
  onSaved,
  onCancel,
}: {
  device: SparkplugDevice;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [lineId, setLineId] = useState(device.lineId ?? '');
  const [machineId, setMachineId] = useState(device.machineId ?? '');
  const [roles, setRoles] = useState<Record<string, SparkplugMetricRole>>(device.roles);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const badLine = lineId.trim() !== '' && invalidIdentifiers([lineId.trim()]).length > 0;
  const badMachine = machineId.trim() !== '' && invalidIdentifiers([machineId.trim()]).length > 0;
  const ready = lineId.trim() !== '' && machineId.trim() !== '' && !badLine && !badMachine;
  const label = deviceLabel(device);
  // Bytes, File, DataSets of many rows: no meaning applies; what they carried is shown.
  const readable = device.metrics.filter((metric) => metric.unread === undefined);
  const unread = device.metrics.filter((metric) => metric.unread !== undefined);

  const save = async (mapping: { lineId: string | null; machineId: string | null }) => {
    setPending(true);
    setError(null);
    try {
      await api.call('sparkplug.map', {
        groupId: device.groupId,
        edgeNodeId: device.edgeNodeId,
        deviceId: device.deviceId,
        ...mapping,
        roles,
      });
      onSaved();
    } catch (caught) {
      setError(toApiErrorBody(caught));
    } finally {
      setPending(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void save({ lineId: lineId.trim(), machineId: machineId.trim() });
  };

  const setRole = (name: string, value: string): void => {
    setRoles((current) => {
      const next = { ...current };
      if (value === BY_NAME) delete next[name];
      else next[name] = value as SparkplugMetricRole;
      return next;
    });
  };

  return (
    <form
      className="panel"
      aria-labelledby="sparkplug-mapping-title"
      data-testid="sparkplug-mapping-form"
      onSubmit={submit}
    >
      <h2 id="sparkplug-mapping-title">Map {label}</h2>
      <TextField
        label="Line"
        value={lineId}
        onChange={setLineId}
        problem={badLine ? 'Not a valid identifier' : null}
        required
      />
      <TextField
        label="Machine"
        value={machineId}
        onChange={setMachineId}
        hint="The machine this device's data belongs to (registered on the line if it is new)."
        problem={badMachine ? 'Not a valid identifier' : null}
        required
      />
      <fieldset className="sparkplug-metrics">
        <legend>Metrics</legend>
        {device.metrics.length === 0 && <p className="muted">Its birth declared no metrics.</p>}
        <ul className="plain-list">
          {readable.map((metric) => (
            <li key={metric.name}>
              <label>
                <span>
                  <code>{metric.name}</code> <span className="muted">({metric.datatype})</span>
                </span>
                <select
                  value={roles[metric.name] ?? BY_NAME}
                  onChange={(event) => setRole(metric.name, event.target.value)}
                  aria-label={`Meaning of ${metric.name}`}
                >
                  <option value={BY_NAME}>
                    {device.roles[metric.name] === undefined
                      ? `By its name: ${ROLE_LABELS[metric.role]}`
                      : 'By its name'}
                  </option>
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {unread.length > 0 && (
        <section className="sparkplug-unread" aria-labelledby="sparkplug-unread-title">
          <h3 id="sparkplug-unread-title">Not stored</h3>
          <p className="muted">
            Values Linewatch does not keep as telemetry (bytes, files, tables of several rows): the
            newest of each.
          </p>
          <ul className="plain-list" data-testid="sparkplug-unread">
            {unread.map((metric) => (
              <li key={metric.name}>
                <code>{metric.name}</code> <span className="muted">({metric.datatype})</span>:{' '}
                {metric.unread?.summary}
                {metric.unread && (
                  <span className="muted">
                    {' '}
                    · {formatDateTime(metric.unread.lastAt)} · {metric.unread.seen}{' '}
                    {metric.unread.seen === 1 ? 'message' : 'messages'}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ErrorMessage error={error} />
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={!ready || pending}>
          {pending ? 'Saving…' : 'Save mapping'}
        </button>
        {device.machineId !== null && (
          <button
            type="button"
            className="button-danger"
            disabled={pending}
            onClick={() => void save({ lineId: null, machineId: null })}
          >
            Unmap
          </button>
        )}
        <button type="button" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
