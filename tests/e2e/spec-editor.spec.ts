import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callApi, setUpAdmin } from './api';
import { FakeFloor, brokerUrlOf } from './factory';
import {
  launchBrowser,
  openPage,
  saveScreenshot,
  startConsole,
  type ConsoleServer,
} from './harness';
import { goTo, logIn } from './ui';

const ENGINEER = {
  username: 'erik.spec',
  displayName: 'Erik Spec',
  password: 'erik spec password 1',
};

/** An engineer's everyday job: a new version of limits for their line, built on the one in force. */
describe('spec editor: known products and steps, their unit, "new version from this one"', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let floor: FakeFloor;
  let adminToken: string;

  beforeAll(async () => {
    server = await startConsole();
    adminToken = await setUpAdmin(server.url);
    await callApi(
      server.url,
      'accounts.create',
      { ...ENGINEER, role: 'engineer', assignments: { lines: ['L-1'], machines: [] } },
      adminToken,
    );
    // Plant-wide limits first, so the results below are judged (both PASS).
    await callApi(
      server.url,
      'specs.save',
      { productId: 'PROD-V', testStep: 'voltage_test', lower: 80, upper: 100 },
      adminToken,
    );
    floor = await FakeFloor.connect(await brokerUrlOf(server.url, adminToken));
    // Two results of a step measured in volts on the engineer's line: 85 V and 95 V.
    for (const [barcode, value] of [
      ['SN-SPEC-1', 85],
      ['SN-SPEC-2', 95],
    ] as const) {
      await floor.publishRaw(
        'factory/L-1/M-1/test',
        JSON.stringify({
          barcode,
          machine_id: 'M-1',
          product_id: 'PROD-V',
          test_step: 'voltage_test',
          measured_value: value,
          unit: 'V',
          timestamp: new Date().toISOString(),
        }),
      );
    }
    await vi.waitFor(
      async () => {
        const page = await callApi(
          server.url,
          'results.list',
          { productId: 'PROD-V', limit: 10 },
          adminToken,
        );
        expect(page.results.map((result) => result.verdict)).toEqual(['PASS', 'PASS']);
      },
      { timeout: 10_000, interval: 100 },
    );
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await page.goto('/');
    await logIn(page, ENGINEER.username, ENGINEER.password);
  });

  afterAll(async () => {
    await floor?.close();
    await browser?.close();
    await server?.stop();
  });

  it('offers the known products and steps and shows the unit the step is measured in', async () => {
    await goTo(page, 'Quality');
    const form = page.getByRole('form', { name: 'New spec limits' });
    const productList = form.locator(`datalist#${await listIdOf(form.getByLabel('Product'))}`);
    await expect.poll(() => productList.locator('option').evaluateAll(values)).toEqual(['PROD-V']);
    await form.getByLabel('Product').fill('PROD-V');
    const stepList = form.locator(`datalist#${await listIdOf(form.getByLabel('Test step'))}`);
    await expect
      .poll(() => stepList.locator('option').evaluateAll(values))
      .toEqual(['voltage_test']);
    await form.getByLabel('Test step').fill('voltage_test');
    await form.getByText('Results are measured in V').waitFor();
    await form.getByLabel('Lower limit (V)').waitFor();
    // An engineer sets their own line's limits: plant-wide is not offered.
    const appliesTo = form.getByLabel('Applies to');
    await expect.poll(() => appliesTo.locator('option').evaluateAll(values)).toEqual(['L-1']);
  });

  it('prefills a new version from the one in force and previews PASS → FAIL before saving', async () => {
    await page
      .getByTestId('spec-table')
      .getByRole('button', { name: 'New version from PROD-V · voltage_test v1' })
      .click();
    const form = page.getByRole('form', { name: 'New spec limits' });
    await expect.poll(() => form.getByLabel('Product').inputValue()).toBe('PROD-V');
    await expect.poll(() => form.getByLabel('Test step').inputValue()).toBe('voltage_test');
    await expect.poll(() => form.getByLabel('Applies to').inputValue()).toBe('L-1');
    await expect.poll(() => form.getByLabel('Lower limit').inputValue()).toBe('80');
    await expect.poll(() => form.getByLabel('Upper limit').inputValue()).toBe('100');

    await form.getByLabel('Upper limit').fill('90');
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('spec-preview');
    await expect.poll(() => preview.textContent()).toMatch(/PASS → FAIL: 1/);
    await expect.poll(() => preview.textContent()).toMatch(/FAIL → PASS: 0/);
    await saveScreenshot(page, 'spec-editor');
    await form.getByRole('button', { name: 'Save limits' }).click();
    await form.getByText('Saved PROD-V · voltage_test for line L-1 as version 2.').waitFor();
    const specs = await callApi(server.url, 'specs.list', {}, adminToken);
    expect(specs.find((spec) => spec.lineId === 'L-1')).toMatchObject({
      productId: 'PROD-V',
      testStep: 'voltage_test',
      lower: 80,
      upper: 90,
    });
  });

  async function listIdOf(input: ReturnType<Page['getByLabel']>): Promise<string> {
    const id = await input.getAttribute('list');
    if (!id) throw new Error('the field offers no list of known values');
    // useId makes ids like «r1»: escape them for a CSS selector.
    return id.replace(/[^a-zA-Z0-9_-]/g, (char) => `\\${char}`);
  }
});

/** The values of <option> elements (a string expression: tests compile without the DOM). */
const values = (options: { getAttribute(name: string): string | null }[]): string[] =>
  options.map((option) => option.getAttribute('value') ?? '');
