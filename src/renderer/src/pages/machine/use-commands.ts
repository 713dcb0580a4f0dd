import { useMemo } from 'react';
import type { CommandRecord } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useLiveChanges } from '../../hooks/use-live-changes';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useLoad } from '../../hooks/use-load';

const SHOWN = 30;

/** Commands sent to one machine, newest first; each follows its answer or timeout live. */
export function useCommands(machineId: string) {
  const { changed, merge, onReload } = useLiveChanges(
    (record: CommandRecord) => record.id,
    // 'sent' must not overwrite an answer that overtook the call's own reply.
    (known) => !known || known.status === 'sent',
  );
  const initial = useLoad(() => api.call('commands.list', { machineId, limit: SHOWN }), machineId, {
    onReload,
  });

  const remember = (records: readonly CommandRecord[]): void =>
    merge(records.filter((record) => record.machineId === machineId));

  useLiveTopic('commands.changed', remember);

  const commands = useMemo(() => {
    const byId = new Map<string, CommandRecord>();
    for (const record of initial.data ?? []) byId.set(record.id, record);
    for (const record of changed.values()) {
      if (record.machineId === machineId) byId.set(record.id, record);
    }
    return [...byId.values()].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)).slice(0, SHOWN);
  }, [initial.data, changed, machineId]);

  return { commands, error: initial.error, remember };
}
