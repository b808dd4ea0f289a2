import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BUILTIN_MODELS_DIR, loadLibrary, selectModels } from '../../../electron/engine/models/library.ts';
import { loadModelFile } from '../../../electron/engine/models/model-file.ts';
import { tempDir } from '../../helpers/temp.ts';

const HEADER = `id: BID-901
name_zh: 测试模型
name_en: Test model
domain: BID
category: C1
kind: regulatory
severity: orange
subject_type: tender
requires:
  tender: [tender_id]
params:
  - name: min_cny
    type: number
    default: 100
    label_zh: 最低金额
    label_en: Least amount
explain:
  zh: "项目 {tender_id}"
  en: "Tender {tender_id}"
source: test`;

function write(dir: string, name: string, header: string, sql = 'SELECT tender_id AS subject_id FROM tender WHERE max_price_cny >= $min_cny'): string {
  const p = join(dir, name);
  writeFileSync(p, `/*\n${header}\n*/\n-- a comment before the query\n${sql}\n`);
  return p;
}

describe('model files', () => {
  test('a valid file loads with its metadata, SQL and defaults', () => {
    const m = loadModelFile(write(tempDir(), 'BID-901.sql', HEADER), 'workspace');
    assert.equal(m.id, 'BID-901');
    assert.deepEqual(m.categories, ['C1']);
    assert.equal(m.params[0]!.default, 100);
    assert.match(m.sql, /^-- a comment/);
    assert.equal(m.sha256.length, 64);
  });

  test('problems name the file and the field', () => {
    const dir = tempDir();
    const cases: Array<[string, string, string, RegExp]> = [
      ['BID-901.sql', HEADER.replace('severity: orange', 'severity: purple'), '', /severity/],
      ['BID-901.sql', HEADER.replace('name_en: Test model\n', ''), '', /name_en/],
      ['BID-901.sql', HEADER.replace('default: 100', 'default: lots'), '', /params\.0\.default: not a number/],
      ['BID-901.sql', HEADER.replace('domain: BID', 'domain: SOE'), '', /domain: BID-901 belongs to domain BID/],
      ['BID-902.sql', HEADER, '', /id: the file must be named BID-901\.sql/],
      ['BID-901.sql', HEADER, 'SELECT tender_id AS subject_id FROM tender WHERE max_price_cny >= $max_cny', /params: the SQL uses \$max_cny/],
      ['BID-901.sql', HEADER, 'DELETE FROM tender', /one SELECT/],
      ['BID-901.sql', `${HEADER}\n  bad: [`, '', /not valid YAML/],
    ];
    for (const [name, header, sql, msg] of cases) {
      const p = write(dir, name, header, sql || undefined);
      assert.throws(() => loadModelFile(p, 'workspace'), (e: Error & { code?: string; where?: { file?: string } }) =>
        e.code === 'bad_input' && msg.test(e.message) && e.where?.file === p, `${name}: ${msg}`);
    }
  });

  test('the built-in library loads, sorted, every model named in both languages with its source', () => {
    const lib = loadLibrary();
    assert.ok(lib.length >= 10);
    for (const m of lib) {
      assert.ok(m.name_zh && m.name_en && m.explain.zh && m.explain.en && m.source, m.id);
      assert.ok(m.file.startsWith(BUILTIN_MODELS_DIR), m.file);
    }
    const ids = lib.map((m) => m.id);
    assert.ok(ids.indexOf('BID-001') < ids.indexOf('BID-039') && ids.indexOf('BID-049') < ids.indexOf('SOE-001'));
  });

  test('a workspace model replaces the built-in one of the same id and adds new ones', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'bidding'));
    const builtin = readFileSync(join(BUILTIN_MODELS_DIR, 'bidding', 'BID-001.sql'), 'utf8');
    writeFileSync(join(dir, 'bidding', 'BID-001.sql'), builtin.replace('severity: red', 'severity: orange'));
    write(dir, 'BID-901.sql', HEADER);
    const lib = loadLibrary(dir);
    assert.equal(lib.find((m) => m.id === 'BID-001')!.severity, 'orange');
    assert.equal(lib.find((m) => m.id === 'BID-001')!.origin, 'workspace');
    assert.equal(lib.find((m) => m.id === 'BID-901')!.origin, 'workspace');
    assert.deepEqual(selectModels(lib, [], 'soe').map((m) => m.domain), lib.filter((m) => m.domain === 'SOE').map(() => 'SOE'));
    assert.throws(() => selectModels(lib, ['BID-999']), /no such model: BID-999/);
  });
});
