import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a JSON request body, refusing more than `maxBytes` without buffering it all. */
export async function readJsonBody(
  request: IncomingMessage,
  maxBytes = MAX_BODY_BYTES,
): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    request.resume();
    throw new BodyError(413, `The body is over ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      request.resume();
      throw new BodyError(413, `The body is over ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  if (size === 0) return {};
  const type = String(request.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) {
    throw new BodyError(415, 'Send the body as application/json');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    throw new BodyError(400, `The body is not valid JSON: ${(error as Error).message}`);
  }
}
