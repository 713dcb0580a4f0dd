import type { Page } from 'playwright-core';

/**
 * The page (document and the main content area) and every table's scroll container that is
 * wider inside than it shows. A string expression: the tests compile without the DOM library.
 */
export async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const found = [];
    const check = (el, name) => {
      if (el && el.scrollWidth > el.clientWidth + 1)
        found.push(name + ' scrolls sideways (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
    };
    check(document.documentElement, 'the page');
    check(document.body, 'the body');
    check(document.getElementById('main-content'), 'the content area');
    const containers = new Set();
    for (const table of document.querySelectorAll('table')) {
      let el = table.parentElement;
      while (el && el !== document.body) {
        const style = getComputedStyle(el);
        if (style.overflowX === 'auto' || style.overflowX === 'scroll') break;
        el = el.parentElement;
      }
      if (el && el !== document.body && el.id !== 'main-content') containers.add(el);
    }
    for (const el of containers) {
      const table = el.querySelector('table');
      const name = table.getAttribute('data-testid') || table.querySelector('caption')?.textContent || 'a table';
      check(el, 'the scroll container of table "' + name + '"');
    }
    return found;
  })()`);
}

/**
 * Why the first element matching `selector` is not fully on screen horizontally (outside the
 * window or clipped by a scrolling ancestor), or null when it is.
 */
export async function outsideHorizontally(page: Page, selector: string): Promise<string | null> {
  const element = page.locator(selector).first();
  if ((await element.count()) === 0) return 'is missing';
  return element.evaluate((el): string | null => {
    // Plain DOM at run time; typed loosely because the tests compile without the DOM library.
    const node = el as unknown as {
      getBoundingClientRect: () => { left: number; right: number; width: number };
      parentElement: unknown;
      ownerDocument: {
        defaultView: {
          innerWidth: number;
          getComputedStyle: (e: unknown) => {
            overflowX: string;
            display: string;
            visibility: string;
          };
        };
      };
    };
    const view = node.ownerDocument.defaultView;
    const box = node.getBoundingClientRect();
    if (box.width === 0) return 'is hidden (zero width)';
    let left = 0;
    let right = view.innerWidth;
    let ancestor = node.parentElement as typeof node | null;
    while (ancestor) {
      if (view.getComputedStyle(ancestor).overflowX !== 'visible') {
        const clip = ancestor.getBoundingClientRect();
        left = Math.max(left, clip.left);
        right = Math.min(right, clip.right);
      }
      ancestor = ancestor.parentElement as typeof node | null;
    }
    if (box.left < left - 1 || box.right > right + 1) {
      return `is off screen: ${Math.round(box.left)}–${Math.round(box.right)} px, visible ${Math.round(left)}–${Math.round(right)} px`;
    }
    return null;
  });
}
