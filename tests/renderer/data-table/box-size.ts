/**
 * jsdom lays nothing out: every element is 0 × 0. This gives every element the inner size of
 * a real box (what DataTable measures for column priority and for the rows in view) until the
 * returned function restores jsdom's own.
 */
export function stubBoxSize(size: { width: number; height: number }): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    width: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
    height: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
  };
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => size.width });
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => size.height });
  return () => {
    if (saved.width) Object.defineProperty(proto, 'clientWidth', saved.width);
    if (saved.height) Object.defineProperty(proto, 'clientHeight', saved.height);
  };
}
