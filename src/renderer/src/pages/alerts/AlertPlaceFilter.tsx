import { api } from '../../api/client';
import { SelectField } from '../../components/SelectField';
import { useLoad } from '../../hooks/use-load';

export interface PlaceFilter {
  lineId: string;
  machineId: string;
}

export const ANY_PLACE: PlaceFilter = { lineId: '', machineId: '' };

/** Whether an alert is in the chosen line and machine ('' is any). */
export function inPlace(
  alert: { lineId: string | null; machineId: string | null },
  filter: PlaceFilter,
): boolean {
  return (
    (filter.lineId === '' || alert.lineId === filter.lineId) &&
    (filter.machineId === '' || alert.machineId === filter.machineId)
  );
}

/** Line and machine pickers for the open alerts; the choices are the user's plant. */
export function AlertPlaceFilter({
  value,
  onChange,
}: {
  value: PlaceFilter;
  onChange: (value: PlaceFilter) => void;
}) {
  const plant = useLoad(() => api.call('plant.list', {}), 'plant');
  const lines = plant.data?.lines ?? [];
  const machines = (plant.data?.machines ?? []).filter(
    (machine) => value.lineId === '' || machine.lineId === value.lineId,
  );
  return (
    <div className="filter-bar" role="group" aria-label="Show alerts of">
      <SelectField
        label="Line"
        value={value.lineId}
        options={[
          { value: '', label: 'All lines' },
          ...lines.map((line) => ({
            value: line.id,
            label: line.name && line.name !== line.id ? `${line.name} · ${line.id}` : line.id,
          })),
        ]}
        onChange={(lineId) => onChange({ lineId, machineId: '' })}
      />
      <SelectField
        label="Machine"
        value={value.machineId}
        options={[
          { value: '', label: 'All machines' },
          ...machines.map((machine) => ({
            value: machine.id,
            label: machine.name !== machine.id ? `${machine.name} · ${machine.id}` : machine.id,
          })),
        ]}
        onChange={(machineId) => onChange({ ...value, machineId })}
      />
    </div>
  );
}
