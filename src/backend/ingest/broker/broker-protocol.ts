/** Messages between the backend and the embedded broker's process. */
export type ToBroker = {
  kind: 'listen';
  port: number;
  host: string;
  /** The broker's own file (`broker.sqlite` beside the database); null keeps it in memory. */
  persistenceFile: string | null;
};

export type FromBroker =
  { kind: 'listening'; url: string; port: number } | { kind: 'failed'; message: string };
