// End to end: `clearsight serve` on a freshly generated demo workspace, driven by Debian's Chromium through
// playwright-core. Screenshots of each screen go to test-results/e2e/ (gitignored).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { generateProvince } from '../../electron/engine/generator/index.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { ensureRendererBuilt } from '../../electron/web/renderer-build.ts';
import { CLI, REPO_ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk; .ci/run does)`;

/** The first n lines a child prints on stdout. */
function outputLines(child: ChildProcess, n: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const lines = out.split('\n');
      if (lines.length > n) resolve(lines.slice(0, n));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${n} lines: ${out}`)));
  });
}

/** Ctrl-C, as a user stops the server; resolves with the exit code. */
async function stop(child: ChildProcess | undefined): Promise<number | null> {
  if (!child || child.exitCode !== null) return child?.exitCode ?? null;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGINT');
  return exited;
}

function status(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('the workbench in a real browser (browser mode, demo workspace)', { skip }, () => {
  let serve: ChildProcess;
  let dir: string;
  let url: string;
  let firstLine: string;
  let context: BrowserContext;
  let page: Page;
  const facts = { bids: 0, lastBidId: '', maxBidId: '', orgFilter: '', orgBids: 0 };
  const pageErrors: string[] = [];

  before(async () => {
    ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    dir = join(tempDir(), 'demo');
    const ws = await Workspace.init(dir);
    try {
      await ws.tasks.run('generate', (t) => generateProvince(ws, { scale: 'demo', seed: 7 }, t));
      // What the screens must show, read straight from DuckDB.
      const f = await ws.conn.one<{ n: number; last: string; max: string }>(
        `SELECT count(*) AS n, arg_max(bid_id, rowid) AS last, max(bid_id) AS max FROM bid`);
      facts.bids = Number(f!.n);
      facts.lastBidId = f!.last;
      facts.maxBidId = f!.max;
      const org = await ws.conn.one<{ org_id: string; n: number }>(`SELECT org_id, count(*) AS n FROM bid GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
      facts.orgFilter = org!.org_id;
      facts.orgBids = Number(org!.n);
    } finally {
      await ws.close();
    }

    serve = spawn(process.execPath, [CLI, 'serve', '--workspace', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    firstLine = (await outputLines(serve, 1))[0]!;
    url = firstLine;

    context = await chromium.launchPersistentContext(tempDir(), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
    });
    page = context.pages()[0] ?? await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await context?.close();
    await stop(serve);
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  test('serve prints the URL with its token on the first line; without the token: 403', async () => {
    assert.match(firstLine, /^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}\/$/);
    const origin = new URL(url).origin;
    const r = await status(`${origin}/`);
    assert.equal(r.status, 403);
    assert.match(r.body, /需要有效的访问令牌/);
    assert.equal((await status(`${origin}/assets/`)).status, 403);
    assert.equal((await status(url)).status, 200);
  });

  test('Data: tables grouped with Chinese labels and row counts', async () => {
    await page.goto(url);
    await page.getByTestId('table-list').getByText('招标采购').waitFor();
    const bid = page.getByTestId('table-bid');
    await assert.doesNotReject(bid.getByText('投标', { exact: true }).waitFor());
    assert.equal(await bid.locator('.count').innerText(), facts.bids.toLocaleString('zh-CN'));
    assert.match(await page.getByTestId('workspace-info').innerText(), /演示数据.*种子 7.*数据截至 2025-12-31/);
  });

  test('Data: the bid table pages from DuckDB to its last row', async () => {
    await page.getByTestId('table-bid').click();
    const grid = page.getByTestId('table-grid');
    await grid.getByTestId('row-count').getByText(`符合条件 ${facts.bids.toLocaleString('zh-CN')} 行`).waitFor();
    // Column types are shown in the headers.
    await grid.locator('.ag-header-cell[col-id="bid_id"]').getByText('bid_id · VARCHAR').waitFor();
    await grid.locator('.ag-row[row-index="0"]').waitFor();
    await shot('data-bid');
    // Scroll to the bottom: the grid knows the row count, so the last block is asked for directly.
    const last = grid.locator(`.ag-row[row-index="${facts.bids - 1}"] [col-id="bid_id"]`);
    for (let i = 0; i < 20 && !(await last.isVisible()); i++) {
      // The grid's own vertical scrollbar drives its rows (ag-grid 36).
      await grid.locator('.ag-body-vertical-scroll-viewport').evaluate((el) => { el.scrollTop = el.scrollHeight; });
      await page.waitForTimeout(250);
    }
    await last.waitFor();
    assert.equal((await last.innerText()).trim(), facts.lastBidId);
    await shot('data-bid-end');
  });

  test('Data: sort and filter run in DuckDB', async () => {
    const grid = page.getByTestId('table-grid');
    const header = grid.locator('.ag-header-cell[col-id="bid_id"] .ag-header-cell-label');
    await header.click(); // ascending
    await header.click(); // descending
    const first = grid.locator('.ag-row[row-index="0"] [col-id="bid_id"]');
    await grid.locator('.ag-row[row-index="0"] [col-id="bid_id"]', { hasText: facts.maxBidId }).waitFor();
    assert.equal((await first.innerText()).trim(), facts.maxBidId);

    await grid.locator('.ag-floating-filter[col-id="org_id"] input').fill(facts.orgFilter);
    await grid.getByTestId('row-count').getByText(`符合条件 ${facts.orgBids.toLocaleString('zh-CN')} 行`).waitFor();
    await grid.locator('.ag-row[row-index="0"] [col-id="org_id"]').getByText(facts.orgFilter).waitFor();
    const orgs = await grid.locator('.ag-row [col-id="org_id"]').allInnerTexts();
    assert.ok(orgs.length > 0 && orgs.every((o) => o.trim() === facts.orgFilter), orgs.join(','));
    await shot('data-bid-filtered');
  });

  test('Models: run the whole library with progress per model, then the summary', async () => {
    await page.getByTestId('nav-models').click();
    await page.getByTestId('model-BID-001').click();
    await page.getByTestId('model-detail').getByText('忽略的通用作者名').waitFor();
    await page.getByTestId('run-all').click();
    const panel = page.getByTestId('run-panel');
    // Progress: the model in progress is named while the run goes on.
    await page.getByTestId('run-progress-text').getByText(/第 \d+\/\d+ 个：[A-Z]+-\d+/).waitFor({ timeout: 60_000 });
    assert.equal(await panel.getAttribute('data-state'), 'running');
    await shot('models-running');
    await page.getByTestId('run-summary').waitFor({ timeout: 120_000 });
    assert.equal(await panel.getAttribute('data-state'), 'done');
    assert.match(await page.getByTestId('run-summary').innerText(), /运行完成：\d+ 个模型.*新增预警 [\d,]+/s);
    const statuses = await page.locator('[data-testid="run-models"] tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-model'), r.getAttribute('data-status')]));
    assert.ok(statuses.length >= 40);
    // The demo province is not OCDS: the OCDS red flags are not applicable there, every other model runs.
    assert.ok(statuses.every(([id, s]) => s === (id!.startsWith('OCDS-') ? 'status_not_applicable' : 'status_ok')), statuses.join(','));
    await page.getByTestId('hits-chart').locator('canvas').waitFor();
    await shot('models-done');
  });

  test('Models: a run can be cancelled', async () => {
    await page.getByTestId('run-all').click();
    await page.getByTestId('cancel-run').click();
    await page.getByTestId('run-error').getByText('运行已取消').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('run-panel').getAttribute('data-state'), 'cancelled');
  });

  test('SQL console: a read shows rows in the grid; a write is refused', async () => {
    await page.keyboard.press('Alt+4');
    const editor = page.getByTestId('sql-editor');
    await editor.fill('SELECT count(*) AS n FROM bid');
    await editor.press('Control+Enter');
    await page.getByTestId('sql-grid').locator('.ag-row[row-index="0"] [col-id="n"]').getByText(String(facts.bids)).waitFor();
    await editor.fill('SELECT tender_id, title, est_value_cny FROM tender ORDER BY est_value_cny DESC');
    await page.getByTestId('sql-run').click();
    await page.getByTestId('sql-status').getByText('1,000 行').waitFor();
    assert.match(await page.getByTestId('sql-status').innerText(), /已截断/);
    await shot('console-read');
    await editor.fill('DELETE FROM bid');
    await page.getByTestId('sql-run').click();
    const error = page.getByTestId('sql-error');
    await error.waitFor();
    assert.match(await error.innerText(), /只允许只读查询（SELECT）\/ only read-only queries \(SELECT\) are allowed/);
    assert.ok((await page.getByTestId('sql-history').innerText()).includes('DELETE FROM bid'));
    await shot('console-write-refused');
    await editor.fill('SELECT count(*) AS n FROM bid');
    await editor.press('Control+Enter');
    await page.getByTestId('sql-grid').locator('.ag-row[row-index="0"] [col-id="n"]').getByText(String(facts.bids)).waitFor();
  });

  test('keyboard and English: a dialog closes with Esc; the language switches', async () => {
    await page.getByRole('button', { name: '快捷键' }).click();
    await page.getByTestId('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+3');
    await page.getByTestId('warnings-screen').waitFor();
    await shot('warnings');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav-data').getByText('Data').waitFor();
    await page.keyboard.press('Alt+1');
    await page.getByTestId('table-list').getByText('Procurement').waitFor();
    await shot('data-english');
    await page.getByTestId('lang-switch').click();
    assert.deepEqual(pageErrors, []);
  });

  test('npm start without the Electron binary: browser mode on the (existing) demo workspace, said in one line', async () => {
    assert.equal(await stop(serve), 0, 'serve stops cleanly on Ctrl-C');
    const start = spawn(process.execPath, [CLI, 'start', '--workspace', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [first, why] = await outputLines(start, 2);
      assert.match(first!, /^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}\/$/);
      assert.match(why!, /浏览器模式.*browser mode/);
      assert.equal((await status(first!)).status, 200);
    } finally {
      assert.equal(await stop(start), 0);
    }
  });
});
