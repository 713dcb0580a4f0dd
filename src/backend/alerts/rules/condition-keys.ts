import { failRateKey, noSpecKey, offlineKey } from './conditions';

/** Past this many names a memo starts again: ids come from payloads, so their number is open. */
const MAX_REMEMBERED = 10_000;

/**
 * The condition keys the rules ask for with every stored message (the machine's offline and
 * FAIL-rate conditions, the product and step's "no spec" one), made once per name and kept.
 * Building each key anew cost a string and, at every lookup, hashing it; a kept key string is
 * hashed once. The keys are the same strings `conditions.ts` builds.
 */
export class ConditionKeys {
  private readonly offline = new Map<string, string>();
  private readonly failRate = new Map<string, string>();
  /** Product, then step: no key string is built to find one. */
  private readonly noSpec = new Map<string, Map<string, string>>();
  private noSpecCount = 0;

  offlineOf(machineId: string): string {
    return remembered(this.offline, machineId, offlineKey);
  }

  failRateOf(machineId: string): string {
    return remembered(this.failRate, machineId, failRateKey);
  }

  noSpecOf(productId: string, testStep: string): string {
    let key = this.noSpec.get(productId)?.get(testStep);
    if (key === undefined) {
      if (this.noSpecCount >= MAX_REMEMBERED) {
        this.noSpec.clear();
        this.noSpecCount = 0;
      }
      let ofProduct = this.noSpec.get(productId);
      if (!ofProduct) this.noSpec.set(productId, (ofProduct = new Map()));
      ofProduct.set(testStep, (key = noSpecKey(productId, testStep)));
      this.noSpecCount += 1;
    }
    return key;
  }
}

function remembered(
  memo: Map<string, string>,
  name: string,
  keyOf: (name: string) => string,
): string {
  let key = memo.get(name);
  if (key === undefined) {
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    memo.set(name, (key = keyOf(name)));
  }
  return key;
}
