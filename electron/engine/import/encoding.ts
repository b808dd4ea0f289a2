import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { ClearsightError } from '../errors.ts';

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
  // Fast path: the platform's decoder confirms valid UTF-8 (most files).
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { signal })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
  }
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
export async function transcodeToUtf8(src: string, dest: string, onBytes: (n: number) => void, signal?: AbortSignal): Promise<void> {
  let read = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      onBytes(read);
      done(null, chunk);
    },
  });
  // A byte sequence GB18030 cannot decode becomes U+FFFD: refuse the file rather than load altered text.
  let line = 1;
  const check = new Transform({
    transform(text: string, _enc, done) {
      const bad = text.indexOf('\ufffd');
      if (bad >= 0) {
        done(new ClearsightError('bad_input', `GB18030 解码失败（第 ${line + (text.slice(0, bad).match(/\n/g)?.length ?? 0)} 行）/ bytes that are not GB18030 (line ${line + (text.slice(0, bad).match(/\n/g)?.length ?? 0)})`, { file: src }));
        return;
      }
      line += text.match(/\n/g)?.length ?? 0;
      done(null, text);
    },
    decodeStrings: false, objectMode: true,
  });
  await pipeline(createReadStream(src), count, iconv.decodeStream('gb18030'), check, iconv.encodeStream('utf-8'), createWriteStream(dest), { signal });
}
