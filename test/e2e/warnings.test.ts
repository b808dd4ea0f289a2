// End to end, Warnings and Drill-down: `clearsight serve` on one freshly generated demo workspace with the
// whole library run, driven by Debian's Chromium through playwright-core. Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { generateProvince } from '../../electron/engine/generator/index.ts';
import { runModels } from '../../electron/engine/models/runner.ts';
import { warningDetail } from '../../electron/engine/warnings/detail.ts';
import { relationGraph } from '../../electron/engine/warnings/graph.ts';
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

describe('Warnings and drill-down in a real browser (browser mode, demo workspace with a model run)', { skip }, () => {
  let serve: ChildProcess;
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  let workspaceDir: string;
  /** What the screens must show, read straight from DuckDB. */
  const facts = { red: 0, alertId: '', orgA: '', orgB: '', machine: '', tender: '', expandable: '' };
  const pageErrors: string[] = [];

  before(async () => {
    ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    dir = join(tempDir(), 'demo');
    const ws = await Workspace.init(dir);
    try {
      await ws.tasks.run('generate', (t) => generateProvince(ws, { scale: 'demo', seed: 7 }, t));
      await ws.tasks.run('run', (t) => runModels(ws, {}, t));
      facts.red = (await warningCounts(ws, { severity: ['red'] })).red;
      // The planted BID-001 case whose two bidders' files share a machine code.
      const c = await ws.conn.one<{ alert_id: string; org_id: string; org_id_b: string; tender_id: string; machine: string }>(`
        SELECT a.alert_id, s.org_id, s.org_id_b, s.tender_id, m.machine_code AS machine
        FROM synthetic_truth s JOIN alert a ON a.model_id = s.model_id AND a.subject_id = s.subject_id
        JOIN (SELECT tender_id, machine_code FROM bid WHERE machine_code IS NOT NULL GROUP BY ALL HAVING count(DISTINCT org_id) > 1) m
          ON m.tender_id = s.tender_id
        JOIN bid b1 ON b1.tender_id = s.tender_id AND b1.org_id = s.org_id AND b1.machine_code = m.machine_code
        WHERE s.model_id = 'BID-001' AND s.truth = 'planted' ORDER BY s.case_id LIMIT 1`);
      assert.ok(c, 'the demo plants a BID-001 case with a shared machine code');
      Object.assign(facts, { alertId: c.alert_id, orgA: c.org_id, orgB: c.org_id_b, machine: c.machine, tender: c.tender_id });
      // A node of the first graph whose next hop brings new nodes: the one the test expands.
      const first = await relationGraph(ws, (await warningDetail(ws, c.alert_id)).graphSeeds);
      const known = new Set(first.nodes.map((x) => x.id));
      for (const node of first.nodes.filter((x) => !x.seed && x.kind !== 'tender')) {
        if ((await relationGraph(ws, [node.id])).nodes.some((x) => !known.has(x.id))) { facts.expandable = node.id; break; }
      }
      assert.ok(facts.expandable, 'some node of the graph has more to show');
      workspaceDir = ws.layout.root;
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
    await page.goto(`${url}#warnings`);
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
  const count = () => page.getByTestId('warning-count');
  /** A row of the grid once its block has arrived (a row still loading has no cells to select). */
  const loaded = (i: number) => page.getByTestId('warnings-grid').locator(`.ag-row[row-index="${i}"] [col-id="model_id"]`).getByText(/[A-Z]+-\d+/).waitFor();

  test('Warnings: the red chip filters the grid, whose count is the engine\'s', async () => {
    await loaded(0);
    await page.getByTestId('sev-red').getByText(`红色 ${facts.red.toLocaleString('zh-CN')}`).waitFor();
    await page.getByTestId('sev-red').click();
    await count().getByText(`符合条件 ${facts.red.toLocaleString('zh-CN')} 条预警`).waitFor();
    assert.equal(await count().getAttribute('data-count'), String(facts.red));
    const chips = await page.locator('.ag-row [col-id="severity_rank"]').allInnerTexts();
    assert.ok(chips.length > 0 && chips.every((c) => c.trim() === '红色'), chips.join(','));
    // Amounts in yuan with thousands separators.
    const amounts = (await page.locator('.ag-row [col-id="amount_cny"]').allInnerTexts()).map((a) => a.trim()).filter((a) => a !== '—');
    assert.ok(amounts.length > 0 && amounts.every((a) => /^¥\d{1,3}(,\d{3})*\.\d{2}$/.test(a)), amounts.join(' '));
    await shot('warnings-red');
  });

  test('Warnings: server-side sort, multi-select with a count, export of the filtered list', async () => {
    const header = page.locator('.ag-header-cell[col-id="times_seen"] .ag-header-cell-label');
    await header.click();
    await page.locator('.ag-header-cell[col-id="times_seen"][aria-sort="ascending"]').waitFor();
    for (const i of [0, 1, 2]) await loaded(i);
    for (const i of [0, 1, 2]) await page.locator(`.ag-row[row-index="${i}"] .ag-selection-checkbox input`).check();
    await page.getByTestId('selected-count').getByText('已选 3 条').waitFor();
    await page.getByTestId('export-csv').click();
    const done = page.getByTestId('export-done');
    await done.waitFor({ timeout: 60_000 });
    const path = (await done.getAttribute('data-path'))!;
    assert.equal(dirname(path), join(workspaceDir, 'exports'));
    assert.ok(existsSync(path), path);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.startsWith('\ufeff预警编号,预警等级'), 'UTF-8 with BOM, Chinese headers');
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length - 1, facts.red, 'one line per red warning, the header aside');
    assert.equal(Number(await done.getAttribute('data-rows')), facts.red);
    assert.ok(lines.slice(1).every((l) => l.split(',')[1] === '红色'));
    await page.getByRole('button', { name: '取消选择' }).click();
    await page.getByTestId('selected-count').waitFor({ state: 'detached' });
  });

  test('Drill-down of a planted BID-001 warning: explanation, evidence, records, graph with both bidders and the shared device, expand, timeline', async () => {
    await page.getByTestId('filter-text').fill(facts.alertId);
    await page.getByTestId('filter-text').press('Enter');
    await count().getByText('符合条件 1 条预警').waitFor();
    await loaded(0);
    // Keyboard: focus the row, Enter opens its drill-down.
    await page.locator('.ag-row[row-index="0"] [col-id="subject_name"]').click();
    await page.keyboard.press('Enter');
    const drill = page.getByTestId('drill-down');
    await drill.waitFor();
    assert.equal(await drill.getAttribute('data-alert-id'), facts.alertId);
    const explanation = page.getByTestId('explanation');
    await explanation.getByText(`项目 ${facts.tender}`).waitFor();
    assert.match(await explanation.innerText(), new RegExp(`${facts.orgA}.*${facts.orgB}|${facts.orgB}.*${facts.orgA}`));
    assert.match(await explanation.innerText(), /machine_code|机器码/);
    await page.getByTestId('evidence').locator('dt').first().waitFor();
    await page.getByTestId('records-bids').locator('.ag-row').first().waitFor();

    const graph = page.getByTestId('graph');
    await graph.waitFor();
    await graph.locator('canvas').first().waitFor();
    for (const id of [`org:${facts.orgA}`, `org:${facts.orgB}`]) assert.equal(await graph.locator(`li[data-node-id="${id}"]`).count(), 1, id);
    const device = graph.locator(`li[data-kind="device"][data-node-id^="device:machine:"]`);
    assert.ok(await device.count() >= 1, 'the shared machine-code node');
    assert.ok((await device.first().getAttribute('data-node-id'))!.toLowerCase().includes(facts.machine.toLowerCase()));
    const timeline = page.getByTestId('timeline');
    await timeline.locator('li[data-kind="warning_first_seen"]').waitFor();
    assert.ok(await timeline.locator('li[data-kind="bid_submitted"]').count() >= 2, 'both bids are on the timeline');
    await page.waitForTimeout(800); // let the force layout settle for the screenshot
    await shot('drill-down');

    // Expand a node by one hop (the buttons of the node list; a click on the canvas node does the same).
    const before = Number(await graph.getAttribute('data-nodes'));
    await graph.locator('summary').click();
    await graph.locator(`li[data-node-id="${facts.expandable}"] button`).click();
    for (let i = 0; i < 60 && Number(await graph.getAttribute('data-nodes')) <= before; i++) await page.waitForTimeout(250);
    assert.ok(Number(await graph.getAttribute('data-nodes')) > before, 'the expanded node brought its neighbours');
    await page.waitForTimeout(800);
    await shot('drill-down-expanded');

    // English, then Esc back to the list with its filters.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('explanation').getByText(`Tender ${facts.tender}`).waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('explanation').getByText(`项目 ${facts.tender}`).waitFor();
    await page.keyboard.press('Escape');
    await drill.waitFor({ state: 'detached' });
    await count().getByText('符合条件 1 条预警').waitFor();
    // The row the drill-down was opened from has the keyboard focus again.
    await page.locator('.ag-row[row-index="0"] .ag-cell-focus[col-id="subject_name"]').waitFor();
    assert.equal(await page.getByTestId('filter-text').inputValue(), facts.alertId);
    assert.ok(await page.getByTestId('sev-red').getAttribute('aria-pressed') === 'true', 'the severity filter is kept');
    assert.deepEqual(pageErrors, []);
  });
});
