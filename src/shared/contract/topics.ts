import { z } from 'zod';
import { defineTopic } from './define';
import {
  Alert,
  CommandRecord,
  EventRecord,
  IngestStatusView,
  MachineSnapshot,
  TestResult,
} from './schemas';
import { ingestStatusFor } from '../rules/role-views';

/** Live topics a client may subscribe to. Each item is filtered to the subscriber's scope. */
export const topics = {
  'events.appended': defineTopic({
    summary: 'New rows of the event log.',
    payload: EventRecord,
    permission: 'events.read',
    coalesce: 'append',
    scopeOf: (event) => ({ lineId: event.lineId, machineId: event.machineId }),
    visibleTo: (event, viewer) => event.actor === viewer.username,
  }),
  'accounts.changed': defineTopic({
    summary: 'An account was created, changed or deleted (admins refresh their list).',
    payload: z.object({ userId: z.number().int() }),
    permission: 'accounts.manage',
    coalesce: 'latest',
    keyOf: (change) => String(change.userId),
    scopeOf: () => ({ lineId: null, machineId: null }),
  }),
  'results.appended': defineTopic({
    summary: 'Test results as they are stored.',
    payload: TestResult,
    permission: 'plant.view',
    coalesce: 'append',
    scopeOf: (result) => ({ lineId: result.lineId, machineId: result.machineId }),
  }),
  'machines.snapshot': defineTopic({
    summary: "A machine's latest state and readings; one item per machine per flush.",
    payload: MachineSnapshot,
    permission: 'plant.view',
    coalesce: 'latest',
    keyOf: (snapshot) => snapshot.machineId,
    scopeOf: (snapshot) => ({ lineId: snapshot.lineId, machineId: snapshot.machineId }),
  }),
  'commands.changed': defineTopic({
    summary: 'A command was sent, answered or timed out.',
    payload: CommandRecord,
    permission: 'plant.view',
    coalesce: 'latest',
    keyOf: (command) => command.id,
    scopeOf: (command) => ({ lineId: command.lineId, machineId: command.machineId }),
  }),
  'alerts.changed': defineTopic({
    summary: 'An alert was raised, returned, acknowledged, shelved or cleared; latest per alert.',
    payload: Alert,
    permission: 'plant.view',
    coalesce: 'latest',
    keyOf: (alert) => String(alert.id),
    scopeOf: (alert) => ({ lineId: alert.lineId, machineId: alert.machineId }),
    // Plant-wide alerts (broker, dead letters, missing limits) concern everyone at a screen.
    visibleTo: () => true,
  }),
  'ingest.status': defineTopic({
    summary: 'The broker connection and ingest counters, at most a few times a second.',
    payload: IngestStatusView,
    permission: 'plant.view',
    coalesce: 'latest',
    scopeOf: () => ({ lineId: null, machineId: null }),
    visibleTo: () => true,
    // Published with the counters; each subscriber gets what its role may read.
    viewFor: (status, viewer) =>
      status.counters
        ? ingestStatusFor(viewer.role, { ...status, counters: status.counters })
        : status,
  }),
};

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type TopicPayload<T extends TopicName> = z.output<Topics[T]['payload']>;
export const topicNames = Object.keys(topics) as TopicName[];

/** What a subscriber receives at each flush: a few per second at most. */
export interface LiveBatch {
  topic: TopicName;
  items: unknown[];
  /** Items dropped because the subscriber was slower than the flood (append topics only). */
  dropped: number;
}
