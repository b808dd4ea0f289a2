import { createReadStream, createWriteStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { ClearsightError } from '../errors.ts';
import { Gb18030ToUtf8, NotGb18030 } from './gb18030.ts';

export type TextEncoding = 'utf-8' | 'gb18030';

/**
 * The encoding of a text file: a UTF-8 byte-order mark or valid UTF-8 throughout means UTF-8;
 * anything else is taken as GB18030 (a superset of GBK and GB2312, what Chinese Excel writes).
 * UTF-16 files are refused: Excel's "Unicode text" must be saved as UTF-8 CSV first.
 */
export async function detectEncoding(path: string, signal?: AbortSignal): Promise<TextEncoding> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await fh.read(head, 0, 3, 0);
    if (bytesRead >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
      throw new ClearsightError('bad_input', `不支持UTF-16编码，请另存为UTF-8 CSV / UTF-16 text is not supported; save it as UTF-8 CSV`, { file: path });
    }
    if (bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  } finally {
    await fh.close();
  }
  // Fast path: the platform's validator (simdutf, gigabytes a second) confirms valid UTF-8 (most files).
  // A chunk may end inside a character: its incomplete tail is checked with the next chunk.
  let carry: Buffer = Buffer.alloc(0);
  let valid = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) {
    const b = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : chunk as Buffer;
    const end = completeUtf8Prefix(b);
    if (!isUtf8(b.subarray(0, end))) { valid = false; break; }
    carry = Buffer.from(b.subarray(end));
  }
  if (valid && carry.length === 0) return 'utf-8';
  // Not valid UTF-8. Invalid before any multi-byte UTF-8 character → GB18030. Invalid after valid
  // multi-byte UTF-8 text → a UTF-8 file with a stray byte: refused, never read as GB18030 mojibake.
  let offset = 0;
  let line = 1;
  let sawMultibyte = false;
  let need = 0;
  for await (const chunk of createReadStream(path, { signal })) {
    const b = chunk as Buffer;
    for (let i = 0; i < b.length; i++, offset++) {
      const x = b[i]!;
      if (need > 0) {
        if ((x & 0xc0) !== 0x80) return invalidAt();
        if (--need === 0) sawMultibyte = true;
        continue;
      }
      if (x === 0x0a) line++;
      if (x < 0x80) continue;
      if (x >= 0xc2 && x <= 0xdf) need = 1;
      else if (x >= 0xe0 && x <= 0xef) need = 2;
      else if (x >= 0xf0 && x <= 0xf4) need = 3;
      else return invalidAt();
    }
  }
  return need === 0 ? 'utf-8' : invalidAt();

  function invalidAt(): TextEncoding {
    if (!sawMultibyte) return 'gb18030';
    throw new ClearsightError('bad_input',
      `文件是 UTF-8 编码，但第 ${line} 行（字节 ${offset}）有无效字节，请修正或用 --encoding 指定 / the file is UTF-8 but has an invalid byte at line ${line} (byte ${offset}); fix it or give --encoding`,
      { file: path, row: line });
  }
}

/** Stream a GB18030 file into a UTF-8 copy (never the whole file in memory), reporting bytes read. */
export async function transcodeToUtf8(src: string, dest: string, onBytes: (n: number) => void, signal?: AbortSignal,
  chunkBytes = 1 << 20): Promise<void> {
  // Fatal: a byte sequence GB18030 cannot decode refuses the file instead of loading U+FFFD in its place.
  const converter = new Gb18030ToUtf8();
  const out = createWriteStream(dest);
  let read = 0;
  try {
    try {
      for await (const chunk of createReadStream(src, { highWaterMark: chunkBytes, signal })) {
        const b = chunk as Buffer;
        const utf8 = converter.push(b);
        read += b.length;
        onBytes(read);
        if (!out.write(utf8)) await once(out, 'drain'); // rejects, and cleans up, on a write error
      }
      converter.end();
    } catch (e) {
      if (e instanceof NotGb18030) throw notGb18030(src, await lineOfByte(src, e.offset));
      throw e;
    }
    await new Promise<void>((resolve, reject) => { out.once('error', reject); out.end(resolve); });
  } catch (e) {
    out.destroy();
    throw e;
  }
}

function notGb18030(file: string, line: number): ClearsightError {
  return new ClearsightError('bad_input', `GB18030 解码失败（第 ${line} 行）/ bytes that are not GB18030 (line ${line})`, { file, row: line });
}

/** The 1-based line of the byte at `offset` (only on the error path). */
async function lineOfByte(path: string, offset: number): Promise<number> {
  if (offset === 0) return 1;
  let line = 1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, end: offset - 1 })) {
    const b = chunk as Buffer;
    for (let nl = b.indexOf(0x0a); nl >= 0; nl = b.indexOf(0x0a, nl + 1)) line++;
  }
  return line;
}

/** The length of b without a multi-byte character cut off at its end (at most 3 bytes are held back). */
function completeUtf8Prefix(b: Buffer): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const x = b[b.length - back]!;
    if ((x & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1;
    return need > back ? b.length - back : b.length;
  }
  return b.length;
}
