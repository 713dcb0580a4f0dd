import { useState } from 'react';
import type { IngestStatusView } from '../../../shared/contract';
import { api } from '../api/client';
import { useLiveTopic } from './use-live-topic';
import { useLoad } from './use-load';

/** The broker connection and ingest counters: first from the API, then live. */
export function useIngestStatus() {
  const initial = useLoad(() => api.call('ingest.status', {}), 'status');
  const [live, setLive] = useState<IngestStatusView | null>(null);
  useLiveTopic('ingest.status', (items) => {
    const latest = items.at(-1);
    if (latest) setLive(latest);
  });
  return { status: live ?? initial.data, error: initial.error };
}
