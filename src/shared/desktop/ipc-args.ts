import { methods, topics, type MethodName, type TopicName } from '../contract';

/**
 * Shape checks for what arrives over IPC. The preload is ours, but the renderer it serves
 * shows plant data, so main treats every argument as untrusted. Inputs themselves are
 * validated by the backend's dispatcher against the contract; here only the envelope.
 */
const MAX_TOKEN = 4096;
const MAX_FEED_ID = 64;

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(methods, value);
}

export function isTopicName(value: unknown): value is TopicName {
  return typeof value === 'string' && Object.hasOwn(topics, value);
}

function isToken(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TOKEN;
}

export function isFeedId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_FEED_ID;
}

export interface CallArgs {
  method: MethodName;
  input: unknown;
  token: string | null;
}

export function parseCallArgs(method: unknown, input: unknown, token: unknown): CallArgs | null {
  if (!isMethodName(method)) return null;
  if (token !== null && !isToken(token)) return null;
  return { method, input, token };
}
