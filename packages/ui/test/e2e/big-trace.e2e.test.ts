import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiTestServer, type UiTestServer } from '../support/ui-server.js';
import { ARTIFACTS, launchChromium, screenshot, watchedPage } from './browser.js';
import { buildUi } from './build-ui.js';
import { BIG_TRACE, BIG_TRACE_SPANS, seedBigTrace } from './seed.js';

interface Timings {
  apiAnsweredMs: number;
  firstRowsMs: number;
  scrollFrames: number[];
  collapseAllMs: number;
  selectSpanMs: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * A trace of 10 000 spans in Chromium: it renders (only the rows on screen are in the page) and
 * stays usable. The times are measured with the Performance API and written to
 * `artifacts/perf-10k-spans.json` for docs/benchmarks.md; no test asserts on them.
 */
describe('a 10 000-span trace in Chromium', { timeout: 120_000 }, () => {
  let uiDir: string;
  let server: UiTestServer;
  let browser: Browser;

  beforeAll(async () => {
    uiDir = await buildUi();
    server = await startUiTestServer({ uiDir });
    await seedBigTrace(server);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (uiDir) rmSync(uiDir, { recursive: true, force: true });
  });

  it('renders the waterfall, scrolls, collapses and selects, with only the visible rows in the page', async () => {
    const { page, problems } = await watchedPage(browser);
    // Notes, from the page itself, when the first rows of the tree appear.
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[role=treeitem]')) return;
        (window as unknown as { firstRowsAt: number }).firstRowsAt = performance.now();
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}/traces/${BIG_TRACE}`);
    await page
      .getByText(
        `${BIG_TRACE_SPANS.toLocaleString('en-US')} of ${BIG_TRACE_SPANS.toLocaleString('en-US')} spans`,
      )
      .waitFor();
    const rendered = await page.locator('[role=treeitem]').count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(200);

    const timings: Timings = await page.evaluate(async (traceId) => {
      const api = performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.includes(`/api/traces/${traceId}`)) as PerformanceResourceTiming;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const body = document.querySelector<HTMLElement>('.wf-body')!;
      const scrollFrames: number[] = [];
      let last = await frame();
      for (let i = 0; i < 150; i++) {
        body.scrollTop += 600;
        const now = await frame();
        scrollFrames.push(now - last);
        last = now;
      }
      const click = async (element: HTMLElement, done: () => boolean) => {
        const start = performance.now();
        element.click();
        while (!done()) await frame();
        return performance.now() - start;
      };
      const buttons = [...document.querySelectorAll<HTMLButtonElement>('button')];
      const collapseAllMs = await click(
        buttons.find((button) => button.textContent === 'Collapse all')!,
        () => document.querySelectorAll('[role=treeitem]').length === 1,
      );
      buttons.find((button) => button.textContent === 'Expand all')!.click();
      while (document.querySelectorAll('[role=treeitem]').length < 10) await frame();
      const row = [...document.querySelectorAll<HTMLElement>('[role=treeitem]')].find((item) =>
        item.textContent?.startsWith('chat gpt-4o-mini'),
      )!;
      const selectSpanMs = await click(
        row,
        () => document.querySelector('[aria-label="Model call"]') !== null,
      );
      return {
        apiAnsweredMs: api.responseEnd,
        firstRowsMs: (window as unknown as { firstRowsAt: number }).firstRowsAt,
        scrollFrames,
        collapseAllMs,
        selectSpanMs,
      };
    }, BIG_TRACE);
    await screenshot(page, 'trace-10k-spans');

    // Opened again: the server has read the trace once, as when a second person opens a link.
    await page.reload();
    await page.locator('[role=treeitem]').first().waitFor();
    const warm = await page.evaluate((traceId) => {
      const api = performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.includes(`/api/traces/${traceId}`)) as PerformanceResourceTiming;
      return {
        apiAnsweredMs: Math.round(api.responseEnd),
        firstRowsMs: Math.round((window as unknown as { firstRowsAt: number }).firstRowsAt),
        answerBytes: api.encodedBodySize,
      };
    }, BIG_TRACE);
    expect(problems).toEqual([]);

    // The same answer read by Node, for comparison: how much of the wait is the server's.
    const fetchStart = performance.now();
    await (await fetch(`${server.url}/api/traces/${BIG_TRACE}`)).json();
    const apiFromNodeMs = Math.round(performance.now() - fetchStart);

    const summary = {
      spans: BIG_TRACE_SPANS,
      apiFromNodeMs,
      rowsInPage: rendered,
      apiAnsweredMs: Math.round(timings.apiAnsweredMs),
      firstRowsMs: Math.round(timings.firstRowsMs),
      openedAgain: warm,
      scrollFrameMs: {
        frames: timings.scrollFrames.length,
        p50: Math.round(percentile(timings.scrollFrames, 50) * 10) / 10,
        p95: Math.round(percentile(timings.scrollFrames, 95) * 10) / 10,
        max: Math.round(Math.max(...timings.scrollFrames) * 10) / 10,
      },
      collapseAllMs: Math.round(timings.collapseAllMs),
      selectSpanMs: Math.round(timings.selectSpanMs),
    };
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(`${ARTIFACTS}perf-10k-spans.json`, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`10 000-span trace: ${JSON.stringify(summary)}`);
  });
});
