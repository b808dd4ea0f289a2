// End to end, the keyboard alone: Tab, Shift+Tab, Enter, Space, Esc, the arrow keys and the documented
// shortcuts (Alt+1…4, Ctrl+Enter) walk every screen's main task on `clearsight serve` over a freshly generated
// demo workspace with the library run, driven by Debian's Chromium through playwright-core. No click: each
// control is reached by the keys a keyboard user presses, so a control Tab cannot reach, a dialog Esc does not
// close or focus lost to the page body fails here. Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { generateProvince } from '../../electron/engine/generator/index.ts';
import { runModels } from '../../electron/engine/models/runner.ts';
import { warningCounts } from '../../electron/engine/warnings/list.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { ensureRendererBuilt } from '../../electron/web/renderer-build.ts';
import { CLI, REPO_ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk; .ci/run does)`;

/** The first line the server prints: its URL with the token. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

describe('every screen with the keyboard only (browser mode, demo workspace with a model run)', { skip }, () => {
  let serve: ChildProcess;
  let context: BrowserContext;
  let page: Page;
  /** What the screens must show, read straight from DuckDB. */
  const facts = { bids: 0, maxBidId: '', red: 0 };
  const pageErrors: string[] = [];

  before(async () => {
    ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const dir = join(tempDir(), 'demo');
    const ws = await Workspace.init(dir);
    try {
      await ws.tasks.run('generate', (t) => generateProvince(ws, { scale: 'demo', seed: 7 }, t));
      await ws.tasks.run('run', (t) => runModels(ws, {}, t));
      const f = await ws.conn.one<{ n: number; max: string }>(`SELECT count(*) AS n, max(bid_id) AS max FROM bid`);
      facts.bids = Number(f!.n);
      facts.maxBidId = f!.max;
      facts.red = (await warningCounts(ws, { severity: ['red'] })).red;
    } finally {
      await ws.close();
    }
    serve = spawn(process.execPath, [CLI, 'serve', '--workspace', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await firstLine(serve);
    context = await chromium.launchPersistentContext(tempDir(), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
    });
    page = context.pages()[0] ?? await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    await page.getByTestId('table-list').getByText('招标采购').waitFor();
  });

  after(async () => {
    await context?.close();
    if (serve && serve.exitCode === null) {
      const exited = new Promise((r) => serve.once('exit', r));
      serve.kill('SIGINT');
      await exited;
    }
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const key = (k: string) => page.keyboard.press(k);

  /** The focused element: its data-testid (or tag), whether it is inside `within`, and whether its focus shows. */
  // (A string: the Node side is type-checked without the DOM's types.)
  const focused = (within?: string): Promise<{ id: string; inside: boolean; shows: boolean; text: string }> => page.evaluate(`(() => {
    const a = document.activeElement;
    const style = a ? getComputedStyle(a) : null;
    return {
      id: a?.getAttribute('data-testid') ?? a?.tagName.toLowerCase() ?? '',
      inside: ${within ? `!!a?.closest('[data-testid="${within}"]')` : 'false'},
      shows: !!style && style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
      text: (a?.textContent ?? '').trim().slice(0, 40),
    };
  })()`);

  /** Tab (or Shift+Tab) until the control with this data-testid has the focus; fails if it is not reached. */
  async function tabTo(testId: string, { back = false, max = 30 } = {}) {
    for (let i = 0; i < max; i++) {
      if ((await focused()).id === testId) return;
      await key(back ? 'Shift+Tab' : 'Tab');
    }
    const f = await focused();
    assert.equal(f.id, testId, `${testId} not reached with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses (at ${f.id} "${f.text}")`);
  }

  /** Tab until the focus is inside the element with this data-testid (a grid: its header cell). */
  async function tabInto(testId: string, max = 30) {
    for (let i = 0; i < max && !(await focused(testId)).inside; i++) await key('Tab');
    assert.ok((await focused(testId)).inside, `Tab does not reach ${testId}`);
  }

  test('Data: the table list, then the grid pages and sorts in DuckDB from the keyboard; the import wizard opens and Esc closes it', async () => {
    await key('Alt+1');
    await tabTo('table-search');
    assert.ok((await focused()).shows, 'the focus is visible');
    await key('Tab'); // "show empty tables"
    await key('Tab'); // the table list: one Tab stop
    assert.match((await focused()).id, /^table-/);
    for (let i = 0; i < 10 && (await focused()).id !== 'table-bid'; i++) await key('ArrowDown');
    assert.equal((await focused()).id, 'table-bid');
    await key('Enter');
    const grid = page.getByTestId('table-grid');
    await grid.getByTestId('row-count').getByText(`符合条件 ${facts.bids.toLocaleString('zh-CN')} 行`).waitFor();
    await grid.locator('.ag-row[row-index="0"] [col-id="bid_id"]').waitFor();

    // From the list, a few Tabs reach the export button and the grid's first header; Enter sorts there.
    await tabTo('open-export', { max: 3 });
    await key('Tab');
    assert.ok((await focused('table-grid')).inside, 'Tab goes from the export button into the grid');
    const header = grid.locator('.ag-header-cell.ag-header-cell-sortable[col-id="bid_id"]');
    await key('Enter');
    await header.and(page.locator('[aria-sort="ascending"]')).waitFor();
    await key('Enter');
    await header.and(page.locator('[aria-sort="descending"]')).waitFor();
    await grid.locator('.ag-row[row-index="0"] [col-id="bid_id"]', { hasText: facts.maxBidId }).waitFor();
    // Down past the floating filter into the rows, then a page down.
    await key('ArrowDown');
    await key('ArrowDown');
    await grid.locator('.ag-row[row-index="0"] .ag-cell-focus[col-id="bid_id"]').waitFor();
    await key('PageDown');
    await key('PageDown');
    await grid.locator('.ag-cell-focus[col-id="bid_id"]').waitFor();
    const row = Number(await grid.locator('.ag-row:has(.ag-cell-focus)').getAttribute('row-index'));
    assert.ok(row > 10, `PageDown moved down the rows (at row ${row})`);
    await shot('keyboard-data-grid');
    // Tab leaves the grid instead of walking its cells.
    await key('Tab');
    assert.ok(!(await focused('table-grid')).inside, 'Tab leaves the grid');

    // The import wizard: Alt+1 puts the focus on the screen, the first Tab on the import button.
    await key('Alt+1');
    await tabTo('open-import', { max: 2 });
    await key('Enter');
    const wizard = page.getByTestId('import-wizard');
    await wizard.waitFor();
    assert.equal((await focused()).id, 'choose-files', 'the focus moves into the dialog');
    for (let i = 0; i < 4; i++) {
      await key('Tab');
      assert.ok((await focused('import-wizard')).inside, 'Tab stays inside the dialog');
    }
    await tabTo('choose-files');
    await key('Enter');
    await wizard.getByTestId('file-chooser').waitFor();
    assert.ok((await focused('import-wizard')).inside, 'the focus stays in the dialog when its step changes');
    await shot('keyboard-import-wizard');
    await key('Escape');
    await wizard.waitFor({ state: 'detached' });
    assert.equal((await focused()).id, 'open-import', 'the focus returns to the button that opened it');
  });

  test('Models: search the library, tick one model, run it, see its result', async () => {
    await key('Alt+2');
    await page.getByTestId('model-search').waitFor(); // the library is read first
    await tabTo('model-search', { max: 2 });
    await page.keyboard.type('BID-001');
    await tabTo('model-BID-001', { max: 6 });
    await key('Enter');
    await page.getByTestId('model-detail').getByText('忽略的通用作者名').waitFor();
    await key('ArrowLeft'); // the model's checkbox
    assert.equal((await focused()).id, 'check-BID-001');
    await key('Space');
    assert.ok(await page.getByTestId('check-BID-001').isChecked());
    await tabTo('run-selected', { max: 6 });
    assert.match((await focused()).text, /运行所选（1）/);
    await key('Enter');
    await page.getByTestId('run-summary').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('[data-testid="run-models"] tr[data-model="BID-001"]').getAttribute('data-status'), 'status_ok');
    // The run button, disabled during the run, has the focus again.
    await page.waitForFunction(`document.activeElement?.getAttribute('data-testid') === 'run-selected'`);
    await shot('keyboard-models-run');
  });

  test('Warnings: the red chip filters; rows are selected with Space; Enter opens the drill-down, Esc returns', async () => {
    await key('Alt+3');
    await page.getByTestId('warnings-grid').locator('.ag-row[row-index="0"] [col-id="model_id"]').getByText(/[A-Z]+-\d+/).waitFor();
    await tabTo('sev-red', { max: 3 });
    await key('Enter');
    const count = page.getByTestId('warning-count');
    await count.getByText(`符合条件 ${facts.red.toLocaleString('zh-CN')} 条预警`).waitFor();
    assert.equal(await page.getByTestId('sev-red').getAttribute('aria-pressed'), 'true');
    await tabInto('warnings-grid', 20);
    // Sort by times seen from its header: → along the headers, Enter sorts.
    for (let i = 0; i < 12 && await page.locator('.ag-header-cell-sortable.ag-header-active[col-id="times_seen"]').count() === 0; i++) await key('ArrowRight');
    await key('Enter');
    await page.locator('.ag-header-cell[col-id="times_seen"][aria-sort="ascending"]').waitFor();
    // The sorted first block is read again from DuckDB; a row still loading cannot be selected.
    await page.waitForTimeout(500);
    await page.getByTestId('warnings-grid').locator('.ag-row[row-index="1"] [col-id="model_id"]').getByText(/[A-Z]+-\d+/).waitFor();
    await key('ArrowDown');
    await key('ArrowDown');
    await page.getByTestId('warnings-grid').locator('.ag-row[row-index="0"] .ag-cell-focus').waitFor();
    await key('Space');
    await key('ArrowDown');
    await key('Space');
    await page.getByTestId('selected-count').getByText('已选 2 条').waitFor();
    const alertId = await page.locator('.ag-row[row-index="1"]').getAttribute('row-id');
    await key('Enter');
    const drill = page.getByTestId('drill-down');
    await drill.waitFor();
    assert.equal(await drill.getAttribute('data-alert-id'), alertId);
    assert.equal((await focused()).id, 'drill-back', 'the back button has the focus');
    await page.getByTestId('explanation').getByText(/\S/).waitFor();
    await page.getByTestId('timeline').waitFor();
    // The node list behind the graph is reached with Tab past the record grids, and opens with Enter.
    const summary = page.getByTestId('graph').locator('summary');
    const onSummary = () => summary.evaluate((s) => s === s.ownerDocument.activeElement);
    for (let i = 0; i < 30 && !(await onSummary()); i++) await key('Tab');
    assert.ok(await onSummary(), 'Tab reaches the node list');
    await key('Enter');
    await key('Tab');
    assert.match((await focused()).text, /展开/);
    await shot('keyboard-drill-down');
    await key('Escape');
    await drill.waitFor({ state: 'detached' });
    await page.locator('.ag-row[row-index="1"] .ag-cell-focus').waitFor();
    await count.getByText(`符合条件 ${facts.red.toLocaleString('zh-CN')} 条预警`).waitFor();
    assert.equal(await page.getByTestId('selected-count').innerText(), '已选 2 条', 'the selection is kept');
  });

  test('SQL console: Ctrl+Enter runs a read, a write is refused, Esc cancels a long query', async () => {
    await key('Alt+4');
    await tabTo('sql-editor', { max: 5 });
    await key('Control+a');
    await page.keyboard.type('SELECT count(*) AS n FROM bid');
    await key('Control+Enter');
    await page.getByTestId('sql-grid').locator('.ag-row[row-index="0"] [col-id="n"]').getByText(String(facts.bids)).waitFor();
    await key('Control+a');
    await page.keyboard.type('DELETE FROM bid');
    await key('Control+Enter');
    await page.getByTestId('sql-error').getByText(/只允许只读查询（SELECT）/).waitFor();
    await shot('keyboard-console-refused');
    await key('Control+a');
    await page.keyboard.type('SELECT count(*) FROM range(100000000000) a');
    await key('Control+Enter');
    await page.getByTestId('sql-cancel').waitFor();
    await key('Escape');
    await page.getByTestId('sql-error').getByText('查询已取消').waitFor({ timeout: 30_000 });
    assert.equal((await focused()).id, 'sql-editor');
  });

  test('the shortcuts dialog: Enter opens it, Tab stays in it, Esc closes it and the focus returns', async () => {
    await key('Alt+4');
    await tabTo('shortcuts', { back: true, max: 4 });
    await key('Enter');
    await page.getByTestId('dialog').waitFor();
    for (let i = 0; i < 3; i++) {
      await key('Tab');
      assert.ok((await focused('dialog')).inside, 'Tab stays inside the dialog');
    }
    await key('Escape');
    await page.getByTestId('dialog').waitFor({ state: 'detached' });
    assert.equal((await focused()).id, 'shortcuts');
    assert.deepEqual(pageErrors, []);
  });
});
