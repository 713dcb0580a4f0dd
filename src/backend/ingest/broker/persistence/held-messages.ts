import type { StoredPacket } from './aedes-parts';

/** A held message's rows in the file, by the client each was queued for. */
export class HeldRows {
  constructor(
    readonly topic: string,
    readonly since: number,
    private readonly rows: Map<string, number[]>,
    /** Whether its retained state was written and aedes has not stored it yet. */
    public retainedPending: boolean,
  ) {}

  rowFor(clientId: string): number | undefined {
    const list = this.rows.get(clientId);
    const row = list?.shift();
    if (list?.length === 0) this.rows.delete(clientId);
    return row;
  }

  /** Rows no session took: their sessions were cleaned or unsubscribed meanwhile. */
  unused(): number[] {
    return [...this.rows.values()].flat();
  }
}

/** How long a held message may wait for aedes to publish it before its rows are dropped. */
const ORPHAN_MS = 120_000;
const SWEEP_MS = 30_000;

/**
 * QoS 1 messages written to the file before aedes acknowledged them, waiting for aedes to
 * publish them. aedes answers a QoS 1 PUBLISH with PUBACK first and stores the message after
 * (aedes 1.2, lib/handlers/publish.js): a crash in between lost a message its publisher took as
 * delivered. So authorizePublish, which aedes waits for before the PUBACK, writes the message
 * for every session it will be queued for; when aedes then publishes it, the persistence
 * recognises it here and adopts those rows instead of writing again. That keeps aedes' own
 * order intact: its broker counter is given at publish, and the message is routed in the same
 * turn, as with the in-memory persistence (a router that saw a later counter first would drop
 * it as a duplicate).
 *
 * aedes copies the packet it publishes (aedes-packet) but keeps the payload buffer, which the
 * MQTT parser makes new for every PUBLISH: that buffer identifies the message.
 *
 * If aedes never publishes it (the PUBACK could not be written, the connection closed), its
 * publisher sends it again, and the rows are dropped after two minutes. Should the broker die
 * in that time, the message is delivered from them at the next start as well: a duplicate,
 * which QoS 1 allows and Linewatch stores once.
 */
export class HeldMessages {
  private readonly byPayload = new Map<Buffer, HeldRows[]>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    /** Deletes a row that no message will take. */
    private readonly dropRow: (row: number) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  add(packet: StoredPacket, rows: Map<string, number[]>): void {
    const held = new HeldRows(packet.topic, this.now(), rows, packet.retain);
    const list = this.byPayload.get(packet.payload);
    if (list) list.push(held);
    else this.byPayload.set(packet.payload, [held]);
  }

  /** Whether this packet's retained state was already written when it was held. */
  retainedWritten(packet: StoredPacket): boolean {
    const held = this.byPayload.get(packet.payload)?.find((each) => each.topic === packet.topic);
    if (!held?.retainedPending) return false;
    held.retainedPending = false;
    return true;
  }

  /** The held rows of the message aedes now publishes, if it was held; it is held no more. */
  take(packet: StoredPacket): HeldRows | undefined {
    const list = this.byPayload.get(packet.payload);
    const index = list?.findIndex((each) => each.topic === packet.topic) ?? -1;
    if (!list || index < 0) return undefined;
    const [held] = list.splice(index, 1);
    if (list.length === 0) this.byPayload.delete(packet.payload);
    return held;
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const before = this.now() - ORPHAN_MS;
    for (const [payload, list] of this.byPayload) {
      for (const held of list.filter((each) => each.since < before)) {
        for (const row of held.unused()) this.dropRow(row);
        list.splice(list.indexOf(held), 1);
      }
      if (list.length === 0) this.byPayload.delete(payload);
    }
  }
}
