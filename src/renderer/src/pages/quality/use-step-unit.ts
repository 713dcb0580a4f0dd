import { useEffect, useState } from 'react';
import { api } from '../../api/client';

/** How long typing must pause before the unit is looked up (one call per product and step). */
const LOOKUP_DELAY_MS = 300;

/**
 * The unit that the newest result of a product's step carries: undefined while unknown or
 * still looking, null when no result in the caller's scope has one.
 */
export function useStepUnit(productId: string, testStep: string): string | null | undefined {
  const [found, setFound] = useState<{ key: string; unit: string | null } | null>(null);
  const key = `${productId}\u0000${testStep}`;
  useEffect(() => {
    if (productId === '' || testStep === '') return;
    let current = true;
    const timer = setTimeout(() => {
      api
        .call('results.list', { productId, testStep, limit: 1 })
        .then((page) => {
          if (current) setFound({ key, unit: page.results[0]?.unit ?? null });
        })
        // The unit is a hint: a failed lookup leaves the form usable, just without it.
        .catch(() => {
          if (current) setFound({ key, unit: null });
        });
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, productId, testStep]);
  return found?.key === key ? found.unit : undefined;
}
