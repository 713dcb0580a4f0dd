import { afterEach, expect, it } from 'vitest';
import type { EventPage, SpecVersion } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

/**
 * One clock: what the store process stamps (an event's time, an account's creation, a spec
 * version) is the backend's injected clock, not the store process's own. The test clock is
 * moved 400 days ahead, so a stamp from the system clock would be a year off.
 */

const DAY_MS = 86_400_000;
let server: TestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

const closeTo = (iso: string, expectedMs: number) =>
  expect(Math.abs(Date.parse(iso) - expectedMs)).toBeLessThan(60_000);

it("stamps events, accounts and spec versions with the backend's clock", async () => {
  server = await startTestServer();
  server.clock.advance(400 * DAY_MS);
  const admin = await server.setupAdmin();
  expect(admin.user.createdAt).toBeDefined();
  closeTo(admin.user.createdAt, server.clock.now());

  const saved = await server.http(
    'specs.save',
    { productId: 'P-1', testStep: 'voltage', lower: 1, upper: 2 },
    admin.token,
  );
  expect(saved.status).toBe(200);
  closeTo((saved.body as SpecVersion).createdAt, server.clock.now());

  const events = await server.http('events.list', { limit: 10 }, admin.token);
  const page = events.body as EventPage;
  expect(page.events.map((event) => event.type)).toContain('spec.saved');
  for (const event of page.events) closeTo(event.at, server.clock.now());
});
