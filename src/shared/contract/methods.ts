import type { z } from 'zod';
import { accountMethods } from './account-methods';
import { eventMethods } from './event-methods';
import { settingsMethods } from './settings-methods';
import { ingestMethods } from './ingest-methods';
import { qualityMethods } from './quality-methods';
import { machineMethods } from './machine-methods';
import { alertMethods } from './alert-methods';
import { maintenanceMethods } from './maintenance-methods';
import { plantMethods } from './plant-methods';
import { reportMethods } from './reports';
import { simulatorMethods } from './simulator-methods';
import { stationKeyMethods } from './station-key-methods';
import { alarmLimitMethods } from './alarm-limit-methods';
import { handoverMethods } from './handover-methods';
import { sparkplugMethods } from './sparkplug-methods';
import { MAX_SHELVE_MINUTES } from '../rules/shelving';

export { MAX_SHELVE_MINUTES };

/**
 * The whole backend API. Every transport (Electron IPC, HTTP + WebSocket) carries exactly
 * these methods, and the dispatcher refuses to register a handler for anything else. Each
 * domain declares its methods in its own file; the order here is the order of the API.
 */
export const methods = {
  ...accountMethods,
  ...eventMethods,
  ...settingsMethods,
  ...ingestMethods,
  ...qualityMethods,
  ...machineMethods,
  ...alertMethods,
  ...maintenanceMethods,
  ...plantMethods,
  ...reportMethods,
  ...simulatorMethods,
  ...stationKeyMethods,
  ...alarmLimitMethods,
  ...handoverMethods,
  ...sparkplugMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export const methodNames = Object.keys(methods) as MethodName[];
