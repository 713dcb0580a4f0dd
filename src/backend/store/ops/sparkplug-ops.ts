import type {
  CommandName,
  SparkplugDevice,
  SparkplugMapping,
  SparkplugMetricRole,
} from '../../../shared/contract';
import { roleOf } from '../../ingest/sparkplug/metric-roles';
import {
  commandMetric,
  type SparkplugCommandTarget,
} from '../../ingest/sparkplug/sparkplug-commands';
import { DataType } from '../../ingest/sparkplug/sparkplug-schema';
import type { ListedMetric } from '../sparkplug-device-list';
import type { Actor } from './types';
import type { StoreContext } from './context';

interface DeviceRow {
  group_id: string;
  edge_node_id: string;
  device_id: string;
  line_id: string | null;
  machine_id: string | null;
  metrics: string;
  roles: string;
  first_seen_ms: number;
  last_seen_ms: number;
  mapped_by: string | null;
}

function toDevice(row: DeviceRow): SparkplugDevice {
  const roles = JSON.parse(row.roles) as Record<string, SparkplugMetricRole>;
  const metrics = JSON.parse(row.metrics) as ListedMetric[];
  return {
    groupId: row.group_id,
    edgeNodeId: row.edge_node_id,
    deviceId: row.device_id,
    lineId: row.line_id,
    machineId: row.machine_id,
    metrics: metrics.map(({ name, datatype, unread }) => ({
      name,
      datatype,
      role: roleOf(name, roles),
      ...(unread
        ? {
            unread: {
              summary: unread.summary,
              seen: unread.seen,
              lastAt: new Date(unread.lastMs).toISOString(),
            },
          }
        : {}),
    })),
    roles,
    firstSeenAt: new Date(row.first_seen_ms).toISOString(),
    lastSeenAt: new Date(row.last_seen_ms).toISOString(),
    mappedBy: row.mapped_by,
  };
}

/** Why a mapping cannot be saved (the handler answers 409 with it). */
export type MappingRefusal = { refused: string };

/** Sparkplug B devices seen in births, and the admin's mapping of them (issue 17). */
export function sparkplugOps(ctx: StoreContext) {
  const select = `SELECT group_id, edge_node_id, device_id, line_id, machine_id, metrics, roles,
      first_seen_ms, last_seen_ms, mapped_by FROM sparkplug_devices`;
  const one = (key: { groupId: string; edgeNodeId: string; deviceId: string }) =>
    ctx.db
      .prepare(`${select} WHERE group_id = ? AND edge_node_id = ? AND device_id = ?`)
      .get(key.groupId, key.edgeNodeId, key.deviceId) as DeviceRow | undefined;

  return {
    /** Unmapped devices first (they wait for an admin), then by group, node and device. */
    listSparkplugDevices(): SparkplugDevice[] {
      const rows = ctx.db
        .prepare(`${select} ORDER BY machine_id IS NOT NULL, group_id, edge_node_id, device_id`)
        .all() as DeviceRow[];
      return rows.map(toDevice);
    },

    /**
     * Where a command to this machine is written over Sparkplug: its mapped device's metric
     * with the command's meaning, and that metric's born data type (null: none, so the
     * command goes out on the JSON protocol).
     */
    sparkplugCommandTarget(machineId: string, command: CommandName): SparkplugCommandTarget | null {
      const row = ctx.db.prepare(`${select} WHERE machine_id = ?`).get(machineId) as
        DeviceRow | undefined;
      if (!row) return null;
      const metric = commandMetric(
        JSON.parse(row.roles) as Record<string, SparkplugMetricRole>,
        command,
      );
      if (metric === null) return null;
      const born = (JSON.parse(row.metrics) as { name: string; datatype: string }[]).find(
        (declared) => declared.name === metric,
      );
      const datatype = born ? (DataType as Record<string, number>)[born.datatype] : undefined;
      if (datatype === undefined) return null; // not in its last birth: it cannot be written
      return {
        groupId: row.group_id,
        edgeNodeId: row.edge_node_id,
        deviceId: row.device_id,
        metric,
        datatype,
      };
    },

    /**
     * Maps a device to a line and machine (or unmaps it) and its metrics to meanings. A device
     * not seen yet may be mapped ahead of its first birth.
     */
    mapSparkplugDevice(
      mapping: SparkplugMapping & { deviceId: string; roles: Record<string, SparkplugMetricRole> },
      actor: Actor,
      nowMs: number,
    ): SparkplugDevice | MappingRefusal {
      return ctx.tx(() => {
        const { groupId, edgeNodeId, deviceId, lineId, machineId } = mapping;
        if (machineId !== null && lineId !== null) {
          const line = ctx.db
            .prepare('SELECT line_id FROM machines WHERE id = ?')
            .pluck()
            .get(machineId) as string | undefined;
          if (line !== undefined && line !== lineId) {
            return { refused: `machine ${machineId} is registered to another line` };
          }
          const taken = ctx.db
            .prepare(
              `SELECT group_id, edge_node_id, device_id FROM sparkplug_devices
               WHERE machine_id = ? AND NOT (group_id = ? AND edge_node_id = ? AND device_id = ?)`,
            )
            .get(machineId, groupId, edgeNodeId, deviceId) as
            { group_id: string; edge_node_id: string; device_id: string } | undefined;
          if (taken) {
            return {
              refused: `machine ${machineId} is already mapped to ${taken.group_id}/${taken.edge_node_id}/${taken.device_id}`,
            };
          }
        }
        ctx.db
          .prepare(
            `INSERT INTO sparkplug_devices (group_id, edge_node_id, device_id, line_id, machine_id, roles,
               first_seen_ms, last_seen_ms, mapped_by)
             VALUES (@groupId, @edgeNodeId, @deviceId, @lineId, @machineId, @roles, @nowMs, @nowMs, @by)
             ON CONFLICT (group_id, edge_node_id, device_id) DO UPDATE SET
               line_id = excluded.line_id, machine_id = excluded.machine_id,
               roles = excluded.roles, mapped_by = excluded.mapped_by`,
          )
          .run({
            groupId,
            edgeNodeId,
            deviceId,
            lineId,
            machineId,
            roles: JSON.stringify(mapping.roles),
            nowMs,
            by: actor.username,
          });
        const label = `${groupId}/${edgeNodeId}${deviceId ? `/${deviceId}` : ''}`;
        ctx.events.append({
          type: 'sparkplug.mapped',
          actor: actor.username,
          target: label,
          lineId,
          machineId,
          message:
            machineId === null
              ? `${actor.username} unmapped Sparkplug device ${label}`
              : `${actor.username} mapped Sparkplug device ${label} to machine ${machineId} on line ${lineId}`,
          details: { roles: mapping.roles },
        });
        const row = one(mapping);
        if (!row) throw new Error('the mapping was not saved');
        return toDevice(row);
      });
    },
  };
}
