/** A packet id whose message waits for its commit; MQTT.js has not issued its PUBACK yet. */
const AWAITING = 1;
/** MQTT.js issued the PUBACK and it is held here until the message's batch commits. */
const HELD = 2;
/** PUBACK of MQTT 3.1.1 (and 5 with reason code 0, "success"): type 4, remaining length 2. */
const PUBACK_HEADER = 0x40;
const PUBACK_BYTES = 4;

export interface AckedMessage {
  /** MQTT packet id of a QoS 1 message; null for QoS 0 (nothing to acknowledge). */
  packetId: number | null;
  /** Which connection delivered it. */
  generation: number;
}

/** Where held acks go: the connection's socket (client.stream) while it is connected. */
export interface AckSink {
  write(frames: Buffer): void;
}

/**
 * The PUBACKs of QoS 1 messages, held back until the batch that stored them has committed.
 *
 * One byte of state per MQTT packet id (1–65535) rather than a Set and a Map: at 40,000
 * messages a second the hash tables' growth and rehashing cost the backend more than the
 * acks themselves. A committed batch's acks leave as one socket write of 4-byte PUBACK
 * frames, not one MQTT.js write (cork, nextTick, uncork, writev) per ack, which also spares
 * the broker thousands of small reads.
 */
export class HeldAcks {
  private readonly state = new Uint8Array(65536);

  /** A QoS 1 message arrived: its PUBACK must wait for its commit. */
  expect(packetId: number): void {
    this.state[packetId] = AWAITING;
  }

  /** MQTT.js issues a PUBACK: true when it is held here (its message waits for a commit). */
  hold(packetId: number): boolean {
    if (this.state[packetId] === 0) return false;
    this.state[packetId] = HELD;
    return true;
  }

  /**
   * These messages committed: the held PUBACKs of those the current connection (`generation`)
   * delivered go out in one write; those of an older connection are never sent. A message whose
   * PUBACK MQTT.js has not issued yet (its handler's go-ahead is held by the backpressure) is
   * let go, and MQTT.js sends that PUBACK itself when it issues it.
   */
  release(batch: readonly AckedMessage[], generation: number, sink: AckSink | null): void {
    const frames = Buffer.allocUnsafe(batch.length * PUBACK_BYTES);
    let at = 0;
    for (const message of batch) {
      const packetId = message.packetId;
      if (packetId === null || message.generation !== generation) continue;
      const held = this.state[packetId] === HELD;
      this.state[packetId] = 0;
      if (!held) continue;
      frames[at] = PUBACK_HEADER;
      frames[at + 1] = 2;
      frames[at + 2] = packetId >> 8;
      frames[at + 3] = packetId & 0xff;
      at += PUBACK_BYTES;
    }
    if (at > 0 && sink) sink.write(frames.subarray(0, at));
  }

  /** The connection closed: its acks can no longer be sent; the broker redelivers. */
  clear(): void {
    this.state.fill(0);
  }
}
