import { ApiClient, type Transport } from '../../../src/shared/api-client';

/**
 * A client whose backend never answers and whose live feed stays silent: for renderer tests
 * about layout and failure handling, where the data itself does not matter.
 */
export function quietClient(): ApiClient {
  const transport: Transport = {
    call: () => new Promise(() => undefined),
    openLive: () => ({ renew: () => undefined, close: () => undefined }),
  };
  return new ApiClient(transport);
}
