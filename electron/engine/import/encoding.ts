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
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { signal })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    return 'gb18030';
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
  await pipeline(createReadStream(src), count, iconv.decodeStream('gb18030'), iconv.encodeStream('utf-8'), createWriteStream(dest), { signal });
}
