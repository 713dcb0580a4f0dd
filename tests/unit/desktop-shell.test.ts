import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicyForMetaTag } from '../../src/shared/csp';
import { parseCallArgs, parseLiveOpenArgs } from '../../src/shared/desktop/ipc-args';
import { LiveFeeds, type LiveHandle } from '../../src/shared/desktop/live-feeds';
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

  it('passes live subscriptions to known topics only', () => {
    expect(parseLiveOpenArgs('a-1', 'tok', ['events.appended', 'events.appended'])).toEqual({
      id: 'a-1',
      token: 'tok',
      topics: ['events.appended'],
    });
    expect(parseLiveOpenArgs('a-1', 'tok', ['nope'])).toBeNull();
    expect(parseLiveOpenArgs('a-1', null, ['events.appended'])).toBeNull();
    expect(parseLiveOpenArgs('x'.repeat(65), 'tok', [])).toBeNull();
    expect(parseLiveOpenArgs('a-1', 'tok', 'events.appended')).toBeNull();
  });
});

function handle(): LiveHandle & { closed: number } {
  const h = { closed: 0, close: () => void h.closed++ };
  return h;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('LiveFeeds', () => {
  it('closes a feed once, on request', async () => {
    const feeds = new LiveFeeds();
    const h = handle();
    await feeds.open(1, 'a', () => Promise.resolve(h));
    expect(feeds.size).toBe(1);
    feeds.close(1, 'a');
    feeds.close(1, 'a');
    expect(h.closed).toBe(1);
    expect(feeds.size).toBe(0);
  });

  it('closes a feed whose close arrived before its open finished', async () => {
    const feeds = new LiveFeeds();
    const pending = deferred<LiveHandle | null>();
    const opening = feeds.open(1, 'a', () => pending.promise);
    feeds.close(1, 'a');
    const h = handle();
    pending.resolve(h);
    await opening;
    expect(h.closed).toBe(1);
    expect(feeds.size).toBe(0);
  });

  it('closes only the feeds of the renderer that went away', async () => {
    const feeds = new LiveFeeds();
    const [a, b, c] = [handle(), handle(), handle()];
    await feeds.open(1, 'a', () => Promise.resolve(a));
    await feeds.open(1, 'b', () => Promise.resolve(b));
    await feeds.open(2, 'a', () => Promise.resolve(c));
    feeds.closeOwner(1);
    expect([a.closed, b.closed, c.closed]).toEqual([1, 1, 0]);
    feeds.closeAll();
    expect(c.closed).toBe(1);
  });

  it('replaces a feed opened again under the same id', async () => {
    const feeds = new LiveFeeds();
    const [first, second] = [handle(), handle()];
    await feeds.open(1, 'a', () => Promise.resolve(first));
    await feeds.open(1, 'a', () => Promise.resolve(second));
    expect([first.closed, second.closed, feeds.size]).toEqual([1, 0, 1]);
  });

  it('forgets a refused or failed open', async () => {
    const feeds = new LiveFeeds();
    await feeds.open(1, 'a', () => Promise.resolve(null));
    await expect(feeds.open(1, 'b', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(feeds.size).toBe(0);
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
