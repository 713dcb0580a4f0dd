import type { MaintenanceStatus } from '../../../../shared/contract';
import { formatCount, formatDuration } from '../../lib/format';
import { STATUS_LOOK } from './maintenance-look';
import { UsageBar } from './UsageBar';
import { MachineLabel } from '../../components/SimMark';

interface MachineMaintenanceTableProps {
  machines: readonly MaintenanceStatus[];
  canManage: boolean;
  onPlan: (machine: MaintenanceStatus) => void;
  onSchedule: (machine: MaintenanceStatus) => void;
}

/** One row per machine: service status, usage since the last service, where it is heading. */
export function MachineMaintenanceTable(props: MachineMaintenanceTableProps) {
  return (
    <div className="table-scroll maintenance-scroll">
      <table className="data-table" data-testid="maintenance-table">
        <caption className="visually-hidden">Service status per machine, most urgent first</caption>
        <thead>
          <tr>
            <th scope="col">Machine</th>
            <th scope="col">Status</th>
            <th scope="col">Usage since service</th>
            <th scope="col">Prediction</th>
            <th scope="col" className="numeric col-p2">
              Open tasks
            </th>
            {props.canManage && (
              <th scope="col" className="cell-pin">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.machines.map((machine) => {
            const look = STATUS_LOOK[machine.status];
            return (
              <tr
                key={machine.machineId}
                data-testid="maintenance-row"
                data-machine={machine.machineId}
                data-status={machine.status}
              >
                <th
                  scope="row"
                  className="cell-id"
                  title={`${machine.machineId} · ${machine.lineId}`}
                >
                  {/* Machine over line: two short lines cut apart, never one long one cut. */}
                  <span className="id-block">
                    <MachineLabel machineId={machine.machineId} />
                  </span>
                  <span className="id-block muted">{machine.lineId}</span>
                </th>
                <td className="nowrap">
                  <span className={`service-status tone-${look.tone}`}>
                    <span aria-hidden="true">{look.glyph}</span> {look.label}
                  </span>
                </td>
                <td className="usage-cell">
                  <UsageBar
                    label="Run time"
                    used={machine.runHoursSinceService}
                    interval={machine.plan?.intervalRunHours ?? null}
                    format={formatRunHours}
                  />
                  <UsageBar
                    label="Units"
                    used={machine.unitsSinceService}
                    interval={machine.plan?.intervalUnits ?? null}
                    format={(units) => `${formatCount(units)} units`}
                  />
                </td>
                <td className="cell-flex">
                  {machine.prediction ? (
                    `Temperature ${machine.prediction.text}`
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="numeric col-p2">{machine.openTasks}</td>
                {props.canManage && (
                  <td className="cell-pin">
                    <div className="row-actions">
                      <button type="button" onClick={() => props.onPlan(machine)}>
                        Set plan
                      </button>
                      <button type="button" onClick={() => props.onSchedule(machine)}>
                        Schedule task
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Run hours as a duration: "3 h 05 min" reads better than "3.083 h" across the room. */
function formatRunHours(hours: number): string {
  return formatDuration(hours * 3600);
}
