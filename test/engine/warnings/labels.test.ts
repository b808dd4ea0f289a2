// The drill-down shows each evidence value under its label: every key a built-in model puts in a struct
// ({'key': value}) has a Chinese label, so an analyst never reads a raw key such as sd_losing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLibrary } from '../../../electron/engine/models/library.ts';
import { labelOf } from '../../../electron/engine/warnings/labels.ts';

test('every evidence key of the built-in models has a Chinese label', () => {
  const missing: string[] = [];
  for (const m of loadLibrary()) {
    for (const [, key] of m.sql.matchAll(/'([A-Za-z_][A-Za-z0-9_]*)'\s*:/g)) {
      if (labelOf(key!).zh === key) missing.push(`${m.id}: ${key}`);
    }
  }
  assert.deepEqual([...new Set(missing)], []);
});

test('a key without a label shows as itself', () => {
  assert.deepEqual(labelOf('no_such_key'), { zh: 'no_such_key', en: 'no_such_key' });
});
