import { create } from 'zustand';

interface SimulatedState {
  /** Every machine id the plant list named, so a machine new to it can ask for a reload. */
  known: ReadonlySet<string>;
  /** The machines a simulator run registered (`simulated` in the plant list). */
  simulated: ReadonlySet<string>;
  setPlant: (machines: readonly { id: string; simulated: boolean }[]) => void;
}

/** Which machines are simulated, for the one shared mark (components/SimMark.tsx). */
export const useSimulated = create<SimulatedState>()((set) => ({
  known: new Set(),
  simulated: new Set(),
  setPlant: (machines) =>
    set({
      known: new Set(machines.map((machine) => machine.id)),
      simulated: new Set(machines.filter((machine) => machine.simulated).map((m) => m.id)),
    }),
}));
