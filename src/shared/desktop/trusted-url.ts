/**
 * Which URLs are "the app's own page". Used for three decisions: whether an IPC message
 * comes from our renderer, whether a navigation may proceed, and where the CSP header
 * applies. Pure (no electron import) so tests/unit can cover it under Node.
 */
export interface AppPages {
  /** Absolute path of the built renderer's index.html (production). */
  rendererIndexFile: string;
  /** The electron-vite dev server URL, when running `electron-vite dev`. */
  devServerUrl: string | undefined;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A file path as the pathname of its file:// URL, so both sides compare alike. */
function fileUrlPathname(filePath: string): string {
  const forward = filePath.replace(/\\/g, '/');
  const url = parse(`file://${forward.startsWith('/') ? '' : '/'}${forward}`);
  return url ? url.pathname : '';
}

/**
 * True for the app's own index.html (any hash or query: the renderer routes with them) or,
 * in development, any page of the dev server's origin. Everything else is foreign.
 */
export function isAppPage(url: string, pages: AppPages): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'file:') {
    return parsed.host === '' && parsed.pathname === fileUrlPathname(pages.rendererIndexFile);
  }
  if (pages.devServerUrl === undefined) return false;
  const dev = parse(pages.devServerUrl);
  return dev !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:')
    ? parsed.origin === dev.origin
    : false;
}
