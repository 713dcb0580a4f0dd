import { useMemo, useState } from 'react';
import { roleHas, type Line, type SpecVersion, type User } from '../../../../shared/contract';
import { reachOf } from '../../../../shared/rules/scope';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLoad } from '../../hooks/use-load';
import { draftFromVersion, EMPTY_SPEC_DRAFT, type SpecDraft } from './spec-draft';
import { SpecForm } from './SpecForm';
import { SpecList } from './SpecList';
import { stepChoices } from './use-capability';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The spec limits; engineers and admins may add a version (the backend checks the same). */
export function SpecSection({ user, lines }: { user: User; lines: readonly Line[] }) {
  const { data, error, reload } = useLoad(() => api.call('specs.list', {}), 'specs');
  // Products and steps seen in the last day are offered in the form, beside those with limits.
  const [range] = useState(() => {
    const to = Date.now();
    return { from: new Date(to - DAY_MS).toISOString(), to: new Date(to).toISOString() };
  });
  const yields = useLoad(() => api.call('results.yield', range), 'spec-yield');
  const choices = useMemo(() => stepChoices(data ?? [], yields.data ?? []), [data, yields.data]);
  const mayManage = roleHas(user.role, 'specs.manage');
  const mayWritePlantWide = reachOf(user).kind === 'plant';
  // A new seed remounts the form with it: "new version from this one" or blank after a save.
  const [seed, setSeed] = useState<{ nonce: number; draft: SpecDraft }>({
    nonce: 0,
    draft: EMPTY_SPEC_DRAFT,
  });
  const startFrom = (spec: SpecVersion): void => {
    const ownLines = mayWritePlantWide ? null : lines.map((line) => line.id);
    setSeed((current) => ({ nonce: current.nonce + 1, draft: draftFromVersion(spec, ownLines) }));
    // The form sits under the list: bring it into view with its first field ready.
    requestAnimationFrame(() => {
      const form = document.querySelector<HTMLFormElement>('form.spec-form');
      form?.scrollIntoView({ block: 'nearest' });
      form?.querySelector<HTMLInputElement>('input[inputmode="decimal"]')?.focus();
    });
  };

  return (
    <section className="panel spec-section" aria-labelledby="specs-title">
      <h2 id="specs-title">Spec limits</h2>
      <ErrorMessage error={error} />
      {data && <SpecList specs={data} onNewVersion={mayManage ? startFrom : undefined} />}
      {mayManage && (
        <SpecForm
          key={seed.nonce}
          initial={seed.draft}
          choices={choices}
          lines={lines}
          mayWritePlantWide={mayWritePlantWide}
          onSaved={reload}
        />
      )}
    </section>
  );
}
