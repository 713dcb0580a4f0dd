import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { isAppPage, type AppPages } from '../shared/desktop/trusted-url';

/**
 * Sends the app's CSP as a header on its own pages. The renderer build also carries it as a
 * <meta> tag, which is what counts for file:// pages where headers may not apply. The dev
 * server page is left to its meta tag: React Fast Refresh needs an inline script there.
 */
export function installContentSecurityPolicy(session: Session, pages: AppPages): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const ours = details.url.startsWith('file:') && isAppPage(details.url, pages);
    if (!ours || details.resourceType !== 'mainFrame') {
      callback({});
      return;
    }
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}
