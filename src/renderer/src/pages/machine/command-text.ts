import type { CommandName, CommandRecord } from '../../../../shared/contract';

export const COMMAND_LABEL: Record<CommandName, string> = {
  start: 'Start',
  stop: 'Stop',
  reset: 'Reset',
  set_rate: 'Set rate',
};

/** "stop", "set_rate 120/min": what was asked, as the machine received it. */
export function describeCommand(record: CommandRecord): string {
  const rate = record.args['units_per_minute'];
  return record.command === 'set_rate' && typeof rate === 'number'
    ? `set_rate ${rate}/min`
    : record.command;
}
