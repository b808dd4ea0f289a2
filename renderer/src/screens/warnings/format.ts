// How the warning screens write amounts and severities.
import type { Severity } from '../../../../electron/contract/models.ts';

/** DuckDB DECIMAL(18,2) as text → ¥1,234,567.00 (thousands separators in both languages); '—' when unknown. */
export function yuan(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const x = Number(amount);
  if (!Number.isFinite(x)) return String(amount);
  return `¥${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export const SEVERITIES: readonly Severity[] = ['red', 'orange', 'yellow'];
