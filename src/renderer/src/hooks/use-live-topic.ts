import { useEffect, useRef } from 'react';
import type { TopicName, TopicPayload } from '../../../shared/contract';
import { api } from '../api/client';

/** Subscribes to a live topic while the component is mounted; the latest handler is used. */
export function useLiveTopic<T extends TopicName>(
  topic: T,
  onItems: (items: TopicPayload<T>[]) => void,
): void {
  const handler = useRef(onItems);
  useEffect(() => {
    handler.current = onItems;
  });
  useEffect(() => api.on(topic, (items) => handler.current(items)), [topic]);
}
