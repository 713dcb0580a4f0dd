import type { CallResult } from '../../shared/api-client';
import {
  methods,
  roleHas,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type MethodSpec,
} from '../../shared/contract';
import type { AuthService, Caller } from '../auth/auth-service';
import { ApiFailure, toErrorBody } from './api-failure';

/** What a handler receives besides its input: the checked caller (null for public methods). */
export interface HandlerContext {
  caller: Caller | null;
  /** The caller's network address in console mode; 'local' for the desktop app. */
  client: string;
}

/** A handler of a method that needs a login receives a caller for sure. */
export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  context: Methods[M]['permission'] extends 'public'
    ? HandlerContext
    : { caller: Caller; client: string },
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

  constructor(
    private readonly auth: AuthService,
    private readonly log: (line: string) => void,
    private readonly onDenied: (caller: Caller, method: MethodName, reason: string) => void,
  ) {}

  register<M extends MethodName>(method: M, handler: Handler<M>): void {
    const spec = methods[method] as MethodSpec | undefined;
    if (!spec) throw new Error(`Cannot register ${method}: it is not in the contract`);
    if (!spec.permission) throw new Error(`Cannot register ${method}: it declares no permission`);
    if (!spec.scope) throw new Error(`Cannot register ${method}: it declares no scope rule`);
    if (this.handlers.has(method)) throw new Error(`${method} is registered twice`);
    this.handlers.set(method, handler as unknown as AnyHandler);
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
  ): Promise<CallResult> {
    try {
      const value = await this.dispatch(method, rawInput, token, client);
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
  ): Promise<unknown> {
    if (!Object.hasOwn(methods, method))
      throw new ApiFailure('NOT_FOUND', `There is no method ${method}`);
    const name = method as MethodName;
    const spec = methods[name] as MethodSpec;
    const handler = this.handlers.get(name);
    if (!handler) throw new ApiFailure('INTERNAL', `${name} has no handler`);

    let caller: Caller | null = null;
    if (spec.permission !== 'public') {
      caller = await this.auth.authenticate(token, {
        allowLocked: spec.allowedWhileLocked === true,
        countsAsActivity: name !== 'auth.refresh',
      });
      if (!roleHas(caller.user.role, spec.permission)) {
        this.onDenied(caller, name, `needs permission ${spec.permission}`);
        throw new ApiFailure('FORBIDDEN', `Your role (${caller.user.role}) may not do this`);
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

    const output = await handler(input, { caller, client });
    return spec.output.parse(output);
  }
}
