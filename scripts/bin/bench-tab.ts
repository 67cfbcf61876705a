// npm run bench:tab: the tab's bundle size, and in Chromium against the real hub on loopback the time from
// navigation to the first model rows (median of 5 cold loads) and from typing a search to updated rows.
import { standaloneBytes, tabBundleBytes } from '../src/bench/tab-bundle.js';
import { startTabHarness } from '../src/bench/tab-harness.js';

const LOADS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const bundle = await tabBundleBytes();
console.log(
  `bundle (min, peers external): ${(bundle.minified / 1024).toFixed(1)} KB, gzip ${(bundle.gzipped / 1024).toFixed(1)} KB (budget 150 KB)`,
);

const harness = await startTabHarness();
// Read after the harness (re)built the page.
const page = standaloneBytes();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `standalone page: first visit ${kb(page.initial.raw)} (gzip ${kb(page.initial.gzip)}), loaded when opened ${kb(page.lazy.raw)} (gzip ${kb(page.lazy.gzip)})`,
);
try {
  const loads: number[] = [];
  const searches: number[] = [];
  for (let i = 0; i < LOADS; i += 1) {
    // A fresh context each time: no cache, no storage but the token, as a first visit after login.
    const context = await harness.newContext('bench');
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${harness.url}/#/ml-hub-ts/models`);
    await page.getByRole('list', { name: 'models' }).getByRole('link').first().waitFor();
    loads.push(Date.now() - started);

    const first = await page.getByRole('list', { name: 'models' }).getByRole('link').first().textContent();
    const box = page.getByRole('searchbox', { name: 'Search models' });
    await box.pressSequentially('flan', { delay: 30 });
    const lastKey = Date.now();
    await page.waitForFunction((before) => {
      const link = document.querySelector('ul[aria-label="models"] a');
      return link !== null && link.textContent !== before && /flan/i.test(link.textContent ?? '');
    }, first);
    searches.push(Date.now() - lastKey);
    await context.close();
  }
  console.log(`navigation to first model rows: median ${median(loads)} ms of ${LOADS} cold loads [${loads.join(', ')}] (budget 1000 ms)`);
  console.log(`last keystroke to updated rows: median ${median(searches)} ms [${searches.join(', ')}] (budget 300 ms)`);
} finally {
  await harness.close();
}
