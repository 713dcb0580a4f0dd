/** Messages between the backend and the embedded broker's process. */
export type ToBroker = { kind: 'listen'; port: number; host: string };

export type FromBroker =
  { kind: 'listening'; url: string; port: number } | { kind: 'failed'; message: string };
