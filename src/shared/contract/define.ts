import type { z } from 'zod';
import type { Permission, Role } from './roles';

/**
 * Which part of the plant a call touches, so the dispatcher can check it before the
 * handler runs:
 * - `none`: the call is not about a line or machine (accounts, settings, own session);
 * - `line` / `machine`: the input names one, in the given field; it must be in the caller's scope;
 * - `filtered`: the call returns many records and the handler keeps only the caller's scope.
 */
export type ScopeRule =
  | { kind: 'none' }
  | { kind: 'line'; field: string }
  | { kind: 'machine'; field: string }
  | { kind: 'filtered' };

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  permission: Permission;
  scope: ScopeRule;
  /** REST route in console mode, below `/api`. `:name` segments fill input fields. */
  http: { verb: HttpVerb; path: string };
  /** An input that passes validation: used by the OpenAPI page and the permission table test. */
  example: z.input<I>;
  /** True for the few calls a session may make while idle-locked (unlock, logout). */
  allowedWhileLocked?: boolean;
}

/** Declares one method; the generic keeps input and output types for the client. */
export function defineMethod<I extends z.ZodType, O extends z.ZodType>(
  spec: MethodSpec<I, O>,
): MethodSpec<I, O> {
  return spec;
}

/**
 * Live updates. `append` topics deliver every item of a flush (bounded); `latest` topics
 * keep only the newest item per key, so a busy machine costs one item per flush.
 */
export interface TopicSpec<P extends z.ZodType = z.ZodType> {
  summary: string;
  payload: P;
  permission: Permission;
  coalesce: 'append' | 'latest';
  keyOf?: (payload: z.output<P>) => string;
  /** Where in the plant an item belongs; null means "not about a line or machine". */
  scopeOf: (payload: z.output<P>) => { lineId: string | null; machineId: string | null };
  /** For items not about the plant: may this user (id, admin?) see it. Defaults to admins only. */
  visibleTo?: (payload: z.output<P>, viewer: { userId: number; username: string }) => boolean;
  /** The part of an item a role may read, when some fields are not for every role. */
  viewFor?: (payload: z.output<P>, viewer: { role: Role }) => z.output<P>;
}

export function defineTopic<P extends z.ZodType>(spec: TopicSpec<P>): TopicSpec<P> {
  return spec;
}
