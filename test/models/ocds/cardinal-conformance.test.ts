// Conformance with Cardinal (open-contracting/cardinal-rs): every indicator fixture of the peer project,
// read in place from ../shared/peer-data/cardinal (beside the repository, never copied into it), run with the
// exact settings of Cardinal's own harness (manifest.json: the one indicator, NPC, EXC and the file name's
// settings) and compared as that harness compares: {group: {id: {code: f64}}} as maps, values exactly
// equal, Meta not compared.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cardinalSettings } from '../../../electron/engine/ocds/cardinal-settings.ts';
import { ocdsFlags } from '../../../electron/engine/ocds/flags.ts';
import { parseIni } from '../../../electron/engine/ocds/ini.ts';
import { TaskHub } from '../../../electron/engine/tasks.ts';

const PEER = fileURLToPath(new URL('../../../../shared/peer-data/cardinal/', import.meta.url));

interface Case { id: string; indicator: string; input: string; expected: string; settings_ini: string }

const cases: Case[] = existsSync(join(PEER, 'manifest.json'))
  ? (JSON.parse(readFileSync(join(PEER, 'manifest.json'), 'utf8')) as { indicator_cases: Case[] }).indicator_cases : [];

describe('Cardinal conformance: the peer project\'s indicator fixtures', () => {
  test('the fixtures are there (skipped: peer fixtures absent)', (t) => {
    if (cases.length === 0) return t.skip('skipped: peer fixtures absent');
    assert.equal(cases.length, 15);
  });

  for (const c of cases) {
    test(`${c.id}: exactly Cardinal's expected output`, async () => {
      const settings = cardinalSettings(parseIni(c.settings_ini));
      assert.deepEqual(settings.indicators, [c.indicator]);
      const skipped: number[] = [];
      const run = await new TaskHub().run('run', (t) => ocdsFlags(join(PEER, c.input), settings, t, (s) => skipped.push(s.line)));
      const expected = JSON.parse(readFileSync(join(PEER, c.expected), 'utf8')) as Record<string, Record<string, Record<string, number>>>;
      // Maps regardless of key order, numbers exactly equal (f64 ==).
      assert.deepStrictEqual(run.results, expected);
      assert.deepEqual(skipped, []);
    });
  }
});
