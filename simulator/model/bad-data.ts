import type { TestResultPayload } from '../../src/backend/ingest/protocol';
import type { MachineMessages } from './machine-messages';
import type { MalformedKind, OutgoingMessage } from './outgoing-message';
import { BAD_DATA } from './scenarios';

/**
 * One deliberately broken message of the given kind, built from a good test result so it looks
 * like what a faulty station would send. None carries a message_id: they are not real results.
 */
export function makeMalformedMessage(
  kind: MalformedKind,
  messages: MachineMessages,
  atMs: number,
  goodResult: TestResultPayload,
): OutgoingMessage {
  const { message_id: _dropped, ...result } = goodResult;
  const broken = (topicKind: 'test' | 'telemetry' | 'state', payload: string): OutgoingMessage => ({
    ...messages.envelope(atMs, topicKind, payload),
    malformed: kind,
  });

  switch (kind) {
    case 'bad-json':
      return broken('test', JSON.stringify(result).slice(0, -7));
    case 'wrong-type':
      return broken(
        'test',
        JSON.stringify({ ...result, measured_value: String(result.measured_value) }),
      );
    case 'unknown-state':
      // Not retained: a broken retained state would hide the machine's real one.
      return broken('state', JSON.stringify({ timestamp: result.timestamp, state: 'exploded' }));
    case 'machine-id-mismatch':
      return broken('test', JSON.stringify({ ...result, machine_id: 'MACH-UNKNOWN' }));
    case 'oversize':
      return broken(
        'telemetry',
        JSON.stringify({ timestamp: result.timestamp, dump: 'x'.repeat(BAD_DATA.oversizeBytes) }),
      );
    case 'missing-field': {
      const { barcode: _missing, ...withoutBarcode } = result;
      return broken('test', JSON.stringify(withoutBarcode));
    }
    case 'bad-timestamp':
      return broken(
        'telemetry',
        JSON.stringify({ timestamp: '2026-13-45T99:00:00Z', temperature: 40 }),
      );
  }
}
