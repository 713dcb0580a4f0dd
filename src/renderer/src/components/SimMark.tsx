import type { ReactNode } from 'react';
import { useSimulated } from '../state/simulated-store';
import './sim-mark.css';

/**
 * The one mark of a simulated machine, beside its name wherever a machine is a heading or a
 * row. ISA-101: neutral (the text colour, outlined, dimmed), never an alarm colour; the word
 * "SIM" reads without colour, and the title says what it means.
 */
export function SimMark({ machineId }: { machineId: string | null | undefined }) {
  const simulated = useSimulated((state) => (machineId ? state.simulated.has(machineId) : false));
  if (!simulated) return null;
  return (
    <span
      className="sim-mark"
      data-testid="sim-mark"
      title="Simulated machine (built-in simulator)"
    >
      SIM
    </span>
  );
}

/**
 * A machine's id or name with its SIM mark, for table cells and rows: the text is cut with an
 * ellipsis when it must be, the mark never is.
 */
export function MachineLabel({
  machineId,
  children,
}: {
  machineId: string;
  /** What to show for it; its id by default. */
  children?: ReactNode;
}) {
  return (
    <span className="machine-label">
      <span className="machine-label-text">{children ?? machineId}</span>
      <SimMark machineId={machineId} />
    </span>
  );
}
