import type { CallResult } from '../../shared/api-client';
import {
  methods,
  roleHas,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type MethodSpec,
  type StationKey,
} from '../../shared/contract';
import type { AuthService, Caller } from '../auth/auth-service';
import { ApiFailure, toErrorBody } from './api-failure';
import { displaySessionMay } from '../../shared/rules/display-session';

/** What a handler receives besides its input: the checked caller (null for public methods). */
export interface HandlerContext {
  caller: Caller | null;
  /** The caller's network address in console mode; 'local' for the desktop app. */
  client: string;
  /** The operator station the call came from ("CR-2"), or null when it did not say. */
  workstation?: string | null;
  /** Set for the station route only (see StationContext). */
  station?: StationKey;
}

/** What the station route's handler receives: the station key, checked; no user. */
export interface StationContext {
  caller: null;
  station: StationKey;
  client: string;
}

/**
 * Station keys at the door: who a key is (or a refusal), and the record of a key sent where
 * it has no business. Implemented by StationKeyGate.
 */
export interface StationKeyCheck {
  isStationKey(token: string | null): boolean;
  authenticate(token: string | null): Promise<StationKey>;
  refusedElsewhere(token: string, method: MethodName): Promise<void>;
}

/** A handler of a method that needs a login receives a caller for sure. */
export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  context: Methods[M]['permission'] extends 'public'
    ? HandlerContext
    : { caller: Caller; client: string; workstation?: string | null },
) => Promise<MethodOutput<M>>;

/** The station route's handler: it receives the checked station key. */
export type StationHandler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  context: StationContext,
) => Promise<MethodOutput<M>>;

type Methods = typeof methods;
type AnyHandler = (input: unknown, context: HandlerContext) => Promise<unknown>;

/**
 * The one door to the backend. Both transports call `call`; it checks the token, the
 * permission, the input and the scope, in that order, before any handler runs, and checks
 * the output against the contract before it leaves (which also strips unlisted fields).
 */
export class Dispatcher {
  private readonly handlers = new Map<MethodName, AnyHandler>();
  private stations: StationKeyCheck | null = null;

  constructor(
    private readonly auth: AuthService,
    private readonly log: (line: string) => void,
    private readonly onDenied: (caller: Caller, method: MethodName, reason: string) => void,
  ) {}

  /** Station keys are checked here; without this, the station route refuses everyone. */
  useStationKeys(stations: StationKeyCheck): void {
    this.stations = stations;
  }

  register<M extends MethodName>(method: M, handler: Handler<M>): void {
    const spec = methods[method] as MethodSpec | undefined;
    if (!spec) throw new Error(`Cannot register ${method}: it is not in the contract`);
    if (!spec.permission) throw new Error(`Cannot register ${method}: it declares no permission`);
    if (!spec.scope) throw new Error(`Cannot register ${method}: it declares no scope rule`);
    if (this.handlers.has(method)) throw new Error(`${method} is registered twice`);
    this.handlers.set(method, handler as unknown as AnyHandler);
  }

  /** Registers the handler of a method that takes a station key (permission station.ingest). */
  registerStation<M extends MethodName>(method: M, handler: StationHandler<M>): void {
    if ((methods[method] as MethodSpec).permission !== 'station.ingest')
      throw new Error(`${method} does not take a station key`);
    this.register(method, handler as unknown as Handler<M>);
  }

  /** Methods of the contract that still have no handler (the backend refuses to start then). */
  missingHandlers(): MethodName[] {
    return (Object.keys(methods) as MethodName[]).filter((method) => !this.handlers.has(method));
  }

  async call(
    method: string,
    rawInput: unknown,
    token: string | null,
    client = 'local',
    workstation: string | null = null,
  ): Promise<CallResult> {
    try {
      const value = await this.dispatch(method, rawInput, token, client, workstation);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toErrorBody(error, this.log) };
    }
  }

  private async dispatch(
    method: string,
    rawInput: unknown,
    token: string | null,
    client: string,
    workstation: string | null,
  ): Promise<unknown> {
    if (!Object.hasOwn(methods, method))
      throw new ApiFailure('NOT_FOUND', `There is no method ${method}`);
    const name = method as MethodName;
    const spec = methods[name] as MethodSpec;
    const handler = this.handlers.get(name);
    if (!handler) throw new ApiFailure('INTERNAL', `${name} has no handler`);

    // A station key is not a login: it opens the station route and nothing else.
    if (spec.permission !== 'station.ingest' && this.stations?.isStationKey(token)) {
      await this.stations.refusedElsewhere(token!, name);
      throw new ApiFailure(
        'FORBIDDEN',
        'A station key can only post test results (POST /ingest); it is not a login',
      );
    }
    let station: StationKey | null = null;
    if (spec.permission === 'station.ingest') {
      if (!this.stations) throw new ApiFailure('INTERNAL', 'Station keys are not set up');
      station = await this.stations.authenticate(token);
    }

    let caller: Caller | null = null;
    if (spec.permission !== 'public' && spec.permission !== 'station.ingest') {
      caller = await this.auth.authenticate(token, {
        allowLocked: spec.allowedWhileLocked === true,
        countsAsActivity: name !== 'auth.refresh',
      });
      if (!roleHas(caller.user.role, spec.permission)) {
        this.onDenied(caller, name, `needs permission ${spec.permission}`);
        throw new ApiFailure('FORBIDDEN', `Your role (${caller.user.role}) may not do this`);
      }
      if (caller.display && !displaySessionMay(name, spec.permission)) {
        this.onDenied(caller, name, `the display session of "${caller.display}" may only view`);
        throw new ApiFailure(
          'FORBIDDEN',
          'A wall display session may only view; log in as yourself to do this',
        );
      }
    }

    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(input)',
        message: issue.message,
      }));
      const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
      throw new ApiFailure('INVALID_INPUT', summary, issues);
    }
    const input = parsed.data as Record<string, unknown>;

    if (caller && (spec.scope.kind === 'line' || spec.scope.kind === 'machine')) {
      const target = String(input[spec.scope.field] ?? '');
      const allowed =
        spec.scope.kind === 'line'
          ? caller.scope.canSeeLine(target)
          : caller.scope.canSeeMachine(target);
      if (!allowed) {
        this.onDenied(caller, name, `${spec.scope.kind} ${target} is outside the caller's scope`);
        throw new ApiFailure('FORBIDDEN', `${spec.scope.kind} ${target} is not assigned to you`);
      }
    }

    const output = await handler(
      input,
      station ? { caller: null, station, client } : { caller, client, workstation },
    );
    return spec.output.parse(output);
  }
}
