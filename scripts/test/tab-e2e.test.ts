import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, ConsoleMessage, Page, Request } from 'playwright-core';
import { startTabHarness, type TabHarness } from '../src/bench/tab-harness.js';

// The tab end to end: the real hub on loopback (dev tenant, snapshot + a temp store) serving the built
// standalone page, in Debian's Chromium. Inference steps (start a server, stream, stop) wait for the real
// control plane and a real inference server (local backend) on a tiny T5 generated into the store.

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.ci/screenshots');
const MINUTE = 60_000;

const HOSTILE_CARD = `---
license: mit
pipeline_tag: text-generation
---
# Hostile card

<script>window.__owned = 1</script>
<img src="x.png" onerror="window.__owned = 2">
<iframe src="/"></iframe>

[click me](javascript:window.__owned=3)
`;

const DATASET_CARD = `---
license: mit
task_categories:
- text2text-generation
size_categories:
- n<1K
---
# Tiny math

Three grade-school questions for the end-to-end test.
`;
const TRAIN = '{"question":"2+2?","answer":"4"}\n{"question":"3*3?","answer":"9"}\n';

// A 1x1 PNG, and a card that shows it by a relative path and an image of another host beside it.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PICTURE_CARD = `# Pictures

![diagram](images/diagram.png)

![tracker](https://tracker.example/pixel.gif)
`;

async function axeSerious(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes.length}: ${JSON.stringify(v.nodes[0]?.target)})`);
  });
}

async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
  expect(await axeSerious(page)).toEqual([]);
}

describe('the ML Hub page in Chromium against the real hub', () => {
  let harness: TabHarness;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    harness = await startTabHarness({
      store: {
        'models/e2e/hostile-card/README.md': HOSTILE_CARD,
        'models/e2e/hostile-card/config.json': '{"model_type":"t5"}',
        'datasets/e2e/tiny-math/README.md': DATASET_CARD,
        'models/e2e/pictures/README.md': PICTURE_CARD,
        'models/e2e/pictures/images/diagram.png': PIXEL,
        'datasets/e2e/tiny-math/data/train.jsonl': TRAIN,
      },
      tinyModel: 'local/tiny-t5',
    });
    context = await harness.newContext();
    page = await context.newPage();
  }, 5 * MINUTE);

  afterAll(async () => {
    await context?.close();
    await harness?.close();
  });

  it(
    'logs in with a username as TapisUI does, and lands on the dashboard at /#/ml-hub-ts',
    async () => {
      await page.goto(`${harness.url}/`);
      await snap(page, '0-login');
      await page.getByLabel('Username').fill('alice');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      expect(new URL(page.url()).hash).toBe('#/ml-hub-ts');
      await page.getByRole('region', { name: 'Top models' }).getByRole('link').first().waitFor();
      await expectText(page.getByRole('banner'), 'alice@dev');
      await snap(page, '1-dashboard');
    },
    MINUTE,
  );

  it(
    'filters models by task, opens a FLAN-T5 model and reads its card',
    async () => {
      await page.getByRole('navigation', { name: 'ML Hub' }).getByRole('link', { name: 'Models' }).click();
      await page.getByRole('list', { name: 'models' }).waitFor();
      await page.getByRole('combobox', { name: 'Task' }).click();
      await page.getByRole('option', { name: /^text-generation \(\d+\)$/ }).click();
      await page.waitForURL(/task=text-generation/);
      await page.getByRole('searchbox', { name: 'Search models' }).fill('flan-t5');
      await page.waitForURL(/search=flan-t5/);
      const model = page.getByRole('list', { name: 'models' }).getByRole('link', { name: /google\/flan-t5-small/ });
      await model.waitFor();
      await snap(page, '2-models');
      await model.click();
      await page.getByRole('heading', { name: 'google/flan-t5-small', level: 2 }).waitFor();
      // The offline snapshot holds the card's YAML metadata (no Hugging Face here): the card tab shows it as a table.
      const metadata = page.getByRole('tabpanel').getByRole('table', { name: 'Card metadata' });
      await metadata.waitFor();
      expect(await metadata.getByRole('rowheader', { name: 'license' }).count()).toBe(1);
      await snap(page, '3-model-card');
    },
    MINUTE,
  );

  it(
    'reloads on a deep link',
    async () => {
      await page.getByRole('tab', { name: 'Files' }).click();
      await page.waitForURL(/tab=files/);
      await page.reload();
      await page.getByRole('table', { name: 'Files' }).waitFor();
      expect(page.url()).toContain('#/ml-hub-ts/models/google/flan-t5-small?tab=files');
      await snap(page, '4-model-files');
    },
    MINUTE,
  );

  it(
    'opens a dataset of the store and downloads one of its files',
    async () => {
      await page.getByRole('navigation', { name: 'ML Hub' }).getByRole('link', { name: 'Datasets' }).click();
      await page.getByRole('list', { name: 'datasets' }).waitFor();
      await snap(page, '5-datasets');
      await page.getByRole('searchbox', { name: 'Search datasets' }).fill('tiny-math');
      await page.getByRole('link', { name: /e2e\/tiny-math/ }).click();
      await page.getByRole('heading', { name: 'e2e/tiny-math', level: 2 }).waitFor();
      await page.getByRole('heading', { name: 'Tiny math' }).waitFor();
      await snap(page, '6-dataset');
      await page.getByRole('tab', { name: 'Files' }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download data/train.jsonl' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('train.jsonl');
      expect(readFileSync(await download.path(), 'utf8')).toBe(TRAIN);
    },
    MINUTE,
  );

  it(
    'renders a card with a script, an onerror handler, a javascript: link and an iframe inert',
    async () => {
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`${harness.url}/#/ml-hub-ts/models/e2e/hostile-card`);
      await page.getByRole('heading', { name: 'Hostile card' }).waitFor();
      const tab = page.getByRole('main');
      expect(await tab.locator('script, iframe, [onerror]').count()).toBe(0);
      expect(await page.locator('iframe').count()).toBe(0);
      expect(await page.getByText('click me').getAttribute('href')).not.toMatch(/javascript:/i);
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (window as { __owned?: number }).__owned)).toBeUndefined();
      expect(dialogs).toEqual([]);
      await snap(page, '7-hostile-card');
    },
    MINUTE,
  );

  it(
    "shows a store card's relative image from the hub, under the page's CSP, and loads no image of another host",
    async () => {
      const refused: string[] = [];
      const onConsole = (message: ConsoleMessage) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      };
      const outside: string[] = [];
      const onRequest = (request: Request) => {
        if (!request.url().startsWith(harness.url) && !request.url().startsWith('data:')) outside.push(request.url());
      };
      page.on('console', onConsole);
      page.on('request', onRequest);
      await page.goto(`${harness.url}/#/ml-hub-ts/models/e2e/pictures`);
      // Reloaded, so the document (a hash change alone loads none) and its CSP are this page's.
      const navigation = await page.reload();
      expect(navigation?.headers()['content-security-policy']).toMatch(/img-src 'self' data:/);
      await page.getByRole('heading', { name: 'Pictures', exact: true }).waitFor();
      const image = page.locator('img[alt="diagram"]');
      await image.waitFor();
      expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
      // The hub sends the file as the PNG it is (with the token the page holds), not as bytes to save.
      const served = await page.evaluate(async (url) => {
        const token = (JSON.parse(localStorage.getItem('tapis-token') ?? '{}') as { access_token?: string }).access_token ?? '';
        const answer = await fetch(url, { headers: { 'X-Tapis-Token': token } });
        return { status: answer.status, type: answer.headers.get('content-type'), nosniff: answer.headers.get('x-content-type-options') };
      }, `${harness.url}/v3/mlhub/models/e2e%2Fpictures/resolve?path=images%2Fdiagram.png`);
      expect(served).toEqual({ status: 200, type: 'image/png', nosniff: 'nosniff' });
      expect(await page.getByRole('link', { name: 'Image: tracker' }).getAttribute('href')).toBe('https://tracker.example/pixel.gif');
      page.off('console', onConsole);
      page.off('request', onRequest);
      expect(outside).toEqual([]);
      expect(refused).toEqual([]);
      await snap(page, '7b-card-image');
    },
    MINUTE,
  );

  it(
    'lists the inference servers',
    async () => {
      await page.getByRole('navigation', { name: 'ML Hub' }).getByRole('link', { name: 'Inference servers' }).click();
      await page.getByRole('heading', { name: 'Inference servers' }).waitFor();
      await page.waitForLoadState('networkidle');
      await snap(page, '8-servers');
    },
    MINUTE,
  );

  it(
    "keeps its link-buttons' colours under TapisUI's global Bootstrap link hover",
    async () => {
      // Bootstrap 4.6's reboot, as TapisUI loads it for the whole page.
      const bootstrap = await page.addStyleTag({ content: 'a { color: #007bff; } a:hover { color: #0056b3; }' });
      await page.getByRole('navigation', { name: 'ML Hub' }).getByRole('link', { name: 'Models' }).click();
      await page.getByRole('list', { name: 'models' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'ML Hub' });
      const colourWhenHovered = async (link: ReturnType<Page['getByRole']>) => {
        const idle = await link.evaluate((element) => getComputedStyle(element).color);
        await link.hover();
        return { idle, hovered: await link.evaluate((element) => getComputedStyle(element).color) };
      };
      // The current section is white on the primary colour; dark blue there could not be read.
      expect(await colourWhenHovered(nav.getByRole('link', { name: 'Models' }))).toEqual({
        idle: 'rgb(255, 255, 255)',
        hovered: 'rgb(255, 255, 255)',
      });
      const other = await colourWhenHovered(nav.getByRole('link', { name: 'Datasets' }));
      expect(other.hovered).toBe(other.idle);
      const row = await colourWhenHovered(page.getByRole('list', { name: 'models' }).getByRole('link').first());
      expect(row.hovered).toBe(row.idle);
      await bootstrap.evaluate((element) => element.parentNode?.removeChild(element));
    },
    MINUTE,
  );

  it(
    'starts a server for a generated tiny T5, streams generated text token by token, and stops it',
    async () => {
      await page.goto(`${harness.url}/#/ml-hub-ts/models/local/tiny-t5?tab=inference`);
      const tab = page.getByRole('tabpanel');
      await tab.getByText('This model can be served here.').waitFor({ timeout: MINUTE });
      await page.getByRole('button', { name: 'Start a server' }).click();
      await page.getByRole('region', { name: 'Playground' }).waitFor({ timeout: 2 * MINUTE });
      await page.getByRole('region', { name: 'Inference server' }).getByText('running', { exact: true }).first().waitFor();
      await page.getByRole('textbox', { name: 'Prompt' }).fill('Translate English to German: How old are you?');
      // Count the output's DOM updates as they happen: a streamed answer changes it several times before the end.
      await page.evaluate(() => {
        const output = document.querySelector('[aria-label="Generated text"]');
        const w = window as unknown as { __updates: string[] };
        w.__updates = [];
        if (output)
          new MutationObserver(() => w.__updates.push(output.textContent ?? '')).observe(output, {
            childList: true,
            subtree: true,
            characterData: true,
          });
      });
      // The tiny model makes its tokens faster than a frame, so on loopback they reach the page in one or two
      // reads and React paints them at once. A slow link (Chromium's own throttling, ~1.5 KB/s down) spaces the
      // events out the way a real model's 20-50 ms per token does, and makes this check the page, not the timing.
      const cdp = await context.newCDPSession(page);
      // Bytes a second down; -1 lifts the limit.
      const downlink = (downloadThroughput: number) =>
        cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput, uploadThroughput: -1 });
      await cdp.send('Network.enable');
      await downlink(1536);
      try {
        await page.getByRole('button', { name: 'Generate' }).click();
        await page.getByText(/^Finished: /).waitFor({ timeout: 2 * MINUTE });
      } finally {
        await downlink(-1);
        await cdp.detach();
      }
      const updates = await page.evaluate(() => (window as unknown as { __updates: string[] }).__updates);
      const distinct = [...new Set(updates.filter((text) => text.length > 0))];
      expect(distinct.length).toBeGreaterThanOrEqual(3);
      // Each update extends the one before: tokens appended, not the answer replaced at once.
      for (let i = 1; i < distinct.length; i += 1) expect(distinct[i]?.startsWith(distinct[i - 1] ?? '')).toBe(true);
      await snap(page, 'model-inference');
      await page.getByRole('button', { name: 'Stop the server' }).click();
      await page.getByRole('button', { name: 'Start a server' }).waitFor({ timeout: MINUTE });
      // Stopped: the server is gone from the panel, and a new one may be started.
    },
    5 * MINUTE,
  );
});

async function expectText(locator: ReturnType<Page['getByRole']>, text: string): Promise<void> {
  await locator.getByText(text).waitFor();
}
