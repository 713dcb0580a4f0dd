import { type ReceivedCommand, ReceivedCommandSchema } from '../../src/backend/ingest/protocol';

export type CommandReading =
  | { ok: true; command: ReceivedCommand }
  /** `commandId` is set when the payload had a usable one, so the refusal can be answered. */
  | { ok: false; commandId: string | null; reason: string };

/** Reads a command payload as a machine would: JSON, then the schema. */
export function readCommand(payloadText: string): CommandReading {
  let value: unknown;
  try {
    value = JSON.parse(payloadText);
  } catch {
    return { ok: false, commandId: null, reason: 'command is not valid JSON' };
  }
  const parsed = ReceivedCommandSchema.safeParse(value);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue === undefined ? 'command' : issue.path.join('.') || 'command';
  const idCheck = ReceivedCommandSchema.shape.command_id.safeParse(
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)['command_id']
      : undefined,
  );
  return {
    ok: false,
    commandId: idCheck.success ? idCheck.data : null,
    reason: `invalid command: ${where}: ${issue?.message ?? 'does not match the protocol'}`,
  };
}
