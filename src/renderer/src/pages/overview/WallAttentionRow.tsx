import type { MachineSnapshot } from '../../../../shared/contract';
import { StateBadge } from '../../components/StateBadge';
import type { MachineAlarms } from '../../hooks/use-active-alert-counts';
import { PRIORITY_LOOK } from '../../lib/alarm-priority';
import { SimMark } from '../../components/SimMark';

interface WallAttentionRowProps {
  machines: readonly MachineSnapshot[];
  alarms: ReadonlyMap<string, MachineAlarms>;
}

/** Whether a machine needs the room: stopped, or with an unacknowledged alarm. */
function needsAttention(machine: MachineSnapshot, alarms: MachineAlarms | undefined): boolean {
  return machine.state === 'down' || (alarms?.worstUnacked ?? null) !== null;
}

/**
 * Every machine of the plant in alarm or down, whatever line the wall shows, worst alarm first,
 * so a stopped machine on another line is never hidden for most of the cycle.
 */
export function WallAttentionRow({ machines, alarms }: WallAttentionRowProps) {
  const rank = (machine: MachineSnapshot): number => {
    const worst = alarms.get(machine.machineId)?.worstUnacked;
    return worst ? PRIORITY_LOOK[worst.priority].rank : 4;
  };
  const shown = machines
    .filter((machine) => needsAttention(machine, alarms.get(machine.machineId)))
    .sort((a, b) => rank(a) - rank(b) || a.machineId.localeCompare(b.machineId));
  if (shown.length === 0) {
    return (
      <p className="wall-attention wall-attention-none" data-testid="wall-attention">
        No machine in alarm or down.
      </p>
    );
  }
  return (
    <ul className="wall-attention" data-testid="wall-attention" aria-label="In alarm or down">
      {shown.map((machine) => {
        const worst = alarms.get(machine.machineId)?.worstUnacked ?? null;
        return (
          <li
            key={machine.machineId}
            className={`wall-attention-item${worst ? ` priority-${worst.priority}` : ''}`}
            data-testid="wall-attention-item"
            data-machine-id={machine.machineId}
            title={worst?.message}
          >
            <span className="wall-attention-name">
              {machine.name}
              {machine.lineId ? (
                <span className="wall-attention-line"> · {machine.lineId}</span>
              ) : null}
              <SimMark machineId={machine.machineId} />
            </span>
            {machine.state === 'down' && <StateBadge state="down" quiet />}
            {worst && (
              <span className="wall-attention-alarm">
                <span aria-hidden="true">{PRIORITY_LOOK[worst.priority].glyph} </span>
                {PRIORITY_LOOK[worst.priority].label}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
