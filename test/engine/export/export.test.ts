import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { exportData, type ExportRequest } from '../../../electron/engine/export/export.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('export of tables and query results', () => {
  let ws: Workspace;
  let out: string;
  const exp = (req: ExportRequest) => ws.tasks.run('export', (t) => exportData(ws, req, t));
  before(async () => {
    ws = await Workspace.init(tempDir());
    out = tempDir();
    await ws.conn.run(`INSERT INTO person (person_id, id_no_hash, name, gender, birth_date, phone, address_norm)
      SELECT 'P' || i, sha256(i::VARCHAR), '王建华' || i, 'M', DATE '1980-01-01' + CAST(i AS INTEGER), '138' || lpad(i::VARCHAR, 8, '0'), '解放路' || i || '号2幢101室'
      FROM range(1, 2501) t(i)`);
    await ws.conn.run(`INSERT INTO organization (org_id, name, reg_capital_cny, established_date) VALUES ('O1', '永康市华鑫建设工程有限公司', 5000000.50, DATE '2015-03-02')`);
  });
  after(async () => { await ws.close(); });

  test('CSV for Excel starts with a UTF-8 byte-order mark and keeps Chinese text', async () => {
    const s = await exp({ table: 'organization', out: join(out, 'org.csv') });
    assert.equal(s.rows, 1);
    const buf = readFileSync(join(out, 'org.csv'));
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(buf.toString('utf8'), /\nO1,,永康市华鑫建设工程有限公司,,,,5000000.50,,2015-03-02,/);
  });

  test('CSV in GB18030 decodes back to the same text; personal identifiers are masked by default', async () => {
    await exp({ table: 'person', out: join(out, 'p.csv'), encoding: 'gb18030' });
    const text = iconv.decode(readFileSync(join(out, 'p.csv')), 'gb18030');
    const first = text.split('\n')[1]!;
    assert.match(first, /^P1,（已脱敏 redacted）,王建华1,M,1980,,138\*{4}0001,解放\*{3},/);
    assert.equal(text.trim().split('\n').length, 2501);
  });

  test('--include-personal keeps them', async () => {
    await exp({ table: 'person', out: join(out, 'p2.csv'), includePersonal: true });
    assert.match(readFileSync(join(out, 'p2.csv'), 'utf8'), /P1,[0-9a-f]{64},王建华1,M,1980-01-02,,13800000001,解放路1号2幢101室/);
  });

  test('a warning\'s fingerprint (a 128-bit key) is exported as its exact digits, in Parquet, CSV and .xlsx', async () => {
    await ws.conn.run(`INSERT INTO alert (alert_id, model_id, subject_type, subject_id, fingerprint)
      VALUES ('W-1', 'BID-001', 'org_pair', 'O1|O2', md5_number('BID-001|org_pair|O1|O2||'))`);
    const digits = (await ws.conn.one<{ f: string }>(`SELECT fingerprint::VARCHAR AS f FROM alert WHERE alert_id = 'W-1'`))!.f;
    assert.ok(digits.length > 30);
    await exp({ table: 'alert', out: join(out, 'a.parquet') });
    const back = await ws.conn.one<{ f: string; t: string }>(`SELECT fingerprint AS f, typeof(fingerprint) AS t FROM read_parquet($1)`, [join(out, 'a.parquet')]);
    assert.deepEqual([back!.f, back!.t], [digits, 'VARCHAR']);
    await exp({ table: 'alert', out: join(out, 'a.csv') });
    assert.ok(readFileSync(join(out, 'a.csv'), 'utf8').includes(`,${digits},`));
    await exp({ table: 'alert', out: join(out, 'a.xlsx') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'a.xlsx'));
    const sheet = wb.worksheets[0]!;
    const col = (sheet.getRow(1).values as unknown[]).indexOf('fingerprint');
    assert.equal(sheet.getRow(2).getCell(col).value, digits);
    await ws.conn.run(`DELETE FROM alert`);
  });

  test('Parquet and .xlsx hold every row of a query result', async () => {
    const q = `SELECT person_id, name, birth_date FROM person WHERE person_id <> 'P2'`;
    const pq = await exp({ sql: q, out: join(out, 'p.parquet'), includePersonal: true });
    assert.equal(pq.rows, 2499);
    const n = await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM read_parquet($1)`, [join(out, 'p.parquet')]);
    assert.equal(Number(n!.n), 2499);
    const xs = await exp({ sql: q, out: join(out, 'p.xlsx'), includePersonal: true });
    assert.equal(xs.rows, 2499);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'p.xlsx'));
    const sheet = wb.worksheets[0]!;
    assert.equal(sheet.rowCount, 2500);
    assert.deepEqual([1, 2, 3].map((i) => sheet.getRow(1).getCell(i).value), ['person_id', 'name', 'birth_date']);
    assert.equal(sheet.getRow(2).getCell(2).value, '王建华1');
  });

  test('a query over personal tables needs --include-personal, however its columns are named', async () => {
    await assert.rejects(exp({ sql: `SELECT phone AS p, address_norm AS a FROM person`, out: join(out, 'pp.csv') }), /include-personal/);
    await assert.rejects(exp({ sql: `SELECT to_json(x) FROM (SELECT * FROM person) x -- comment`, out: join(out, 'pp.csv') }), /include-personal/);
    const ok = await exp({ sql: `SELECT name FROM organization -- trailing comment`, out: join(out, 'o.csv') });
    assert.equal(ok.rows, 1);
  });

  test('text that Excel would run as a formula is exported with a leading apostrophe', async () => {
    await ws.conn.run(`INSERT INTO organization (org_id, name) VALUES ('O2', '=HYPERLINK("http://x","点我")')`);
    await exp({ sql: `SELECT org_id, name FROM organization WHERE org_id = 'O2'`, out: join(out, 'f.csv') });
    assert.match(readFileSync(join(out, 'f.csv'), 'utf8'), /O2,"'=HYPERLINK/);
    await ws.conn.run(`DELETE FROM organization WHERE org_id = 'O2'`);
  });

  test('a query that writes is refused and leaves no file behind', async () => {
    await assert.rejects(exp({ sql: `DELETE FROM person`, out: join(out, 'x.csv') }), /only read-only queries/);
    await assert.rejects(exp({ sql: `SELECT 1; DROP TABLE person`, out: join(out, 'y.csv') }), /exactly one query/);
    assert.equal(existsSync(join(out, 'x.csv')), false);
    assert.equal(readdirSync(out).some((f) => f.endsWith('.partial')), false);
    const n = await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM person`);
    assert.equal(Number(n!.n), 2500);
  });
});
