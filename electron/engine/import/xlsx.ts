import ExcelJS from 'exceljs';
import { ClearsightError } from '../errors.ts';

export interface SheetRow { rowNo: number; values: Array<string | null>; errors: Array<{ col: number; text: string }> }

/** Marks a cell Excel cannot give a value for (#N/A, #DIV/0!, a formula without a cached result). */
const CELL_ERROR = '\u0000';

/**
 * The rows of one sheet of an .xlsx file as text, streamed (a million-row sheet never sits in memory).
 * Dates become ISO text (2023-05-06, or 2023-05-06 14:30:00 when they carry a time), numbers their
 * shortest exact text, formulas their cached result. `sheet` is a 1-based position or a sheet name.
 */
export async function* xlsxRows(path: string, sheet: string | number = 1): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  } as never);
  let position = 0;
  let found = false;
  for await (const ws of reader) {
    position++;
    const name = (ws as unknown as { name?: string }).name;
    if (!(typeof sheet === 'number' ? position === sheet : name === sheet)) continue;
    found = true;
    for await (const row of ws) {
      const values: Array<string | null> = [];
      const errors: SheetRow['errors'] = [];
      row.eachCell({ includeEmpty: true }, (c, col) => {
        const t = cellText(c.value);
        if (t?.startsWith(CELL_ERROR)) {
          // Staged empty, so that only the cell problem is reported for it.
          errors.push({ col: col - 1, text: t.slice(1) });
          values[col - 1] = null;
        } else values[col - 1] = t;
      });
      yield { rowNo: row.number, values: Array.from(values, (v) => v ?? null), errors };
    }
    break;
  }
  if (!found) throw new ClearsightError('bad_input', `工作簿中没有工作表 ${sheet} / the workbook has no sheet ${sheet}`, { file: path });
}

function cellText(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  // 15 significant digits: what Excel shows, without binary noise such as 0.30000000000000004.
  if (typeof v === 'number') return String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: ExcelJS.CellValue }).result;
      if (r === undefined || r === null) return `${CELL_ERROR}#公式无缓存结果 / formula without a cached result`;
      return cellText(r);
    }
    if ('error' in v) return `${CELL_ERROR}${String(v.error)}`;
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

/**
 * The header row: the first of the first 30 rows whose non-empty cells are all text and include at
 * least one of the expected column names (titles and merged banner rows above it are skipped).
 */
export function findHeader(rows: SheetRow[], expected: ReadonlySet<string>): SheetRow | null {
  for (const r of rows.slice(0, 30)) {
    const cells = r.values.filter((v): v is string => v !== null);
    if (cells.length > 0 && cells.some((c) => expected.has(c.trim()))) return r;
  }
  return null;
}
