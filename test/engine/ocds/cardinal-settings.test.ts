import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cardinalSettings, pipeList } from '../../../electron/engine/ocds/cardinal-settings.ts';
import { parseIni } from '../../../electron/engine/ocds/ini.ts';

const settings = (text: string) => cardinalSettings(parseIni(text), 'settings.ini');

describe('Cardinal settings as model parameters', () => {
  test('an indicator runs only if its section exists; global settings reach the models that read them', () => {
    const s = settings([
      'currency = USD', 'no_price_comparison_procurement_methods = Random Selection|Direct',
      '[exclusions]', 'procurement_method_details = EXC',
      '[R003.procurement_method_details]', 'emergency = 10',
      '[R024]', 'threshold = 0.05',
      '[R036]',
      '[R048]', 'digits = 3', 'minimum_contracting_processes = 1',
    ].join('\n'));
    assert.deepEqual(s.indicators, ['R003', 'R024', 'R036', 'R048']);
    assert.deepEqual(s.params, {
      'OCDS-R003.procurement_method_details': { emergency: 10 }, 'OCDS-R003.excluded_procurement_method_details': ['EXC'],
      'OCDS-R024.threshold': 0.05, 'OCDS-R024.excluded_procurement_method_details': ['EXC'],
      'OCDS-R024.no_price_comparison_procurement_methods': ['Random Selection', 'Direct'], 'OCDS-R024.currency': 'USD',
      'OCDS-R036.excluded_procurement_method_details': ['EXC'], 'OCDS-R036.no_price_comparison_procurement_methods': ['Random Selection', 'Direct'],
      'OCDS-R036.currency': 'USD',
      'OCDS-R048.digits': 3, 'OCDS-R048.minimum_contracting_processes': 1, 'OCDS-R048.excluded_procurement_method_details': ['EXC'],
    });
    assert.deepEqual(s.warnings, []);
  });

  test('unknown sections and keys, and values of the wrong type, are errors naming the line', () => {
    const fails = (text: string, re: RegExp, line: number) => assert.throws(() => settings(text),
      (e: Error & { code?: string; where?: { row?: number } }) => e.code === 'bad_input' && e.where?.row === line && re.test(e.message), text);
    fails('[R024]\nthreshhold = 0.05\n', /unknown setting 'threshhold' in \[R024\]/, 2);
    fails('[R028]\nthreshold = 1\n', /unknown setting 'threshold' in \[R028\]/, 2);
    fails('currencies = USD\n', /unknown setting 'currencies'/, 1);
    fails('[R099]\n', /unknown section \[R099\]/, 1);
    fails('[exclusions]\nprocurement_method = x\n', /unknown setting 'procurement_method' in \[exclusions\]/, 2);
    fails('[R025]\npercentile = 75.5\n', /percentile must be a whole number ≥ 0/, 2);
    fails('[R035]\nthreshold = -1\n', /threshold must be a whole number ≥ 0/, 2);
    fails('[R024]\nthreshold = five percent\n', /threshold must be a number/, 2);
    fails('[R003.procurement_method_details]\nx = soon\n', /x must be a whole number/, 2);
  });

  test('the prepare command\'s sections are accepted and said to have no effect; both price-comparison lists, likewise', () => {
    const s = settings('price_comparison_procurement_methods = A\nno_price_comparison_procurement_methods = B\n[defaults]\ncurrency = USD\n[codelists.bid_status]\nqualified = valid\n[R028]\n');
    assert.deepEqual(s.indicators, ['R028']);
    assert.equal(s.warnings.length, 3);
    assert.throws(() => settings('[defaults]\nbid = valid\n'), /unknown setting 'bid' in \[defaults\]/);
  });

  test('pipe-separated lists split as Cardinal splits them', () => {
    assert.deepEqual(pipeList(''), []);
    assert.deepEqual(pipeList('open|selective|'), ['open', 'selective']);
    assert.deepEqual(pipeList('a||b'), ['a', '', 'b']);
    assert.deepEqual(pipeList('a, b|c'), ['a, b', 'c']);
  });
});
