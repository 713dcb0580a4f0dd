import { z } from 'zod';
import { defineMethod } from './define';
import { DisplayName, Identifier, Line, Machine, Plant } from './schemas';

/** Lines and machines of the plant. */
export const plantMethods = {
  'plant.list': defineMethod({
    summary: 'Lines and machines the caller may see.',
    input: z.object({}),
    output: Plant,
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/plant' },
    example: {},
  }),
  'plant.renameLine': defineMethod({
    summary: 'Gives a line a name people use (lines register themselves by id).',
    input: z.object({ lineId: Identifier, name: DisplayName }),
    output: Line,
    permission: 'plant.manage',
    scope: { kind: 'line', field: 'lineId' },
    http: { verb: 'PATCH', path: '/plant/lines/:lineId' },
    example: { lineId: 'L-1', name: 'Assembly 1' },
  }),
  'plant.saveMachine': defineMethod({
    summary: 'Registers or renames a machine (and its line) ahead of its first message.',
    input: z.object({ lineId: Identifier, machineId: Identifier, name: DisplayName.optional() }),
    output: Machine,
    permission: 'plant.manage',
    scope: { kind: 'line', field: 'lineId' },
    http: { verb: 'PUT', path: '/plant/lines/:lineId/machines/:machineId' },
    example: { lineId: 'L-1', machineId: 'M-1' },
  }),
};
