import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { transcodeToUtf8 } from '../../../electron/engine/import/encoding.ts';
import { Gb18030ToUtf8 } from '../../../electron/engine/import/gb18030.ts';
import { tempDir } from '../../helpers/temp.ts';

/** What the platform's decoder makes of the bytes, as UTF-8. */
const reference = (b: Uint8Array) => Buffer.from(new TextDecoder('gb18030', { fatal: true }).decode(b), 'utf8');

/** Every valid two-byte GB18030 character, a few four-byte ones (BMP and beyond), the euro byte and ASCII. */
function sample(): Buffer {
  const parts: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        new TextDecoder('gb18030', { fatal: true }).decode(new Uint8Array([lead, trail]));
        parts.push(lead, trail);
      } catch { /* not a character: left out */ }
    }
    parts.push(0x2c, 0x0a); // ",\n" between leads, so lines are short
  }
  // Four-byte: U+0080 (first of the BMP ranges), U+E5E5-area, U+10000 and U+10FFFF (supplementary planes).
  parts.push(0x81, 0x30, 0x81, 0x30, 0x84, 0x31, 0xa4, 0x39, 0x90, 0x30, 0x81, 0x30, 0xe3, 0x32, 0x9a, 0x35);
  parts.push(0x80, 0x41, 0x0d, 0x0a);
  return Buffer.from(parts);
}

describe('GB18030 to UTF-8', () => {
  test('gives exactly what the platform decoder gives, for every two-byte character and the four-byte ranges', () => {
    const src = sample();
    const c = new Gb18030ToUtf8();
    const out = c.push(src);
    c.end();
    assert.ok(src.length > 40000);
    assert.deepEqual(out, reference(src));
  });

  test('a character cut by a chunk boundary is finished with the next chunk, at every cut', () => {
    // Long ASCII runs (copied block-wise) of lengths around the block size, each followed by 中 (D6 D0).
    const runs = [1, 510, 511, 512, 513, 1023, 1024, 1025].map((k) => Buffer.concat([Buffer.alloc(k, 0x61), Buffer.from([0xd6, 0xd0])]));
    const src = Buffer.concat([sample(), ...runs, ...runs.reverse()]);
    const want = reference(src);
    for (const size of [1, 2, 3, 5, 7, 511, 512, 513, 4096]) {
      const c = new Gb18030ToUtf8();
      const parts: Buffer[] = [];
      for (let i = 0; i < src.length; i += size) parts.push(c.push(src.subarray(i, i + size)));
      c.end();
      assert.deepEqual(Buffer.concat(parts), want, `chunks of ${size} bytes`);
    }
  });

  test('bytes that are not GB18030 are refused with their offset: 0xFF, a bad trail byte, a cut-off end', () => {
    for (const [bytes, offset] of [[[0x41, 0x0a, 0xff], 2], [[0x41, 0xb0, 0x0a], 1], [[0x41, 0x81, 0x30, 0x41, 0x30], 1], [[0x41, 0xb0], 1]] as const) {
      const c = new Gb18030ToUtf8();
      assert.throws(() => { c.push(Uint8Array.from(bytes)); c.end(); }, (e: Error & { offset?: number }) => e.offset === offset, JSON.stringify(bytes));
    }
  });

  test('a file is transcoded in small chunks to the same UTF-8; a bad byte names its line', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.csv');
    const gbHeader = Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a]); // 名称,金额 in GBK
    writeFileSync(good, Buffer.concat([gbHeader, sample()]));
    await transcodeToUtf8(good, join(dir, 'good.utf8.csv'), () => {}, undefined, 7);
    assert.deepEqual(readFileSync(join(dir, 'good.utf8.csv')), Buffer.concat([Buffer.from('名称,金额\n', 'utf8'), reference(sample())]));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, Buffer.concat([gbHeader, Buffer.from('a,1\nb,2\nc,'), Buffer.from([0xb0, 0x0a])]));
    await assert.rejects(transcodeToUtf8(bad, join(dir, 'bad.utf8.csv'), () => {}),
      (e: Error & { where?: { row?: number } }) => /line 4/.test(e.message) && e.where?.row === 4);
  });
});
