import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicyForMetaTag } from '../../src/shared/csp';
import { isFeedId, parseCallArgs } from '../../src/shared/desktop/ipc-args';
import { LiveFeeds, type LiveEndpoint } from '../../src/shared/desktop/live-feeds';
import { isAppPage, type AppPages } from '../../src/shared/desktop/trusted-url';

/** The decisions the Electron shell delegates to pure code, tested here since Electron can't run. */

const built: AppPages = {
  rendererIndexFile: '/opt/Linewatch/out/renderer/index.html',
  devServerUrl: undefined,
};
const dev: AppPages = { ...built, devServerUrl: 'http://localhost:5173/' };

describe('isAppPage', () => {
  it('accepts the built index.html with any route, and nothing else on disk', () => {
    expect(isAppPage('file:///opt/Linewatch/out/renderer/index.html', built)).toBe(true);
    expect(isAppPage('file:///opt/Linewatch/out/renderer/index.html#/events?x=1', built)).toBe(
      true,
    );
    expect(isAppPage('file:///opt/Linewatch/out/renderer/other.html', built)).toBe(false);
    expect(isAppPage('file:///etc/passwd', built)).toBe(false);
    expect(isAppPage('file://evil-host/opt/Linewatch/out/renderer/index.html', built)).toBe(false);
  });

  it('compares Windows paths as file URLs', () => {
    const windows: AppPages = {
      rendererIndexFile: 'C:\\Program Files\\Linewatch\\out\\renderer\\index.html',
      devServerUrl: undefined,
    };
    expect(isAppPage('file:///C:/Program%20Files/Linewatch/out/renderer/index.html', windows)).toBe(
      true,
    );
  });

  it('accepts the dev server origin only while it is configured', () => {
    expect(isAppPage('http://localhost:5173/#/login', dev)).toBe(true);
    expect(isAppPage('http://localhost:5173/#/login', built)).toBe(false);
    expect(isAppPage('http://localhost:5174/', dev)).toBe(false);
    expect(isAppPage('https://example.com/', dev)).toBe(false);
  });

  it('refuses what is not a URL at all', () => {
    expect(isAppPage('', built)).toBe(false);
    expect(isAppPage('about:blank', dev)).toBe(false);
    expect(isAppPage('javascript:alert(1)', dev)).toBe(false);
  });
});

describe('IPC argument checks', () => {
  it('passes contract calls and refuses unknown methods or odd tokens', () => {
    expect(parseCallArgs('auth.me', {}, 'tok')).toEqual({
      method: 'auth.me',
      input: {},
      token: 'tok',
    });
    expect(parseCallArgs('setup.status', {}, null)?.token).toBeNull();
    expect(parseCallArgs('toString', {}, null)).toBeNull();
    expect(parseCallArgs('__proto__', {}, null)).toBeNull();
    expect(parseCallArgs('auth.me', {}, 42)).toBeNull();
    expect(parseCallArgs('auth.me', {}, '')).toBeNull();
  });

  it('passes feed ids of a sane length only (the messages are checked by LiveConnection)', () => {
    expect(isFeedId('a-1')).toBe(true);
    expect(isFeedId('x'.repeat(65))).toBe(false);
    expect(isFeedId(42)).toBe(false);
  });
});

function endpoint(): LiveEndpoint & { closed(): void; closes: number; got: unknown[] } {
  const e = {
    closes: 0,
    got: [] as unknown[],
    receive: (message: unknown) => void e.got.push(message),
    closed: () => void e.closes++,
  };
  return e;
}

describe('LiveFeeds', () => {
  it('routes messages to the feed and closes it once, on request', () => {
    const feeds = new LiveFeeds();
    const e = endpoint();
    feeds.open(1, 'a', e);
    expect(feeds.deliver(1, 'a', { type: 'token' })).toBe(true);
    expect(feeds.deliver(2, 'a', { type: 'token' })).toBe(false);
    expect(e.got).toEqual([{ type: 'token' }]);
    feeds.close(1, 'a');
    feeds.close(1, 'a');
    expect(e.closes).toBe(1);
    expect(feeds.size).toBe(0);
    expect(feeds.deliver(1, 'a', {})).toBe(false);
  });

  it('closes only the feeds of the renderer that went away', () => {
    const feeds = new LiveFeeds();
    const [a, b, c] = [endpoint(), endpoint(), endpoint()];
    feeds.open(1, 'a', a);
    feeds.open(1, 'b', b);
    feeds.open(2, 'a', c);
    feeds.closeOwner(1);
    expect([a.closes, b.closes, c.closes]).toEqual([1, 1, 0]);
    feeds.closeAll();
    expect(c.closes).toBe(1);
  });

  it('replaces a feed opened again under the same id', () => {
    const feeds = new LiveFeeds();
    const [first, second] = [endpoint(), endpoint()];
    feeds.open(1, 'a', first);
    feeds.open(1, 'a', second);
    expect([first.closes, second.closes, feeds.size]).toEqual([1, 0, 1]);
  });
});

describe('Content-Security-Policy', () => {
  it('allows no inline or remote script, and leaves frame-ancestors out of the meta tag', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicyForMetaTag()).not.toContain('frame-ancestors');
    expect(contentSecurityPolicyForMetaTag()).toContain("object-src 'none'");
  });
});
