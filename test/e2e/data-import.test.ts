// End to end, the Data screen: create a workspace through the UI, import CSVs through the wizard (one bad row
// quarantined and shown with its row number and reason; a file named after no table loaded into the table
// chosen; a GBK file with Chinese headings mapped by the bid-opening profile), watch the table's count grow,
// and export the table. `clearsight serve` starts on an empty workspace (no demo generation: quick).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { ensureRendererBuilt } from '../../electron/web/renderer-build.ts';
import { CLI, REPO_ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk; .ci/run does)`;

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

describe('Data screen in a real browser: workspace, import wizard, quarantine, export', { skip }, () => {
  let serve: ChildProcess;
  let context: BrowserContext;
  let page: Page;
  const root = tempDir();
  const files = join(root, 'files');
  const parent = join(root, 'places');
  const created = join(parent, '新工作区');
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  before(async () => {
    ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(files);
    mkdirSync(parent);
    // Row 3 of the data has an amount that is not a number.
    writeFileSync(join(files, 'tender.csv'), 'tender_id,title,est_value_cny,publish_date\nT-1,道路工程,1200000.50,2024-03-05\nT-2,学校改造,800000,2024-04-01\nT-3,河道整治,abc,2024-05-06\nT-4,绿化养护,56000,2024-06-07\n');
    writeFileSync(join(files, '补充项目.csv'), 'tender_id,title,est_value_cny\nT-5,桥梁检测,90000\nT-6,路灯更换,45000\n');
    copyFileSync(join(REPO_ROOT, 'test', 'fixtures', 'import', 'mapped', '开标记录.csv'), join(files, '开标记录.csv'));
    const first = join(root, 'first');
    await (await Workspace.init(first)).close();
    serve = spawn(process.execPath, [CLI, 'serve', '--workspace', first], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await firstLine(serve);
    context = await chromium.launchPersistentContext(tempDir(), {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1366, height: 768 }, locale: 'zh-CN',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = context.pages()[0] ?? await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    await page.getByTestId('workspace-info').getByText('first').waitFor();
  });

  after(async () => {
    await context?.close();
    if (serve && serve.exitCode === null) {
      const exited = new Promise((r) => serve.once('exit', r));
      serve.kill('SIGINT');
      await exited;
    }
  });

  test('create a workspace through the UI: the engine moves to it', async () => {
    await page.getByTestId('open-workspace').click();
    const dialog = page.getByTestId('workspace-dialog');
    await untilListed();
    await dialog.getByTestId('fc-path').fill(parent);
    await dialog.getByTestId('fc-path').press('Enter');
    await dialog.getByTestId('ws-new-name').fill('新工作区');
    await shot('data-workspace-dialog');
    await dialog.getByTestId('ws-create').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('workspace-info').getByText('新工作区').waitFor();
    assert.ok(existsSync(join(created, 'workspace.duckdb')));
    // A folder that is not a workspace is refused, and the engine stays on the one that was open.
    await page.getByTestId('open-workspace').click();
    await untilListed();
    await page.getByTestId('fc-path').fill(files);
    await page.getByTestId('fc-path').press('Enter');
    await page.getByTestId('file-chooser').getByText('tender.csv').waitFor();
    await page.getByTestId('fc-choose').click();
    assert.match(await page.getByTestId('ws-error').innerText(), /找不到工作区/);
    assert.match(await page.getByTestId('workspace-info').innerText(), /新工作区/);
    // A folder that does not exist is refused in the chooser, clearly.
    await page.getByTestId('fc-path').fill(join(root, 'no-such-folder'));
    await page.getByTestId('fc-path').press('Enter');
    assert.match(await page.getByTestId('fc-error').innerText(), /找不到文件夹 \/ no such folder/);
    await page.keyboard.press('Escape');
    await page.getByTestId('workspace-dialog').waitFor({ state: 'detached' });
  });

  /** Until the file chooser shows its first folder (as a user would see it before typing a path). */
  const untilListed = async () => {
    for (let i = 0; i < 300 && (await page.getByTestId('fc-path').inputValue()) === ''; i++) await page.waitForTimeout(100);
  };

  /** Wizard: choose files in the folder, then go on to detection. */
  async function chooseFiles(names: string[]) {
    await page.getByTestId('open-import').click();
    const w = page.getByTestId('import-wizard');
    await w.getByTestId('choose-files').click();
    await untilListed();
    await w.getByTestId('fc-path').fill(files);
    await w.getByTestId('fc-path').press('Enter');
    for (const n of names) await w.getByTestId(`fc-file-${n}`).check();
    await w.getByTestId('fc-choose').click();
    await w.getByTestId('chosen-files').getByText(names[0]!).waitFor();
    await w.getByTestId('wizard-next').click();
    return w;
  }

  test('import a CSV with one bad row: 3 loaded, 1 quarantined with its row number and reason', async () => {
    const w = await chooseFiles(['tender.csv']);
    await w.getByTestId('det-summary').getByText('列名与规范表一致').waitFor();
    assert.equal(await w.getByTestId('det-table').inputValue(), 'tender');
    assert.equal(await w.getByTestId('det-delimiter').innerText(), ',');
    assert.equal(await w.getByTestId('det-header-row').innerText(), '1');
    assert.match(await w.getByTestId('det-format').locator('option').first().innerText(), /csv/);
    assert.ok((await w.getByTestId('det-rows').innerText()).includes('河道整治'));
    await shot('data-import-detect');
    await w.getByTestId('wizard-next').click();
    await w.getByTestId('import-run').click();
    await w.getByTestId('step-report').waitFor();
    assert.equal(await w.getByTestId('report-loaded').innerText(), '3');
    assert.equal(await w.getByTestId('report-quarantined').innerText(), '1');
    const q = w.getByTestId('quarantine-grid');
    await q.getByTestId('quarantine-count').getByText('1 行').waitFor();
    const row = q.locator('.ag-row[row-index="0"]');
    await row.locator('[col-id="row_no"]').getByText('3').waitFor();
    assert.equal((await row.locator('[col-id="column_name"]').innerText()).trim(), 'est_value_cny');
    assert.equal((await row.locator('[col-id="value"]').innerText()).trim(), 'abc');
    assert.ok((await row.locator('[col-id="reason"]').innerText()).trim().length > 0);
    await shot('data-import-report');
    await w.getByTestId('wizard-done').click();
    await page.getByTestId('table-tender').locator('.count').getByText('3').waitFor();
  });

  test('a file named after no table: the table is chosen in the wizard, and the count grows by the rows loaded', async () => {
    const w = await chooseFiles(['补充项目.csv']);
    await w.getByTestId('det-summary').waitFor();
    await w.getByTestId('det-table').selectOption('tender');
    await w.getByTestId('det-summary').getByText('列名与规范表一致').waitFor();
    await w.getByTestId('wizard-next').click();
    await w.getByTestId('import-run').click();
    await w.getByTestId('report-loaded').getByText('2').waitFor();
    await w.getByTestId('quarantine-count').getByText('没有隔离的行').waitFor();
    await w.getByTestId('wizard-done').click();
    await page.getByTestId('table-tender').locator('.count').getByText('5').waitFor();
  });

  test('a GBK file with Chinese headings goes through the mapping editor', async () => {
    const w = await chooseFiles(['开标记录.csv']);
    await w.getByTestId('det-summary').getByText(/需要映射.*开标记录/).waitFor();
    assert.ok((await w.getByTestId('det-rows').innerText()).includes('项目编号'), 'GBK headings decoded');
    await w.getByTestId('wizard-next').click();
    const editor = w.getByTestId('mapping-editor');
    await editor.locator('tr[data-source="项目编号"] select').first().waitFor();
    assert.equal(await editor.locator('tr[data-source="项目编号"] select').first().inputValue(), 'tender_id');
    await editor.getByTestId('map-preview').getByText('price_cny').waitFor();
    await shot('data-import-mapping');
    await w.getByTestId('wizard-next').click();
    await w.getByTestId('import-run').click();
    await w.getByTestId('step-report').waitFor();
    assert.ok(Number(await w.getByTestId('report-loaded').innerText()) > 0);
    await w.getByTestId('wizard-done').click();
  });

  test('export the table to CSV in the workspace\'s exports folder with the right row count', async () => {
    await page.getByTestId('table-tender').click();
    await page.getByTestId('table-grid').getByTestId('row-count').getByText('符合条件 5 行').waitFor();
    await page.getByTestId('open-export').click();
    const d = page.getByTestId('export-dialog');
    await d.getByTestId('export-run').click();
    const result = d.getByTestId('export-result');
    await result.waitFor();
    const path = (await result.getAttribute('data-path'))!;
    assert.ok(path.startsWith(join(created, 'exports')), path);
    const lines = readFileSync(path, 'utf8').replace(/^\ufeff/, '').trim().split('\n');
    assert.equal(lines.length, 1 + 5);
    await shot('data-export');
    await d.getByTestId('export-close').click();
    assert.deepEqual(pageErrors, []);
  });
});
