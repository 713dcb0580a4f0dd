import { useMemo, useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { useLoad } from '../../hooks/use-load';
import { adminMachines } from './admin-machines';
import { LineNamesPanel } from './LineNamesPanel';
import { MachineListPanel } from './MachineListPanel';
import { MachineSettingsForm } from './MachineSettingsForm';
import { RegisterMachineForm } from './RegisterMachineForm';
import { ThresholdPanel } from './ThresholdPanel';
import './plant-admin.css';

/** Lines and machines: names, ideal cycle time, heartbeat, and each machine's alarm limits. */
export function PlantAdminPage({ tabs }: { tabs: ReactNode }) {
  const plant = useLoad(() => api.call('plant.list', {}), 'plant');
  const machines = useLoad(() => api.call('machines.overview', {}), 'machines');
  const thresholds = useLoad(() => api.call('thresholds.list', {}), 'thresholds');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const allMachines = useMemo(
    () => adminMachines(plant.data, machines.data),
    [plant.data, machines.data],
  );
  const selected = allMachines.find((machine) => machine.machineId === selectedId) ?? null;
  const machineThresholds = (thresholds.data ?? []).filter((t) => t.machineId === selectedId);

  const reloadAll = (): void => {
    plant.reload();
    machines.reload();
  };

  return (
    <section aria-labelledby="page-title" data-testid="page-admin-plant">
      <PageHeader title="Admin · Lines and machines" />
      {tabs}
      <ErrorMessage error={plant.error ?? machines.error ?? thresholds.error} />
      <div className="plant-admin-grid">
        <LineNamesPanel lines={plant.data?.lines ?? []} onSaved={plant.reload} />
        <RegisterMachineForm
          lines={plant.data?.lines ?? []}
          onSaved={(machineId) => {
            reloadAll();
            setSelectedId(machineId);
          }}
        />
      </div>
      {plant.data && machines.data && (
        <MachineListPanel
          machines={allMachines}
          thresholds={thresholds.data ?? []}
          selectedId={selectedId}
          onSelect={setSelectedId}
        />
      )}
      {selected && (
        <div className="plant-admin-grid plant-admin-editors">
          {/* key: another machine (or its saved values) starts a fresh form. */}
          <MachineSettingsForm
            key={`${selected.machineId}:${selected.name}:${selected.heartbeatTimeoutS}:${selected.idealCycleTimeS}`}
            machine={selected}
            onSaved={reloadAll}
          />
          <ThresholdPanel
            key={selected.machineId}
            machineId={selected.machineId}
            thresholds={machineThresholds}
            onSaved={thresholds.reload}
          />
        </div>
      )}
    </section>
  );
}
