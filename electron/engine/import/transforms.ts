// Value transforms that mapping profiles apply to source columns (issue 3): the forms Chinese data arrives in,
// turned into the canonical forms (ISO dates, plain CNY decimals, digit-only phones). Each returns null for an
// empty input and throws TransformError, with a reason an analyst can read, for a value it cannot convert.

export class TransformError extends Error {}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A date in any of the forms Chinese spreadsheets use, as ISO text: 2023年5月6日, 2023/5/6, 2023.5.6,
 * 2023-5-6, 20230506, an Excel serial day number (45052), each optionally followed by a time (14:30[:00]).
 */
export function chineseDate(input: string | number | null): string | null {
  if (input === null) return null;
  if (typeof input === 'number') return excelSerial(input);
  const s = input.trim().replace(/\s+/g, ' ');
  if (s === '') return null;
  // A bare number is an Excel day serial only in a plausible range (1954–2064): "2015" or "201503" is not a date.
  if (/^\d+(\.\d+)?$/.test(s) && !/^\d{8}$/.test(s)) {
    const n = Number(s);
    if (n < 20000 || n > 60000) throw new TransformError(`无法识别的日期 / not a date: ${input}`);
    return excelSerial(n);
  }
  const m = /^(\d{4})(?:年|[-/.])?(\d{1,2})(?:月|[-/.])?(\d{1,2})日?(?:[ T](\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?)?$/.exec(s);
  if (!m) throw new TransformError(`无法识别的日期 / not a date: ${input}`);
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  const date = new Date(Date.UTC(y!, mo! - 1, d!));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d) {
    throw new TransformError(`日期不存在 / no such date: ${input}`);
  }
  const iso = date.toISOString().slice(0, 10);
  if (h === undefined) return iso;
  if (h > 23 || mi! > 59 || (se ?? 0) > 59) throw new TransformError(`时间不存在 / no such time: ${input}`);
  return `${iso} ${pad(h)}:${pad(mi!)}:${pad(se ?? 0)}`;
}

function excelSerial(n: number): string {
  if (!Number.isFinite(n) || n < 1 || n > 2958465) throw new TransformError(`不是 Excel 日期序号 / not an Excel date serial: ${n}`);
  const ms = EXCEL_EPOCH_MS + Math.round(n * 86_400_000);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

const UNITS: Record<string, number> = { '元': 0, '万元': 4, '万': 4, '亿元': 8, '亿': 8 };

/**
 * An amount as a plain CNY decimal string, exactly (no floating point): '1,234.56', '￥1,234', '12.5万元'
 * → '125000', '0.3亿元' → '30000000', '(1,000.00)' → '-1000.00'.
 */
export function amountCny(input: string | number | null): string | null {
  if (input === null) return null;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new TransformError(`不是金额 / not an amount: ${input}`);
    return String(input);
  }
  let s = input.trim().replace(/\s/g, '').replace(/^[￥¥]/, '').replace(/^RMB/i, '');
  // Thousands separators must group by three: "12,5" is a decimal comma or a typo, not 125.
  const grouped = /^([(（-]?)(\d{1,3}(?:[,，]\d{3})+)(.*)$/.exec(s);
  if (grouped) s = grouped[1]! + grouped[2]!.replace(/[,，]/g, '') + grouped[3]!;
  if (/[,，]/.test(s)) throw new TransformError(`千分位分隔符位置不对 / misplaced thousands separator: ${input}`);
  if (s === '') return null;
  let negative = false;
  const paren = /^[(（](.*)[)）]$/.exec(s);
  if (paren) { negative = true; s = paren[1]!; }
  if (s.startsWith('-')) { negative = !negative; s = s.slice(1); }
  const m = /^(\d+)(?:\.(\d+))?(万元|亿元|元|万|亿)?$/.exec(s);
  if (!m) throw new TransformError(`不是金额 / not an amount: ${input}`);
  const shift = UNITS[m[3] ?? '元']!;
  const digits = m[1]! + (m[2] ?? '');
  const point = m[1]!.length + shift;
  const padded = digits.padEnd(point, '0');
  const whole = padded.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = padded.slice(point).replace(/0+$/, '');
  return `${negative && (whole !== '0' || frac !== '') ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** A phone number as digits only, without the country code: '+86 138-0013-8000' → '13800138000', '(0571) 8888-1234' → '057188881234'. */
export function phone(input: string | null): string | null {
  if (input === null) return null;
  let s = input.trim().replace(/[\s\-()（）.]/g, '');
  if (s === '') return null;
  s = s.replace(/^(\+86|0086)/, '');
  if (!/^\d{7,12}$/.test(s)) throw new TransformError(`不是电话号码 / not a phone number: ${input}`);
  return s;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
