import { roleHas, type Role } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLoad } from '../../hooks/use-load';
import { SpecForm } from './SpecForm';
import { SpecList } from './SpecList';

/** The spec limits; engineers and admins may add a version (the backend checks the same). */
export function SpecSection({ role }: { role: Role }) {
  const { data, error, reload } = useLoad(() => api.call('specs.list', {}), 'specs');
  return (
    <section className="panel spec-section" aria-labelledby="specs-title">
      <h2 id="specs-title">Spec limits</h2>
      <ErrorMessage error={error} />
      {data && <SpecList specs={data} />}
      {roleHas(role, 'specs.manage') && <SpecForm onSaved={reload} />}
    </section>
  );
}
