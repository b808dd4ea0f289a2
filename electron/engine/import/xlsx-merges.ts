import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

// unzipper (ExcelJS's own zip reader) reads entries from the file's central directory, streaming, so a
// sheet is inflated without the workbook ever being in memory. It ships no types: the little used is here.
interface ZipEntry { path: string; stream(): Readable }
const unzipper = createRequire(import.meta.url)('unzipper') as { Open: { file(path: string): Promise<{ files: ZipEntry[] }> } };

/** A merged range of a sheet, 1-based rows and 0-based columns, inclusive. */
export interface MergedRange { top: number; bottom: number; left: number; right: number }

/**
 * The merged cell ranges of one sheet (`sheet`: 1-based position or name). ExcelJS's streaming reader
 * skips them, and they come after every row in the sheet's XML, so they are read in a pass of their own
 * over the inflated sheet, keeping nothing but the <mergeCell ref="A3:A5"/> elements.
 */
export async function xlsxMerges(path: string, sheet: string | number): Promise<MergedRange[]> {
  const zip = await unzipper.Open.file(path);
  const text = async (name: string) => {
    const e = zip.files.find((f) => f.path === name);
    if (!e) return null;
    const parts: Buffer[] = [];
    for await (const b of e.stream()) parts.push(b as Buffer);
    return Buffer.concat(parts).toString('utf8');
  };
  const target = await sheetPath(text, sheet);
  const entry = zip.files.find((f) => f.path === target);
  if (!entry) return [];
  const out: MergedRange[] = [];
  let carry = '';
  for await (const chunk of entry.stream()) {
    const s = carry + (chunk as Buffer).toString('latin1'); // refs are ASCII; latin1 never splits a character
    let last = 0;
    for (const m of s.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/g)) {
      const [, c1, r1, c2, r2] = m as unknown as [string, string, string, string | undefined, string | undefined];
      out.push({ top: Number(r1), bottom: Number(r2 ?? r1), left: columnIndex(c1), right: columnIndex(c2 ?? c1) });
      last = m.index + m[0].length;
    }
    // Keep the tail that may hold the start of an element cut by the chunk boundary.
    carry = s.slice(Math.max(last, s.length - 200));
  }
  return out;
}

/** The sheet's XML inside the package: workbook.xml names the sheets in order, its relations their files. */
async function sheetPath(text: (name: string) => Promise<string | null>, sheet: string | number): Promise<string | null> {
  const wb = await text('xl/workbook.xml');
  const rels = await text('xl/_rels/workbook.xml.rels');
  if (!wb || !rels) return null;
  const sheets = [...wb.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)].map((m) => ({
    name: unescapeXml(/\bname="([^"]*)"/.exec(m[1]!)?.[1] ?? ''),
    rid: /\br:id="([^"]*)"/.exec(m[1]!)?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
  }));
  const s = typeof sheet === 'number' ? sheets[sheet - 1] : sheets.find((x) => x.name === sheet);
  if (!s) return null;
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    if (/\bId="([^"]*)"/.exec(m[1]!)?.[1] !== s.rid) continue;
    const target = /\bTarget="([^"]*)"/.exec(m[1]!)?.[1] ?? '';
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  return null;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
