import type { Plant } from '../../shared/contract';

/** An in-memory copy of which machine is on which line, for scope checks on every call. */
export class PlantRegistry {
  private lineByMachine = new Map<string, string>();

  constructor(private readonly load: () => Promise<Plant>) {}

  async refresh(): Promise<void> {
    const plant = await this.load();
    this.lineByMachine = new Map(plant.machines.map((machine) => [machine.id, machine.lineId]));
  }

  lineOf(machineId: string): string | undefined {
    return this.lineByMachine.get(machineId);
  }

  /** Every known machine id with its line. */
  machines(): { machineId: string; lineId: string }[] {
    return [...this.lineByMachine].map(([machineId, lineId]) => ({ machineId, lineId }));
  }
}
