import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseIni } from '../../../electron/engine/ocds/ini.ts';

describe('INI settings files', () => {
  test('top keys, sections with dots, comments on their own line and after a space, quotes, key: value, the last of a repeated key', () => {
    const doc = parseIni([
      '\uFEFF; Cardinal settings',
      'currency = USD',
      '# a comment',
      '[R048]',
      'digits = 2 # default',
      'threshold: 10',
      '[R003.procurement_method_details]',
      'Licitación Pública = 25 ; international',
      'x = 5',
      'x = 6',
      '[exclusions]',
      'procurement_method_details = "A|B#C"',
      '[R024]',
    ].join('\r\n'));
    assert.deepEqual([...doc.top].map(([k, e]) => [k, e.value, e.line]), [['currency', 'USD', 2]]);
    const section = (name: string) => Object.fromEntries([...doc.sections.get(name)!.keys].map(([k, e]) => [k, e.value]));
    assert.deepEqual(section('R048'), { digits: '2', threshold: '10' });
    assert.deepEqual(section('R003.procurement_method_details'), { 'Licitación Pública': '25', x: '6' });
    assert.deepEqual(section('exclusions'), { procurement_method_details: 'A|B#C' });
    assert.deepEqual(section('R024'), {});
  });

  test('a line that is neither a section nor key = value is an error naming its line', () => {
    assert.throws(() => parseIni('[R024]\nthreshold 0.05\n', 'settings.ini'),
      (e: Error & { code?: string; where?: { row?: number; file?: string } }) => e.code === 'bad_input' && e.where?.row === 2 && e.where.file === 'settings.ini' && /expected key = value/.test(e.message));
    assert.throws(() => parseIni('[ ]\n'), /empty section name/);
  });
});
