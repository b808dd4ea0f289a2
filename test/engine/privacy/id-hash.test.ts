import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { setupSql } from '../../../electron/engine/generator/setup.ts';
import { idNoHash, normalizeIdNo } from '../../../electron/engine/privacy/id-hash.ts';

const key = Buffer.from('0123456789abcdef0123456789abcdef');

test('an ID number hashes to HMAC-SHA256 under the workspace key, after normalisation', () => {
  assert.equal(idNoHash(key, '33078419900101123x'), createHmac('sha256', key).update('33078419900101123X').digest('hex'));
  assert.equal(idNoHash(key, ' 330784 19900101 1234 '), idNoHash(key, '330784199001011234'));
  assert.notEqual(idNoHash(key, '330784199001011234'), idNoHash(Buffer.from('another key'), '330784199001011234'));
  assert.equal(normalizeIdNo('33078419900101123x'), '33078419900101123X');
});

test('the hash computed inside DuckDB equals the one computed in Node', async () => {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    for (const sql of setupSql(1, key)) await conn.run(sql);
    for (const id of ['330784199001011234', '33010219751231002X', '1']) {
      const r = await conn.runAndReadAll('SELECT id_hash($1) AS h', [id]);
      assert.equal(r.getRowObjectsJson()[0]!.h, idNoHash(key, id));
    }
  } finally {
    conn.closeSync();
  }
});
