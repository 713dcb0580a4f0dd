/**
 * The one Content-Security-Policy of the app's pages. The Electron shell sends it as a
 * response header, the renderer build injects it as a <meta> tag (the header cannot be
 * relied on for file:// pages), and the console server sends it on its HTML.
 *
 * - scripts only from the app itself: no inline script, no eval, nothing remote;
 * - 'unsafe-inline' styles because React `style={...}` props and ECharts set style attributes;
 * - ws:/wss: because the console-mode client opens the live WebSocket on its own host;
 * - no plugins, no <base> rewriting, no framing, no form posts anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The policy as a <meta> tag may carry it: browsers ignore `frame-ancestors` there and warn
 * about it, so it is left out (the header, where there is one, still carries it).
 */
export function contentSecurityPolicyForMetaTag(): string {
  return CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
}
