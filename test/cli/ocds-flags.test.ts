import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lines, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

const releases = file('releases.jsonl', [
  '{"ocid":"single","tender":{"numberOfTenderers":1,"procurementMethod":"open","tenderPeriod":{"startDate":"2024-01-01T00:00:00Z","endDate":"2024-01-05T00:00:00Z"}}}',
  '{"ocid":"broken",',
  '',
  '{"id":"no ocid"}',
  '{"ocid":"fine","tender":{"numberOfTenderers":3,"procurementMethod":"open","tenderPeriod":{"startDate":"2024-01-01T00:00:00Z","endDate":"2024-02-01T00:00:00Z"}}}',
].join('\n'));
const settings = file('settings.ini', '[R003]\nthreshold = 10\n\n[R018]\n\n[R024]\n');

describe('clearsight ocds-flags', () => {
  test('--json prints Cardinal\'s output (floats as Cardinal writes them, Meta of the statistical indicators); invalid lines are reported with their number and skipped', async () => {
    const r = await runCli(['ocds-flags', releases, '--settings', settings, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"OCID":{"single":{"R003":1.0,"R018":1.0}},"Meta":{"R024":{"q1":null,"q3":null,"lower_fence":null}}}\n');
    const err = lines(r.stderr);
    assert.equal(err.length, 2, r.stderr);
    assert.match(err[0]!, /line 2: .*invalid JSON, skipped/);
    assert.match(err[1]!, /line 4: .*not a compiled release/);
    const noMeta = await runCli(['ocds-flags', releases, '--settings', settings, '--json', '--no-meta']);
    assert.deepEqual(JSON.parse(noMeta.stdout), { OCID: { single: { R003: 1, R018: 1 } } });
  });

  test('without settings every indicator runs with its defaults; without --json a summary', async () => {
    const r = await runCli(['ocds-flags', releases]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 个发布 \/ releases read \(2 行跳过/);
    assert.match(r.stdout, /R003, R018, R024, R025, R028, R030, R035, R036, R038, R048, R058/);
    assert.match(r.stdout, /^R018 {2}OCID 1$/m);
  });

  test('a file that is not OCDS, a bad settings file and a missing file: exit 2 with one line', async () => {
    const notOcds = await runCli(['ocds-flags', file('not-ocds.jsonl', '{"name":"x"}\n[1,2]\n'), '--json']);
    assert.equal(notOcds.code, 2);
    assert.equal(notOcds.stdout, '');
    assert.equal(lines(notOcds.stderr).length, 1, notOcds.stderr);
    assert.match(notOcds.stderr, /not OCDS: no line is a JSON object with a string ocid/);
    const badKey = await runCli(['ocds-flags', releases, '--settings', file('bad.ini', '[R024]\nthreshhold = 1\n')]);
    assert.equal(badKey.code, 2);
    assert.equal(lines(badKey.stderr).length, 1, badKey.stderr);
    assert.match(badKey.stderr, /unknown setting 'threshhold' in \[R024\].*row 2/);
    const missing = await runCli(['ocds-flags', join(dir, 'nope.jsonl')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file/);
  });
});
