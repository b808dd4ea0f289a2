import { createHash } from 'node:crypto';

/** A unified social credit code (GB 32100): 2 code characters, a 6-digit county, 10 code characters. */
export const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Organisation names compare without spaces and with half-width brackets. */
export function normalizeOrgName(name: string): string {
  return name.replace(/\s+/g, '').replaceAll('（', '(').replaceAll('）', ')');
}

/** The org_id Clearsight gives a new organisation: from its USCC when known, else from its normalised name. */
export function orgIdFor(uscc: string | null, name: string | null): string | null {
  const key = uscc && USCC.test(uscc) ? uscc : name ? `name:${normalizeOrgName(name)}` : null;
  if (key === null) return null;
  return `ORG-${createHash('sha256').update(key).digest('hex').slice(0, 12).toUpperCase()}`;
}
