import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceSpans, startUiTestServer, type UiTestServer } from '../support/ui-server.js';
import { launchChromium, screenshot, type WatchedPage, watchedPage } from './browser.js';
import { buildUi } from './build-ui.js';
import { HOSTILE_IMG, HOSTILE_SCRIPT, HOSTILE_TRACE, seedDemo, seedHostileTrace } from './seed.js';

/**
 * The UI in Debian's Chromium against a real server seeded by the demo generator: the pages a
 * person goes through, deep links, an annotation that survives a reload, and markup in the data
 * that must stay text.
 */
// Chromium on a shared, busy machine can be slow to start and to draw.
describe('the web UI in Chromium', { timeout: 90_000 }, () => {
  let uiDir: string;
  let server: UiTestServer;
  let browser: Browser;
  let watched: WatchedPage;

  beforeAll(async () => {
    uiDir = await buildUi();
    server = await startUiTestServer({ uiDir });
    await seedDemo(server, 90);
    await seedHostileTrace(server);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (uiDir) rmSync(uiDir, { recursive: true, force: true });
  });

  const open = async (path: string) => {
    watched = await watchedPage(browser);
    await watched.page.goto(`${server.url}${path}`);
    return watched.page;
  };
  const rows = (page: WatchedPage['page']) => page.locator('[data-trace-id]');

  it('lists the traces, filters them by service, and searches their text', async () => {
    const page = await open('/');
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBeGreaterThan(20);
    await screenshot(page, 'traces');

    await page.getByRole('combobox', { name: 'Service' }).selectOption('ticket-triage');
    await page.waitForURL(/service=ticket-triage/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-trace-id] .root-service')].every(
        (cell) => cell.textContent === 'ticket-triage',
      ),
    );
    expect(await rows(page).count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: /Clear 1 filter/ }).click();
    await page.getByRole('searchbox', { name: 'Full-text search' }).fill('"wrong size"');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/text=%22wrong\+size%22/);
    await page.waitForFunction(() => {
      const names = [...document.querySelectorAll('[data-trace-id] .root-name')].map(
        (cell) => cell.textContent,
      );
      return names.length > 0 && names.every((name) => name === 'invoke_agent support');
    });
    expect(watched.problems).toEqual([]);
  });

  it('opens a trace, shows a model call with its messages and cost, and keeps the span in the link', async () => {
    const page = await open('/traces?spanType=llm&service=support-agent');
    await rows(page).first().click();
    await page.waitForURL(/\/traces\/[0-9a-f]{32}/);
    const modelCall = page.locator('[role=treeitem]', { hasText: /^chat / }).first();
    await modelCall.click();
    await page.waitForURL(/span=[0-9a-f]{16}/);
    const panel = page.getByRole('region', { name: 'Model call' });
    await panel.waitFor();
    expect(await panel.getByText('Provider').count()).toBe(1);
    expect(await panel.locator('.message.role-user').count()).toBeGreaterThan(0);
    expect(await panel.locator('.message.role-assistant').count()).toBeGreaterThan(0);
    expect(await panel.getByText(/^\$\d/).count()).toBeGreaterThan(0);
    const selected = await page.locator('[role=treeitem][aria-selected=true]').getAttribute('data-span-id');
    await screenshot(page, 'trace');

    // The address alone brings the same view back.
    const link = page.url();
    const again = await open(new URL(link).pathname + new URL(link).search);
    await again.getByRole('region', { name: 'Model call' }).waitFor();
    expect(await again.locator('[role=treeitem][aria-selected=true]').getAttribute('data-span-id')).toBe(
      selected,
    );
    expect(watched.problems).toEqual([]);
  });

  it('renders markup in prompts, completions and attributes as inert text', async () => {
    const page = await open(`/traces/${HOSTILE_TRACE}?span=bad0000000000002`);
    const panel = page.getByRole('region', { name: 'Span chat gpt-4o' });
    await panel.waitFor();
    await expect.poll(() => panel.getByText(HOSTILE_IMG, { exact: true }).count()).toBeGreaterThan(1);
    expect(await panel.getByText(HOSTILE_SCRIPT, { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, 'markup-as-text');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('body script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(watched.dialogs).toEqual([]);
    // The trace's name holds markup too: the tree and the title show it as text.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`agent ${HOSTILE_IMG}`);
  });

  it('adds an annotation to a trace, and finds it again after a reload and on the annotations page', async () => {
    const page = await open(`/traces/${HOSTILE_TRACE}`);
    const form = page.getByRole('form', { name: 'Annotate this trace' });
    await form.waitFor();
    await form.getByRole('textbox', { name: 'Note' }).fill('the agent picked the wrong tool');
    await form.getByRole('textbox', { name: 'Author' }).fill('e2e-reviewer');
    await form.getByRole('textbox', { name: 'Tags' }).fill('regression, tools');
    await form.getByRole('combobox', { name: 'Score type' }).selectOption('number');
    await form.getByRole('textbox', { name: 'Score name' }).fill('quality');
    await form.getByRole('textbox', { name: 'Score value' }).fill('0.25');
    await form.getByRole('button', { name: 'Add annotation' }).click();
    await page.getByText('the agent picked the wrong tool').waitFor();

    await page.reload();
    await page.getByText('the agent picked the wrong tool').waitFor();
    expect(await page.getByText('quality = 0.25').count()).toBe(1);

    const list = await open('/annotations?tag=regression');
    await list.getByText('the agent picked the wrong tool').waitFor();
    expect(await list.getByText('e2e-reviewer').count()).toBe(1);
    await screenshot(list, 'annotations');
  });

  it('draws the dashboard charts from the analytics', async () => {
    const page = await open('/dashboard?range=6h');
    for (const title of [
      'Traces per hour, by root span',
      'Cost per hour, by model',
      'Model call latency: p50, p95, p99',
    ]) {
      const chart = page.getByRole('figure', { name: title });
      await chart.locator('canvas').waitFor();
      expect(Number(await chart.getAttribute('data-points')), title).toBeGreaterThan(0);
    }
    await page.getByRole('table', { name: 'Services by cost' }).locator('tbody tr').first().waitFor();
    await screenshot(page, 'dashboard');
    expect(watched.problems).toEqual([]);
  });

  it('shows sessions as conversations, with the cost of each turn', async () => {
    const page = await open('/sessions?range=6h');
    const sessions = page.getByRole('table', { name: 'Sessions' });
    await sessions.locator('tbody tr').first().waitFor();
    await screenshot(page, 'sessions');
    await sessions
      .getByRole('link', { name: /^support-/ })
      .first()
      .click();
    await page.waitForURL(/\/sessions\/support-/);
    const turn = page.locator('.turn').first();
    await turn.locator('.message.role-user .message-text').waitFor();
    expect(await turn.locator('.message.role-user .message-text').textContent()).toMatch(/order NW-\d+/);
    expect(await turn.locator('.turn-cost').textContent()).toMatch(/^\$/);
    await screenshot(page, 'session');
  });

  it('shows the services and who calls whom', async () => {
    const page = await open('/services?range=6h');
    const graph = page.getByRole('img', { name: 'Service dependency graph' });
    await graph.waitFor();
    expect(await graph.getByRole('button', { name: 'Service orders-api' }).count()).toBe(1);
    await screenshot(page, 'services');
    await graph.getByRole('button', { name: 'Service orders-api' }).click();
    await page.waitForURL(/\/services\/orders-api/);
    await page.getByRole('table', { name: 'Operations' }).getByText('GET /orders/{id}').waitFor();
  });

  it('follows new traces in live mode', async () => {
    const page = await open('/traces?range=15m');
    await page.getByRole('button', { name: 'Live' }).click();
    await page.waitForURL(/live=1/);
    await page.getByRole('button', { name: /● Live: 0 spans/ }).waitFor();
    const traceId = `11fe${Date.now().toString(16).padStart(28, '0')}`;
    await server.ingest([
      resourceSpans('live-probe', Date.now() - 1000, [
        { traceId, spanId: '11fe000000000001', name: 'live probe run', start: 0, end: 500 },
      ]),
    ]);
    await page.locator(`[data-trace-id="${traceId}"]`).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: /● Live: [1-9]\d* spans/ }).count()).toBe(1);
  });

  it('shows the empty state of a project without data, with the way to send some', async () => {
    const page = await open('/traces?project=nothing-yet');
    await page.getByRole('heading', { name: 'No traces in project “nothing-yet” yet' }).waitFor();
    expect(await page.getByText(`npm run demo -- --endpoint ${server.url}`).count()).toBe(1);
    await screenshot(page, 'empty');
  });
});
