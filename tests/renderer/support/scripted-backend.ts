import type { CallResult, Transport } from '../../../src/shared/api-client';
import type { MethodName, TopicName } from '../../../src/shared/contract';
import type { LiveEvent } from '../../../src/shared/live/live-protocol';

/**
 * A stand-in for the backend's transport in renderer tests: answers the calls the test
 * scripted (others never answer), records them, and lets the test send live events.
 */
export class ScriptedBackend {
  readonly calls: { method: MethodName; input: unknown }[] = [];
  private readonly answers = new Map<MethodName, (input: unknown) => unknown>();
  private live: ((event: LiveEvent) => void) | null = null;

  readonly transport: Transport = {
    call: (method, input): Promise<CallResult> => {
      this.calls.push({ method, input });
      const answer = this.answers.get(method);
      if (!answer) return new Promise(() => undefined);
      return Promise.resolve({ ok: true, value: answer(input) });
    },
    openLive: (_token, _topics, onEvent) => {
      this.live = onEvent;
      return { renew: () => undefined, close: () => (this.live = null) };
    },
  };

  answer(method: MethodName, answer: (input: unknown) => unknown): void {
    this.answers.set(method, answer);
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.input);
  }

  /** Sends items on a live topic, as one batch of one frame. */
  send(topic: TopicName, items: unknown[]): void {
    this.event({ kind: 'batches', batches: [{ topic, items, dropped: 0 }] });
  }

  event(event: LiveEvent): void {
    if (!this.live) throw new Error('the live feed is not open (no session?)');
    this.live(event);
  }
}

/** The one backend of a renderer test file (the mocked api/client talks to it). */
export const scripted = new ScriptedBackend();
