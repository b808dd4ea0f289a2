import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importFiles, type ImportRequest } from '../../../electron/engine/import/import.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { CLI, REPO_ROOT, lines, runCli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';

const FIX = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
const fx = (p: string) => join(FIX, p);

const importInto = (ws: Workspace, req: ImportRequest) => ws.tasks.run('import', (t) => importFiles(ws, req, t));
const fingerprints = async (ws: Workspace) =>
  Object.fromEntries((await ws.tables({ fingerprint: true })).filter((t) => t.fingerprint !== undefined).map((t) => [t.name, t.fingerprint]));

describe('importing canonical files', () => {
  let ws: Workspace;
  before(async () => { ws = await Workspace.init(tempDir()); });
  after(async () => { await ws.close(); });

  test('CSV, GBK CSV, JSON lines and Parquet load; bad rows are quarantined and counted exactly', async () => {
    const s = await importInto(ws, { paths: [fx('canonical'), fx('gbk/person.csv')] });
    const by = Object.fromEntries(s.files.map((f) => [f.table, [f.rowsRead, f.rowsLoaded, f.rowsQuarantined, f.encoding]]));
    assert.deepEqual(by, {
      bid: [3, 2, 1, null], contract: [2, 2, 0, null], organization: [6, 2, 4, 'utf-8'], tender: [2, 2, 0, 'utf-8'], person: [3, 3, 0, 'gb18030'],
    });
    const q = await ws.conn.all<{ t: string; row_no: number; col: string | null; value: string | null }>(
      `SELECT table_name AS t, row_no, column_name AS col, value FROM quarantine ORDER BY t, row_no, col`);
    assert.deepEqual(q.map((r) => `${r.t}:${r.row_no}:${r.col ?? ''}:${r.value ?? ''}`), [
      'bid:3:price_cny:abc', 'bid:3:status:late',
      'organization:2:established_date:2016-13-40', 'organization:2:is_state_owned:maybe', 'organization:2:reg_capital_cny:1234567.891',
      'organization:3:org_type:state_firm', 'organization:4:org_id:ORGX001', 'organization:5::',
    ]);
    const raw = await ws.conn.one<{ raw_row: string; reason: string }>(`SELECT raw_row, reason FROM quarantine WHERE table_name = 'organization' AND row_no = 4`);
    assert.match(raw!.raw_row, /重复主键公司/);
    assert.match(raw!.reason, /first at row 1/);
    const people = await ws.conn.all<{ name: string }>(`SELECT name FROM person ORDER BY person_id`);
    assert.deepEqual(people.map((p) => p.name), ['王建华', '陈秀英', '李明']);
    const org = await ws.conn.one<{ cap: string }>(`SELECT reg_capital_cny::VARCHAR AS cap FROM organization WHERE org_id = 'ORGX001'`);
    assert.equal(org!.cap, '5000000.00');
    const log = await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM import_file WHERE batch_id = $1 AND length(sha256) = 64`, [s.batchId]);
    assert.equal(Number(log!.n), 5);
  });

  test('spaces around numbers, dates and keys are read past; anything else around them is a problem', async () => {
    const dir = tempDir();
    const file = join(dir, 'contract.csv');
    writeFileSync(file, 'contract_id,value_cny,sign_date\n  C-SP1 , 1200.50 , 2024-03-05 \nC-SP2,\t7,2024-03-06\nC-SP3,8, 2024-03-07x\n');
    const s = await importInto(ws, { paths: [file] });
    assert.deepEqual([s.files[0]!.rowsLoaded, s.files[0]!.rowsQuarantined], [1, 2]);
    const c = await ws.conn.one<{ id: string; v: string; d: string }>(`SELECT contract_id AS id, value_cny::VARCHAR AS v, sign_date::VARCHAR AS d FROM contract WHERE contract_id LIKE 'C-SP%'`);
    assert.deepEqual(c, { id: 'C-SP1', v: '1200.50', d: '2024-03-05' });
    const q = await ws.conn.all<{ row_no: number; col: string }>(`SELECT row_no, column_name AS col FROM quarantine WHERE file = $1 ORDER BY row_no`, [file]);
    assert.deepEqual(q.map((r) => `${r.row_no}:${r.col}`), ['2:value_cny', '3:sign_date']);
  });

  test('true/false in any case and with spaces around are booleans; other words, and a key of spaces only, are problems', async () => {
    const dir = tempDir();
    const file = join(dir, 'bid.csv');
    writeFileSync(file, 'bid_id,is_consortium\nB-BOOL1, TRUE \nB-BOOL2,False\nB-BOOL3,true\nB-BOOL4,yes\n   ,false\nB-BOOL6,false\n');
    const s = await importInto(ws, { paths: [file] });
    assert.deepEqual([s.files[0]!.rowsLoaded, s.files[0]!.rowsQuarantined], [4, 2]);
    const rows = await ws.conn.all<{ id: string; b: boolean }>(`SELECT bid_id AS id, is_consortium AS b FROM bid WHERE bid_id LIKE 'B-BOOL%' ORDER BY 1`);
    assert.deepEqual(rows.map((r) => `${r.id}:${r.b}`), ['B-BOOL1:true', 'B-BOOL2:false', 'B-BOOL3:true', 'B-BOOL6:false']);
    const q = await ws.conn.all<{ row_no: number; col: string }>(`SELECT row_no, column_name AS col FROM quarantine WHERE file = $1 ORDER BY row_no`, [file]);
    assert.deepEqual(q.map((r) => `${r.row_no}:${r.col}`), ['4:is_consortium', '5:bid_id']);
  });

  test('the same file again is refused unless --force, and the workspace does not change', async () => {
    const before = await fingerprints(ws);
    await assert.rejects(importInto(ws, { paths: [fx('canonical/tender.csv')] }), (e: Error & { code?: string }) =>
      e.code === 'bad_input' && /already imported/.test(e.message));
    assert.deepEqual(await fingerprints(ws), before);
    const s = await importInto(ws, { paths: [fx('canonical/tender.csv')], force: true });
    assert.deepEqual([s.files[0]!.rowsLoaded, s.files[0]!.rowsQuarantined], [0, 2], 'forced rows whose keys exist are quarantined');
  });

  test('an unreadable file fails the whole import with file and row, and nothing of it stays', async () => {
    const fresh = await Workspace.init(tempDir());
    try {
      const before = await fingerprints(fresh);
      // A good file first, then an unreadable one under a canonical name: the good one must not stay either.
      const dir = tempDir();
      writeFileSync(join(dir, 'bid.jsonl'), readFileSync(fx('malformed.jsonl')));
      await assert.rejects(importInto(fresh, { paths: [fx('canonical/tender.csv'), join(dir, 'bid.jsonl')] }),
        (e: Error & { code?: string }) => e.code === 'bad_input');
      // malformed.jsonl needs --table: name it, and check file and row are reported.
      await assert.rejects(importInto(fresh, { paths: [fx('malformed.jsonl')], table: 'bid' }),
        (e: Error & { code?: string; where?: { file?: string; row?: number } }) =>
          e.code === 'bad_input' && e.where?.row === 2 && /malformed\.jsonl$/.test(e.where.file ?? ''));
      await assert.rejects(importInto(fresh, { paths: [fx('wrong-delimiter.csv')], table: 'organization' }),
        (e: Error & { code?: string; where?: { column?: string } }) => e.code === 'bad_input' && e.where?.column === 'org_id;name;org_type');
      assert.deepEqual(await fingerprints(fresh), before);
    } finally {
      await fresh.close();
    }
  });

  test('a clean-headed CSV is checked where it lies: bad rows (repeated ones too) are quarantined with their row past a malformed line', async () => {
    const fresh = await Workspace.init(tempDir());
    try {
      const dir = tempDir();
      const lotCsv = join(dir, 'lot.csv');
      writeFileSync(lotCsv, [
        'lot_id,tender_id,title,est_value_cny,max_price_cny',
        'L1,T1,一标段,100.50,120',
        'L2,T1,二标段,abc,120', // row 2: not an amount
        'L3,T1,"三标段",1,2,3', // row 3: one field too many
        'L2,T1,二标段,abc,120', // row 4: the same bad row again
        'L4,T1,"四,标段",7.25,', // row 5: a quoted comma, an empty amount
        ' L5 ,T1,五标段, 8 ,9.999', // row 6: three decimals
        ' L7 ,T1,七标段,1,2', // row 7: an identifier with spaces around it loads trimmed
        '\u3000L8\u00a0,T1,八标段,1,2', // row 8: full-width and no-break spaces are trimmed too
      ].join('\n') + '\n');
      const awardCsv = join(dir, 'award.csv');
      writeFileSync(awardCsv, [
        'award_id,tender_id,candidate_rank,award_value_cny,notice_date,status',
        'A1,T1,1,100.00,2024-01-02 09:00:00,active',
        'A2,T1,1.5,100.00,2024-01-02,active', // row 2: rank is not an integer (DuckDB would round it)
        'A3,T1,2,100,2024-01-02 24:00:00,active', // row 3: hour 24 would roll over
        ',T1,3,100,2024-01-02,active', // row 4: empty key
        'A1 ,T1,1,100.00,2024-01-02 09:00:00,active', // row 5: the key of row 1 again, with a space
        '\u3000,T1,3,100,2024-01-02,active', // row 6: a key of one full-width space is empty
      ].join('\n') + '\n');
      const s = await importInto(fresh, { paths: [lotCsv, awardCsv] });
      assert.deepEqual(s.files.map((f) => [f.table, f.rowsRead, f.rowsLoaded, f.rowsQuarantined]), [['lot', 8, 4, 4], ['award', 6, 1, 5]]);
      const q = await fresh.conn.all<{ t: string; row_no: number; col: string | null }>(
        `SELECT table_name AS t, row_no, column_name AS col FROM quarantine ORDER BY t DESC, row_no, col`);
      assert.deepEqual(q.map((r) => `${r.t}:${r.row_no}:${r.col ?? ''}`),
        ['lot:2:est_value_cny', 'lot:3:', 'lot:4:est_value_cny', 'lot:6:max_price_cny', 'award:2:candidate_rank', 'award:3:notice_date', 'award:4:award_id',
          'award:5:award_id', 'award:6:award_id']);
      const lots = await fresh.conn.all<{ id: string; title: string; est: string | null; max: string | null }>(
        `SELECT lot_id AS id, title, est_value_cny::VARCHAR AS est, max_price_cny::VARCHAR AS max FROM lot ORDER BY 1`);
      assert.deepEqual(lots, [{ id: 'L1', title: '一标段', est: '100.50', max: '120.00' }, { id: 'L4', title: '四,标段', est: '7.25', max: null },
        { id: 'L7', title: '七标段', est: '1.00', max: '2.00' }, { id: 'L8', title: '八标段', est: '1.00', max: '2.00' }]);
      const raw = await fresh.conn.one<{ raw_row: string }>(`SELECT raw_row FROM quarantine WHERE table_name = 'lot' AND row_no = 6`);
      assert.match(raw!.raw_row, /"lot_id":" L5 "/);
    } finally {
      await fresh.close();
    }
  });

  test('row numbers are the lines an editor shows, less the header, with blank lines in between (both load paths)', async () => {
    const fresh = await Workspace.init(tempDir());
    try {
      const dir = tempDir();
      const lotCsv = join(dir, 'lot.csv');
      // Direct path (no repeated key); CRLF line ends, so a blank line holds a carriage return.
      writeFileSync(lotCsv, [
        'lot_id,tender_id,title,est_value_cny', // line 1
        'L1,T1,一标段,1', // line 2 → row 1
        '', // line 3
        'L2,T1,二标段,abc', // line 4 → row 3
        '', // line 5
        'L3,T1,三标段,1,2', // line 6 → row 5: malformed
        'L4,T1,四标段,x', // line 7 → row 6
      ].join('\r\n') + '\r\n');
      // Staging path (a repeated key sends the file there).
      const awardCsv = join(dir, 'award.csv');
      writeFileSync(awardCsv, ['award_id,tender_id,candidate_rank', 'A1,T1,1', '', '', 'A1,T1,2', 'A2,T1,x'].join('\n') + '\n');
      const s = await importInto(fresh, { paths: [lotCsv, awardCsv] });
      assert.deepEqual(s.files.map((f) => [f.table, f.rowsRead, f.rowsLoaded, f.rowsQuarantined]), [['lot', 4, 1, 3], ['award', 3, 1, 2]]);
      const q = await fresh.conn.all<{ t: string; row_no: number; col: string | null }>(
        `SELECT table_name AS t, row_no, column_name AS col FROM quarantine ORDER BY t DESC, row_no, col`);
      assert.deepEqual(q.map((r) => `${r.t}:${r.row_no}:${r.col ?? ''}`),
        ['lot:3:est_value_cny', 'lot:5:', 'lot:6:est_value_cny', 'award:4:award_id', 'award:5:candidate_rank']);
    } finally {
      await fresh.close();
    }
  });

  test('a GB18030 file with bytes that are not GB18030 is refused naming the line', async () => {
    const dir = tempDir();
    const csv = join(dir, 'person.csv');
    const good = readFileSync(fx('gbk/person.csv'));
    writeFileSync(csv, Buffer.concat([good, Buffer.from([0x50, 0x39, 0x2c, 0xb0, 0xa1, 0x81, 0x0a])]));
    const fresh = await Workspace.init(tempDir());
    try {
      const lineNo = good.toString('latin1').split('\n').length;
      await assert.rejects(importInto(fresh, { paths: [csv] }), (e: Error & { code?: string; where?: { row?: number } }) =>
        e.code === 'bad_input' && /not GB18030/.test(e.message) && e.where?.row === lineNo);
    } finally {
      await fresh.close();
    }
  });

  test('.xlsx: the banner row is skipped, Excel dates become ISO, bad cells are quarantined with the row Excel shows', async () => {
    const s = await importInto(ws, { paths: [fx('xlsx/tender.xlsx')] });
    assert.deepEqual([s.files[0]!.rowsRead, s.files[0]!.rowsLoaded, s.files[0]!.rowsQuarantined], [3, 2, 1]);
    const t = await ws.conn.all<{ id: string; p: string; d: string; m: boolean }>(
      `SELECT tender_id AS id, max_price_cny::VARCHAR AS p, bid_deadline::VARCHAR AS d, must_tender AS m FROM tender WHERE tender_id IN ('T100', 'T101') ORDER BY 1`);
    assert.deepEqual(t, [{ id: 'T100', p: '3800000.00', d: '2024-03-27 09:30:00', m: true }, { id: 'T101', p: '450000.50', d: '2024-04-05 09:30:00', m: false }]);
    const q = await ws.conn.one<{ row_no: number; value: string }>(`SELECT row_no, value FROM quarantine WHERE file LIKE '%tender.xlsx'`);
    assert.deepEqual([Number(q!.row_no), q!.value], [6, '2024年13月1日']);
  });

  test('.xlsx: a value merged down several data rows belongs to each of them; the merged title row stays a title', async () => {
    const s = await importInto(ws, { paths: [fx('xlsx/merged-cells.xlsx')], table: 'tender' });
    assert.deepEqual([s.files[0]!.rowsRead, s.files[0]!.rowsLoaded, s.files[0]!.rowsQuarantined], [4, 4, 0]);
    const t = await ws.conn.all<{ id: string; b: string; r: string }>(
      `SELECT tender_id AS id, buyer_org_id AS b, region_code AS r FROM tender WHERE tender_id BETWEEN 'T200' AND 'T203' ORDER BY 1`);
    assert.deepEqual(t, [
      { id: 'T200', b: 'ORG-B1', r: '330702' }, { id: 'T201', b: 'ORG-B1', r: '330702' },
      { id: 'T202', b: 'ORG-B1', r: '330702' }, { id: 'T203', b: 'ORG-B2', r: '330703' },
    ]);
  });

  test('.xlsx: error cells and uncalculated formulas quarantine their row; float noise is gone', async () => {
    const s = await importInto(ws, { paths: [fx('xlsx/cells.xlsx')], table: 'tender' });
    assert.deepEqual([s.files[0]!.rowsRead, s.files[0]!.rowsLoaded, s.files[0]!.rowsQuarantined], [4, 2, 2]);
    const t = await ws.conn.all<{ id: string; p: string }>(`SELECT tender_id AS id, max_price_cny::VARCHAR AS p FROM tender WHERE tender_id LIKE 'E%' ORDER BY 1`);
    assert.deepEqual(t, [{ id: 'E1', p: '0.30' }, { id: 'E4', p: '300.00' }]);
    const q = await ws.conn.all<{ row_no: number; col: string }>(`SELECT row_no, column_name AS col FROM quarantine WHERE file LIKE '%cells.xlsx' ORDER BY row_no`);
    assert.deepEqual(q.map((r) => `${r.row_no}:${r.col}`), ['3:title', '4:max_price_cny']);
  });

  test('a truncated .xlsx, a sheet without a header row, legacy .xls and a non-OCDS file are refused with a clear message', async () => {
    const before = await fingerprints(ws);
    await assert.rejects(importInto(ws, { paths: [fx('xlsx/truncated.xlsx')], table: 'tender' }),
      (e: Error & { code?: string }) => e.code === 'bad_input' && /cannot be read/.test(e.message));
    await assert.rejects(importInto(ws, { paths: [fx('xlsx/tender.xlsx')], sheet: 2, force: true }), /no header row with column names of tender/);
    const dir = tempDir();
    writeFileSync(join(dir, 'bid.xls'), 'not really excel');
    await assert.rejects(importInto(ws, { paths: [join(dir, 'bid.xls')] }), /save it as \.xlsx/);
    writeFileSync(join(dir, 'bid.ocds'), '{}');
    await assert.rejects(importInto(ws, { paths: [join(dir, 'bid.ocds')] }), /not an OCDS release or package/);
    assert.deepEqual(await fingerprints(ws), before);
  });
});

describe('clearsight import', () => {
  test('--json summary, exit 0; an unreadable file exits 2 with one line naming file and row', async () => {
    const dir = join(tempDir(), 'ws');
    assert.equal((await runCli(['init', '--workspace', dir])).code, 0);
    const ok = await runCli(['import', '--workspace', dir, fx('canonical/tender.csv'), '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { files: Array<{ rowsLoaded: number }> }).files[0]!.rowsLoaded, 2);
    const bad = await runCli(['import', '--workspace', dir, fx('malformed.jsonl'), '--table', 'bid']);
    assert.equal(bad.code, 2);
    const errs = lines(bad.stderr).filter((l) => !l.startsWith('…'));
    assert.equal(errs.length, 1);
    assert.match(errs[0]!, /malformed\.jsonl, row 2/);
  });

  test('kill -9 in the middle of a large import leaves the workspace as it was', async () => {
    const dir = join(tempDir(), 'ws');
    const csv = join(tempDir(), 'org_contact.csv');
    const out = createWriteStream(csv);
    out.write('org_id,contact_type,value_norm,valid_from,valid_to,source\n');
    for (let i = 0; i < 1_500_000; i++) out.write(`ORG${i},phone,0579${String(80000000 + i)},2020-01-01,,年报\n`);
    await new Promise((r) => out.end(r));
    assert.equal((await runCli(['init', '--workspace', dir])).code, 0);
    assert.equal((await runCli(['import', '--workspace', dir, fx('canonical/tender.csv')])).code, 0);
    const ws0 = await Workspace.open(dir);
    const before = await fingerprints(ws0);
    await ws0.close();
    // CLEARSIGHT_DEBUG reports each statement as it ends: kill while rows are being written to the table itself.
    const child = spawn(process.execPath, [CLI, 'import', '--workspace', dir, csv], {
      cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CLEARSIGHT_DEBUG: '1' } });
    let seen = '';
    await new Promise<void>((resolve) => child.stderr.setEncoding('utf8').on('data', (d: string) => {
      seen += d;
      if (/CREATE TEMP TABLE _import_keys/.test(seen)) { child.kill('SIGKILL'); resolve(); }
    }));
    const code = await new Promise((r) => child.on('close', (c, sig) => r(sig ?? c)));
    assert.equal(code, 'SIGKILL');
    const ws = await Workspace.open(dir);
    try {
      assert.deepEqual(await fingerprints(ws), before);
    } finally {
      await ws.close();
    }
  });
});
