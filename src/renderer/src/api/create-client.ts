import { ApiClient } from '../../../shared/api-client';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';

/** The desktop window has the preload bridge; a browser in console mode talks HTTP. */
export function createClient(): ApiClient {
  const transport = window.linewatch ? createIpcTransport(window.linewatch) : createHttpTransport();
  return new ApiClient(transport);
}
